import type { IToken } from "chevrotain";
import { assertNever, lookupField } from "../language/index.js";
import { tokens as T, tokenClass } from "../lexer/index.js";
import { TokenCache } from "./token-cache.js";

/** How a piece of a query is shown; `error` marks what the lexer rejects. */
export type HighlightClass =
  | "keyword"
  | "field"
  | "word"
  | "operator"
  | "string"
  | "number"
  | "date"
  | "punctuation"
  | "comment"
  | "error";

/** A piece of the text: `text.slice(start, end)` (UTF-16 offsets, end exclusive) is shown as `class`. */
export interface HighlightSpan {
  readonly start: number;
  readonly end: number;
  readonly class: HighlightClass;
}

/** The line highlighted last, and its spans: the next keystroke's line mostly shares its start. */
const lines = new TokenCache();
let lastSpans: HighlightSpan[] = [];

/**
 * The classes of a query's pieces, in order: every token and comment, and every run of characters
 * the lexer could not read (as `error`). Only whitespace lies between the spans. The spans before
 * the last edit are those of the previous call (bench row `highlight-keystroke`).
 */
export function highlight(text: string): HighlightSpan[] {
  if (text === "") return [];
  const { tokens, comments, keptBefore } = lines.read(text);
  const spans = keepSpansBefore(lastSpans, keptBefore);
  const fresh = [...piecesFrom(tokens, keptBefore), ...piecesFrom(comments, keptBefore)];
  if (comments.length > 0) fresh.sort((a, b) => a.startOffset - b.startOffset);
  let at = spans.length === 0 ? 0 : Math.min(keptBefore, text.length);
  for (const token of fresh) {
    if (token.startOffset > at) unreadable(text, at, token.startOffset, spans);
    const end = token.startOffset + token.image.length;
    spans.push({ start: token.startOffset, end, class: classOf(token) });
    at = end;
  }
  if (at < text.length) unreadable(text, at, text.length, spans);
  lastSpans = spans;
  return [...spans];
}

/** Drops the last call's spans that do not end before `offset`, where the text may have changed. */
function keepSpansBefore(spans: HighlightSpan[], offset: number): HighlightSpan[] {
  let n = spans.length;
  while (n > 0 && spans[n - 1]!.end > offset) n--;
  spans.length = n;
  return spans;
}

/** The pieces that start at or after `offset` (pieces are in text order). */
function piecesFrom(pieces: readonly IToken[], offset: number): readonly IToken[] {
  let n = pieces.length;
  while (n > 0 && pieces[n - 1]!.startOffset >= offset) n--;
  return pieces.slice(n);
}

const NOT_SPACE = /\S+/g;

/** Characters between tokens: whitespace, or characters the lexer could not read (errors). */
function unreadable(text: string, from: number, to: number, spans: HighlightSpan[]): void {
  const gap = text.slice(from, to);
  for (const match of gap.matchAll(NOT_SPACE)) {
    const start = from + match.index;
    spans.push({ start, end: start + match[0].length, class: "error" });
  }
}

function classOf(token: IToken): HighlightClass {
  const cls = tokenClass(token.tokenType);
  switch (cls) {
    case "word":
      return token.tokenType === T.Word && lookupField(token.image) ? "field" : "word";
    case "duration":
      return "date";
    case "keyword":
    case "operator":
    case "string":
    case "number":
    case "date":
    case "punctuation":
    case "comment":
    case "error":
      return cls;
    default:
      return assertNever(cls);
  }
}
