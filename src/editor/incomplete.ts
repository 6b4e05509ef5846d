import type { Diagnostic } from "../language/diagnostics.js";
import { parse } from "../parser/index.js";

/**
 * Whether the text typed so far is a query that goes on, so the shell asks for another line
 * (`...> `) instead of running it: the text parses but for what is missing at its end (an open
 * parenthesis, a trailing `and` or operator, `between x` without `and y`, `sort by` without a field).
 * A blank last line always ends the input, so that an error can be seen. An error before the end
 * ends it too, as no later line can mend it: a string left open (strings hold no line breaks) or a
 * clause keyword where a value must stand (`tags = limit`), which the parser reports at the keyword.
 */
export function isIncomplete(text: string): boolean {
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1]!.trim() === "") return false;
  const { diagnostics } = parse(text);
  return diagnostics.length > 0 && diagnostics.every((d) => isAtEnd(d, text));
}

/** A syntax error at the end of the input: what the parser expected next is still to come. */
function isAtEnd(diagnostic: Diagnostic, text: string): boolean {
  return diagnostic.code === "syntax" && diagnostic.span.start === text.length;
}
