import stringWidth from "string-width";

/** Terminal-safe one-line text: the helpers the table uses to measure, cut and pad cells. */

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

// C0/C1 controls (escape sequences from chat text must never reach the terminal) and bidi overrides.
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAK = /[ \t]*(?:\r\n|\r|\n|\u2028|\u2029)[ \t]*/g;

/** One line of text: line breaks become ⏎, tabs spaces, control characters are removed. */
export function oneLine(text: string): string {
  return text
    .trim()
    .replace(LINE_BREAK, " ⏎ ")
    .replace(/\t/g, " ")
    .replace(UNSAFE, "")
    .replace(/ {2,}/g, " ");
}

/** Columns the text takes in a terminal (wide characters count two). */
export function width(text: string): number {
  return stringWidth(text);
}

/** Cuts text to at most `max` columns, ending in "…" when something was cut; never splits a grapheme. */
export function truncate(text: string, max: number): string {
  if (width(text) <= max) return text;
  if (max <= 0) return "";
  let out = "";
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = width(segment);
    if (used + w > max - 1) break;
    out += segment;
    used += w;
  }
  return `${out.trimEnd()}…`;
}

/** Pads text with spaces to `columns` (on the right, or on the left when `right` is set). */
export function pad(text: string, columns: number, right = false): string {
  const fill = " ".repeat(Math.max(0, columns - width(text)));
  return right ? fill + text : text + fill;
}
