/** The parser's limits; apart from parse.ts so that the public declarations of format and core need no parser types. */

export interface ParseOptions {
  /** Deepest nesting of parentheses and `not`s allowed (default 64); measured on the tokens. */
  readonly maxDepth?: number;
  /** Longest query allowed, in UTF-16 code units (default 65,536). */
  readonly maxLength?: number;
}

export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_LENGTH = 65_536;
