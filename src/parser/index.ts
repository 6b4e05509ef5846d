export type * from "./ast.js";
export { FormatError, type FormatResult, format, formatQuery } from "./format.js";
export {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_LENGTH,
  type ParseOptions,
  type ParseResult,
  parse,
} from "./parse.js";
