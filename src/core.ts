/**
 * `hcql/core`: the language without network or Node: tokenize, parse, format, check, compile,
 * decompile, explain, render diagnostics, the field and value tables and the editor building blocks.
 * It runs in a browser; every IANA time zone works at once (through the platform's Intl). Every export
 * is named here; public types never mention the parser library.
 */

import type { Diagnostic } from "./language/diagnostics.js";
import type { Span } from "./language/span.js";
import { tokenize as lex, stringValue } from "./lexer/index.js";
import { isBareWord as bareWord, KEYWORDS as keywords } from "./lexer/tokens.js";
import type { Query } from "./parser/ast.js";
import type { ParseOptions } from "./parser/options.js";
import { parse as parseTree } from "./parser/parse.js";

export { decompile } from "./compiler/decompile.js";
export type {
  ExplainedDate,
  ExplainedItem,
  ExplainedRequest,
  Explanation,
} from "./compiler/explain.js";
export { explain } from "./compiler/explain.js";
export { check, compile } from "./compiler/index.js";
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
  PlanCount,
  PlanShape,
  TooLarge,
} from "./compiler/types.js";
export type {
  CommandArgument,
  CompletionContext,
  CompletionItem,
  CompletionResult,
  HighlightClass,
  HighlightSpan,
} from "./editor/index.js";
export { complete, highlight, isIncomplete } from "./editor/index.js";
export type {
  Chat,
  FilterItem,
  FilterValue,
  KnownNames,
  NamedId,
  SearchBody,
  SortOrder,
} from "./language/api.js";
export type { Diagnostic, DiagnosticCode, Severity } from "./language/diagnostics.js";
export { DIAGNOSTIC_CODES } from "./language/diagnostics.js";
export type { FieldSpec, FieldType, Operator } from "./language/fields.js";
export { FIELDS, FILTER_FIELDS, lookupField, SORT_FIELDS } from "./language/fields.js";
export { quote } from "./language/quote.js";
export type { Colors, RenderOptions } from "./language/render.js";
export { lineColFromIndex, renderDiagnostic, renderDiagnostics } from "./language/render.js";
export type { Span } from "./language/span.js";
export type { Rating, StatusSpec } from "./language/values.js";
export { MAX_LIMIT, PAGE_SIZE, RATINGS, STATUSES } from "./language/values.js";
export type * from "./parser/ast.js";
export type { FormatResult } from "./parser/format.js";
export { FormatError, format, formatQuery } from "./parser/format.js";
export type { ParseOptions } from "./parser/options.js";
export { DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH } from "./parser/options.js";

// The lexer's module defines the parser library's token types, so its values are bound here with
// declared types: the public declarations then never reach that module.

/** The keywords, lower-case (`and`, `or`, `not`, `in`, `between`, `contains`, `sort`...). */
export const KEYWORDS: readonly string[] = keywords;

/** Whether text may stand as a value without quotes: one word, and not a keyword. */
export const isBareWord: (text: string) => boolean = bareWord;

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

export interface TokenizeResult {
  /** The tokens the parser reads (whitespace and comments left out). */
  readonly tokens: readonly Token[];
  /** `#` comments. */
  readonly comments: readonly Token[];
  /** Lexical problems; lexing goes on past them. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Splits query text into tokens; never throws. */
export function tokenize(text: string): TokenizeResult {
  const { tokens, comments, diagnostics } = lex(text);
  return { tokens: tokens.map(publicToken), comments: comments.map(publicToken), diagnostics };
}

function publicToken(token: ReturnType<typeof lex>["tokens"][number]): Token {
  const span = { start: token.startOffset, end: token.startOffset + token.image.length };
  const base = { kind: token.tokenType.name, text: token.image, span };
  const value = stringValue(token);
  return value === undefined ? base : { ...base, value };
}

export interface ParseResult {
  /** The tree; where the text does not parse, it holds error nodes and the diagnostics say why. */
  readonly query: Query;
  /** Syntax, too-long and too-deep diagnostics, in text order, at most 100 (+1 saying how many more). */
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses HCQL text into a tree; never throws, whatever the string. */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  const { query, diagnostics } = parseTree(text, options);
  return { query, diagnostics };
}
