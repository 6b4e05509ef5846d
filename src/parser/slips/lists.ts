import { type IToken, tokenMatcher } from "chevrotain";
import { diagnostic, suggest } from "../../language/index.js";
import { tokens as T } from "../../lexer/index.js";
import { AFTER_OPERAND, closingParen, end, type Slip, through } from "./tokens.js";

/**
 * Lists where one value goes, or without their parentheses or commas: `tags = ("a", "b")`, `status in
 * new, closed`, `status in (new closed)`.
 */

/** `field = (a, b)` (or `!=`): a list where one value goes, meant as `field in (a, b)`. */
export function listSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
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
  const said = suggest({ start: field.startOffset, end: span.end }, meant);
  return { span, diagnostic: diagnostic("listAfterOperator", span, args, said) };
}

/**
 * A list without its parentheses: `status in new, closed`, `status = new,closed` (each item one
 * word, number or string): meant as `status in (new, closed)`.
 */
export function bareListSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
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
  const fix = suggest({ start: fieldToken.startOffset, end: at.end }, meant);
  const said = isIn
    ? diagnostic("listWithoutParens", at, [op.image], fix)
    : diagnostic("listAfterOperator", at, [op.image, negated ? "not in" : "in"], fix);
  return { span: { start: at.start, end: through(tokens, last) }, diagnostic: said };
}

/**
 * An `in` list whose values lack a comma between them: `status in (pending closed)` (each item one
 * word, number or string), meant as `status in (pending, closed)`.
 */
export function listCommaSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const [before, op, open] = [tokens[i - 1], tokens[i]!, tokens[i + 1]];
  if (!tokenMatcher(op, T.In) || open === undefined || !tokenMatcher(open, T.LParen)) return undefined;
  const field = before !== undefined && tokenMatcher(before, T.NotOp) ? tokens[i - 2] : before;
  if (field === undefined || !tokenMatcher(field, T.Word)) return undefined;
  const items: IToken[] = [];
  let missing = false;
  let j = i + 2;
  for (; j < tokens.length && !tokenMatcher(tokens[j]!, T.RParen); j++) {
    const token = tokens[j]!;
    const afterItem = items.length > 0 && !tokenMatcher(tokens[j - 1]!, T.Comma);
    if (tokenMatcher(token, T.Comma) && afterItem) continue;
    if (!isListItem(token)) return undefined;
    missing ||= afterItem;
    items.push(token);
  }
  if (!missing || j === tokens.length) return undefined;
  const close = tokens[j]!;
  const written = items.map((item) => text.slice(item.startOffset, end(item)));
  const meant = `${text.slice(field.startOffset, open.startOffset)}(${written.join(", ")})`;
  const span = { start: open.startOffset, end: end(close) };
  const said = suggest({ start: field.startOffset, end: span.end }, meant);
  return {
    span: { start: span.start, end: through(tokens, j) },
    diagnostic: diagnostic("listWithoutCommas", span, [], said),
  };
}

function isListItem(token: IToken | undefined): token is IToken {
  return (
    token !== undefined &&
    [T.Word, T.Integer, T.StringLiteral].some((type) => tokenMatcher(token, type)) &&
    !tokenMatcher(token, T.GluedValue)
  );
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
