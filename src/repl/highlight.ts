import pc from "picocolors";
import { highlight as classify, type HighlightClass } from "../editor/index.js";
import type { Diagnostic, Span } from "../language/index.js";

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

/** ESC and CSI: a line holding one is shown as typed, since colour codes put beside it would change what the terminal reads. */
const TERMINAL_ESCAPE = /[\u001b\u009b]/;

/**
 * The line with escape codes; the line unchanged when `color` is false (NO_COLOR, no terminal) or
 * when it holds a terminal escape character of its own.
 * `rejected` are the places the checker refuses (an unknown field, a value the field does not take,
 * a stray `)`): their pieces are painted as errors too.
 */
export function highlight(
  line: string,
  color = true,
  palette: Palette = PALETTE,
  rejected: readonly Span[] = [],
): string {
  if (!color || line === "" || TERMINAL_ESCAPE.test(line)) return line;
  let out = "";
  let at = 0;
  for (const span of classify(line)) {
    out += line.slice(at, span.start);
    const text = line.slice(span.start, span.end);
    const cls = rejected.some((r) => r.start < span.end && span.start < r.end) ? "error" : span.class;
    out += cls === "punctuation" ? text : palette[cls](text);
    at = span.end;
  }
  return out + line.slice(at);
}

/**
 * Where the checker rejects a line being typed: its errors' spans, but none at the end of the line
 * (`status =` is not wrong, only unfinished).
 */
export function rejectedSpans(line: string, diagnostics: readonly Diagnostic[]): Span[] {
  const end = line.trimEnd().length;
  return diagnostics
    .filter((d) => d.severity === "error" && d.span.start < end && d.span.end > d.span.start)
    .map((d) => d.span);
}
