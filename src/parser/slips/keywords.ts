import { type IToken, tokenMatcher } from "chevrotain";
import {
  COMMENT_SHAPE,
  type CountUnit,
  countUnitByName,
  diagnostic,
  fixingHint,
  hint,
  lookupField,
  MAX_COUNT_GROUPS,
  nearestValue,
  removal,
  suggest,
} from "../../language/index.js";
import { tokens as T } from "../../lexer/index.js";
import { AFTER_OPERAND, end, endsCondition, endsOperand, entry, type Slip, through } from "./tokens.js";

/** Keywords spelt another way or out of place: `top 5`, `sortby`, `limt`, SQL's `where`, `count status`, `limit 5 desc`. */

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

/** The clauses that take a number: a hint for them shows it (`top 5` → `limit 5`). */
const NUMBER_CLAUSES: readonly string[] = ["limit", "offset"];

/**
 * A word after a condition or a sort field where a keyword goes, misspelt (`adn`, `limt`, `offest`)
 * or written out (`descending`): the keyword. Not a field's name: that is a missing `and`/`or`.
 */
export function keywordSlip(
  tokens: readonly IToken[],
  i: number,
  cursor: number | undefined,
): Slip | undefined {
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
  const { said, last, through: replaced } = clauseMeant(tokens, i, meant);
  const span = { start: word.startOffset, end: through(tokens, last) };
  const fix = suggest({ start: word.startOffset, end: end(tokens[replaced]!) }, said);
  return { span, diagnostic: diagnostic("unexpectedWord", at, [word.image], fix) };
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
function clauseMeant(
  tokens: readonly IToken[],
  i: number,
  meant: string,
): { said: string; last: number; through: number } {
  const next = tokens[i + 1];
  if (NUMBER_CLAUSES.includes(meant) && next !== undefined && tokenMatcher(next, T.Integer)) {
    return { said: `${meant} ${next.image}`, last: i, through: i + 1 };
  }
  // `srot by`: the word and its `by` are what `sort by` replaces; `sortby` is one word.
  const withBy = meant.endsWith(" by") && next !== undefined && tokenMatcher(next, T.By);
  return { said: meant, last: meant.endsWith(" by") ? i + 1 : i, through: withBy ? i + 1 : i };
}

/**
 * A whole SQL statement (`select * from chats where status = 1`): the query is what follows `where`,
 * or nothing (all chats) when there is no `where`.
 */
export function selectSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const word = tokens[i]!;
  if (i !== 0 || !tokenMatcher(word, T.Word) || word.image.toLowerCase() !== "select") return undefined;
  let from = 1;
  while (tokens[from] !== undefined && tokens[from]!.image.toLowerCase() !== "from") from++;
  const table = tokens[from + 1];
  if (table === undefined) return undefined;
  const where = tokens[from + 2];
  const hasWhere = where !== undefined && where.image.toLowerCase() === "where";
  const last = hasWhere ? from + 2 : from + 1;
  const at = { start: word.startOffset, end: end(tokens[last]!) };
  const rest = text.slice(at.end).trim();
  const said =
    rest === ""
      ? hint("emptyQuery")
      : rest.length <= 80 && hasWhere
        ? suggest({ start: at.start, end: text.length }, rest)
        : hint("noSelect");
  return {
    span: { start: at.start, end: through(tokens, last) },
    diagnostic: diagnostic("sqlStatement", at, [text.slice(at.start, at.end)], said),
  };
}

/** SQL's `where` before a condition: nothing at the start of a query, `and` after a condition. */
export function whereSlip(tokens: readonly IToken[], i: number): Slip | undefined {
  const [word, next] = [tokens[i]!, tokens[i + 1]];
  if (!tokenMatcher(word, T.Word) || word.image.toLowerCase() !== "where" || next === undefined)
    return undefined;
  if (![T.Word, T.LParen, T.NotOp].some((type) => tokenMatcher(next, type))) return undefined;
  const said =
    i === 0
      ? hint("noWhere")
      : endsCondition(tokens, i - 1)
        ? suggest({ start: word.startOffset, end: end(word) }, "and")
        : undefined;
  if (said === undefined) return undefined;
  const at = { start: word.startOffset, end: end(word) };
  // The errors it explains reach into the condition after it (`where (status = 1)`).
  return {
    span: { start: at.start, end: through(tokens, i + 1) },
    diagnostic: diagnostic("unexpectedWord", at, [word.image], said),
  };
}

/**
 * A sort's direction after the limit or offset that follows it (`sort by f limit 5 desc`). The fix
 * moves it after the field when only limits and offsets stand between, with no comment among them.
 */
export function lateDirectionSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const [direction, number, clause] = [tokens[i]!, tokens[i - 1], tokens[i - 2]];
  if (!isDirection(direction)) return undefined;
  if (number === undefined || clause === undefined || !tokenMatcher(number, T.Integer)) return undefined;
  if (!tokenMatcher(clause, T.Limit) && !tokenMatcher(clause, T.Offset)) return undefined;
  let sort = i - 3;
  while (sort >= 0 && !(tokenMatcher(tokens[sort]!, T.SortStart) && tokenMatcher(tokens[sort + 1]!, T.By)))
    sort--;
  const field = tokens[sort + 2];
  if (sort < 0 || field === undefined || !tokenMatcher(field, T.Word)) return undefined;
  const at = { start: direction.startOffset, end: end(direction) };
  const meant = `${tokens[sort]!.image} by ${field.image} ${direction.image}`;
  const between = text.slice(end(field), direction.startOffset);
  const movable =
    !COMMENT_SHAPE.test(between) &&
    tokens
      .slice(sort + 3, i)
      .every((t) => [T.Limit, T.Offset, T.Integer].some((type) => tokenMatcher(t, type)));
  const said = movable
    ? suggest({ start: end(field), end: at.end }, meant, ` ${direction.image}${between.trimEnd()}`)
    : hint("didYouMean", meant);
  return {
    span: { start: at.start, end: through(tokens, i) },
    diagnostic: diagnostic("unexpectedToken", at, [`'${direction.image}'`], said),
  };
}

/** `count status`: the `by` left out. */
export function countWithoutBySlip(tokens: readonly IToken[], i: number): Slip | undefined {
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
  const fix = suggest({ start: count.startOffset, end: end(tokens[last]!) }, meant);
  return {
    span: { start: at.start, end: through(tokens, i + 1) },
    diagnostic: diagnostic("expected", at, args, fix),
  };
}

/** `sort lastMessageAt desc`, `order createdAt`: the `by` left out. */
export function sortWithoutBySlip(tokens: readonly IToken[], i: number): Slip | undefined {
  const [sort, field, direction] = [tokens[i]!, tokens[i + 1], tokens[i + 2]];
  if (!tokenMatcher(sort, T.SortStart) || field === undefined || !tokenMatcher(field, T.Word))
    return undefined;
  const directed = isDirection(direction);
  const meant = `${sort.image} by ${field.image}${directed ? ` ${direction.image}` : ""}`;
  const at = { start: field.startOffset, end: end(field) };
  return {
    span: { start: at.start, end: through(tokens, i + 1) },
    diagnostic: diagnostic(
      "expected",
      at,
      [`'by' after '${sort.image}'`, `'${field.image}'`],
      suggest({ start: sort.startOffset, end: end(directed ? direction : field) }, meant),
    ),
  };
}

/**
 * A field and a direction where a condition goes (`lastMessageAt desc`, `status = new createdAt
 * asc`, `status = new and createdAt asc`): a sort, its `sort by` left out.
 */
export function sortWithoutSortBySlip(tokens: readonly IToken[], i: number): Slip | undefined {
  const [field, direction] = [tokens[i]!, tokens[i + 1]];
  if (direction === undefined || !tokenMatcher(field, T.Word) || lookupField(field.image) === undefined)
    return undefined;
  if (!isDirection(direction)) return undefined;
  // `status = new and createdAt desc`: the `and` goes with it.
  const joined = i > 1 && tokenMatcher(tokens[i - 1]!, T.AndOp) && endsCondition(tokens, i - 2);
  if (i > 0 && !joined && !endsCondition(tokens, i - 1)) return undefined;
  const said = `sort by ${field.image} ${direction.image}`;
  const at = { start: tokens[joined ? i - 1 : i]!.startOffset, end: end(direction) };
  return {
    span: { start: at.start, end: through(tokens, i + 1) },
    diagnostic: diagnostic("sortWithoutSortBy", at, [field.image], suggest(at, said)),
  };
}

/**
 * `sort by count` (and its direction) in a count query: a count's rows are in the order of their
 * counts already, which is the one thing to say, not that `count` is no field.
 */
export function sortByCountSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const [sort, by, count, direction] = [tokens[i]!, tokens[i + 1], tokens[i + 2], tokens[i + 3]];
  if (!tokenMatcher(sort, T.SortStart) || by === undefined || count === undefined) return undefined;
  if (!tokenMatcher(by, T.By) || !tokenMatcher(count, T.Count)) return undefined;
  // In a count query only: elsewhere `count` is no field to sort by, as the parser says.
  if (!countNear(tokens, i - 1) && !countNear(tokens, i + 3 + NEAR)) return undefined;
  const directed = isDirection(direction);
  const last = directed ? i + 3 : i + 2;
  const at = { start: sort.startOffset, end: end(tokens[last]!) };
  // Largest first is what a count does: asking for it is a clause to leave out.
  const said =
    directed && direction!.image.toLowerCase() === "desc"
      ? fixingHint(removal(text, at), "countOrderAlready")
      : hint("countSort");
  return {
    span: { start: at.start, end: through(tokens, last) },
    covers: at,
    diagnostic: diagnostic("countClause", at, [text.slice(at.start, at.end)], said),
  };
}

/** A count's unit said as an adverb (`daily`): the unit meant. */
const UNIT_ADVERBS: Readonly<Record<string, CountUnit>> = {
  hourly: "hour",
  daily: "day",
  weekly: "week",
  monthly: "month",
  yearly: "year",
  annually: "year",
};

/**
 * `count by createdAt daily`, `count by closedAt week`: a date group's unit, its `per` left out or
 * said as an adverb.
 */
export function countUnitSlip(tokens: readonly IToken[], i: number): Slip | undefined {
  const [field, word, before] = [tokens[i - 1], tokens[i]!, tokens[i - 2]];
  if (field === undefined || before === undefined || !tokenMatcher(word, T.Word)) return undefined;
  if (!tokenMatcher(before, T.By) && !tokenMatcher(before, T.Comma)) return undefined;
  if (!tokenMatcher(field, T.Word) || lookupField(field.image)?.type !== "date") return undefined;
  if (!countNear(tokens, i - 1)) return undefined;
  const lower = word.image.toLowerCase();
  const unit = countUnitByName(lower) ?? entry(UNIT_ADVERBS, lower);
  if (unit === undefined) return undefined;
  const at = { start: word.startOffset, end: end(word) };
  return {
    span: { start: field.startOffset, end: through(tokens, i) },
    covers: { start: field.startOffset, end: at.end },
    diagnostic: diagnostic(
      "unexpectedWord",
      at,
      [word.image],
      suggest({ start: field.startOffset, end: at.end }, `${field.image} per ${unit}`),
    ),
  };
}

/**
 * How far a slip looks for the `count` of the clause it is in: the groups a count may have, with
 * their commas and units. Not further: a query of thousands of slips stays linear (test/hardening).
 */
const NEAR = 4 * MAX_COUNT_GROUPS;

/** Whether a `count` keyword stands at `at` or up to NEAR tokens before it. */
function countNear(tokens: readonly IToken[], at: number): boolean {
  for (let k = Math.min(at, tokens.length - 1); k >= 0 && k >= at - NEAR; k--) {
    if (tokenMatcher(tokens[k]!, T.Count)) return true;
  }
  return false;
}

/** `asc` or `desc`. */
function isDirection(token: IToken | undefined): token is IToken {
  return token !== undefined && (tokenMatcher(token, T.Asc) || tokenMatcher(token, T.Desc));
}
