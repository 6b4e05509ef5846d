import type { Handler } from "./handler.js";

/** `.saved`: the saved queries. */
export const saved: Handler = (session) => {
  const all = Object.entries(session.saved.all());
  if (all.length === 0) {
    session.note(`no saved queries yet (.save <name> <query>; kept in ${session.saved.path})`);
    return;
  }
  const width = Math.max(...all.map(([n]) => n.length));
  session.out(all.map(([name, query]) => `${session.c.cyan(name.padEnd(width))}  ${query}`).join("\n"));
};
