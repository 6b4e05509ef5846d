import type { Handler } from "./handler.js";

/** `.x [on|off]` (also `\x`): one field per line instead of the table, as psql's expanded display. */
export const expanded: Handler = (session, arg) => {
  const word = arg.trim().toLowerCase();
  if (word !== "" && word !== "on" && word !== "off") {
    session.problem(`.x takes on or off (or nothing, to switch), not '${arg.trim()}'`);
    return;
  }
  session.expanded = word === "" ? !session.expanded : word === "on";
  const format = session.format === "table" ? "" : ` (for the table format; the format is ${session.format})`;
  session.note(`expanded display: ${session.expanded ? "on" : "off"}${format}`);
};
