import { SAVED_NAME } from "../saved.js";
import type { Handler } from "./handler.js";

/** `.save <name> <query>`: keeps a query that compiles under a name. */
export const save: Handler = async (session, arg) => {
  const match = /^(\S+)\s+([\s\S]+)$/.exec(arg.trim());
  if (!match) {
    session.problem("usage: .save <name> <query>");
    return;
  }
  const [, name, query] = match as unknown as [string, string, string];
  if (!SAVED_NAME.test(name)) {
    session.problem(`a name is letters, digits, '_', '.' or '-', not '${name}'`);
    return;
  }
  const result = await session.compile(query);
  session.showDiagnostics(query, result.diagnostics);
  if (!result.ok) {
    session.note("not saved: fix the query first");
    return;
  }
  session.saved.save(name, query.trim());
  session.note(`saved '${name}' (.run ${name})`);
};
