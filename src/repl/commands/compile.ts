import { type Handler, needQuery } from "./handler.js";

/** `.compile <query>`: the request bodies a query sends. */
export const compile: Handler = async (session, arg) => {
  if (!needQuery(session, arg, ".compile <query>")) return;
  const result = await session.compile(arg);
  session.showDiagnostics(arg, result.diagnostics, result.ok ? undefined : result.tooLarge);
  if (!result.ok) return;
  if (result.requests.length === 0) session.note("no request: the query can never match");
  for (const body of result.requests) session.out(session.engine.bodyJson(body));
};
