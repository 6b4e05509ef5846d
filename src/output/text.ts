import stringWidth from "string-width";
import { graphemes } from "../language/index.js";

/** Measuring, cutting and padding text for terminal columns (cells are made safe by sanitize.ts first). */

/**
 * Characters whose width string-width gives without looking at their neighbours, so a text made of
 * them alone is measured code point by code point, never segmented (bench row `repl-first-search`: the
 * demo's names and messages are Cyrillic, Arabic, Chinese and emoji).
 * One column: printable ASCII, Latin-1 and Latin Extended letters (no soft hyphen, no combining marks),
 * the punctuation U+2010–U+205E (dashes, quotes, "…", "‰": ambiguous width, counted narrow), "⏎", Greek,
 * Cyrillic and Hebrew letters without their combining marks, Arabic letters U+0621–U+064A and its comma,
 * Latin Extended Additional (Vietnamese).
 */
const NARROW =
  "\\x20-\\x7e\\xa0-\\xac\\xae-\\u02ff\\u2010-\\u2027\\u2030-\\u205e\\u23ce\\u0386-\\u03ce\\u0400-\\u0482\\u048a-\\u052f\\u05d0-\\u05ea\\u060c\\u0621-\\u064a\\u1e00-\\u1eff";
/** Two columns each: CJK punctuation, kana, CJK unified ideographs, Hangul syllables, fullwidth forms. */
const WIDE =
  "\\u3000-\\u3029\\u3041-\\u3096\\u30a1-\\u30fa\\u4e00-\\u9fff\\uac00-\\ud7a3\\uff01-\\uff60\\uffe0-\\uffe6";
/**
 * An emoji outside the Basic Multilingual Plane that shows as an emoji by itself: two columns, which is
 * also its length in UTF-16. Flags' letters and skin tones join their neighbours and are left out.
 */
const ASTRAL_EMOJI =
  "(?![\\u{1F1E6}-\\u{1F1FF}\\u{1F3FB}-\\u{1F3FF}])(?=[\\u{10000}-\\u{10FFFF}])\\p{Emoji_Presentation}";
const ONE_COLUMN_EACH = new RegExp(`^[${NARROW}]*$`);
const SIMPLE = new RegExp(`^(?:[${NARROW}${WIDE}]|${ASTRAL_EMOJI})*$`, "u");
const WIDE_CHARACTERS = new RegExp(`[${WIDE}]`, "g");

/** Widths of other texts measured lately; a table measures each cell more than once. */
const measured = new Map<string, number>();

/** Columns the text takes in a terminal (wide characters count two). */
export function width(text: string): number {
  if (ONE_COLUMN_EACH.test(text)) return text.length;
  if (SIMPLE.test(text)) return text.length + (text.match(WIDE_CHARACTERS)?.length ?? 0);
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
  // In a simple text every code point is a grapheme of its own: no segmenter is needed.
  for (const segment of SIMPLE.test(text) ? text : segmentsOf(text)) {
    const w = width(segment);
    if (used + w > max - 1) break;
    out += segment;
    used += w;
  }
  return `${out.trimEnd()}…`;
}

function* segmentsOf(text: string): Iterable<string> {
  for (const { segment } of graphemes(text)) yield segment;
}

/** Pads text with spaces to `columns` (on the right, or on the left when `right` is set). */
export function pad(text: string, columns: number, right = false): string {
  const fill = " ".repeat(Math.max(0, columns - width(text)));
  return right ? fill + text : text + fill;
}
