import type { Handler } from "./handler.js";

/** `.unsave <name>`: forgets a saved query. */
export const unsave: Handler = (session, arg) => {
  const name = arg.trim();
  if (name === "") {
    session.problem("usage: .unsave <name> (.saved lists them)");
    return;
  }
  if (session.saved.remove(name)) session.note(`forgot '${name}'`);
  else session.problem(`no saved query '${name}' (.saved lists them)`);
};
