export type * from "./ast.js";
export { FormatError, format, formatQuery } from "./format.js";
export { loneWord } from "./lone-word.js";
export { parse } from "./parse.js";
