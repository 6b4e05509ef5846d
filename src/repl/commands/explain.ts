import { type Handler, needQuery } from "./handler.js";

/** `.explain <query>`: how a query becomes requests, and why. */
export const explain: Handler = async (session, arg) => {
  if (!needQuery(session, arg, ".explain <query>")) return;
  const explanation = session.engine.explain(arg, session.compileOptions());
  session.showDiagnostics(arg, explanation.diagnostics, explanation.tooLarge);
  // Sentences fit the terminal; the shell has no way to ask for every match, so none is offered.
  const width = session.terminalColumns();
  if (explanation.ok) session.out(session.engine.renderExplanation(explanation, { width }));
};
