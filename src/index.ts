/** hcql's public API: every export is named here, nothing is re-exported wholesale. */

export type {
  ApiErrorItem,
  CallOptions,
  ClientOptions,
  ErrorKind,
  FilterErrorLocation,
  HelpCrunchClient,
  PageEvent,
  PageOptions,
  ProgressEvent,
  SearchBodyOptions,
  SearchOptions,
  SearchPage,
  SearchResult,
  WaitEvent,
} from "./client/index.js";
export { createClient, ERROR_KINDS, HelpCrunchError, locateFilterErrors } from "./client/index.js";
export type { Chat, FilterItem, FilterValue, SearchBody, SortOrder } from "./language/api.js";
export type { Diagnostic, DiagnosticCode, Severity } from "./language/diagnostics.js";
export { DIAGNOSTIC_CODES } from "./language/diagnostics.js";
export type { FieldSpec, FieldType, Operator } from "./language/fields.js";
export { FIELDS, FILTER_FIELDS, lookupField, SORT_FIELDS } from "./language/fields.js";
export type { Span } from "./language/span.js";
export type { StatusSpec } from "./language/values.js";
export { RATINGS, STATUSES } from "./language/values.js";
export type { StringPayload, TokenClass, TokenizeResult } from "./lexer/index.js";
export { KEYWORDS, tokenClass, tokenize, tokens } from "./lexer/index.js";
export type {
  AndExpr,
  BetweenPredicate,
  Clause,
  Comparison,
  ComparisonOperator,
  ContainsPredicate,
  DateTimeValue,
  DateValue,
  Duration,
  DurationUnit,
  ErrorNode,
  Expr,
  FieldRef,
  InPredicate,
  IntegerValue,
  LimitClause,
  Node,
  NotExpr,
  OffsetClause,
  OrExpr,
  Predicate,
  Query,
  RelativeValue,
  SortClause,
  StringValue,
  Value,
  ValueOrError,
  WordValue,
} from "./parser/ast.js";
export type { ParseOptions, ParseResult } from "./parser/parse.js";
export { DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH, parse } from "./parser/parse.js";

// Time zones other than UTC go through temporal-polyfill; library users always have it.
import "./compiler/zone-temporal.js";

export { decompile } from "./compiler/decompile.js";
export type {
  ExplainedDate,
  ExplainedItem,
  ExplainedRequest,
  Explanation,
} from "./compiler/explain.js";
export { explain } from "./compiler/explain.js";
export { check, compile, loadTimeZoneSupport } from "./compiler/index.js";
export type {
  CheckedExpr,
  CheckedPredicate,
  CheckedQuery,
  CheckedValue,
  CheckFailure,
  CheckResult,
  CheckSuccess,
  CompileFailure,
  CompileOptions,
  CompileResult,
  CompileSuccess,
  DecompileResult,
  ItemOrigin,
  Plan,
  PlanShape,
  ResolvedDate,
} from "./compiler/types.js";
export type { Colors, RenderOptions } from "./language/render.js";
export { lineColFromIndex, renderDiagnostic, renderDiagnostics } from "./language/render.js";
export { renderExplanation } from "./output/explain.js";
export type { FormatResult } from "./parser/format.js";
export { FormatError, format, formatQuery } from "./parser/format.js";
