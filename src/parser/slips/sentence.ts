import { type IToken, tokenMatcher } from "chevrotain";
import {
  DATE_WORDS,
  diagnostic,
  displayName,
  fieldOfType,
  hint,
  LACKING_WORDS,
  lookupField,
  ratingByName,
  ratingMeantBy,
  statusByName,
  statusMeantBy,
  suggest,
} from "../../language/index.js";
import { tokens as T } from "../../lexer/index.js";
import { SPOKEN_BACK, SPOKEN_DATE_FIELD, spokenAmount } from "./dates.js";
import { end, type Slip, through } from "./tokens.js";

/**
 * A query written as a sentence (`show me pending chats from last week`): one diagnostic for the
 * whole of it, whose hint is the query its words make (`status = pending and createdAt > 1w ago`),
 * instead of an error for every word.
 */

/** The keywords that are English words too: in a sentence, but neither its words nor its end. */
const JOINING = [T.In, T.By, T.AndOp, T.OrOp, T.NotOp];

/**
 * Tokens a sentence runs through: words, numbers (`7 days` is one token, a duration misspelt, which
 * the lexer tells itself), and those keywords.
 */
const IN_SENTENCE = [T.Word, T.Integer, T.BadDuration, ...JOINING];

/** Tokens after which a condition may begin (where a sentence may start): `(`, `and`, `or`. */
const BEFORE_CONDITION = [T.LParen, T.AndOp, T.OrOp];

/**
 * Fewer words in a row than this are told word by word (`pending chats`, `status pending`, values
 * joined as in speech: `tags = Paid or Trial and VIP`); so are more words than a sentence has (a run
 * of thousands of words is no sentence, and its errors are capped).
 */
const SENTENCE_WORDS = 3;
const MOST_SENTENCE_WORDS = 40;

export function sentenceSlip(tokens: readonly IToken[], i: number): Slip | undefined {
  const first = tokens[i]!;
  const before = tokens[i - 1];
  if (before !== undefined && !BEFORE_CONDITION.some((type) => tokenMatcher(before, type))) return undefined;
  if (!tokenMatcher(first, T.Word) || lookupField(first.image) !== undefined) return undefined;
  const last = sentenceEnd(tokens, i);
  if (last === undefined) return undefined;
  const words = tokens.slice(i, last + 1);
  if (longestWordRun(words) < SENTENCE_WORDS) return undefined;
  const at = { start: first.startOffset, end: end(tokens[last]!) };
  const meant = conditionsOf(words);
  // `unassigned chats`: what the words ask for, the API cannot find.
  const lacking = words.some((w) => LACKING_WORDS.includes(w.image.toLowerCase()));
  return {
    span: { start: at.start, end: through(tokens, last) },
    covers: at,
    diagnostic: diagnostic(
      "sentence",
      at,
      [],
      lacking
        ? hint("noMissingTest")
        : meant.length > 0
          ? suggest(at, meant.join(" and "))
          : hint("sentenceExample"),
    ),
  };
}

/**
 * The index of a sentence's last token: the run of words from `i`, short of a last word that an
 * operator follows (`show me status = new`: `status` begins a condition) or a join at its end;
 * undefined when the run holds more words than a sentence.
 */
function sentenceEnd(tokens: readonly IToken[], i: number): number | undefined {
  let last = i;
  let words = 1;
  while (
    tokens[last + 1] !== undefined &&
    IN_SENTENCE.some((type) => tokenMatcher(tokens[last + 1]!, type))
  ) {
    last++;
    if (tokenMatcher(tokens[last]!, T.Word) && ++words > MOST_SENTENCE_WORDS) return undefined;
  }
  const after = tokens[last + 1];
  if (after !== undefined && (tokenMatcher(after, T.ComparisonOp) || tokenMatcher(after, T.Contains))) last--;
  while (last > i && JOINING.some((type) => tokenMatcher(tokens[last]!, type))) last--;
  return last;
}

/** The most words that follow one another in `tokens`, nothing between them. */
function longestWordRun(tokens: readonly IToken[]): number {
  let [longest, run] = [0, 0];
  for (const token of tokens) {
    run = tokenMatcher(token, T.Word) ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** The conditions a sentence's words name: statuses, ratings, and a spoken time back from now. */
function conditionsOf(words: readonly IToken[]): string[] {
  const statuses = new Set<string>();
  const ratings = new Set<string>();
  let since: string | undefined;
  for (const [k, word] of words.entries()) {
    if (!tokenMatcher(word, T.Word)) continue;
    const status = statusByName(word.image)?.names[0] ?? statusMeantBy(word.image);
    if (status !== undefined) statuses.add(status);
    const rating = ratingByName(word.image) ?? ratedWord(words, k);
    if (rating !== undefined) ratings.add(rating);
    since ??= spokenSince(words, k);
  }
  return [
    ...oneOrIn(displayName(fieldOfType("status")), [...statuses]),
    ...oneOrIn(displayName(fieldOfType("rating")), [...ratings]),
    // A time back from now on the date most asked about, as the spoken-date slip gives it.
    ...(since === undefined ? [] : [`${SPOKEN_DATE_FIELD} ${since}`]),
  ];
}

/** `bad` in `bad ratings` or `rated bad`: a word people rate with, next to a word about rating. */
function ratedWord(words: readonly IToken[], k: number): string | undefined {
  const aboutRating = (token: IToken | undefined) =>
    token !== undefined && /^rat(ed|ings?)$/i.test(token.image);
  return aboutRating(words[k - 1]) || aboutRating(words[k + 1]) ? ratingMeantBy(words[k]!.image) : undefined;
}

function oneOrIn(field: string, values: readonly string[]): string[] {
  if (values.length === 0) return [];
  return [values.length === 1 ? `${field} = ${values[0]}` : `${field} in (${values.join(", ")})`];
}

/** `last week`, `past 3 days` (`> 3d ago`), `today`, `yesterday` (`>= today`) at `words[k]`. */
function spokenSince(words: readonly IToken[], k: number): string | undefined {
  const word = words[k]!.image.toLowerCase();
  if (word !== "now" && (DATE_WORDS as readonly string[]).includes(word)) return `>= ${word}`;
  if (!SPOKEN_BACK.includes(word)) return undefined;
  const [next, after] = [words[k + 1], words[k + 2]];
  if (next === undefined) return undefined;
  // `last 7 days` (an integer and a word) or `last 7days` (one token).
  const spoken =
    tokenMatcher(next, T.Integer) && after !== undefined ? `${next.image} ${after.image}` : next.image;
  const amount = spokenAmount(spoken);
  return amount === undefined ? undefined : `> ${amount.n}${amount.unit} ago`;
}
