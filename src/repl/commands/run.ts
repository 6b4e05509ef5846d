import { nearestName } from "../../language/index.js";
import type { Handler } from "./handler.js";

/** `.run <name>`: runs a saved query. */
export const run: Handler = async (session, arg, signal) => {
  const name = arg.trim();
  if (name === "") {
    session.problem("usage: .run <name> (.saved lists them)");
    return;
  }
  if (/\s/.test(name)) {
    session.problem(`.run takes one name, not '${name}' (.saved lists them)`);
    return;
  }
  const query = session.saved.get(name);
  if (query === undefined) {
    const near = nearestName(name, Object.keys(session.saved.all()));
    session.problem(
      `no saved query '${name}'${near === undefined ? "" : `; did you mean '${near}'?`} (.saved lists them)`,
    );
    return;
  }
  session.note(query);
  await session.run(query, signal);
};
