import stringWidth from "string-width";
import { graphemes } from "../language/graphemes.js";

/** Measuring, cutting and padding text for terminal columns (cells are made safe by sanitize.ts first). */

/**
 * Characters that take one column each and never join others: printable ASCII, Latin-1 and Latin
 * Extended letters (no soft hyphen, no combining marks), and the punctuation U+2010–U+205E (dashes,
 * quotes, "…", "‰"; string-width counts these ambiguous-width characters as narrow too).
 */
const ONE_COLUMN_EACH = /^[\x20-\x7e\xa0-\xac\xae-\u02ff\u2010-\u2027\u2030-\u205e]*$/;

/** Widths of other texts measured lately; a table measures each cell more than once. */
const measured = new Map<string, number>();

/** Columns the text takes in a terminal (wide characters count two). */
export function width(text: string): number {
  // string-width segments every text it is given: measuring the cells of a page that way was most of
  // the first demo search's time (bench row `repl-first-search`).
  if (ONE_COLUMN_EACH.test(text)) return text.length;
  let columns = measured.get(text);
  if (columns === undefined) {
    if (measured.size >= 4096) measured.clear();
    columns = stringWidth(text);
    measured.set(text, columns);
  }
  return columns;
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
