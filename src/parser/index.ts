export type * from "./ast.js";
export {
  FormatError,
  type FormatOptions,
  type FormatResult,
  format,
  formatQuery,
  printQuery,
  printWord,
  readingOf,
  type Spelling,
} from "./format.js";
export { loneWord } from "./lone-word.js";
export { DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH, type ParseOptions } from "./options.js";
export { measureDepth, parse } from "./parse.js";
export { nextTokenPaths } from "./parser.js";
