export { isToldByLexer, stringValue, tokenize } from "./lexer.js";
export * as tokens from "./tokens.js";
export { isBareWord, KEYWORDS, tokenClass, WORD_PATTERN } from "./tokens.js";
