import type { IToken } from "chevrotain";
import pc from "picocolors";
import { lookupField } from "../language/fields.js";
import { tokens as T, tokenClass, tokenize } from "../lexer/index.js";

/**
 * Colours a line of HCQL as it is typed: keywords, fields, operators, strings, numbers, dates and
 * durations, comments, and anything the lexer rejects in red. Pure; the text itself is unchanged,
 * so stripping the escape codes gives the line back.
 */

export type Painter = (text: string) => string;

export interface Palette {
  readonly keyword: Painter;
  readonly field: Painter;
  readonly word: Painter;
  readonly operator: Painter;
  readonly string: Painter;
  readonly number: Painter;
  readonly date: Painter;
  readonly comment: Painter;
  readonly error: Painter;
}

const colors = pc.createColors(true);

export const PALETTE: Palette = {
  keyword: (t) => colors.bold(colors.magenta(t)),
  field: colors.cyan,
  word: (t) => t,
  operator: colors.yellow,
  string: colors.green,
  number: colors.blue,
  date: colors.blue,
  comment: colors.dim,
  error: (t) => colors.red(colors.underline(t)),
};

/** The line with escape codes; the line unchanged when `color` is false (NO_COLOR, no terminal). */
export function highlight(line: string, color = true, palette: Palette = PALETTE): string {
  if (!color || line === "") return line;
  const { tokens, comments } = tokenize(line);
  const all: IToken[] = comments.length === 0 ? tokens : [...tokens, ...comments];
  if (comments.length > 0) all.sort((a, b) => a.startOffset - b.startOffset);
  let out = "";
  let at = 0;
  for (const token of all) {
    if (token.startOffset > at) out += gap(line.slice(at, token.startOffset), palette);
    out += paint(token, palette)(token.image);
    at = token.startOffset + token.image.length;
  }
  if (at < line.length) out += gap(line.slice(at), palette);
  return out;
}

/** Text between tokens: whitespace, or characters the lexer could not read (red). */
function gap(text: string, palette: Palette): string {
  return text.replace(/[^\s]+/g, (bad) => palette.error(bad));
}

function paint(token: IToken, palette: Palette): Painter {
  const cls = tokenClass(token.tokenType);
  switch (cls) {
    case "keyword":
      return palette.keyword;
    case "word":
      return token.tokenType === T.Word && lookupField(token.image) ? palette.field : palette.word;
    case "operator":
      return palette.operator;
    case "string":
      return palette.string;
    case "number":
      return palette.number;
    case "date":
    case "duration":
      return palette.date;
    case "punctuation":
      return (t) => t;
    case "comment":
      return palette.comment;
    case "error":
      return palette.error;
    default:
      return palette.error;
  }
}
