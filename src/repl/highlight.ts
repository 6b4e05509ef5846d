import pc from "picocolors";
import { highlight as classify, type HighlightClass } from "../editor/index.js";

/**
 * Colours a line of HCQL as it is typed, from the editor's classes: keywords, fields, operators,
 * strings, numbers, dates and durations, comments, and anything the lexer rejects in red. Pure; the
 * text itself is unchanged, so stripping the escape codes gives the line back.
 */

export type Painter = (text: string) => string;

export type Palette = { readonly [K in Exclude<HighlightClass, "punctuation">]: Painter };

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
  let out = "";
  let at = 0;
  for (const span of classify(line)) {
    out += line.slice(at, span.start);
    const text = line.slice(span.start, span.end);
    out += span.class === "punctuation" ? text : palette[span.class](text);
    at = span.end;
  }
  return out + line.slice(at);
}
