import { editorCommand, editText } from "../edit-file.js";
import type { Handler } from "./handler.js";

/**
 * `.edit`: opens the query being typed (an unfinished one) or else the last one run in `$VISUAL` or
 * `$EDITOR`, and runs what is saved; an unchanged or empty file runs nothing (as psql's `\e`).
 */
export const edit: Handler = async (session, _arg, signal) => {
  const draft = session.hooks.takeDraft();
  const command = editorCommand(session.io.env);
  if (command === undefined) {
    session.problem("no editor: set $VISUAL or $EDITOR (for example, export EDITOR=nano)");
    return;
  }
  const before = draft ?? session.lastQuery ?? "";
  const edited = await session.hooks.handOver(() => editText(command, before, session.io.env));
  if (!edited.ok) {
    session.problem(edited.message);
    return;
  }
  const query = edited.text.trim();
  if (query === "") {
    session.note("the file is empty: nothing runs");
    return;
  }
  if (query === before.trim()) {
    session.note("unchanged: nothing runs");
    return;
  }
  session.hooks.remember(query);
  session.out(query);
  await session.run(query, signal);
};
