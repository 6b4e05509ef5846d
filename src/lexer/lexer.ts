import { createTokenInstance, type IToken, type TokenType, tokenMatcher } from "chevrotain";
import type { Span } from "../language/index.js";
import {
  DAYS_A_MONTH,
  DAYS_A_YEAR,
  type Diagnostic,
  DURATION_UNIT_NAMES,
  DURATION_UNITS,
  diagnostic,
  displayName,
  FIELD_NAMES,
  type FixingHint,
  fixingHint,
  foldName,
  hint,
  lookupField,
  MAX_DIAGNOSTICS,
  nearestName,
  operatorWord,
  quote,
  spokenList,
  suggest,
} from "../language/index.js";
import { type ScanError, type ScanResult, scan, type TokenPool } from "./scan.js";
import * as T from "./tokens.js";

export interface TokenizeResult {
  /** The tokens the parser reads (whitespace and comments left out). */
  readonly tokens: IToken[];
  /** `#` comments, for highlighting. */
  readonly comments: IToken[];
  readonly diagnostics: Diagnostic[];
}

/**
 * The decoded text of a string token (escapes resolved, quotes removed), computed once by `tokenize`
 * and kept as its `payload`: the string itself, not an object around it (bench row `flat-or-scaling`).
 */
export function stringValue(token: IToken): string | undefined {
  return typeof token.payload === "string" ? token.payload : undefined;
}

/** Splits query text into tokens; problems become `syntax` diagnostics and lexing goes on. */
export function tokenize(text: string, reuse?: TokenPool): TokenizeResult {
  const diagnostics: Diagnostic[] = [];
  const scanned = scan(text, reuse);
  // `--` is never HCQL, and `/` starts nothing: the search for them is one native scan when absent.
  const uncommented = mayHoldForeignComment(text, scanned)
    ? cutForeignComments(text, scanned, diagnostics)
    : scanned;
  const straightened =
    uncommented.errors.length > 0 && CURLY_QUOTE.test(text)
      ? straightenQuotes(text, uncommented, diagnostics)
      : uncommented;
  const signs = straightened.errors.length;
  const result =
    signs > 0 && signs <= MAX_SLIPS_READ && MATH_OPERATOR.test(text)
      ? asciiOperators(text, straightened, diagnostics)
      : straightened;
  const glued =
    result.errors.length === 0 ? result.tokens : glue(text, result.tokens, result.errors, diagnostics);
  const tokens = joinSpacedDurations(text, glued);
  // Indexed, not for-of: run once per query over every token, this loop is mostly unoptimized code,
  // where for-of allocates an iterator result per step (bench row `flat-or-scaling`).
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    const type = token.tokenType;
    if (type === T.DoubleString || type === T.SingleString) {
      token.payload = decodeString(token, text, diagnostics, token.image.length - 1);
    } else if (type === T.UnterminatedString) {
      const end = token.startOffset + token.image.length;
      diagnostics.push(
        diagnostic("unterminatedString", { start: token.startOffset, end }, [token.image[0]!]),
      );
      token.payload = decodeString(token, text, diagnostics, token.image.length);
    } else if (type === T.BadDuration) {
      diagnostics.push(badDuration(token));
    }
  }
  // A doubled quote is looked for in the text first: one native scan, no pass over the tokens
  // (bench row `flat-or-scaling`).
  const doubled = (text.includes("''") || text.includes('""')) && hasAdjacentStrings(tokens);
  const joined = doubled ? joinDoubledQuotes(text, tokens, diagnostics) : tokens;
  // Lexer errors come first from chevrotain; keep every diagnostic in text order.
  if (diagnostics.length > 1) diagnostics.sort((a, b) => a.span.start - b.span.start);
  return {
    tokens: joined,
    comments: result.comments,
    diagnostics,
  };
}

function isString(token: IToken | undefined): boolean {
  return token !== undefined && (token.tokenType === T.DoubleString || token.tokenType === T.SingleString);
}

/** Whether `next` is a string in the same quotes as the string `before`, beginning where it ends (`'it''s'`). */
function doublesQuote(before: IToken, next: IToken | undefined): boolean {
  return (
    isString(before) &&
    isString(next) &&
    next!.startOffset === endOf(before) &&
    next!.image[0] === before.image[0]
  );
}

function hasAdjacentStrings(tokens: readonly IToken[]): boolean {
  for (let t = 1; t < tokens.length; t++) if (doublesQuote(tokens[t - 1]!, tokens[t])) return true;
  return false;
}

/**
 * `'it''s'`, as SQL writes a quote inside a string: the strings that touch are one, with the quote
 * between them, said once with the string HCQL writes (`"it's"`) as fix; the parser then sees a value.
 */
function joinDoubledQuotes(text: string, tokens: readonly IToken[], diagnostics: Diagnostic[]): IToken[] {
  const out: IToken[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const first = tokens[t]!;
    let last = first;
    let value = stringValue(first);
    while (doublesQuote(last, tokens[t + 1])) {
      last = tokens[++t]!;
      value = `${value ?? ""}${first.image[0]}${stringValue(last) ?? ""}`;
    }
    if (last === first) {
      out.push(first);
      continue;
    }
    const span = { start: first.startOffset, end: endOf(last) };
    const image = text.slice(span.start, span.end);
    const joined = createTokenInstance(first.tokenType, image, span.start, span.end - 1, NaN, NaN, NaN, NaN);
    joined.payload = value;
    out.push(joined);
    const fix = quote(value ?? "");
    diagnostics.push(told(diagnostic("doubledQuote", span, [image, first.image[0]!], suggest(span, fix))));
  }
  return out;
}

/** The lexer's diagnostics that tell a slip of their own (a `--` comment, typographic quotes). */
const TOLD = new WeakSet<Diagnostic>();

function told(d: Diagnostic): Diagnostic {
  TOLD.add(d);
  return d;
}

/**
 * Whether the lexer told this diagnostic as a slip of its own: the parser's slips, which stand in for
 * the syntax errors within their reach, leave it as it is.
 */
export function isToldByLexer(d: Diagnostic): boolean {
  return TOLD.has(d);
}

function mayHoldForeignComment(text: string, result: ScanResult): boolean {
  return text.includes("--") || (result.errors.length > 0 && text.includes("/"));
}

/**
 * SQL's `-- …` and C's `// …` and `/* … *\/` comments: each is said once (a comment starts with
 * `#`) and read as the comment it was meant to be, so its words raise nothing more.
 */
function cutForeignComments(text: string, result: ScanResult, diagnostics: Diagnostic[]): ScanResult {
  const cuts: { start: number; end: number }[] = [];
  for (const start of foreignCommentStarts(text, result)) {
    if (cuts.length > 0 && start < cuts[cuts.length - 1]!.end) continue;
    const opener = text.slice(start, start + 2);
    const end = opener === "/*" ? blockCommentEnd(text, start) : lineEnd(text, start);
    cuts.push({ start, end });
    diagnostics.push(told(diagnostic("foreignComment", { start, end: start + 2 }, [opener])));
  }
  if (cuts.length === 0) return result;
  const comments = [
    ...outsideCuts(result.comments, (c) => c.startOffset, cuts),
    ...cuts.map((cut) => commentToken(text.slice(cut.start, cut.end), cut.start)),
  ].sort((a, b) => a.startOffset - b.startOffset);
  return {
    tokens: outsideCuts(result.tokens, (t) => t.startOffset, cuts),
    comments,
    errors: outsideCuts(result.errors, (e) => e.offset, cuts),
  };
}

/** The items (in text order) that start outside every cut (in text order): one walk over both. */
function outsideCuts<Item>(
  items: readonly Item[],
  offsetOf: (item: Item) => number,
  cuts: readonly { start: number; end: number }[],
): Item[] {
  const kept: Item[] = [];
  let c = 0;
  for (const item of items) {
    const offset = offsetOf(item);
    while (c < cuts.length && cuts[c]!.end <= offset) c++;
    if (c === cuts.length || offset < cuts[c]!.start) kept.push(item);
  }
  return kept;
}

/** Where `--` (two `-` tokens side by side, blanks around), `//` or `/*` (stray characters) start, in text order. */
function foreignCommentStarts(text: string, result: ScanResult): number[] {
  const starts: number[] = [];
  const tokens = result.tokens;
  for (let t = 0; t + 1 < tokens.length; t++) {
    const token = tokens[t]!;
    const next = tokens[t + 1]!;
    if (
      token.tokenType === T.Minus &&
      next.tokenType === T.Minus &&
      next.startOffset === token.startOffset + 1 &&
      standsApart(text, token.startOffset, token.startOffset + 2)
    ) {
      starts.push(token.startOffset);
      t++;
    }
  }
  for (const error of result.errors) {
    if (/^\/[/*]/.test(text.slice(error.offset, error.offset + 2))) starts.push(error.offset);
  }
  return starts.sort((a, b) => a - b);
}

/** `--` with blanks around it: a comment meant; `now--7d` is a minus too many, said as such. */
function standsApart(text: string, start: number, end: number): boolean {
  return (start === 0 || /\s/.test(text[start - 1]!)) && (end === text.length || /\s/.test(text[end]!));
}

function lineEnd(text: string, start: number): number {
  const end = text.slice(start).search(/[\r\n]/);
  return end === -1 ? text.length : start + end;
}

function blockCommentEnd(text: string, start: number): number {
  const close = text.indexOf("*/", start + 2);
  return close === -1 ? text.length : close + 2;
}

function commentToken(image: string, start: number): IToken {
  return createTokenInstance(T.Comment, image, start, start + image.length - 1, NaN, NaN, NaN, NaN);
}

/** The quotes a word processor or a chat app types for `"` and `'`. */
const CURLY_QUOTES = "\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb";
const CURLY_QUOTE = new RegExp(`[${CURLY_QUOTES}]`);
/** Where a text in typographic quotes ends: the next such quote, or the line's end (no string). */
const CLOSING_QUOTE = new RegExp(`[${CURLY_QUOTES}\\r\\n]`);

/**
 * `tags = “VIP”`, pasted from a document or a chat: each text in typographic quotes is said once
 * (with the straight-quoted string as hint) and read as the string it was meant to be, so the words
 * inside raise nothing more. A quote with no closing one on its line is left to be told as it is.
 */
function straightenQuotes(text: string, result: ScanResult, diagnostics: Diagnostic[]): ScanResult {
  const strings: IToken[] = [];
  for (const error of result.errors) {
    const start = error.offset;
    if (!CURLY_QUOTE.test(text[start]!) || (strings.length > 0 && start < endOf(strings.at(-1)!))) continue;
    const close = text.slice(start + 1).search(CLOSING_QUOTE);
    const end = close === -1 ? -1 : start + 1 + close;
    if (end === -1 || !CURLY_QUOTE.test(text[end]!)) continue;
    const image = text.slice(start, end + 1);
    const inner = image.slice(1, -1);
    strings.push(createTokenInstance(T.DoubleString, image, start, end, NaN, NaN, NaN, NaN));
    diagnostics.push(
      told(
        diagnostic(
          "curlyQuotes",
          { start, end: end + 1 },
          [image],
          suggest({ start, end: end + 1 }, quote(inner)),
        ),
      ),
    );
  }
  if (strings.length === 0) return result;
  const cuts = strings.map((s) => ({ start: s.startOffset, end: endOf(s) }));
  return {
    tokens: [...outsideCuts(result.tokens, (t) => t.startOffset, cuts), ...strings].sort(
      (a, b) => a.startOffset - b.startOffset,
    ),
    comments: result.comments,
    errors: outsideCuts(result.errors, (e) => e.offset, cuts),
  };
}

/**
 * The most stray runs that are read as what they were meant to be (a sign as its operator, a word in
 * another script as a value): beyond as many as are shown, text is no slip of a person's, and each
 * such token would be one more for the parser to recover over (the hardening tests' 64 KiB bound).
 */
const MAX_SLIPS_READ = MAX_DIAGNOSTICS;

/** Comparison signs as mathematics writes them, and how HCQL writes each. */
const MATH_OPERATORS: Readonly<Record<string, { readonly image: string; readonly type: TokenType }>> = {
  "≠": { image: "!=", type: T.NotEquals },
  "≤": { image: "<=", type: T.LessEq },
  "⩽": { image: "<=", type: T.LessEq },
  "≥": { image: ">=", type: T.GreaterEq },
  "⩾": { image: ">=", type: T.GreaterEq },
};
const MATH_OPERATOR = new RegExp(`[${Object.keys(MATH_OPERATORS).join("")}]`);

/**
 * `status ≠ pending`, typed on a keyboard that has the sign or pasted from a document: each sign alone
 * is said once (with HCQL's operator as hint and fix) and read as that operator, so the rest of the
 * query raises nothing more.
 */
function asciiOperators(text: string, result: ScanResult, diagnostics: Diagnostic[]): ScanResult {
  const operators: IToken[] = [];
  for (const error of result.errors) {
    const sign = MATH_OPERATORS[text.slice(error.offset, error.offset + error.length)];
    if (sign === undefined) continue;
    const span = { start: error.offset, end: error.offset + error.length };
    const written = text.slice(span.start, span.end);
    operators.push(createTokenInstance(sign.type, written, span.start, span.end - 1, NaN, NaN, NaN, NaN));
    diagnostics.push(
      told(diagnostic("mathOperator", span, [written, sign.image], suggest(span, sign.image))),
    );
  }
  if (operators.length === 0) return result;
  const cuts = operators.map((o) => ({ start: o.startOffset, end: endOf(o) }));
  return {
    tokens: [...result.tokens, ...operators].sort((a, b) => a.startOffset - b.startOffset),
    comments: result.comments,
    errors: outsideCuts(result.errors, (e) => e.offset, cuts),
  };
}

/** A value that begins or ends with a wildcard, as SQL's LIKE and shells write one: `*@gmail.com`, `%vip%`. */
const WILDCARDED = /^[*%]+([^*%]+)[*%]*$|^([^*%]+)[*%]+$/;

/**
 * `email = *@gmail.com`: HCQL has no wildcards; a part of a text is found with `contains` (after `!=`
 * or `!~`, `not contains`). The hint for such a value after its field and operator, on a field that
 * takes `contains` (`out[back]` is where the value starts).
 */
function wildcardHint(
  out: readonly IToken[],
  back: number,
  image: string,
  end: number,
): FixingHint | undefined {
  const match = WILDCARDED.exec(image);
  if (match === null) return undefined;
  const operator = out[back - 1]?.tokenType;
  const negated =
    operator === T.NotEquals ||
    operator === T.NotTilde ||
    (operator === T.Contains && out[back - 2]?.tokenType === T.Not);
  const field = out[back - (operator === T.Contains && negated ? 3 : 2)];
  const known = field?.tokenType === T.Word ? lookupField(field.image) : undefined;
  if (known === undefined || !known.operators.includes("~")) return undefined;
  if (![T.Equals, T.NotEquals, T.Tilde, T.NotTilde, T.Contains].includes(operator as TokenType))
    return undefined;
  const meant = `${field!.image} ${operatorWord(negated ? "!~" : "~")} ${quote(match[1] ?? match[2]!)}`;
  return fixingHint({ span: { start: field!.startOffset, end }, text: meant }, "noWildcards", meant);
}

const BRACKETS: Readonly<Record<string, string>> = { "[": "]", "{": "}" };

/** Whether `error` is a `[` (or `{`) whose `]` is the next stray character: a list in brackets. */
function closesBracket(text: string, error: ScanError, next: ScanError | undefined): boolean {
  if (next === undefined || error.length !== 1 || next.length !== 1) return false;
  const open = text[error.offset]!;
  return Object.hasOwn(BRACKETS, open) && text[next.offset] === BRACKETS[open];
}

/** A bracket of a list read as the parenthesis it stands for (its image stays as written). */
function bracketAsParen(type: TokenType, text: string, offset: number): IToken {
  const nan = Number.NaN;
  return createTokenInstance(type, text[offset]!, offset, offset, nan, nan, nan, nan);
}

/** A run of `;` with nothing after it but blanks. */
function isTrailingSemicolon(text: string, error: ScanError): boolean {
  return (
    /^;+\s*$/.test(text.slice(error.offset)) &&
    /^;+$/.test(text.slice(error.offset, error.offset + error.length))
  );
}

/** Tokens that, written right against a stray character, are read as part of one value with it. */
const GLUEABLE: ReadonlySet<TokenType> = new Set<TokenType>([
  T.Word,
  T.Integer,
  T.DateLiteral,
  T.DateTime,
  T.Duration,
  T.BadDuration,
  T.Minus,
  T.Plus,
  ...T.KEYWORD_TOKENS,
]);

/**
 * Reports each run of stray characters. Where one is glued to other pieces of a value without spaces
 * (`email = a@b.com`), the pieces become one `T.GluedValue` token, and the hint shows the value quoted.
 */
function glue(
  text: string,
  tokens: IToken[],
  errors: readonly ScanError[],
  diagnostics: Diagnostic[],
): IToken[] {
  return new StrayRuns(text, tokens, errors, diagnostics).read();
}

/** The tokens, read with the scanner's errors in their places (see glue). */
class StrayRuns {
  private readonly out: IToken[] = [];
  private t = 0; // next token to copy
  private e = 0; // next error
  private closer: number | undefined; // the error that is the `]` of a list told at its `[`
  /** Whether stray runs are few enough to be read as slips (see MAX_SLIPS_READ). */
  private readonly readsSlips: boolean;

  constructor(
    private readonly text: string,
    private readonly tokens: IToken[],
    private readonly errors: readonly ScanError[],
    private readonly diagnostics: Diagnostic[],
  ) {
    this.readsSlips = errors.length <= MAX_SLIPS_READ;
  }

  read(): IToken[] {
    while (this.e < this.errors.length) {
      const error = this.errors[this.e]!;
      this.copyTokensBefore(error.offset);
      if (this.e === this.closer) this.closeBracket(error);
      else if (closesBracket(this.text, error, this.errors[this.e + 1])) this.openBracket(error);
      else if (isTrailingSemicolon(this.text, error)) this.trailingSemicolon(error);
      else this.strayRun(error);
    }
    this.copyTokensBefore(Number.POSITIVE_INFINITY);
    return this.out;
  }

  private copyTokensBefore(offset: number): void {
    const { tokens, out } = this;
    while (this.t < tokens.length && tokens[this.t]!.startOffset < offset) out.push(tokens[this.t++]!);
  }

  /** `status in [new, closed]`: said once, and read as the list in parentheses it means. */
  private openBracket(error: ScanError): void {
    const { text } = this;
    const close = this.errors[this.e + 1]!;
    const written = `${text[error.offset]}…${text[close.offset]}`;
    const values = text
      .slice(error.offset + 1, close.offset)
      .trim()
      .replace(/\s*,\s*/g, ", ");
    const span = { start: error.offset, end: close.offset + 1 };
    this.diagnostics.push(told(diagnostic("bracketList", span, [written], suggest(span, `(${values})`))));
    this.out.push(bracketAsParen(T.LParen, text, error.offset));
    this.closer = ++this.e;
  }

  private closeBracket(error: ScanError): void {
    this.out.push(bracketAsParen(T.RParen, this.text, error.offset));
    this.e++;
  }

  /** `status = pending;` as SQL ends a statement: said as such, and `pending` stays a value of its own. */
  private trailingSemicolon(error: ScanError): void {
    const span = { start: error.offset, end: error.offset + error.length };
    this.diagnostics.push(diagnostic("trailingSemicolon", span));
    this.e++;
  }

  /** A run of stray characters with what is glued to it: each run told, the glued value one token. */
  private strayRun(error: ScanError): void {
    const { text, out } = this;
    const { back, start } = this.gluedBefore(error.offset);
    const { after, end, runs } = this.gluedAfter(error);
    const image = text.slice(start, end);
    // A stray `.` alone (`customer.`) is a broken name, not a value to quote.
    const onlyDots = runs.every((r) => /^\.+$/.test(text.slice(r.offset, r.offset + r.length)));
    // A word in another script (`王芳`) is a value as much as a Latin one glued to `é` (`café`); read
    // so among a few slips only, since each such value is one more token for the parser to recover over.
    const alone = this.readsSlips && isLettersOnly(image);
    const glued = !onlyDots && (image.length > runs.reduce((n, r) => n + r.length, 0) || alone);
    // Built once: a value glued from thousands of runs would otherwise quote the whole image per run.
    const quoted =
      !glued || image.length > 200
        ? undefined
        : (wildcardHint(out, back, image, end) ??
          (this.readsSlips ? accentedFieldHint(image, { start, end }, this.tokens[after]) : undefined) ??
          quoteHint(image, { start, end }));
    runs.forEach((run, i) => {
      const span = { start: run.offset, end: run.offset + run.length };
      const chars = text.slice(span.start, span.end);
      const shown = chars.length > 20 ? `${chars.slice(0, 20)}…` : chars;
      const message = [...chars].length > 1 ? "strayCharacters" : "strayCharacter";
      this.diagnostics.push(diagnostic(message, span, [shown], i === 0 ? quoted : undefined));
    });
    if (glued) {
      out.length = back;
      this.t = after;
      const nan = Number.NaN;
      const token = createTokenInstance(T.GluedValue, image, start, end - 1, nan, nan, nan, nan);
      token.payload = image;
      out.push(token);
    }
  }

  /** The tokens written right before a run, without a space: out[back..], from `start`. */
  private gluedBefore(offset: number): { back: number; start: number } {
    const { out } = this;
    let start = offset;
    let back = out.length;
    while (back > 0 && endOf(out[back - 1]!) === start && GLUEABLE.has(out[back - 1]!.tokenType)) {
      start = out[--back]!.startOffset;
    }
    return { back, start };
  }

  /** Then the tokens and further stray runs that follow without a space: tokens[t..after], to `end`. */
  private gluedAfter(error: ScanError): { after: number; end: number; runs: ScanError[] } {
    const { tokens, errors } = this;
    let end = error.offset + error.length;
    let after = this.t;
    const runs = [error];
    for (this.e++; ; ) {
      const next = tokens[after];
      if (next !== undefined && next.startOffset === end && GLUEABLE.has(next.tokenType)) {
        end = endOf(next);
        after++;
      } else if (this.e < errors.length && errors[this.e]!.offset === end) {
        runs.push(errors[this.e]!);
        end += errors[this.e++]!.length;
      } else break;
    }
    return { after, end, runs };
  }
}

/**
 * `emaíl = x`: a field's name with an accent typed into it, before an operator. Without its accents
 * it is the field's name (or one near it): that name is the fix, not quoting it as a value.
 */
function accentedFieldHint(image: string, span: Span, next: IToken | undefined): FixingHint | undefined {
  if (next === undefined || !tokenMatcher(next, T.ComparisonOp)) return undefined;
  const plain = foldName(image);
  if (plain === image.toLowerCase()) return undefined;
  const field = lookupField(plain) ?? lookupField(nearestName(plain, FIELD_NAMES) ?? "");
  return field === undefined ? undefined : suggest(span, displayName(field));
}

/**
 * Letters, marks and digits of any script, and nothing else. Made on first need: a pattern of Unicode
 * properties costs ~0.2 ms to make, which a query without stray characters never needs (bench row
 * `library-import`).
 */
let lettersOnly: RegExp | undefined;

function isLettersOnly(text: string): boolean {
  lettersOnly ??= /^[\p{L}\p{M}\p{N}]+$/u;
  return lettersOnly.test(text);
}

/** `quote it: "…"`, and the edit that does. */
function quoteHint(image: string, span: Span): FixingHint {
  const quoted = quote(image);
  return fixingHint({ span, text: quoted }, "quote", quoted);
}

function endOf(token: IToken): number {
  return token.startOffset + token.image.length;
}

/**
 * A number, a space and a unit word (`3 days ago`, `now - 2 hours`) is how people write a duration,
 * never anything else in HCQL: the two tokens become one T.BadDuration, reported like `3days` with the
 * duration to write as hint, rather than `days` read as a field with its operator missing.
 */
function joinSpacedDurations(text: string, tokens: IToken[]): IToken[] {
  let out: IToken[] | undefined;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    const next = tokens[t + 1];
    if (token.tokenType === T.Integer && next !== undefined && isSpacedUnit(text, token, next)) {
      out ??= tokens.slice(0, t);
      const end = next.startOffset + next.image.length;
      const image = text.slice(token.startOffset, end);
      out.push(createTokenInstance(T.BadDuration, image, token.startOffset, end - 1, NaN, NaN, NaN, NaN));
      t++;
    } else {
      out?.push(token);
    }
  }
  return out ?? tokens;
}

/** Unit words as written out: `d`, `day`, `days`, `hrs`, `minutes`, `weeks`, also months and years. */
const UNIT_WORD =
  /^(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|mons?|months?|y|yrs?|years?)$/i;

function isSpacedUnit(text: string, integer: IToken, word: IToken): boolean {
  if (word.tokenType !== T.Word || !UNIT_WORD.test(word.image)) return false;
  const gap = text.slice(integer.startOffset + integer.image.length, word.startOffset);
  return /^[ \t]+$/.test(gap);
}

function badDuration(token: IToken): Diagnostic {
  const image = token.image;
  const span = { start: token.startOffset, end: token.startOffset + image.length };
  return diagnostic("badDuration", span, [image], durationHint(image, span));
}

const UNIT_LIST = spokenList(DURATION_UNIT_NAMES, "and");

/**
 * The duration a bad one likely means: `7days` → `7d`, `7Min` → `7m`, `3 days` → `3d`. Months and
 * years are not units (`3months`: 90d, `1y`: 365d), and `1M`, a month to some and a minute to others,
 * gets both readings: `m` is never offered for a month.
 */
function durationHint(image: string, span: Span): string | FixingHint | undefined {
  const digits = /^\d+/.exec(image)![0];
  const written = image.slice(digits.length).trimStart();
  const n = Number(digits);
  if (written === "M") return hint("durationCapitalM", `${digits}m`, `${n * DAYS_A_MONTH}d`);
  // Months and years in days: the hint says so, and the fix writes the days.
  const inDays = (days: number, name: "durationMonths" | "durationYears") => {
    const text = `${n * days}d`;
    return fixingHint({ span, text }, name, text, UNIT_LIST);
  };
  if (/^mo/i.test(written)) return inDays(DAYS_A_MONTH, "durationMonths");
  if (/^y/i.test(written)) return inDays(DAYS_A_YEAR, "durationYears");
  const unit = written[0]!.toLowerCase();
  if (!Object.hasOwn(DURATION_UNITS, unit)) return undefined;
  const meant = `${digits}${unit}`;
  return { hint: meant, fix: { span, text: meant } };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  "\\": "\\",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** Decodes the escapes of a string token; `bodyEnd` is where its body ends inside the image. */
function decodeString(token: IToken, text: string, diagnostics: Diagnostic[], bodyEnd: number): string {
  const image = token.image;
  if (!image.includes("\\")) return image.slice(1, bodyEnd);
  let value = "";
  let i = 1;
  while (i < bodyEnd) {
    const c = image[i]!;
    if (c !== "\\") {
      value += c;
      i++;
      continue;
    }
    const next = image[i + 1];
    const simple = next === undefined ? undefined : SIMPLE_ESCAPES[next];
    if (simple !== undefined && i + 1 < bodyEnd) {
      value += simple;
      i += 2;
    } else if (next === "u" && /^[0-9A-Fa-f]{4}$/.test(image.slice(i + 2, i + 6)) && i + 6 <= bodyEnd) {
      value += String.fromCharCode(Number.parseInt(image.slice(i + 2, i + 6), 16));
      i += 6;
    } else if (i + 1 >= bodyEnd) {
      break; // a backslash at the end of an unterminated string: that error is reported already
    } else {
      const length = escapeLength(image, i, bodyEnd);
      const start = token.startOffset + i;
      diagnostics.push(
        diagnostic("badEscape", { start, end: start + length }, [text.slice(start, start + length)]),
      );
      i += length;
    }
  }
  return value;
}

/** How much of a bad escape to point at: `\x`, or `\u` with the hex digits that follow it. */
function escapeLength(image: string, at: number, bodyEnd: number): number {
  if (image[at + 1] !== "u") {
    const code = image.codePointAt(at + 1)!;
    return code > 0xffff ? 3 : 2;
  }
  let length = 2;
  while (length < 6 && at + length < bodyEnd && /[0-9A-Fa-f]/.test(image[at + length]!)) length++;
  return length;
}
