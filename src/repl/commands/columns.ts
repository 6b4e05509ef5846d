import { fitToColumns } from "../../language/index.js";
import { columnsOf, hasColumns, parseColumns, shownColumns } from "../../output/index.js";
import type { Handler } from "./handler.js";

/** `.columns [a,b,c|reset]`: shows or chooses the columns of the table (of CSV in that format). */
export const columns: Handler = (session, arg) => {
  const text = arg.trim();
  const format = session.format;
  if (!hasColumns(format)) {
    session.problem(`the ${format} format has no columns to choose (table and csv have)`);
    return;
  }
  if (text === "") {
    const shown = shownColumns(session.columns, format);
    const hidden = columnsOf(format).filter((c) => !shown.includes(c));
    // Broken at spaces at a terminal, as a note is (never mid-word by the terminal).
    session.out(fitToColumns(`${format} columns: ${shown.join(", ")}`, session.terminalColumns()));
    if (hidden.length > 0) {
      session.note(
        `not shown: ${hidden.join(", ")} (.columns a,b,c chooses; .columns reset gives the default)`,
      );
    }
    return;
  }
  if (text.toLowerCase() === "reset") {
    const { [format]: _dropped, ...others } = session.columns;
    session.columns = others;
    session.note(`${format} columns: ${shownColumns(others, format).join(", ")}`);
    return;
  }
  const chosen = parseColumns(format, text);
  if (!chosen.ok) {
    session.problem(chosen.message);
    return;
  }
  session.columns = { ...session.columns, ...chosen.value };
  session.note(`${format} columns: ${shownColumns(session.columns, format).join(", ")}`);
};
