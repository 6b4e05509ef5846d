import stringWidth from "string-width";
import { graphemes } from "../language/graphemes.js";

/** Measuring, cutting and padding text for terminal columns (cells are made safe by sanitize.ts first). */

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
  for (const { segment } of graphemes(text)) {
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
