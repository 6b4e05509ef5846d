export type * from "./ast.js";
export { FormatError, format, formatQuery, printWord, readingOf } from "./format.js";
export { loneWord } from "./lone-word.js";
export { parse } from "./parse.js";
