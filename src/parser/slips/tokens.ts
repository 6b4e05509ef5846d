import { type IToken, tokenMatcher } from "chevrotain";
import type { Diagnostic, Span } from "../../language/index.js";
import { type FieldSpec, lookupField } from "../../language/index.js";
import { tokens as T } from "../../lexer/index.js";

/** What every slip reads of the tokens: where they end, what ends a condition, whose value a token is. */

export interface Slip {
  readonly span: Span;
  readonly diagnostic: Diagnostic;
  /** The text its hint writes anew (`status is pending`): what the checker finds there adds nothing. */
  readonly covers?: Span;
}

export function end(token: IToken): number {
  return token.startOffset + token.image.length;
}

/** Where the errors a slip explains may stand: up to the end of the token after `tokens[i]`, or of the text. */
export function through(tokens: readonly IToken[], i: number): number {
  const next = tokens[i + 1];
  return next === undefined ? Number.POSITIVE_INFINITY : end(next);
}

/** The errors' reach of a slip over the text from `tokens[i]` to `at`: `through` its last token. */
export function reach(tokens: readonly IToken[], i: number, at: number): Span {
  let last = i;
  while (tokens[last + 1] !== undefined && tokens[last + 1]!.startOffset < at) last++;
  return { start: tokens[i]!.startOffset, end: through(tokens, last) };
}

/** Tokens that end a condition or a sort field: what a keyword such as `and` or `limit` may follow. */
export function endsOperand(token: IToken | undefined): boolean {
  return (
    token !== undefined &&
    [T.Word, T.Integer, T.StringLiteral, T.DateLiteral, T.DateTime, T.Duration, T.RParen, T.Ago].some(
      (type) => tokenMatcher(token, type),
    )
  );
}

/**
 * Whether `tokens[at]` ends a condition: a value after its operator, or a `)`; a word alone
 * (`WHERE status = 1`) ends none.
 */
export function endsCondition(tokens: readonly IToken[], at: number): boolean {
  const token = tokens[at];
  if (token === undefined || !endsOperand(token)) return false;
  if (!tokenMatcher(token, T.Word)) return true;
  const before = tokens[at - 1];
  return before !== undefined && (tokenMatcher(before, T.ComparisonOp) || tokenMatcher(before, T.Contains));
}

/**
 * The keywords that may follow a condition or a sort field (a misspelt word there is one of them);
 * test/parser/slips.test.ts checks that each is a keyword of the token table.
 */
export const AFTER_OPERAND: readonly string[] = [
  "and",
  "or",
  "sort",
  "limit",
  "offset",
  "count",
  "asc",
  "desc",
];

/** A table's entry for a word as written: `__proto__` is none. */
export function entry(table: Readonly<Record<string, string>>, word: string): string | undefined {
  return Object.hasOwn(table, word) ? table[word] : undefined;
}

/** Where a value starts: after a comparison operator, `between`, an `in` list's `(` or one of its commas. */
export function startsValue(token: IToken | undefined): boolean {
  return (
    token !== undefined &&
    [T.ComparisonOp, T.Between, T.LParen, T.Comma].some((type) => tokenMatcher(token, type))
  );
}

export function isWordOrNumber(token: IToken | undefined): token is IToken {
  return token !== undefined && (tokenMatcher(token, T.Word) || tokenMatcher(token, T.Integer));
}

/** Tokens that stand between a field and its value: an operator, `not`, `in`, `between`, `contains`. */
const BEFORE_VALUE = [T.ComparisonOp, T.NotOp, T.In, T.Between, T.Contains];

/**
 * The field whose value starts at `tokens[i]`: the nearest word before it that an operator follows
 * (`f > v`, `f between a and v`, `f in (a, v)`); undefined when it is no field of the table.
 */
export function fieldOfValue(tokens: readonly IToken[], i: number): FieldSpec | undefined {
  const j = i < 2 ? -1 : fieldPlaces(tokens)[i - 2]!;
  return j < 0 ? undefined : lookupField(tokens[j]!.image);
}

/**
 * For each index k, the last index at or before k of a word an operator follows (-1 for none): one
 * pass over the tokens, made on first use for the tokens the slips read now, where looking back
 * from every token was quadratic in a long text of slips (test/hardening: 64 KiB within its time
 * bound). The parser reuses its token arrays, so `readingTokens` forgets it for each text.
 */
let placesOf: { readonly tokens: readonly IToken[]; readonly places: Int32Array } | undefined;

/** Called before the slips read a text's tokens. */
export function readingTokens(): void {
  placesOf = undefined;
}

function fieldPlaces(tokens: readonly IToken[]): Int32Array {
  if (placesOf?.tokens === tokens) return placesOf.places;
  const places = new Int32Array(tokens.length);
  let last = -1;
  for (let k = 0; k < tokens.length; k++) {
    const next = tokens[k + 1];
    if (
      next !== undefined &&
      tokenMatcher(tokens[k]!, T.Word) &&
      BEFORE_VALUE.some((type) => tokenMatcher(next, type))
    ) {
      last = k;
    }
    places[k] = last;
  }
  placesOf = { tokens, places };
  return places;
}

/** The index of the `)` that closes the `(` at `open`, if there is one. */
export function closingParen(tokens: readonly IToken[], open: number): number | undefined {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (tokenMatcher(tokens[j]!, T.LParen)) depth++;
    else if (tokenMatcher(tokens[j]!, T.RParen) && --depth === 0) return j;
  }
  return undefined;
}
