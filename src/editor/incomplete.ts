import { type IToken, tokenMatcher } from "chevrotain";
import { tokens as T, tokenize } from "../lexer/index.js";

/**
 * Whether the text typed so far is a query that goes on, so the shell asks for another line
 * (`...> `) instead of running it: an open parenthesis, a trailing `and`/`or`/`not`, operator, `in`,
 * `between x` without `and y`, `sort by` or `limit` without what follows. A blank last line always
 * ends the input (so an error can be seen), and so does a string left open.
 */
export function isIncomplete(text: string): boolean {
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1]!.trim() === "") return false;
  const { tokens } = tokenize(text);
  const last = tokens[tokens.length - 1];
  if (last === undefined) return false;
  // Strings hold no line breaks: a string left open never ends on a later line, so it is reported now.
  if (last.tokenType === T.UnterminatedString) return false;
  if (keywordAsValue(tokens)) return false;
  if (openParens(tokens) > 0) return true;
  if (TRAILING.has(last.tokenType)) return true;
  return betweenWaiting(tokens);
}

const TRAILING = new Set([
  T.And,
  T.AmpAmp,
  T.Or,
  T.PipePipe,
  T.Not,
  T.Bang,
  ...T.COMPARISON_TOKENS,
  T.In,
  T.Between,
  T.Contains,
  T.Sort,
  T.Order,
  T.By,
  T.Limit,
  T.Offset,
  T.Comma,
  T.Plus,
  T.Minus,
]);

/** Where a value must stand, a clause keyword is an error no further line can mend (`tags = limit`). */
const CLAUSE_KEYWORDS = new Set([T.Limit, T.Offset, T.Sort, T.Order]);
const VALUE_EXPECTED = new Set([...T.COMPARISON_TOKENS, T.Contains, T.Between, T.Comma]);

function keywordAsValue(tokens: readonly IToken[]): boolean {
  const last = tokens[tokens.length - 1]!;
  const before = tokens[tokens.length - 2];
  return CLAUSE_KEYWORDS.has(last.tokenType) && before !== undefined && VALUE_EXPECTED.has(before.tokenType);
}

function openParens(tokens: readonly IToken[]): number {
  let depth = 0;
  for (const t of tokens) {
    if (t.tokenType === T.LParen) depth++;
    else if (t.tokenType === T.RParen && depth > 0) depth--;
  }
  return depth;
}

/** `between x` with no `and y` yet: the last `between` has not seen its `and`. */
function betweenWaiting(tokens: readonly IToken[]): boolean {
  let at = -1;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i]!.tokenType === T.Between) {
      at = i;
      break;
    }
  }
  if (at < 0) return false;
  for (let i = at + 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (tokenMatcher(token, T.AndOp) || STOPS.has(token.tokenType)) return false;
  }
  return true;
}

/** Tokens that cannot be part of a `between` bound: the query went on without the `and`. */
const STOPS = new Set([T.Or, T.PipePipe, T.RParen, T.Sort, T.Order, T.Limit, T.Offset, T.Comma, T.In]);
