/**
 * `hcql/core`: the language without network or Node: tokenize, parse, format, check, compile,
 * decompile, explain, render diagnostics, the field and value tables and the editor building blocks.
 * It runs in a browser; every IANA time zone works at once (through the platform's Intl). Every export
 * is named here; public types never mention the parser library.
 */

import type { CheckResult, CompileOptions, CompileResult, Explanation } from "./compiler/index.js";
import {
  check as checkText,
  compile as compileText,
  explain as explainText,
  type FixedQuery,
  fixQuery as fixText,
} from "./compiler/index.js";
import type { CompletionContext, CompletionResult, HighlightSpan } from "./editor/index.js";
import {
  complete as completeText,
  highlight as highlightText,
  isIncomplete as isIncompleteText,
} from "./editor/index.js";
import type { RenderOptions, Span } from "./language/index.js";
import {
  applyFix as applyEdit,
  argumentError,
  type Diagnostic,
  described,
  type Fix,
  isRecord,
  lineColFromIndex as lineColumn,
  quote as quoteValue,
  renderDiagnostics as renderMany,
  renderDiagnostic as renderOne,
  requireOptions,
  shownArgument,
} from "./language/index.js";
import { isBareWord as bareWord, KEYWORDS as keywords, tokenize as lex, stringValue } from "./lexer/index.js";
import type { FormatOptions, FormatResult, ParseOptions, Query } from "./parser/index.js";
import { format as formatInput, formatQuery as formatText, parse as parseTree } from "./parser/index.js";

export type {
  CheckedAnd,
  CheckedCount,
  CheckedExpr,
  CheckedGroup,
  CheckedNot,
  CheckedNumber,
  CheckedOr,
  CheckedPredicate,
  CheckedQuery,
  CheckedSort,
  CheckedValue,
  CheckFailure,
  CheckResult,
  CheckSuccess,
  CompileFailure,
  CompileOptions,
  CompileResult,
  CompileSuccess,
  DecompileResult,
  ExplainedCount,
  ExplainedDate,
  ExplainedItem,
  ExplainedRequest,
  ExplainFailure,
  ExplainSuccess,
  Explanation,
  FixedQuery,
  ItemOrigin,
  Plan,
  PlanCount,
  PlanShape,
  TooLarge,
} from "./compiler/index.js";
export { decompile } from "./compiler/index.js";
export type {
  CommandArgument,
  CompletionContext,
  CompletionItem,
  CompletionResult,
  HighlightClass,
  HighlightSpan,
} from "./editor/index.js";
export type {
  Agent,
  Chat,
  Colors,
  CountUnit,
  Customer,
  Department,
  Diagnostic,
  DiagnosticCode,
  FieldSpec,
  FieldType,
  FilterItem,
  FilterValue,
  Fix,
  KnownNames,
  NamedId,
  Operator,
  Person,
  Rating,
  RenderOptions,
  SearchBody,
  Severity,
  SortOrder,
  Span,
  StatusSpec,
} from "./language/index.js";
export {
  DIAGNOSTIC_CODES,
  FIELDS,
  FILTER_FIELDS,
  lookupField,
  MAX_LIMIT,
  PAGE_SIZE,
  RATINGS,
  SORT_FIELDS,
  STATUSES,
} from "./language/index.js";
// The syntax tree, as `parse` returns it.
export type {
  AndExpr,
  BetweenPredicate,
  Clause,
  Comparison,
  ComparisonOperator,
  ContainsPredicate,
  CountClause,
  CountGroup,
  DateTimeValue,
  DateValue,
  Duration,
  DurationUnit,
  ErrorNode,
  Expr,
  FieldRef,
  FormatOptions,
  FormatResult,
  InPredicate,
  IntegerValue,
  Junction,
  LimitClause,
  Negation,
  Node,
  NotExpr,
  OffsetClause,
  OrExpr,
  ParseOptions,
  Predicate,
  Query,
  RelativeValue,
  SortClause,
  StringValue,
  Value,
  ValueOrError,
  WordValue,
} from "./parser/index.js";
export { DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH, FormatError } from "./parser/index.js";

// Each function that takes text checks first that it is a string: called from JavaScript with
// `undefined` or a number, it throws a TypeError naming itself, not one from deep inside.

/** Throws `hcql: <fn> takes <what> as a string, not <value>` unless `value` is a string. */
function requireString(value: unknown, fn: string, what = "the query text"): asserts value is string {
  if (typeof value !== "string")
    throw new TypeError(`hcql: ${fn} takes ${what} as a string, not ${described(value)}`);
}

/**
 * Throws unless `options` are compile options whose `names` (when given) are lists of
 * `{id, name}`: a caller's names, checked here once, not by every compile the shell runs with its own.
 */
function requireCompileOptions(options: CompileOptions | undefined, fn: string): void {
  requireOptions(options, fn);
  const names: unknown = options?.names;
  if (names === undefined) return;
  if (!isRecord(names))
    throw new TypeError(`'names' must be an object {agents, departments}, not ${shownArgument(names)}`);
  for (const list of ["agents", "departments"] as const) {
    const given: unknown = names[list];
    if (given === undefined) continue;
    if (!Array.isArray(given))
      throw new TypeError(`'names.${list}' must be an array, not ${shownArgument(given)}`);
    const bad = given.findIndex((n: unknown) => !isNamedId(n));
    if (bad !== -1) {
      throw new TypeError(`'names.${list}[${bad}]' must be {id: an integer, name: a string or null}`);
    }
  }
}

function isNamedId(value: unknown): boolean {
  return (
    isRecord(value) && Number.isInteger(value.id) && (typeof value.name === "string" || value.name === null)
  );
}

/** The lists of a completion context, each an array when given. */
const CONTEXT_LISTS = ["agents", "departments", "savedNames", "tags"] as const;

/** Throws a TypeError naming the part of `complete`'s context that is not what it takes. */
function requireContext(context: unknown): void {
  requireOptions(context, "complete", "its context");
  if (context === undefined) return;
  const given = context as CompletionContext;
  for (const name of CONTEXT_LISTS) {
    const list = given[name];
    if (list !== undefined && !Array.isArray(list)) {
      throw argumentError("complete", `context.${name} as an array`, list);
    }
  }
  requireOptions(given.commands, "complete", "context.commands");
}

/**
 * The compiler's entry: text → parse → check → plan → request bodies (grammar.md §7). Synchronous, in any IANA
 * `timeZone`. Problems of the call itself (text, a `timeZone` or `names` of the wrong kind: a TypeError;
 * an unknown zone, a bad `now`, `maxDepth`, `maxLength`, `maxRequests`, `defaultLimit` or `cursor`: a
 * RangeError) throw; problems of the query are diagnostics.
 */
export function compile(text: string, options?: CompileOptions): CompileResult {
  requireString(text, "compile");
  requireCompileOptions(options, "compile");
  return compileText(text, options);
}

/** Every diagnostic `compile` would report (the parser's, the checker's and the planner's), and the checked query. */
export function check(text: string, options?: CompileOptions): CheckResult {
  requireString(text, "check");
  requireCompileOptions(options, "check");
  return checkText(text, options);
}

/**
 * The query with the fixes its diagnostics carry made (what their `did you mean` says), checked again
 * after each round (a field's name mended lets its value be checked), and what no fix mends: what
 * `hcql fmt --fix` and the shell's `.fix` do.
 */
export function fixQuery(text: string, options?: CompileOptions): FixedQuery {
  requireString(text, "fixQuery");
  requireCompileOptions(options, "fixQuery");
  return fixText(text, options);
}

/**
 * Compiles `text` with `options` (as `compile` does) and explains what it compiles to and why: the
 * requests it costs, where each filter item comes from, the dates, paging and merging.
 */
export function explain(text: string, options?: CompileOptions): Explanation {
  requireString(text, "explain");
  requireCompileOptions(options, "explain");
  return explainText(text, options);
}

/**
 * Formats query text or a parsed tree. Throws `FormatError` (carrying the diagnostics) when the text
 * has syntax errors or the tree holds error nodes; `formatQuery` returns them instead.
 */
export function format(input: string | Query, options?: FormatOptions): string {
  const tree = typeof input === "object" && input !== null && (input as { kind?: unknown }).kind === "query";
  if (!tree) requireString(input, "format", "the query text (or a parsed Query)");
  requireOptions(options, "format");
  return formatInput(input, options);
}

/** Formats query text without throwing: the canonical text, or the syntax diagnostics. */
export function formatQuery(text: string, options?: FormatOptions): FormatResult {
  requireString(text, "formatQuery");
  requireOptions(options, "formatQuery");
  return formatText(text, options);
}

/** Completes the word that ends at `cursor` (an offset into `line`, clamped to it; not an integer: RangeError). */
export function complete(line: string, cursor: number, context?: CompletionContext): CompletionResult {
  requireString(line, "complete");
  if (!Number.isInteger(cursor))
    throw new RangeError(`complete: the cursor must be an integer, not ${shownArgument(cursor)}`);
  requireContext(context);
  return completeText(line, cursor, context);
}

/**
 * The classes of a query's pieces, in order: every token and comment, and every run of characters
 * the lexer could not read (as `error`). Only whitespace lies between the spans.
 */
export function highlight(text: string): HighlightSpan[] {
  requireString(text, "highlight");
  return highlightText(text);
}

/**
 * Whether the text typed so far is a query that goes on (an open parenthesis, a trailing `and` or
 * operator, `between x` without `and y`, `sort by` without a field), so a shell asks for another line.
 * A blank last line always ends the input, and so does an error no later line can mend.
 */
export function isIncomplete(text: string): boolean {
  requireString(text, "isIncomplete");
  return isIncompleteText(text);
}

/**
 * A diagnostic for a person: the header, then each line the span touches with carets under it
 * and the hint after the last carets; wide and control characters are laid out for a terminal.
 */
export function renderDiagnostic(text: string, diagnostic: Diagnostic, options?: RenderOptions): string {
  requireString(text, "renderDiagnostic");
  requireDiagnostic(diagnostic, "renderDiagnostic");
  requireRenderOptions(options, "renderDiagnostic");
  return renderOne(text, diagnostic, options);
}

/** Throws a TypeError unless `diagnostic` is an object with a span. */
function requireDiagnostic(diagnostic: unknown, fn: string): void {
  if (!isRecord(diagnostic)) throw argumentError(fn, "the diagnostic as an object", diagnostic);
  if (!isRecord(diagnostic.span))
    throw argumentError(fn, "a diagnostic with its span {start, end}", diagnostic.span);
}

/** The painting functions a `color` object must hold. */
const COLOR_NAMES = ["bold", "red", "yellow", "blue", "cyan"] as const;

/** Throws unless `options` are render options: a tab width from 1 to 32, a width of 1 or more, colors. */
function requireRenderOptions(options: RenderOptions | undefined, fn: string): void {
  requireOptions(options, fn);
  const { tabWidth, maxWidth, color } = options ?? {};
  if (tabWidth !== undefined && !(Number.isInteger(tabWidth) && tabWidth >= 1 && tabWidth <= 32)) {
    throw new RangeError(`'tabWidth' must be an integer from 1 to 32, not ${shownArgument(tabWidth)}`);
  }
  if (maxWidth !== undefined && !((Number.isInteger(maxWidth) || maxWidth === Infinity) && maxWidth >= 1)) {
    throw new RangeError(`'maxWidth' must be an integer from 1, or Infinity, not ${shownArgument(maxWidth)}`);
  }
  if (color === undefined || typeof color === "boolean") return;
  const missing = COLOR_NAMES.find((name) => !(isRecord(color) && typeof color[name] === "function"));
  if (missing !== undefined) {
    throw argumentError(fn, `'color' as a boolean or an object of functions (${missing}, …)`, color);
  }
}

/** Renders several diagnostics, separated by blank lines. */
export function renderDiagnostics(
  text: string,
  diagnostics: readonly Diagnostic[],
  options?: RenderOptions,
): string {
  requireString(text, "renderDiagnostics");
  if (!Array.isArray(diagnostics)) {
    throw argumentError("renderDiagnostics", "the diagnostics as an array", diagnostics);
  }
  for (const d of diagnostics) requireDiagnostic(d, "renderDiagnostics");
  requireRenderOptions(options, "renderDiagnostics");
  return renderMany(text, diagnostics, options);
}

/**
 * The text with a diagnostic's fix made: `fix.span` replaced by `fix.text` (`stauts = 1` with the
 * fix of its `unknown-field` gives `status = 1`). A span outside the text: RangeError.
 */
export function applyFix(text: string, fix: Fix): string {
  requireString(text, "applyFix");
  if (!(isRecord(fix) && isRecord(fix.span))) {
    throw argumentError("applyFix", "the fix as an object {span, text}", fix);
  }
  const { start, end } = fix.span;
  if (
    !(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length)
  ) {
    throw new RangeError(`applyFix: the span ${start}–${end} is not inside the text (length ${text.length})`);
  }
  return applyEdit(text, fix);
}

/** Line (1-based) and column (1-based, in UTF-16 code units) of an offset into the text. */
export function lineColFromIndex(text: string, index: number): { line: number; column: number } {
  requireString(text, "lineColFromIndex");
  return lineColumn(text, index);
}

/** A double-quoted string with escapes, readable back by the lexer whatever it holds. */
export function quote(value: string): string {
  requireString(value, "quote", "the value");
  return quoteValue(value);
}

// The lexer's module defines the parser library's token types, so its values are bound here with
// declared types: the public declarations then never reach that module.

/** The keywords, lower-case (`and`, `or`, `not`, `in`, `between`, `contains`, `sort`...). */
export const KEYWORDS: readonly string[] = keywords;

/** Whether text may stand as a value without quotes: one word, and not a keyword. */
export function isBareWord(text: string): boolean {
  requireString(text, "isBareWord", "the word");
  return bareWord(text);
}

/** A token as the library gives it: plain data (colours for an editor come from `highlight`). */
export interface Token {
  /** The token's name in the lexer (`Word`, `DoubleString`, `And`, `Integer`, `Comment`...). */
  readonly kind: string;
  /** The token's text as written. */
  readonly text: string;
  readonly span: Span;
  /** A string token's decoded value (escapes resolved, quotes removed). */
  readonly value?: string;
}

/** `tokenize`'s answer: the tokens, the comments and the lexical problems. */
export interface TokenizeResult {
  /** The tokens the parser reads (whitespace and comments left out). */
  readonly tokens: readonly Token[];
  /** `#` comments. */
  readonly comments: readonly Token[];
  /** Lexical problems; lexing goes on past them. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Splits query text into tokens; never throws for a string. */
export function tokenize(text: string): TokenizeResult {
  requireString(text, "tokenize");
  const { tokens, comments, diagnostics } = lex(text);
  return { tokens: tokens.map(publicToken), comments: comments.map(publicToken), diagnostics };
}

function publicToken(token: ReturnType<typeof lex>["tokens"][number]): Token {
  const span = { start: token.startOffset, end: token.startOffset + token.image.length };
  const base = { kind: token.tokenType.name, text: token.image, span };
  const value = stringValue(token);
  return value === undefined ? base : { ...base, value };
}

/** `parse`'s answer: the syntax tree and its diagnostics. */
export interface ParseResult {
  /** The tree; where the text does not parse, it holds error nodes and the diagnostics say why. */
  readonly query: Query;
  /** Syntax, too-long and too-deep diagnostics, in text order, at most 100 (+1 saying how many more). */
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses HCQL text into a tree; never throws, whatever the string (a TypeError for what is not one). */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  requireString(text, "parse");
  requireOptions(options, "parse");
  const { query, diagnostics } = parseTree(text, options);
  return { query, diagnostics };
}
