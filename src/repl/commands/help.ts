import { wrapWords } from "../../language/index.js";
import { COMMAND_INFO } from "../command-info.js";
import type { Handler } from "./handler.js";

const INTRO = "Type a query and press Enter; Tab completes, Ctrl-R searches the history, Ctrl-C cancels.";

/** `.help`: how to use the shell and every dot-command; on a terminal, each text fitted to its width. */
export const help: Handler = (session) => {
  const names = Object.entries(COMMAND_INFO).map(([name, c]) => [
    `.${name}${c.args ? ` ${c.args}` : ""}`,
    c.help,
  ]);
  const width = Math.max(...names.map(([n]) => n!.length));
  const { c } = session;
  const columns = session.terminalColumns();
  const indent = " ".repeat(width + 4);
  // Room for a command's text beside its name; too little (a very narrow terminal): one line each.
  const room = columns === undefined ? undefined : columns - indent.length;
  const text = (h: string) => (room === undefined || room < 20 ? h : wrapWords(h, room).join(`\n${indent}`));
  session.out(
    [
      ...(columns === undefined ? [INTRO] : wrapWords(INTRO, columns)),
      `  ${c.cyan("status = pending and createdAt > 7d ago sort by lastMessageAt desc")}`,
      "",
      ...names.map(([n, h]) => `  ${n!.padEnd(width)}  ${c.dim(text(h!))}`),
    ].join("\n"),
  );
};
