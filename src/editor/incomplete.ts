import type { Diagnostic } from "../language/index.js";
import { assertNever, lookupField } from "../language/index.js";
import { type Expr, loneWord, parse, type Query } from "../parser/index.js";

/**
 * Whether the text typed so far is a query that goes on, so the shell asks for another line
 * (`...> `) instead of running it: the text parses but for what is missing at its end (an open
 * parenthesis, a trailing `and` or operator, `between x` without `and y`, `sort by` without a field).
 * A blank last line always ends the input, so that an error can be seen. An error before the end
 * ends it too, as no later line can mend it: a string left open (strings hold no line breaks), a
 * clause keyword where a value must stand (`tags = limit`), which the parser reports at the keyword,
 * or a field the table does not know (`clear`, `asignee =`), which the checker would report, or a
 * word right after a finished value (`status = pending foo`, `createdAt > this month`), which the
 * parser's slips report at the word: nothing on a later line makes a query of it.
 */
export function isIncomplete(text: string): boolean {
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1]!.trim() === "") return false;
  const { query, diagnostics } = parse(text);
  return (
    diagnostics.length > 0 &&
    diagnostics.every((d) => isAtEnd(d, text)) &&
    !fieldNames(query, text).some((name) => name !== "" && lookupField(name) === undefined)
  );
}

/** A syntax error at the end of the input: what the parser expected next is still to come. */
function isAtEnd(diagnostic: Diagnostic, text: string): boolean {
  return diagnostic.code === "syntax" && diagnostic.span.start === text.length;
}

/**
 * The fields a query names: its predicates', its sort's and its groups', and a lone word standing
 * where a predicate begins (`status` before its operator is typed), which the parser keeps as an error.
 * A field still to come (`sort by`) is an empty name.
 */
function fieldNames(query: Query, text: string): string[] {
  const names = [
    ...(query.sort ? [query.sort.field.name] : []),
    ...(query.count?.groups ?? []).map((group) => group.field.name),
  ];
  // A stack, not recursion: parentheses may nest as deep as the parser allows.
  const pending: Expr[] = query.condition ? [query.condition] : [];
  for (let expr = pending.pop(); expr !== undefined; expr = pending.pop()) {
    switch (expr.kind) {
      case "and":
      case "or":
        for (const operand of expr.operands) pending.push(operand);
        break;
      case "not":
        pending.push(expr.operand);
        break;
      case "comparison":
      case "in":
      case "between":
      case "contains":
        names.push(expr.field.name);
        break;
      case "error": {
        const word = loneWord(expr, text);
        if (word !== undefined) names.push(word);
        break;
      }
      default:
        assertNever(expr);
    }
  }
  return names;
}
