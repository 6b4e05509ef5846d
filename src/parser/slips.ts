import { type IToken, tokenMatcher } from "chevrotain";
import { type Diagnostic, diagnostic, hint, type MessageName } from "../language/diagnostics.js";
import { type FieldSpec, lookupField, meansMissing } from "../language/fields.js";
import { nearestValue } from "../language/names.js";
import { quote } from "../language/quote.js";
import type { Span } from "../language/span.js";
import { DATE_WORDS, DAYS_A_MONTH, DAYS_A_YEAR, DURATION_UNITS, statusByName } from "../language/values.js";
import { tokens as T } from "../lexer/index.js";

/**
 * Slips the grammar can only call syntax errors, told as what was meant: a list after `=`
 * (`tags = ("Paid","Trial")` → `tags in ("Paid", "Trial")`), a date-time almost right
 * (`2026-11-01 10:00`, `2026-12-01T10`, `…T10:00:00.000Z` → `2026-11-01T10:00`, ...), a date in
 * another order (`12/01/2026` → `2026-12-01` or `2026-01-12`), a month (`createdAt = 2026-11` →
 * `createdAt between 2026-11-01 and 2026-11-30`), an operator or a keyword spelt another way
 * (`status is pending`, `sortby`, `top 5`), a test for a missing value (`assignee is null`). Each
 * replaces the syntax errors within its span by one diagnostic whose hint is the query as meant;
 * text without such errors is left alone.
 */

interface Slip {
  readonly span: Span;
  readonly diagnostic: Diagnostic;
}

/** The diagnostics with every slip's syntax errors replaced by the slip's own diagnostic. */
export function explainSlips(
  text: string,
  tokens: readonly IToken[],
  diagnostics: Diagnostic[],
  cursor?: number,
): Diagnostic[] {
  const slips = findSlips(text, tokens, cursor).filter((slip) =>
    diagnostics.some((d) => isSyntaxWithin(d, slip.span)),
  );
  if (slips.length === 0) return diagnostics;
  const kept = diagnostics.filter((d) => !slips.some((slip) => isSyntaxWithin(d, slip.span)));
  return [...kept, ...slips.map((slip) => slip.diagnostic)].sort((a, b) => a.span.start - b.span.start);
}

function isSyntaxWithin(d: Diagnostic, span: Span): boolean {
  return d.code === "syntax" && d.span.start >= span.start && d.span.start < span.end;
}

function findSlips(text: string, tokens: readonly IToken[], cursor: number | undefined): Slip[] {
  const slips: Slip[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // A token within the last slip's reach is explained by it (`adn rating`: not also a join left out).
    const last = slips.at(-1);
    if (last !== undefined && tokens[i]!.startOffset < last.span.end) continue;
    const slip =
      listSlip(text, tokens, i) ??
      bareListSlip(text, tokens, i) ??
      calledDateSlip(tokens, i) ??
      fieldLeftOutSlip(text, tokens, i) ??
      countWithoutBySlip(tokens, i) ??
      spokenDateSlip(text, tokens, i) ??
      dateTimeSlip(text, tokens, i) ??
      writtenDateSlip(text, tokens, i) ??
      monthSlip(text, tokens, i) ??
      rangeWordsSlip(text, tokens, i) ??
      operatorWordSlip(text, tokens, i) ??
      lateDirectionSlip(tokens, i) ??
      colonSlip(text, tokens, i) ??
      whereSlip(tokens, i) ??
      dashedValueSlip(text, tokens, i) ??
      spacedStatusSlip(text, tokens, i) ??
      keywordSlip(tokens, i, cursor) ??
      spacedTextSlip(text, tokens, i, cursor) ??
      missingJoinSlip(tokens, i) ??
      strayWordSlip(tokens, i, cursor);
    if (slip !== undefined) slips.push(slip);
  }
  return slips;
}

function end(token: IToken): number {
  return token.startOffset + token.image.length;
}

/** Where the errors a slip explains may stand: up to the end of the token after `tokens[i]`, or of the text. */
function through(tokens: readonly IToken[], i: number): number {
  const next = tokens[i + 1];
  return next === undefined ? Number.POSITIVE_INFINITY : end(next);
}

/** The errors' reach of a slip over the text from `tokens[i]` to `at`: `through` its last token. */
function reach(tokens: readonly IToken[], i: number, at: number): Span {
  let last = i;
  while (tokens[last + 1] !== undefined && tokens[last + 1]!.startOffset < at) last++;
  return { start: tokens[i]!.startOffset, end: through(tokens, last) };
}

/** Tokens that end a condition or a sort field: what a keyword such as `and` or `limit` may follow. */
function endsOperand(token: IToken | undefined): boolean {
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
function endsCondition(tokens: readonly IToken[], at: number): boolean {
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

/**
 * Other spellings of keywords (written out, run together, other languages' words) and what is
 * meant; test/parser/slips.test.ts checks that each meant word is a keyword of the token table.
 */
export const KEYWORD_SPELLINGS: Readonly<Record<string, string>> = {
  ascending: "asc",
  descending: "desc",
  group: "count",
  sortby: "sort by",
  orderby: "order by",
  top: "limit",
  first: "limit",
  take: "limit",
  skip: "offset",
};

/** A table's entry for a word as written: `__proto__` is none. */
function entry(table: Readonly<Record<string, string>>, word: string): string | undefined {
  return Object.hasOwn(table, word) ? table[word] : undefined;
}

/** The clauses that take a number: a hint for them shows it (`top 5` → `limit 5`). */
const NUMBER_CLAUSES: readonly string[] = ["limit", "offset"];

/**
 * A word after a condition or a sort field where a keyword goes, misspelt (`adn`, `limt`, `offest`)
 * or written out (`descending`): the keyword. Not a field's name: that is a missing `and`/`or`.
 */
function keywordSlip(tokens: readonly IToken[], i: number, cursor: number | undefined): Slip | undefined {
  const word = tokens[i]!;
  if (!tokenMatcher(word, T.Word) || lookupField(word.image) !== undefined) return undefined;
  const lower = word.image.toLowerCase();
  // Still being typed (`limi` on its way to `limit`).
  if (end(word) === cursor && AFTER_OPERAND.some((k) => k.startsWith(lower))) return undefined;
  const meant = endsOperand(tokens[i - 1])
    ? (entry(KEYWORD_SPELLINGS, lower) ?? (lower.length < 2 ? undefined : nearestValue(lower, AFTER_OPERAND)))
    : i === 0
      ? clauseAtStart(tokens, lower)
      : undefined;
  if (meant === undefined) return undefined;
  const at = { start: word.startOffset, end: end(word) };
  const { said, last } = clauseMeant(tokens, i, meant);
  const span = { start: word.startOffset, end: through(tokens, last) };
  return { span, diagnostic: diagnostic("unexpectedWord", at, [word.image], hint("didYouMean", said)) };
}

/**
 * A clause keyword meant by the first word of a query: spelt another way (`top 5`, `sortby
 * createdAt`), or misspelt before its number or its `by` (`limt 5`, `srot by createdAt`).
 */
function clauseAtStart(tokens: readonly IToken[], lower: string): string | undefined {
  const spelt = entry(KEYWORD_SPELLINGS, lower);
  if (spelt !== undefined) return spelt === "asc" || spelt === "desc" ? undefined : spelt;
  const next = tokens[1];
  if (next === undefined || lower.length < 3) return undefined;
  if (tokenMatcher(next, T.Integer)) return nearestValue(lower, NUMBER_CLAUSES);
  if (tokenMatcher(next, T.By)) return nearestValue(lower, ["sort", "count"]);
  return undefined;
}

/**
 * What a keyword slip's hint says and the last token it explains: `limit 5` with its number; after
 * `sort by` run together (`sortby`), the sort field too, which the parser read as a condition.
 */
function clauseMeant(tokens: readonly IToken[], i: number, meant: string): { said: string; last: number } {
  const next = tokens[i + 1];
  if (NUMBER_CLAUSES.includes(meant) && next !== undefined && tokenMatcher(next, T.Integer)) {
    return { said: `${meant} ${next.image}`, last: i };
  }
  return { said: meant, last: meant.endsWith(" by") ? i + 1 : i };
}

/** Where a value starts: after a comparison operator, `between`, an `in` list's `(` or one of its commas. */
function startsValue(token: IToken | undefined): boolean {
  return (
    token !== undefined &&
    [T.ComparisonOp, T.Between, T.LParen, T.Comma].some((type) => tokenMatcher(token, type))
  );
}

function isWordOrNumber(token: IToken | undefined): token is IToken {
  return token !== undefined && (tokenMatcher(token, T.Word) || tokenMatcher(token, T.Integer));
}

/**
 * A value with dashes inside (`tags = vip-customer`, `userId = abc-123`), read as a word minus a
 * duration: quoted, it is the one value meant. (`now-7d` stays arithmetic: it parses.)
 */
function dashedValueSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  if (!startsValue(tokens[i - 1]) || !isWordOrNumber(tokens[i])) return undefined;
  let last = i;
  while (
    tokens[last + 1] !== undefined &&
    tokenMatcher(tokens[last + 1]!, T.Minus) &&
    tokens[last + 1]!.startOffset === end(tokens[last]!) &&
    isWordOrNumber(tokens[last + 2]) &&
    tokens[last + 2]!.startOffset === end(tokens[last + 1]!)
  ) {
    last += 2;
  }
  if (last === i) return undefined;
  const at = { start: tokens[i]!.startOffset, end: end(tokens[last]!) };
  const value = text.slice(at.start, at.end);
  const span = { start: at.start, end: through(tokens, last) };
  return { span, diagnostic: diagnostic("dashedValue", at, [value], hint("quote", quote(value))) };
}

/**
 * A date where a date may go written another way than year-month-day, YYYY-MM-DD: `12/01/2026`,
 * `31.12.2026`, `2026/12/01`, `2026-12-1` (on a field of another type, such a value is text to quote).
 */
const OTHER_DATE = /(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?![\w:./-])/y;

function writtenDateSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const [before, token] = [tokens[i - 1], tokens[i]!];
  // After `and`: the high bound of `between`.
  if (!startsValue(before) && !(before !== undefined && tokenMatcher(before, T.AndOp))) return undefined;
  if (!tokenMatcher(token, T.Integer) && !tokenMatcher(token, T.GluedValue)) return undefined;
  OTHER_DATE.lastIndex = token.startOffset;
  const match = OTHER_DATE.exec(text);
  const field = match === null ? undefined : fieldOfValue(tokens, i);
  if (match === null || (field !== undefined && field.type !== "date")) return undefined;
  const [written, first, , second, last] = match as unknown as [string, string, string, string, string];
  const readings = dateReadings(first, second, last);
  if (readings === undefined) return undefined;
  const at = { start: token.startOffset, end: token.startOffset + written.length };
  return {
    span: reach(tokens, i, at.end),
    diagnostic: diagnostic("misshapenDate", at, [written], readingsHint(readings)),
  };
}

/**
 * The real dates `a/b/c` may mean: year first, year-month-day; year last, month-day-year and then
 * day-month-year (both when both are dates, `12/01/2026`). Undefined without a four-digit year.
 */
function dateReadings(a: string, b: string, c: string): string[] | undefined {
  if (a.length === 4 && c.length <= 2) return realDates([[a, b, c]]);
  if (c.length === 4 && a.length <= 2) {
    return realDates([
      [c, a, b],
      [c, b, a],
    ]);
  }
  return undefined;
}

function realDates(readings: readonly (readonly [string, string, string])[]): string[] {
  const dates = readings
    .filter(([y, m, d]) => Number(m) >= 1 && Number(m) <= 12 && Number(d) >= 1 && Number(d) <= daysIn(y, m))
    .map(([y, m, d]) => `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`);
  return [...new Set(dates)];
}

function readingsHint(readings: readonly string[]): string {
  const [one, other] = readings;
  if (one === undefined) return hint("dateForms");
  return other === undefined ? hint("didYouMean", one) : hint("didYouMeanEither", one, other);
}

function daysIn(year: string, month: string): number {
  return new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
}

/** Tokens that stand between a field and its value: an operator, `not`, `in`, `between`, `contains`. */
const BEFORE_VALUE = [T.ComparisonOp, T.NotOp, T.In, T.Between, T.Contains];

/**
 * The field whose value starts at `tokens[i]`: the nearest word before it that an operator follows
 * (`f > v`, `f between a and v`, `f in (a, v)`); undefined when it is no field of the table.
 */
function fieldOfValue(tokens: readonly IToken[], i: number): FieldSpec | undefined {
  for (let j = i - 2; j >= 0; j--) {
    const [word, next] = [tokens[j]!, tokens[j + 1]!];
    if (tokenMatcher(word, T.Word) && BEFORE_VALUE.some((type) => tokenMatcher(next, type))) {
      return lookupField(word.image);
    }
  }
  return undefined;
}

/** A status written in two words (`status = on hold`, `no communication`): its one-word name. */
function spacedStatusSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const [first, second] = [tokens[i], tokens[i + 1]];
  if (!startsValue(tokens[i - 1]) || first === undefined || second === undefined) return undefined;
  if (!tokenMatcher(first, T.Word) || !tokenMatcher(second, T.Word)) return undefined;
  // `tags = on hold` is a tag of two words (the spaced-text slip says so).
  if (fieldOfValue(tokens, i)?.type !== "status" && fieldOfValue(tokens, i) !== undefined) return undefined;
  const status = statusByName(`${first.image}_${second.image}`);
  if (status === undefined) return undefined;
  const at = { start: first.startOffset, end: end(second) };
  const written = text.slice(at.start, at.end);
  const span = { start: at.start, end: through(tokens, i + 1) };
  return {
    span,
    diagnostic: diagnostic("spacedValue", at, [written], hint("didYouMean", status.names[0]!)),
  };
}

/**
 * A text value of several words left bare (`tags = vip customer`, `email ~ john smith and …`): the
 * words up to the end of the condition, quoted, even where one of them is a field's name (`customer`),
 * which would otherwise read as a join left out. Not while the last word is being typed.
 */
function spacedTextSlip(
  text: string,
  tokens: readonly IToken[],
  i: number,
  cursor: number | undefined,
): Slip | undefined {
  const [before, value] = [tokens[i - 2], tokens[i - 1]];
  if (!tokenMatcher(tokens[i]!, T.Word) || !isWordOrNumber(value) || before === undefined) return undefined;
  if (!tokenMatcher(before, T.ComparisonOp) && !tokenMatcher(before, T.Contains)) return undefined;
  const field = fieldOfValue(tokens, i - 1);
  if (field === undefined || (field.type !== "string" && field.type !== "tag")) return undefined;
  let last = i;
  while (isWordOrNumber(tokens[last + 1]) && !AFTER_OPERAND.includes(tokens[last + 1]!.image.toLowerCase())) {
    last++;
  }
  const next = tokens[last + 1];
  const endsHere =
    next === undefined || tokenMatcher(next, T.RParen) || AFTER_OPERAND.includes(next.image.toLowerCase());
  if (!endsHere || end(tokens[last]!) === cursor) return undefined;
  const words = text.slice(value.startOffset, end(tokens[last]!));
  const condition = text.slice(
    tokens[i - 3]?.startOffset ?? before.startOffset,
    before.startOffset + before.image.length,
  );
  const at = { start: tokens[i]!.startOffset, end: end(tokens[last]!) };
  const meant = `${condition} ${quote(words)}`;
  return {
    span: { start: at.start, end: through(tokens, last) },
    diagnostic: diagnostic("unexpectedWord", at, [text.slice(at.start, at.end)], hint("didYouMean", meant)),
  };
}

/**
 * A field and its value joined by `:`, as search boxes write them (`status:pending`, `tags:"Paid"`):
 * read as one value glued around a stray `:`, and meant with `=`.
 */
function colonSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const token = tokens[i]!;
  if (!tokenMatcher(token, T.GluedValue)) return undefined;
  const colon = token.image.indexOf(":");
  const field = token.image.slice(0, colon);
  if (colon <= 0 || lookupField(field) === undefined) return undefined;
  // `tags:"Paid"`: the quoted value is a token of its own, right after the colon.
  const next = tokens[i + 1];
  const quoted = colon === token.image.length - 1 && next !== undefined && next.startOffset === end(token);
  const last = quoted ? i + 1 : i;
  const at = { start: token.startOffset, end: end(tokens[last]!) };
  const written = text.slice(at.start, at.end);
  const meant = `${field} = ${written.slice(colon + 1)}`;
  if (meant.endsWith("= ")) return undefined;
  return {
    span: { start: at.start, end: through(tokens, last) },
    diagnostic: diagnostic("colonOperator", at, [written], hint("didYouMean", meant)),
  };
}

/** SQL's `where` before a condition: nothing at the start of a query, `and` after a condition. */
function whereSlip(tokens: readonly IToken[], i: number): Slip | undefined {
  const [word, next] = [tokens[i]!, tokens[i + 1]];
  if (!tokenMatcher(word, T.Word) || word.image.toLowerCase() !== "where" || next === undefined)
    return undefined;
  if (![T.Word, T.LParen, T.NotOp].some((type) => tokenMatcher(next, type))) return undefined;
  const said =
    i === 0 ? hint("noWhere") : endsCondition(tokens, i - 1) ? hint("didYouMean", "and") : undefined;
  if (said === undefined) return undefined;
  const at = { start: word.startOffset, end: end(word) };
  // The errors it explains reach into the condition after it (`where (status = 1)`).
  return {
    span: { start: at.start, end: through(tokens, i + 1) },
    diagnostic: diagnostic("unexpectedWord", at, [word.image], said),
  };
}

/** A field's name right after a condition (`status = pending rating = poor`): `and` or `or` left out. */
function missingJoinSlip(tokens: readonly IToken[], i: number): Slip | undefined {
  const word = tokens[i]!;
  if (!tokenMatcher(word, T.Word) || !endsCondition(tokens, i - 1) || lookupField(word.image) === undefined) {
    return undefined;
  }
  const at = { start: word.startOffset, end: end(word) };
  const span = { start: word.startOffset, end: through(tokens, i) };
  return { span, diagnostic: diagnostic("missingJoin", at, [word.image], hint("joinConditions")) };
}

/**
 * Any other word right after a condition (`status = pending foo`, `(a = 1) foo`): not what
 * the parser guesses (the field of a next condition, lacking its operator), but a word out of place.
 * Not the word at the cursor: it may be a keyword on its way.
 */
function strayWordSlip(tokens: readonly IToken[], i: number, cursor: number | undefined): Slip | undefined {
  const word = tokens[i]!;
  if (!tokenMatcher(word, T.Word) || !endsCondition(tokens, i - 1) || end(word) === cursor) return undefined;
  // Before an operator, the word begins a condition: a join left out (`a = 1 b = 2`), said elsewhere.
  const next = tokens[i + 1];
  if (next !== undefined && !AFTER_OPERAND.includes(next.image.toLowerCase())) return undefined;
  const at = { start: word.startOffset, end: end(word) };
  const span = { start: word.startOffset, end: through(tokens, i) };
  return { span, diagnostic: diagnostic("unexpectedWord", at, [word.image], hint("afterCondition")) };
}

/** A spoken unit of time, as a duration says it (months and years in days: durations have neither). */
const SPOKEN_UNITS: Readonly<Record<string, readonly [number, string]>> = {
  minute: [1, "m"],
  min: [1, "m"],
  hour: [1, "h"],
  day: [1, "d"],
  week: [1, "w"],
  month: [DAYS_A_MONTH, "d"],
  year: [DAYS_A_YEAR, "d"],
};

/** `days`, `Weeks`, `7d`: how many of which unit, as a duration writes it; undefined for any other word. */
function spokenAmount(image: string): { readonly n: number; readonly unit: string } | undefined {
  const spoken = /^(\d+)?\s*([a-z]+?)s?$/i.exec(image);
  if (spoken === null) return undefined;
  const n = spoken[1] === undefined ? 1 : Number(spoken[1]);
  const name = spoken[2]!.toLowerCase();
  if (Object.hasOwn(SPOKEN_UNITS, name)) {
    const [times, unit] = SPOKEN_UNITS[name]!;
    return { n: n * times, unit };
  }
  // A duration's own unit (`last 7d`), with its number.
  return Object.hasOwn(DURATION_UNITS, name) && spoken[1] !== undefined ? { n, unit: name } : undefined;
}

/**
 * A relative date said in words after an operator: `last week`, `past 3 days`, `last 7d` (a time
 * back from now: `7d ago`), `this month` (a calendar span, which starts on a date).
 */
function spokenDateSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const word = tokens[i]!;
  const place = spokenDatePlace(tokens, i);
  if (!tokenMatcher(word, T.Word) || place === undefined) return undefined;
  const lower = word.image.toLowerCase();
  if (lower !== "this" && lower !== "last" && lower !== "past" && lower !== "previous") return undefined;
  // On a text field the words are text, to be quoted (the spaced-text slip says so).
  const field = place === "condition" ? undefined : fieldOfValue(tokens, i);
  if (field !== undefined && field.type !== "date") return undefined;
  const next = tokens[i + 1];
  const amount = next && spokenAmount(next.image);
  if (next === undefined || amount === undefined || (lower === "this" && /\d/.test(next.image)))
    return undefined;
  const at = { start: word.startOffset, end: end(next) };
  const written = text.slice(at.start, at.end);
  const ago = `${amount.n}${amount.unit} ago`;
  // Where a condition goes, the date needs a field: the one most asked about.
  const meant = place === "value" ? ago : `${place === "in" ? tokens[i - 2]!.image : "createdAt"} > ${ago}`;
  const said = lower === "this" ? hint("calendarSpan") : hint("didYouMean", meant);
  return {
    span: { start: at.start, end: through(tokens, i + 1) },
    diagnostic: diagnostic("spokenDate", at, [written], said),
  };
}

/**
 * Where a spoken date stands: as a value (after an operator, `between` or its `and`), after `in`
 * (`createdAt in last 7 days`), where a condition goes (`past 3 days`, `status = new and last
 * week`), or neither.
 */
function spokenDatePlace(tokens: readonly IToken[], i: number): "value" | "in" | "condition" | undefined {
  const before = tokens[i - 1];
  if (before === undefined) return "condition";
  // `createdAt in last 7 days`
  if (tokenMatcher(before, T.In) && tokenMatcher(tokens[i - 2] ?? before, T.Word)) return "in";
  if (tokenMatcher(before, T.ComparisonOp) || tokenMatcher(before, T.Between)) return "value";
  if (tokenMatcher(before, T.AndOp)) return boundOfBetween(tokens, i - 1) ? "value" : "condition";
  return [T.OrOp, T.LParen, T.NotOp].some((type) => tokenMatcher(before, type)) ? "condition" : undefined;
}

/** Whether the `and` at `tokens[and]` is the one of a `between` (`between a and b`, `between now - 7d and b`). */
function boundOfBetween(tokens: readonly IToken[], and: number): boolean {
  for (let j = and - 1; j >= 0; j--) {
    const token = tokens[j]!;
    if (tokenMatcher(token, T.Between)) return true;
    if ([T.AndOp, T.OrOp, T.LParen, T.RParen].some((type) => tokenMatcher(token, type))) return false;
  }
  return false;
}

/**
 * Operators written as words: `status is pending`, `createdAt after 2026-11-01`, `email ends with x`
 * (text is searched by `contains`, the nearest the API has).
 */
const OPERATOR_WORDS: Readonly<Record<string, string>> = {
  is: "=",
  equals: "=",
  after: ">",
  before: "<",
  like: "contains",
  since: ">=",
  within: ">",
  "starts with": "contains",
  "begins with": "contains",
  "ends with": "contains",
};

/** The operator words at `tokens[i]`, one (`is`) or two (`ends with`), and the operator they mean. */
function operatorWords(tokens: readonly IToken[], i: number): { operator: string; last: number } | undefined {
  const [word, next] = [tokens[i]!, tokens[i + 1]];
  const lower = word.image.toLowerCase();
  const two =
    next !== undefined && tokenMatcher(next, T.Word)
      ? entry(OPERATOR_WORDS, `${lower} ${next.image.toLowerCase()}`)
      : undefined;
  if (two !== undefined) return { operator: two, last: i + 1 };
  const one = entry(OPERATOR_WORDS, lower);
  return one === undefined ? undefined : { operator: one, last: i };
}

/** `field is value` (and `is not`, `after`, `before`): the operator meant, in the condition as meant. */
function operatorWordSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const [field, word] = [tokens[i - 1], tokens[i]!];
  if (field === undefined || !tokenMatcher(field, T.Word) || !tokenMatcher(word, T.Word)) return undefined;
  const words = operatorWords(tokens, i);
  const spec = lookupField(field.image);
  if (words === undefined || spec === undefined) return undefined;
  const { operator, last } = words;
  const negated =
    operator === "=" && tokens[last + 1] !== undefined && tokenMatcher(tokens[last + 1]!, T.NotOp);
  const valueAt = negated ? last + 2 : last + 1;
  const value = tokens[valueAt];
  if (value === undefined) return undefined;
  const at = { start: word.startOffset, end: end(value) };
  const span = { start: word.startOffset, end: through(tokens, valueAt) };
  // `closedAt is null`, `assignee is empty`: a test for a missing value, which the API has none of (§5).
  if (operator === "=" && meansMissing(value.image, spec)) {
    return {
      span,
      diagnostic: diagnostic("noMissingTest", at, [text.slice(at.start, at.end)], hint("noMissingTest")),
    };
  }
  const valueText = text.slice(value.startOffset, end(value));
  const within = word.image.toLowerCase() === "within" && tokenMatcher(value, T.Duration);
  // SQL's LIKE '%text%': `contains` needs no wildcards; `within 7d` is since 7d ago.
  const shown =
    operator === "contains"
      ? valueText.replace(/(?<=^["'])%|%(?=["']$)/g, "")
      : within
        ? `${valueText} ago`
        : valueText;
  const meant = `${field.image} ${negated ? "!=" : operator} ${shown}`;
  const written = { start: word.startOffset, end: end(tokens[valueAt - 1]!) };
  const said = [text.slice(written.start, written.end)];
  return { span, diagnostic: diagnostic("unexpectedWord", written, said, hint("didYouMean", meant)) };
}

/** A range said in words: `createdAt from a to b`, `createdAt between a to b`: `between a and b`. */
function rangeWordsSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const word = tokens[i]!;
  const lower = word.image.toLowerCase();
  if (!tokenMatcher(word, T.Word) && !tokenMatcher(word, T.Between)) return undefined;
  if (lower !== "from" && lower !== "between") return undefined;
  const [field, low, to, high] = [tokens[i - 1], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
  if (field === undefined || !tokenMatcher(field, T.Word) || lookupField(field.image) === undefined)
    return undefined;
  if (low === undefined || to === undefined || high === undefined) return undefined;
  if (!/^(?:to|till|until)$/i.test(to.image) || !endsOperand(low) || !endsOperand(high)) return undefined;
  const [lowText, highText] = [low, high].map((t) => text.slice(t.startOffset, end(t)));
  const meant = `${field.image} between ${lowText} and ${highText}`;
  const wrong = lower === "from" ? word : to;
  const at = { start: wrong.startOffset, end: end(wrong) };
  return {
    span: { start: word.startOffset, end: through(tokens, i + 3) },
    diagnostic: diagnostic("unexpectedWord", at, [wrong.image], hint("didYouMean", meant)),
  };
}

/** A sort's direction after the limit or offset that follows it (`sort by f limit 5 desc`). */
function lateDirectionSlip(tokens: readonly IToken[], i: number): Slip | undefined {
  const [direction, number, clause] = [tokens[i]!, tokens[i - 1], tokens[i - 2]];
  if (!tokenMatcher(direction, T.Asc) && !tokenMatcher(direction, T.Desc)) return undefined;
  if (number === undefined || clause === undefined || !tokenMatcher(number, T.Integer)) return undefined;
  if (!tokenMatcher(clause, T.Limit) && !tokenMatcher(clause, T.Offset)) return undefined;
  const sort = tokens.findIndex(
    (t, j) => j < i && tokenMatcher(t, T.SortStart) && tokenMatcher(tokens[j + 1] ?? t, T.By),
  );
  const field = tokens[sort + 2];
  if (sort < 0 || field === undefined || !tokenMatcher(field, T.Word)) return undefined;
  const at = { start: direction.startOffset, end: end(direction) };
  const meant = `${tokens[sort]!.image} by ${field.image} ${direction.image}`;
  return {
    span: { start: at.start, end: through(tokens, i) },
    diagnostic: diagnostic("unexpectedToken", at, [`'${direction.image}'`], hint("didYouMean", meant)),
  };
}

/** `field = (a, b)` (or `!=`): a list where one value goes, meant as `field in (a, b)`. */
function listSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const [field, op, open] = [tokens[i - 1], tokens[i], tokens[i + 1]];
  if (field === undefined || op === undefined || open === undefined) return undefined;
  if (!tokenMatcher(field, T.Word) || !tokenMatcher(open, T.LParen)) return undefined;
  const negated = tokenMatcher(op, T.NotEquals);
  if (!negated && !tokenMatcher(op, T.Equals)) return undefined;
  const close = closingParen(tokens, i + 1);
  if (close === undefined) return undefined;
  const items = listItems(text, tokens.slice(i + 2, close));
  if (items.length === 0) return undefined;
  const meant =
    items.length === 1
      ? `${field.image} ${negated ? "!=" : "="} ${items[0]}`
      : `${field.image} ${negated ? "not in" : "in"} (${items.join(", ")})`;
  const span = { start: op.startOffset, end: end(tokens[close]!) };
  const args = [op.image, negated ? "not in" : "in"];
  return { span, diagnostic: diagnostic("listAfterOperator", span, args, hint("didYouMean", meant)) };
}

/**
 * A list without its parentheses: `status in new, closed`, `status = new,closed` (each item one
 * word, number or string): meant as `status in (new, closed)`.
 */
function bareListSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const [field, op, first] = [tokens[i - 1], tokens[i]!, tokens[i + 1]];
  const negatedIn = field !== undefined && tokenMatcher(field, T.NotOp) && tokenMatcher(op, T.In);
  const fieldToken = negatedIn ? tokens[i - 2] : field;
  if (fieldToken === undefined || !tokenMatcher(fieldToken, T.Word) || !isListItem(first)) return undefined;
  const isIn = tokenMatcher(op, T.In);
  if (!isIn && !tokenMatcher(op, T.Equals) && !tokenMatcher(op, T.NotEquals)) return undefined;
  let last = i + 1;
  while (
    tokens[last + 1] !== undefined &&
    tokenMatcher(tokens[last + 1]!, T.Comma) &&
    isListItem(tokens[last + 2])
  ) {
    last += 2;
  }
  // `status = new` alone is no list; `status in new` is a list of one. The list ends its condition.
  if (!isIn && last === i + 1) return undefined;
  const after = tokens[last + 1];
  if (
    after !== undefined &&
    !tokenMatcher(after, T.RParen) &&
    !AFTER_OPERAND.includes(after.image.toLowerCase())
  ) {
    return undefined;
  }
  const items = [];
  for (let j = i + 1; j <= last; j += 2) items.push(text.slice(tokens[j]!.startOffset, end(tokens[j]!)));
  const negated = negatedIn || tokenMatcher(op, T.NotEquals);
  const meant = `${fieldToken.image} ${negated ? "not in" : "in"} (${items.join(", ")})`;
  const at = { start: op.startOffset, end: end(tokens[last]!) };
  const said = isIn
    ? diagnostic("listWithoutParens", at, [op.image], hint("didYouMean", meant))
    : diagnostic("listAfterOperator", at, [op.image, negated ? "not in" : "in"], hint("didYouMean", meant));
  return { span: { start: at.start, end: through(tokens, last) }, diagnostic: said };
}

function isListItem(token: IToken | undefined): token is IToken {
  return (
    token !== undefined &&
    [T.Word, T.Integer, T.StringLiteral].some((type) => tokenMatcher(token, type)) &&
    !tokenMatcher(token, T.GluedValue)
  );
}

/** `now()`, `today()`: a date word written as a function call. */
function calledDateSlip(tokens: readonly IToken[], i: number): Slip | undefined {
  const [word, open, close] = [tokens[i]!, tokens[i + 1], tokens[i + 2]];
  if (!tokenMatcher(word, T.Word) || open === undefined || close === undefined) return undefined;
  if (!DATE_WORDS.includes(word.image.toLowerCase() as (typeof DATE_WORDS)[number])) return undefined;
  if (!tokenMatcher(open, T.LParen) || !tokenMatcher(close, T.RParen) || open.startOffset !== end(word)) {
    return undefined;
  }
  const at = { start: word.startOffset, end: end(close) };
  return {
    span: { start: at.start, end: through(tokens, i + 2) },
    diagnostic: diagnostic("dateWordCalled", at, [word.image], hint("didYouMean", word.image)),
  };
}

/**
 * An operator right after `and`/`or`, its field left out as in speech (`createdAt >= 2026-12-01 and
 * <= 2026-12-05`): the field of the condition before it, said again.
 */
function fieldLeftOutSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const [join, op] = [tokens[i - 1], tokens[i]!];
  if (join === undefined || !tokenMatcher(op, T.ComparisonOp)) return undefined;
  if (!tokenMatcher(join, T.AndOp) && !tokenMatcher(join, T.OrOp)) return undefined;
  const field = fieldBefore(tokens, i - 1);
  const value = tokens[i + 1];
  if (field === undefined || value === undefined || !endsOperand(value)) return undefined;
  const at = { start: op.startOffset, end: end(op) };
  const meant = `${field.image} ${text.slice(op.startOffset, end(value))}`;
  return {
    span: { start: at.start, end: through(tokens, i) },
    diagnostic: diagnostic("expectedConditionAfter", at, [join.image], hint("didYouMean", meant)),
  };
}

/** The field of the condition that ends right before `tokens[at]`: `f op v` with a known field. */
function fieldBefore(tokens: readonly IToken[], at: number): IToken | undefined {
  const [field, op] = [tokens[at - 3], tokens[at - 2]];
  if (field === undefined || op === undefined || !tokenMatcher(op, T.ComparisonOp)) return undefined;
  return tokenMatcher(field, T.Word) && lookupField(field.image) !== undefined ? field : undefined;
}

/** `count status`: the `by` left out. */
function countWithoutBySlip(tokens: readonly IToken[], i: number): Slip | undefined {
  const [count, field] = [tokens[i]!, tokens[i + 1]];
  if (!tokenMatcher(count, T.Count) || field === undefined || !tokenMatcher(field, T.Word)) return undefined;
  if (lookupField(field.image) === undefined) return undefined;
  const at = { start: field.startOffset, end: end(field) };
  const args = [`'by' after '${count.image}'`, `'${field.image}'`];
  // The groups after the first (`count status, rating`), as written.
  let last = i + 1;
  while (
    tokenMatcher(tokens[last + 1] ?? count, T.Comma) &&
    tokenMatcher(tokens[last + 2] ?? count, T.Word)
  ) {
    last += 2;
  }
  const groups = tokens
    .slice(i + 1, last + 1)
    .filter((token) => tokenMatcher(token, T.Word))
    .map((token) => token.image);
  const meant = `${count.image} by ${groups.join(", ")}`;
  return {
    span: { start: at.start, end: through(tokens, i + 1) },
    diagnostic: diagnostic("expected", at, args, hint("didYouMean", meant)),
  };
}

/** The index of the `)` that closes the `(` at `open`, if there is one. */
function closingParen(tokens: readonly IToken[], open: number): number | undefined {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (tokenMatcher(tokens[j]!, T.LParen)) depth++;
    else if (tokenMatcher(tokens[j]!, T.RParen) && --depth === 0) return j;
  }
  return undefined;
}

/** The texts of a list's items, as written, split at its commas (none when an item is empty or nested). */
function listItems(text: string, inside: readonly IToken[]): string[] {
  const items: string[] = [];
  let first: IToken | undefined;
  let last: IToken | undefined;
  for (const token of [...inside, undefined]) {
    if (token === undefined || tokenMatcher(token, T.Comma)) {
      if (first === undefined || last === undefined)
        return token === undefined && items.length > 0 ? items : [];
      items.push(text.slice(first.startOffset, end(last)));
      first = last = undefined;
      continue;
    }
    if (tokenMatcher(token, T.LParen) || tokenMatcher(token, T.RParen)) return [];
    first ??= token;
    last = token;
  }
  return items;
}

/**
 * A date and a time written almost as one date-time: apart (`2026-11-01 10:00`, `2026-12-06 T10:00`),
 * without minutes (`2026-12-01T10`), with a fraction of a second (JavaScript's toISOString,
 * `2026-12-01T10:00:00.000Z`), with an offset without its ':' (`+0200`) or a one-digit hour (`T9:30`).
 */
const LOOSE_DATE_TIME = new RegExp(
  [
    String.raw`(?<date>\d{4}-\d\d-\d\d)`,
    String.raw`(?<gap>[ \t]+[Tt]?[ \t]*|[Tt][ \t]*)`,
    String.raw`(?<hours>\d{1,2})(?::(?<minutes>\d\d)(?::(?<seconds>\d\d))?(?<fraction>\.\d+)?)?`,
    String.raw`(?<zone>[Zz]|[+-]\d\d(?::?\d\d)?)?(?![\w:.])`,
  ].join(""),
  "y",
);

type DateTimeParts = Partial<
  Record<"date" | "gap" | "hours" | "minutes" | "seconds" | "fraction" | "zone", string>
>;

function dateTimeSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const token = tokens[i]!;
  if (![T.DateLiteral, T.DateTime, T.GluedValue].some((type) => tokenMatcher(token, type))) return undefined;
  LOOSE_DATE_TIME.lastIndex = token.startOffset;
  const match = LOOSE_DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [written] = match;
  const parts: DateTimeParts = match.groups!;
  const fault = dateTimeFault(written, parts);
  if (fault === undefined) return undefined;
  const at = { start: token.startOffset, end: token.startOffset + written.length };
  const meant = hint("didYouMean", dateTimeMeant(parts));
  return { span: reach(tokens, i, at.end), diagnostic: diagnostic(fault.name, at, fault.args, meant) };
}

/** What is wrong with a loose date-time, the first of its faults; undefined when nothing is. */
function dateTimeFault(
  written: string,
  { gap = "", hours = "", minutes, fraction, zone }: DateTimeParts,
): { name: MessageName; args: string[] } | undefined {
  if (/[ \t]/.test(gap)) {
    // `2026-11-01 10`: a number after a date, not a time.
    return minutes === undefined && !/[Tt]/.test(gap) ? undefined : { name: "dateSpaceTime", args: [] };
  }
  if (minutes === undefined) return { name: "timeWithoutMinutes", args: [written] };
  if (fraction !== undefined) return { name: "fractionalSeconds", args: [written] };
  if (zone !== undefined && !/^(?:[Zz]|[+-]\d\d:\d\d)$/.test(zone)) {
    return { name: "offsetWithoutColon", args: [zone] };
  }
  if (hours.length === 1) return { name: "unpaddedTime", args: [written] };
  return undefined;
}

/** The date-time meant: `T` and no space, two-digit hours, minutes, whole seconds, `±HH:MM`. */
function dateTimeMeant({ date = "", hours = "", minutes = "00", seconds, zone = "" }: DateTimeParts): string {
  const offset = /^([+-]\d\d):?(\d\d)?$/.exec(zone);
  const shownZone = offset === null ? zone.toUpperCase() : `${offset[1]}:${offset[2] ?? "00"}`;
  return `${date}T${hours.padStart(2, "0")}:${minutes}${seconds === undefined ? "" : `:${seconds}`}${shownZone}`;
}

/** `2026-11` where a date goes: the month's days, as the comparison before it means them. */
function monthSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const [year, dash, month] = [tokens[i], tokens[i + 1], tokens[i + 2]];
  if (year === undefined || dash === undefined || month === undefined) return undefined;
  if (!tokenMatcher(year, T.Integer) || !/^\d{4}$/.test(year.image)) return undefined;
  if (!tokenMatcher(dash, T.Minus) || dash.startOffset !== end(year)) return undefined;
  if (!tokenMatcher(month, T.Integer) || month.startOffset !== end(dash)) return undefined;
  const m = Number(month.image);
  if (!/^\d{1,2}$/.test(month.image) || m < 1 || m > 12 || /^[-\w:]/.test(text.slice(end(month)))) {
    return undefined;
  }
  const mm = String(m).padStart(2, "0");
  const days = daysIn(year.image, month.image);
  const first = `${year.image}-${mm}-01`;
  const last = `${year.image}-${mm}-${days}`;
  const span = { start: year.startOffset, end: end(month) };
  const meant = betweenBound(tokens, i, first, last) ?? monthMeant(tokens[i - 2], tokens[i - 1], first, last);
  const args = [`${year.image}-${month.image}`];
  return { span, diagnostic: diagnostic("monthNotDate", span, args, hint("didYouMean", meant)) };
}

/** A month as a bound of `between`: its first day as the low one, its last day as the high one. */
function betweenBound(tokens: readonly IToken[], i: number, first: string, last: string): string | undefined {
  const before = tokens[i - 1];
  if (before === undefined) return undefined;
  if (tokenMatcher(before, T.Between)) return first;
  const isBetween = (token: IToken | undefined) => token !== undefined && tokenMatcher(token, T.Between);
  // `between 2026-10-15 and 2026-11`, `between 2026-10 and 2026-11`
  if (tokenMatcher(before, T.AndOp) && (isBetween(tokens[i - 3]) || isBetween(tokens[i - 5]))) return last;
  return undefined;
}

/** What `field op 2026-11` means with the month's first and last day. */
function monthMeant(field: IToken | undefined, op: IToken | undefined, first: string, last: string): string {
  const range = `between ${first} and ${last}`;
  if (field === undefined || op === undefined || !tokenMatcher(field, T.Word)) return range;
  const name = field.image;
  if (tokenMatcher(op, T.Equals)) return `${name} ${range}`;
  if (tokenMatcher(op, T.NotEquals)) return `${name} not ${range}`;
  if (tokenMatcher(op, T.Greater)) return `${name} > ${last}`;
  if (tokenMatcher(op, T.GreaterEq)) return `${name} >= ${first}`;
  if (tokenMatcher(op, T.Less)) return `${name} < ${first}`;
  if (tokenMatcher(op, T.LessEq)) return `${name} <= ${last}`;
  return range;
}
