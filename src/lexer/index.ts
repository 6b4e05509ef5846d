/** The lexer: text → tokens (the hand scanner), and the token table that the parser and the editor read. */
export { isToldByLexer, stringValue, tokenize } from "./lexer.js";
export { TokenPool } from "./scan.js";
export * as tokens from "./tokens.js";
export { isBareWord, KEYWORDS, tokenClass, WORD_PATTERN } from "./tokens.js";
