import type { IToken } from "chevrotain";
import { assertNever } from "../language/assert.js";
import { lookupField } from "../language/fields.js";
import { tokens as T, tokenClass, tokenize } from "../lexer/index.js";

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

/**
 * The classes of a query's pieces, in order: every token and comment, and every run of characters
 * the lexer could not read (as `error`). Only whitespace lies between the spans. Pure.
 */
export function highlight(text: string): HighlightSpan[] {
  if (text === "") return [];
  const { tokens, comments } = tokenize(text);
  const all: IToken[] = comments.length === 0 ? tokens : [...tokens, ...comments];
  if (comments.length > 0) all.sort((a, b) => a.startOffset - b.startOffset);
  const spans: HighlightSpan[] = [];
  let at = 0;
  for (const token of all) {
    if (token.startOffset > at) unreadable(text, at, token.startOffset, spans);
    const end = token.startOffset + token.image.length;
    spans.push({ start: token.startOffset, end, class: classOf(token) });
    at = end;
  }
  if (at < text.length) unreadable(text, at, text.length, spans);
  return spans;
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
