/** A range of the query text in UTF-16 code units, end exclusive (like TypeScript's TextRange). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The smallest span covering both. */
export function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** Line (1-based) and column (1-based, in UTF-16 code units) of an offset; the only place they are computed. */
export function lineColFromIndex(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(index, 0), text.length);
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** The span of a node built from something other than query text (a decompiled body, a generated tree). */
export const NO_SPAN: Span = { start: 0, end: 0 };
