import type { Handler } from "./handler.js";

/** `.run <name>`: runs a saved query. */
export const run: Handler = async (session, arg, signal) => {
  const name = arg.trim();
  if (name === "") {
    session.problem("usage: .run <name> (.saved lists them)");
    return;
  }
  const query = session.saved.get(name);
  if (query === undefined) {
    session.problem(`no saved query '${name}' (.saved lists them)`);
    return;
  }
  session.note(query);
  await session.run(query, signal);
};
