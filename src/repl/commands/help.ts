import { COMMAND_INFO } from "../command-info.js";
import type { Handler } from "./handler.js";

/** `.help`: how to use the shell and every dot-command. */
export const help: Handler = (session) => {
  const names = Object.entries(COMMAND_INFO).map(([name, c]) => [
    `.${name}${c.args ? ` ${c.args}` : ""}`,
    c.help,
  ]);
  const width = Math.max(...names.map(([n]) => n!.length));
  const { c } = session;
  session.out(
    [
      "Type a query and press Enter; Tab completes, Ctrl-R searches the history, Ctrl-C cancels.",
      `  ${c.cyan("status = pending and createdAt > 7d ago sort by lastMessageAt desc")}`,
      "",
      ...names.map(([n, h]) => `  ${n!.padEnd(width)}  ${c.dim(h!)}`),
    ].join("\n"),
  );
};
