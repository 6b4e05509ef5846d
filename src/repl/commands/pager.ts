import type { Handler } from "./handler.js";

/** `.pager [on|off]`: whether results taller than the terminal go through `$PAGER` (else `less -SRFX`). */
export const pager: Handler = (session, arg) => {
  const word = arg.trim().toLowerCase();
  if (word === "on" || word === "off") session.pager = word === "on";
  else if (word !== "") {
    session.problem(`.pager takes on or off, not '${arg.trim()}'`);
    return;
  }
  const say = word === "" ? (text: string) => session.out(text) : (text: string) => session.note(text);
  say(pagerState(session.pager, session.pagerCommand(), session.io.stdout.isTTY === true));
};

function pagerState(on: boolean, command: string | undefined, terminal: boolean): string {
  if (!on) return "pager: off";
  if (!terminal) return "pager: on (not used: the output is not a terminal)";
  if (command === undefined) return "pager: on (not used: $PAGER is empty)";
  return `pager: on (${command}, for results taller than the terminal)`;
}
