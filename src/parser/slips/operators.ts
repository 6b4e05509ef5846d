import { type IToken, tokenMatcher } from "chevrotain";
import { diagnostic, hint, lookupField, meansMissing, suggest } from "../../language/index.js";
import { tokens as T } from "../../lexer/index.js";
import { closingParen, end, endsOperand, entry, type Slip, through } from "./tokens.js";

/** Operators said in words or left out: `is`, `after`, `ends with`, `within 7d`, `from a to b`, `and <= b`. */

/** Stands for `contains` where the field has it (text), else `=` (a tag, one of the agents). */
const HAS = "has";

/**
 * Operators written as words: `status is pending`, `createdAt after 2026-11-01`, `email ends with x`
 * (text is searched by `contains`, the nearest the API has).
 */
const OPERATOR_WORDS: Readonly<Record<string, string>> = {
  is: "=",
  equals: "=",
  eq: "=",
  ne: "!=",
  neq: "!=",
  gt: ">",
  gte: ">=",
  ge: ">=",
  lt: "<",
  lte: "<=",
  le: "<=",
  // Text is searched by `contains`; a tag or an id the chat has is `=` (see operatorWordSlip).
  has: HAS,
  includes: HAS,
  matches: "contains",
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
export function operatorWordSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const [field, word] = [tokens[i - 1], tokens[i]!];
  if (field === undefined || !tokenMatcher(field, T.Word) || !tokenMatcher(word, T.Word)) return undefined;
  const words = operatorWords(tokens, i);
  const spec = lookupField(field.image);
  if (words === undefined || spec === undefined) return undefined;
  if (words.operator === "=" && word.image.toLowerCase() === "is") {
    const before = isBeforeKeywordSlip(text, tokens, i);
    if (before !== undefined) return before;
  }
  const { last } = words;
  const operator =
    words.operator === HAS ? (spec.operators.includes("~") ? "contains" : "=") : words.operator;
  const negated =
    operator === "=" && tokens[last + 1] !== undefined && tokenMatcher(tokens[last + 1]!, T.NotOp);
  const valueAt = negated ? last + 2 : last + 1;
  const value = tokens[valueAt];
  if (value === undefined) return undefined;
  const valueEnd = lastOfValue(tokens, valueAt);
  const at = { start: word.startOffset, end: end(value) };
  const span = { start: word.startOffset, end: through(tokens, valueEnd) };
  const covers = { start: field.startOffset, end: end(tokens[valueEnd]!) };
  // `closedAt is null`, `assignee is empty`: a test for a missing value, which the API has none of (§5).
  if (operator === "=" && meansMissing(value.image, spec)) {
    return {
      span,
      covers,
      diagnostic: diagnostic("noMissingTest", at, [text.slice(at.start, at.end)], hint("noMissingTest")),
    };
  }
  const valueText = text.slice(value.startOffset, end(tokens[valueEnd]!));
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
  return {
    span,
    covers,
    diagnostic: diagnostic("unexpectedWord", written, said, suggest(covers, meant)),
  };
}

/**
 * `status is in (new, closed)`, `createdAt is between a and b`, `email is not contains x`: the
 * keyword operator says it all, and `is` goes.
 */
function isBeforeKeywordSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const [field, word] = [tokens[i - 1]!, tokens[i]!];
  const negated = tokens[i + 1] !== undefined && tokenMatcher(tokens[i + 1]!, T.NotOp);
  const keywordAt = negated ? i + 2 : i + 1;
  const keyword = tokens[keywordAt];
  if (keyword === undefined) return undefined;
  const lastAt = tokenMatcher(keyword, T.In)
    ? closingParen(tokens, keywordAt + 1)
    : tokenMatcher(keyword, T.Between)
      ? betweenEnd(tokens, keywordAt)
      : tokenMatcher(keyword, T.Contains) && tokens[keywordAt + 1] !== undefined
        ? lastOfValue(tokens, keywordAt + 1)
        : undefined;
  if (lastAt === undefined) return undefined;
  const meant = `${field.image} ${text.slice(tokens[i + 1]!.startOffset, end(tokens[lastAt]!))}`;
  const covers = { start: field.startOffset, end: end(tokens[lastAt]!) };
  return {
    span: { start: word.startOffset, end: through(tokens, lastAt) },
    covers,
    diagnostic: diagnostic(
      "unexpectedWord",
      { start: word.startOffset, end: end(word) },
      [word.image],
      suggest(covers, meant),
    ),
  };
}

/** The last token of `between a and b` from the `between` at `at`, when it is all there. */
function betweenEnd(tokens: readonly IToken[], at: number): number | undefined {
  if (tokens[at + 1] === undefined) return undefined;
  const low = lastOfValue(tokens, at + 1);
  const and = tokens[low + 1];
  if (and === undefined || !tokenMatcher(and, T.AndOp) || tokens[low + 2] === undefined) return undefined;
  return lastOfValue(tokens, low + 2);
}

/** The last token of the value that starts at `tokens[at]`: `7d ago`, `now - 7d` and `-7d` are one value. */
function lastOfValue(tokens: readonly IToken[], at: number): number {
  const [value, next, after] = [tokens[at]!, tokens[at + 1], tokens[at + 2]];
  if (next === undefined) return at;
  if (tokenMatcher(value, T.Duration) && tokenMatcher(next, T.Ago)) return at + 1;
  if (tokenMatcher(value, T.Minus) && tokenMatcher(next, T.Duration)) return at + 1;
  const shifted = tokenMatcher(next, T.Plus) || tokenMatcher(next, T.Minus);
  if (tokenMatcher(value, T.Word) && shifted && after !== undefined && tokenMatcher(after, T.Duration)) {
    return at + 2;
  }
  return at;
}

/**
 * A range said in words: `createdAt from a to b`, `createdAt between a to b`, or with a dash between
 * two dates (`between 2026-01-01 - 2026-02-01`): `between a and b`.
 */
export function rangeWordsSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const word = tokens[i]!;
  const lower = word.image.toLowerCase();
  if (!tokenMatcher(word, T.Word) && !tokenMatcher(word, T.Between)) return undefined;
  if (lower !== "from" && lower !== "between") return undefined;
  const [field, low, to, high] = [tokens[i - 1], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
  if (field === undefined || !tokenMatcher(field, T.Word) || lookupField(field.image) === undefined)
    return undefined;
  if (low === undefined || to === undefined || high === undefined) return undefined;
  // `2026-01-01 - 2026-02-01`: a date less a date is no date; a dash between two dates is a range.
  const dashed = tokenMatcher(to, T.Minus) && isDate(low) && isDate(high);
  if (!dashed && !/^(?:to|till|until)$/i.test(to.image)) return undefined;
  if (!endsOperand(low) || !endsOperand(high)) return undefined;
  const [lowText, highText] = [low, high].map((t) => text.slice(t.startOffset, end(t)));
  const said = suggest(
    { start: field.startOffset, end: end(high) },
    `${field.image} between ${lowText} and ${highText}`,
  );
  const wrong = lower === "from" && !dashed ? word : to;
  const at = { start: wrong.startOffset, end: end(wrong) };
  return {
    span: { start: word.startOffset, end: through(tokens, i + 3) },
    diagnostic: dashed
      ? diagnostic("dashedRange", at, [], said)
      : diagnostic("unexpectedWord", at, [wrong.image], said),
  };
}

function isDate(token: IToken): boolean {
  return tokenMatcher(token, T.DateLiteral) || tokenMatcher(token, T.DateTime);
}

/**
 * An operator right after `and`/`or`, its field left out as in speech (`createdAt >= 2026-12-01 and
 * <= 2026-12-05`): the field of the condition before it, said again.
 */
export function fieldLeftOutSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
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
    diagnostic: diagnostic(
      "expectedConditionAfter",
      at,
      [join.image],
      suggest({ start: at.start, end: end(value) }, meant),
    ),
  };
}

/** The field of the condition that ends right before `tokens[at]`: `f op v` with a known field. */
function fieldBefore(tokens: readonly IToken[], at: number): IToken | undefined {
  const [field, op] = [tokens[at - 3], tokens[at - 2]];
  if (field === undefined || op === undefined || !tokenMatcher(op, T.ComparisonOp)) return undefined;
  return tokenMatcher(field, T.Word) && lookupField(field.image) !== undefined ? field : undefined;
}

/** Tokens a value may be written as, alone: what `field value` with its operator left out holds. */
const LONE_VALUES = [T.Word, T.Integer, T.StringLiteral, T.DateLiteral, T.DateTime];

/** Tokens after which a condition may begin: the start, `(`, `and`, `or`, `not`. */
const BEFORE_CONDITION = [T.LParen, T.AndOp, T.OrOp, T.NotOp];

/**
 * A field and its value with the operator left out (`status pending`, `tags "VIP"`), the value the
 * condition's last: `=` meant; several such pairs in a row, `and` meant between them too.
 */
export function missingOperatorSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  if (i > 0 && !BEFORE_CONDITION.some((type) => tokenMatcher(tokens[i - 1]!, type))) return undefined;
  // `status pending`, or pairs one after another (`status pending rating poor`): `and` meant between.
  const pairs: IToken[] = [];
  for (let at = i; isFieldAndLoneValue(text, tokens, at); at += 2) pairs.push(tokens[at]!, tokens[at + 1]!);
  if (pairs.length === 0) return undefined;
  // Alone, or before `and`, `or`, `)` or a clause: not `status pending chats` (a join left out).
  const after = tokens[i + pairs.length];
  if (after !== undefined && (tokenMatcher(after, T.Word) || !endsWithin(after))) return undefined;
  const [field, value] = [pairs[0]!, pairs[1]!];
  const meant = [];
  for (let p = 0; p < pairs.length; p += 2) {
    meant.push(`${pairs[p]!.image} = ${text.slice(pairs[p + 1]!.startOffset, end(pairs[p + 1]!))}`);
  }
  const covers = { start: field.startOffset, end: end(pairs.at(-1)!) };
  return {
    span: { start: field.startOffset, end: through(tokens, i + pairs.length - 1) },
    covers,
    diagnostic: diagnostic(
      "expectedOperatorAfter",
      { start: value.startOffset, end: end(value) },
      [field.image],
      suggest(covers, meant.join(" and ")),
    ),
  };
}

/** A field of the table at `tokens[at]` and a lone value after it, blanks alone between them. */
function isFieldAndLoneValue(text: string, tokens: readonly IToken[], at: number): boolean {
  const [field, value] = [tokens[at], tokens[at + 1]];
  if (field === undefined || value === undefined || !tokenMatcher(field, T.Word)) return false;
  if (lookupField(field.image) === undefined || !LONE_VALUES.some((type) => tokenMatcher(value, type)))
    return false;
  // `status @ 1` has its stray character to tell.
  return /^\s+$/.test(text.slice(end(field), value.startOffset));
}

/** A token that may follow a whole condition: a join, a `)`, a clause's keyword. */
function endsWithin(token: IToken): boolean {
  return [T.AndOp, T.OrOp, T.RParen, T.SortStart, T.Limit, T.Offset, T.Count].some((type) =>
    tokenMatcher(token, type),
  );
}
