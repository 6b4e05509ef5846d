import type { Handler } from "./handler.js";

/** `.fix`: runs the last query as the fixes its diagnostics carry make it (what `did you mean` said). */
export const fix: Handler = async (session, _arg, signal) => {
  const fixed = session.fixedQuery;
  if (fixed === undefined) {
    session.note(
      session.lastQuery === undefined
        ? "nothing to fix: run a query first"
        : "nothing to fix: the last query ran as written, or no fix its diagnostics suggest makes it run",
    );
    return;
  }
  session.hooks.remember(fixed);
  session.out(fixed);
  await session.run(fixed, signal);
};
