export { isToldByLexer, stringValue, tokenize } from "./lexer.js";
export * as tokens from "./tokens.js";
export { KEYWORDS, tokenClass, WORD_PATTERN } from "./tokens.js";
