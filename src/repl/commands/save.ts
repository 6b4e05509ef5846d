import { SAVED_NAME } from "../../app/index.js";
import type { Session } from "../session.js";
import type { Handler } from "./handler.js";

/** `.save <name> <query>`: keeps a query that compiles under a name; asks before replacing one. */
export const save: Handler = (session, arg) => saveQuery(session, arg, false);

/** `.save! <name> <query>`: the same, replacing a query of that name without asking. */
export const saveReplacing: Handler = (session, arg) => saveQuery(session, arg, true);

async function saveQuery(session: Session, arg: string, replace: boolean): Promise<void> {
  const match = /^(\S+)\s+([\s\S]+)$/.exec(arg.trim());
  if (!match) {
    session.problem(`usage: .save${replace ? "!" : ""} <name> <query>`);
    return;
  }
  const [, name, query] = match as unknown as [string, string, string];
  // `.save status = pending`: the name was left out, and the field taken for it.
  if (/^\s*(?:[=!<>~]|in\b|between\b|contains\b)/i.test(query)) {
    session.problem(`usage: .save <name> <query>: the query comes after a name ('${name}' reads as one)`);
    return;
  }
  if (!SAVED_NAME.test(name)) {
    session.problem(`a name is ASCII letters (a–z, A–Z), digits, '_', '.' or '-', not '${name}'`);
    return;
  }
  const result = await session.compile(query);
  session.showDiagnostics(query, result.diagnostics, result.ok ? undefined : result.tooLarge);
  if (!result.ok) {
    session.note("not saved: fix the query first");
    return;
  }
  if (!replace && !(await mayReplace(session, name))) return;
  session.saved.save(name, query.trim());
  session.note(`saved '${name}' (.run ${name})`);
}

/** Whether a query may be saved under `name`: no query has it, or the user says to replace it. */
async function mayReplace(session: Session, name: string): Promise<boolean> {
  const old = session.saved.get(name);
  if (old === undefined) return true;
  const answer = await session.hooks.ask(`'${name}' is saved as: ${old}\nreplace it? [y/N] `);
  if (answer === undefined) {
    session.problem(`'${name}' is already saved (as: ${old}); .save! ${name} <query> replaces it`);
    return false;
  }
  if (/^\s*y(es)?\s*$/i.test(answer)) return true;
  session.note(`not saved: '${name}' kept as it was`);
  return false;
}
