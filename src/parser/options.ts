// The parser's limits, apart from parse.ts so that the public declarations of format and core need no parser types.

/** How long and how deeply nested a query may be, and where an editor's cursor is. */
export interface ParseOptions {
  /** Deepest nesting of parentheses and `not`s allowed (default 64); measured on the tokens. Infinity: none; not a whole number from 1: RangeError. */
  readonly maxDepth?: number | undefined;
  /** Longest query allowed, in UTF-16 code units (default 65,536). Infinity: none; not a whole number from 1: RangeError. */
  readonly maxLength?: number | undefined;
  /**
   * Where an editor's cursor is while the text is typed: a word ending there that begins a keyword
   * (`limi`) is not taken for a misspelt one yet (see CompileOptions.cursor).
   */
  readonly cursor?: number | undefined;
}

export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_LENGTH = 65_536;
