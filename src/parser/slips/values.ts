import { type IToken, tokenMatcher } from "chevrotain";
import {
  diagnostic,
  fixingHint,
  hint,
  lookupField,
  quote,
  statusByName,
  suggest,
} from "../../language/index.js";
import { tokens as T } from "../../lexer/index.js";
import {
  AFTER_OPERAND,
  end,
  endsCondition,
  fieldOfValue,
  isWordOrNumber,
  type Slip,
  startsValue,
  through,
} from "./tokens.js";

/** Values written the way only quotes allow, or run on: `vip-customer`, `on hold`, `vip customer`, `status:pending`, a word after a condition. */

/**
 * A value with dashes inside (`tags = vip-customer`, `userId = abc-123`), read as a word minus a
 * duration: quoted, it is the one value meant. (`now-7d` stays arithmetic: it parses.)
 */
export function dashedValueSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
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
  return {
    span,
    diagnostic: diagnostic(
      "dashedValue",
      at,
      [value],
      fixingHint({ span: at, text: quote(value) }, "quote", quote(value)),
    ),
  };
}

/** A status written in two words (`status = on hold`, `no communication`): its one-word name. */
export function spacedStatusSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
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
    diagnostic: diagnostic("spacedValue", at, [written], suggest(at, status.names[0]!)),
  };
}

/**
 * A text value of several words left bare (`tags = vip customer`, `email ~ john smith and …`): the
 * words up to the end of the condition, quoted, even where one of them is a field's name (`customer`),
 * which would otherwise read as a join left out. Not while the last word is being typed.
 */
export function spacedTextSlip(
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
  const conditionStart = tokens[i - 3]?.startOffset ?? before.startOffset;
  const condition = text.slice(conditionStart, before.startOffset + before.image.length);
  const at = { start: tokens[i]!.startOffset, end: end(tokens[last]!) };
  const meant = `${condition} ${quote(words)}`;
  return {
    span: { start: at.start, end: through(tokens, last) },
    diagnostic: diagnostic(
      "unexpectedWord",
      at,
      [text.slice(at.start, at.end)],
      suggest({ start: conditionStart, end: at.end }, meant),
    ),
  };
}

/**
 * A field and its value joined by `:`, as search boxes write them (`status:pending`, `tags:"Paid"`):
 * read as one value glued around a stray `:`, and meant with `=`.
 */
export function colonSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
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
    diagnostic: diagnostic("colonOperator", at, [written], suggest(at, meant)),
  };
}

/** A field's name right after a condition (`status = pending rating = poor`): `and` or `or` left out. */
export function missingJoinSlip(tokens: readonly IToken[], i: number): Slip | undefined {
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
export function strayWordSlip(
  tokens: readonly IToken[],
  i: number,
  cursor: number | undefined,
): Slip | undefined {
  const word = tokens[i]!;
  if (!tokenMatcher(word, T.Word) || !endsCondition(tokens, i - 1) || end(word) === cursor) return undefined;
  // Before an operator, the word begins a condition: a join left out (`a = 1 b = 2`), said elsewhere.
  const next = tokens[i + 1];
  if (next !== undefined && !AFTER_OPERAND.includes(next.image.toLowerCase())) return undefined;
  const at = { start: word.startOffset, end: end(word) };
  const span = { start: word.startOffset, end: through(tokens, i) };
  return { span, diagnostic: diagnostic("unexpectedWord", at, [word.image], hint("afterCondition")) };
}
