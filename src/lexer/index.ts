export { type StringPayload, type TokenizeResult, tokenize, validateLexer } from "./lexer.js";
export * as tokens from "./tokens.js";
export { KEYWORDS, type TokenClass, tokenClass, WORD_PATTERN } from "./tokens.js";
