let segmenter: Intl.Segmenter | undefined;

/**
 * The grapheme clusters of a text. The segmenter is made on first use: making one loads ICU's break
 * data (~15 ms), which compiling never needs (bench rows `library-import` and `cold-start`).
 */
export function graphemes(text: string): Intl.Segments {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return segmenter.segment(text);
}
