import { accountConnection, baseUrlProblem, type Connection } from "../../app/index.js";
import { displayUrl } from "../../text/index.js";
import type { Session } from "../session.js";
import type { Handler } from "./handler.js";

/**
 * `.key [URL]`: reads an API key without echo, checks it against the API (at URL, else the URL the shell
 * started with) and searches that account.
 */
export const key: Handler = async (session, arg) => {
  const baseUrl = arg.trim() || session.baseUrl;
  const urlProblem = baseUrlProblem(baseUrl);
  // Piped, the key is on the next line, which must be read all the same (it is never a query).
  if (urlProblem !== undefined && session.io.interactive) {
    session.problem(urlProblem);
    return;
  }
  const entered = (await session.hooks.readSecret("API key (not shown): "))?.trim();
  if (entered === undefined || entered === "") {
    session.note("no key entered; nothing changed");
    return;
  }
  const connection = accountConnection(entered, baseUrl);
  if (!connection.ok) {
    session.problem(connection.message);
    return;
  }
  await session.hooks.task(async (signal) => {
    if (!(await keyWorks(session, connection.value, signal))) return;
    session.switchTo(connection.value);
    session.note(`using your account at ${displayUrl(baseUrl)} (.demo goes back to the demo data)`);
  });
};

/** Asks the API for the agents with the new key; says why when it cannot be used. */
async function keyWorks(session: Session, connection: Connection, signal: AbortSignal): Promise<boolean> {
  const slow = setTimeout(() => {
    if (!signal.aborted)
      session.progress.show(`checking the key at ${displayUrl(connection.baseUrl)}… (Ctrl-C cancels)`);
  }, 300);
  try {
    await connection.client.listAgents({ signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]) });
    return true;
  } catch (error) {
    if (signal.aborted) throw error;
    session.progress.clear();
    const reason = error instanceof Error ? error.message : String(error);
    session.problem(`could not use the key: ${reason}; searches still go to ${stillSearched(session)}`);
    return false;
  } finally {
    clearTimeout(slow);
    session.progress.clear();
  }
}

/** What the shell searches while a new key is refused: the account in use, else the demo data. */
function stillSearched(session: Session): string {
  const current = session.connection;
  return current?.mode === "account" ? `your account at ${displayUrl(current.baseUrl)}` : "the demo data";
}
