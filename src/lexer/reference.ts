import { type IToken, Lexer } from "chevrotain";
import type { ScanResult } from "./scan.js";
import { ALL_TOKENS } from "./tokens.js";

/**
 * chevrotain's Lexer over the token definitions, for tests only: the reference `scan` must agree with,
 * and the token table's own validations. hcql lexes with `scan` (no set-up, several times faster), so
 * its bundles leave chevrotain's Lexer out (scripts/chevrotain.mjs): nothing outside tests imports this.
 */

function makeLexer(skipValidations: boolean): Lexer {
  return new Lexer([...ALL_TOKENS], {
    positionTracking: "onlyOffset",
    ensureOptimizations: !skipValidations,
    skipValidations,
  });
}

let lexer: Lexer | undefined;

/** Runs the lexer's own validations of the token table. */
export function validateLexer(): void {
  makeLexer(false);
}

/** The tokens, comments and errors chevrotain's Lexer finds in the text. */
export function referenceTokenize(text: string): ScanResult {
  lexer ??= makeLexer(true);
  const result = lexer.tokenize(text);
  return {
    tokens: result.tokens,
    comments: (result.groups.comments as IToken[] | undefined) ?? [],
    errors: result.errors.map((e) => ({ offset: e.offset, length: e.length })),
  };
}
