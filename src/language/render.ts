import stringWidth from "string-width";
import type { Diagnostic } from "./diagnostics.js";
import { graphemes } from "./graphemes.js";
import { wrapWords } from "./wrap.js";

// Lives in span.ts so that the parser can name a line and column without loading string-width.
export { lineColFromIndex } from "./span.js";

/** Painting functions, picocolors-shaped; pass picocolors' `createColors(true)` or use `color: true`. */
export interface Colors {
  readonly bold: (s: string) => string;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly blue: (s: string) => string;
  readonly cyan: (s: string) => string;
}

/** How `renderDiagnostic(s)` lays a diagnostic out: colours, tab width, the widest line. */
export interface RenderOptions {
  /** `true` for ANSI colors, or the painting functions to use; no color by default. */
  readonly color?: boolean | Colors | undefined;
  /** Columns between tab stops when a tab is expanded: 1 to 32 (default 4). */
  readonly tabWidth?: number | undefined;
  /**
   * Widest line shown, in columns: 1 or more, or Infinity (default 120); a longer line is cut around
   * the span, with `…`.
   * When given (a terminal's width), the message is wrapped at spaces to it, and a hint that does
   * not fit after the carets goes below them, wrapped to it.
   */
  readonly maxWidth?: number | undefined;
}

const DEFAULT_MAX_WIDTH = 120;

/** The `maxWidth` for a terminal `columns` wide: its width less the gutter, never under 20. */
export function excerptWidth(columns: number): number {
  return Math.max(20, columns - 8);
}

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const ANSI: Colors = {
  bold: ansi(1, 22),
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  blue: ansi(34, 39),
  cyan: ansi(36, 39),
};
const identity = (s: string) => s;
const PLAIN: Colors = { bold: identity, red: identity, yellow: identity, blue: identity, cyan: identity };

/** The most lines of one span shown; longer spans show their first lines, `...` and their last line. */
const MAX_SPAN_LINES = 4;

/**
 * A diagnostic for a person: the header, then each line the span touches with carets under it
 * and the hint after the last carets. Tabs are expanded, wide characters (CJK, emoji) take two
 * columns, control characters are shown as visible symbols, so the carets line up in a terminal.
 */
export function renderDiagnostic(text: string, d: Diagnostic, options: RenderOptions = {}): string {
  const colors =
    options.color === true
      ? ANSI
      : options.color === false || options.color === undefined
        ? PLAIN
        : options.color;
  const tabWidth = options.tabWidth ?? 4;
  const paint = d.severity === "error" ? colors.red : colors.yellow;
  const header = headerLines(d, options.maxWidth, colors, paint);

  const start = clamp(d.span.start, text.length);
  const end = Math.max(start, clamp(d.span.end, text.length));
  const lines = linesOf(text);
  const first = lineIndexAt(lines, start);
  const last = end > start ? lineIndexAt(lines, end - 1) : first;
  const shown = pickLines(first, last);
  const gutterWidth = String(shown[shown.length - 1]! + 1).length;
  const gutter = (label: string) => colors.blue(`${label.padStart(gutterWidth)} |`);

  const out = [...header, gutter("")];
  shown.forEach((index, i) => {
    if (i > 0 && index !== shown[i - 1]! + 1)
      out.push(colors.blue(`${".".repeat(Math.max(3, gutterWidth))}`));
    const line = lines[index]!;
    const maxWidth = options.maxWidth ?? DEFAULT_MAX_WIDTH;
    const from = Math.max(start, line.start);
    // A very long line is laid out only around the span (a 1 MB query renders as fast as a short one).
    const reach = 4 * maxWidth;
    const sliceStart = Math.max(line.start, from - reach);
    const sliceEnd = Math.min(line.end, from + reach);
    const to = Math.min(end, sliceEnd);
    const cells = layout(text, sliceStart, sliceEnd, tabWidth);
    const spanStart = cells.columnAt(from, false);
    const spanWidth = Math.max(1, cells.columnAt(to, true) - spanStart);
    const cut = { left: sliceStart > line.start, right: sliceEnd < line.end };
    const view = windowAround(cells, spanStart, maxWidth, cut);
    out.push(`${gutter(String(index + 1))} ${view.display}`.trimEnd());
    const startColumn = spanStart - view.shift;
    const width = Math.max(1, Math.min(spanWidth, view.width - startColumn));
    const carets = `${" ".repeat(startColumn)}${"^".repeat(width)}`;
    const hint = index === last && d.hint !== undefined ? visible(d.hint) : undefined;
    if (hint === undefined) out.push(`${gutter("")} ${paint(carets)}`);
    else if (options.maxWidth === undefined || carets.length + 1 + stringWidth(hint) <= maxWidth) {
      out.push(`${gutter("")} ${paint(`${carets} ${hint}`)}`);
    } else {
      // A width was asked for (a terminal's) and the hint does not fit after the carets: below them.
      out.push(`${gutter("")} ${paint(carets)}`);
      for (const line of wrapWords(hint, maxWidth)) out.push(`${gutter("")} ${paint(line)}`);
    }
  });
  return out.join("\n");
}

/**
 * `error[code]: message`; when a width is asked for (a terminal's), wrapped at spaces to it, the lines
 * after the first indented (a word longer than a line stays whole).
 */
function headerLines(
  d: Diagnostic,
  maxWidth: number | undefined,
  colors: Colors,
  paint: (s: string) => string,
): string[] {
  const label = `${d.severity}[${d.code}]`;
  const plain = `${label}: ${visible(d.message)}`;
  const lines = maxWidth === undefined ? [plain] : wrapWords(plain, maxWidth, "  ");
  return lines.map((line, i) =>
    i === 0 ? `${colors.bold(paint(label))}${colors.bold(line.slice(label.length))}` : colors.bold(line),
  );
}

/** Renders several diagnostics, separated by blank lines. */
export function renderDiagnostics(
  text: string,
  diagnostics: readonly Diagnostic[],
  options: RenderOptions = {},
): string {
  return diagnostics.map((d) => renderDiagnostic(text, d, options)).join("\n\n");
}

function clamp(n: number, max: number): number {
  return Number.isFinite(n) ? Math.min(Math.max(0, n), max) : max;
}

interface Line {
  readonly start: number;
  /** Exclusive, before the line break (and before a `\r` of `\r\n`). */
  readonly end: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf("\n", start);
    if (newline === -1) {
      lines.push({ start, end: text.length });
      return lines;
    }
    lines.push({ start, end: newline > start && text[newline - 1] === "\r" ? newline - 1 : newline });
    start = newline + 1;
  }
}

function lineIndexAt(lines: readonly Line[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

function pickLines(first: number, last: number): number[] {
  const count = last - first + 1;
  if (count <= MAX_SPAN_LINES) return Array.from({ length: count }, (_, i) => first + i);
  return [first, first + 1, last];
}

/** A line as displayed, with the display column of each offset in it. */
function layout(text: string, start: number, end: number, tabWidth: number) {
  const offsets: number[] = []; // start offset of each grapheme
  const columns: number[] = []; // display column where it starts
  const displayed: string[] = []; // each grapheme as shown
  let column = 0;
  for (const { segment, index } of graphemes(text.slice(start, end))) {
    offsets.push(start + index);
    columns.push(column);
    if (segment === "\t") {
      const spaces = tabWidth - (column % tabWidth);
      displayed.push(" ".repeat(spaces));
      column += spaces;
    } else {
      const shown = visible(segment);
      displayed.push(shown);
      column += widthOf(shown);
    }
  }
  offsets.push(end);
  columns.push(column);
  /** The column of an offset; inside a grapheme, its start (or its end when `roundUp`). */
  const columnAt = (offset: number, roundUp: boolean): number => {
    let i = 0;
    while (i + 1 < offsets.length && offsets[i + 1]! <= offset) i++;
    if (offsets[i] === offset || !roundUp) return columns[i]!;
    return columns[Math.min(i + 1, columns.length - 1)]!;
  };
  return { displayed, columns, width: column, columnAt };
}

type Layout = ReturnType<typeof layout>;

/**
 * The part of a line shown: all of it when it fits in `maxWidth` columns, else a window around the
 * span's start with `…` where it was cut. `shift` is how many columns the window moved left.
 */
function windowAround(
  cells: Layout,
  spanStart: number,
  maxWidth: number,
  cut: { left: boolean; right: boolean },
): { display: string; shift: number; width: number } {
  if (cells.width <= maxWidth && !cut.left && !cut.right) {
    return { display: cells.displayed.join(""), shift: 0, width: cells.width };
  }
  const room = Math.max(maxWidth - 2, 10); // two columns for the `…` marks
  const left = Math.max(0, Math.min(spanStart - Math.floor(room / 3), cells.width - room));
  const right = left + room;
  const cutLeft = left > 0 || cut.left;
  const cutRight = right < cells.width || cut.right;
  let display = cutLeft ? "…" : "";
  let first = -1;
  for (let i = 0; i < cells.displayed.length; i++) {
    const column = cells.columns[i]!;
    const next = cells.columns[i + 1]!;
    if (column >= left && next <= right) {
      if (first === -1) first = column;
      display += cells.displayed[i];
    }
  }
  const shown = first === -1 ? left : first;
  if (cutRight) display += "…";
  const shift = shown - (cutLeft ? 1 : 0);
  return { display, shift, width: Math.min(right, cells.width) - shift };
}

const widths = new Map<string, number>();

/** Columns of one grapheme: 1 for printable ASCII, else string-width's answer (remembered). */
function widthOf(grapheme: string): number {
  if (grapheme.length === 1) {
    const code = grapheme.charCodeAt(0);
    if (code >= 0x20 && code < 0x7f) return 1;
  }
  let width = widths.get(grapheme);
  if (width === undefined) {
    width = stringWidth(grapheme);
    if (widths.size < 4096) widths.set(grapheme, width);
  }
  return width;
}

/** What `visible` changes: control characters, bidi controls (they reorder the line) and surrogates. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/**
 * Control characters, bidi controls and lone surrogates as visible one-column symbols (`␀`, `␍`,
 * `�`): what a query holds never drives the terminal or reorders the line.
 */
function visible(segment: string): string {
  if (!INVISIBLE.test(segment)) return segment;
  let out = "";
  for (const char of segment) {
    const code = char.charCodeAt(0);
    if (code < 0x20) out += String.fromCharCode(0x2400 + code);
    else if (code === 0x7f) out += "\u2421";
    else if (char.length === 1 && INVISIBLE.test(char)) out += "\ufffd";
    else out += char;
  }
  return out;
}
