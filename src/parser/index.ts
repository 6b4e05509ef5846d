export type * from "./ast.js";
export {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_LENGTH,
  type ParseOptions,
  type ParseResult,
  parse,
} from "./parse.js";
