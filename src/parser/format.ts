import { assertNever } from "../language/assert.js";
import type { Diagnostic } from "../language/diagnostics.js";
import { displayName, type FieldSpec, lookupField, operatorForm, operatorWord } from "../language/fields.js";
import { ratingByName, statusByCode, statusByName } from "../language/values.js";
import { isBareWord } from "../lexer/tokens.js";
import type { Expr, FieldRef, Query, Value, ValueOrError } from "./ast.js";
import type { ParseOptions } from "./options.js";
import { parse } from "./parse.js";

/**
 * The canonical text of a query (§9): lower-case keywords, `and or not`, `=` and `!=`, `contains`
 * for `~`, each field's first short name, status and rating values by their first bare name,
 * strings double-quoted, single spaces, parentheses only where precedence needs them, then
 * `sort by`, `limit`, `offset`. Comments are dropped. Idempotent.
 */

/** `format` was given text that does not parse, or a tree with error nodes; `diagnostics` says why. */
export class FormatError extends Error {
  override name = "FormatError";
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(message);
  }
}

export interface FormatResult {
  /** The canonical text, or undefined when the query has syntax errors. */
  readonly text: string | undefined;
  /** The parser's diagnostics (all errors when `text` is undefined). */
  readonly diagnostics: readonly Diagnostic[];
}

/** Formats query text without throwing: the canonical text, or the syntax diagnostics. */
export function formatQuery(text: string, options: ParseOptions = {}): FormatResult {
  const { query, diagnostics } = parse(text, options);
  if (diagnostics.length > 0) return { text: undefined, diagnostics };
  return { text: printQuery(query), diagnostics };
}

/**
 * Formats query text or a parsed tree. Throws `FormatError` (carrying the diagnostics) when the text
 * has syntax errors or the tree holds error nodes; `formatQuery` returns them instead.
 */
export function format(input: string | Query, options: ParseOptions = {}): string {
  if (typeof input !== "string") return printQuery(input);
  const result = formatQuery(input, options);
  if (result.text === undefined) {
    throw new FormatError(
      `cannot format a query with syntax errors: ${result.diagnostics[0]!.message}`,
      result.diagnostics,
    );
  }
  return result.text;
}

function printQuery(query: Query): string {
  const parts: string[] = [];
  if (query.condition !== undefined) parts.push(printExpr(query.condition, Precedence.Or));
  if (query.sort !== undefined) {
    const direction = query.sort.direction === "desc" ? " desc" : "";
    parts.push(`sort by ${printField(query.sort.field)}${direction}`);
  }
  if (query.limit !== undefined) parts.push(`limit ${printValue(query.limit.value, undefined)}`);
  if (query.offset !== undefined) parts.push(`offset ${printValue(query.offset.value, undefined)}`);
  return parts.join(" ");
}

enum Precedence {
  Or = 1,
  And = 2,
  Not = 3,
  Predicate = 4,
}

function precedence(expr: Expr): Precedence {
  switch (expr.kind) {
    case "or":
      return Precedence.Or;
    case "and":
      return Precedence.And;
    case "not":
      return Precedence.Not;
    case "comparison":
    case "in":
    case "between":
    case "contains":
    case "error":
      return Precedence.Predicate;
    default:
      return assertNever(expr, "expression");
  }
}

/** Prints `expr` where the context binds at least as tightly as `context`. */
function printExpr(expr: Expr, context: Precedence): string {
  const text = printBare(expr);
  return precedence(expr) < context ? `(${text})` : text;
}

function printBare(expr: Expr): string {
  switch (expr.kind) {
    case "or":
      return expr.operands.map((e) => printExpr(e, Precedence.Or)).join(" or ");
    case "and":
      return expr.operands.map((e) => printExpr(e, Precedence.And)).join(" and ");
    case "not":
      return `not ${printExpr(expr.operand, Precedence.Not)}`;
    case "comparison": {
      const field = lookupField(expr.field.name);
      const value = printValue(expr.value, field);
      return `${printField(expr.field)} ${operatorWord(expr.operator)} ${value}`;
    }
    case "in": {
      const field = lookupField(expr.field.name);
      const values = expr.values.map((v) => printValue(v, field)).join(", ");
      return `${printField(expr.field)} ${operatorForm("in", expr.negated).written} (${values})`;
    }
    case "between": {
      const field = lookupField(expr.field.name);
      const keyword = operatorForm("between", expr.negated).written;
      return `${printField(expr.field)} ${keyword} ${printValue(expr.low, field)} and ${printValue(expr.high, field)}`;
    }
    case "contains": {
      const keyword = operatorForm("contains", expr.negated).written;
      return `${printField(expr.field)} ${keyword} ${printValue(expr.value, lookupField(expr.field.name))}`;
    }
    case "error":
      throw errorNode();
    default:
      return assertNever(expr, "expression");
  }
}

function errorNode(): FormatError {
  return new FormatError("cannot format a tree with error nodes", []);
}

function printField(ref: FieldRef): string {
  if (ref.name === "") throw errorNode();
  const field = lookupField(ref.name);
  return field === undefined ? ref.name : displayName(field);
}

/** A value as canonical text; on status and rating fields, names and codes become the first bare name. */
function printValue(value: ValueOrError, field: FieldSpec | undefined): string {
  const canonical = field === undefined ? undefined : canonicalEnum(value, field);
  if (canonical !== undefined) return canonical;
  switch (value.kind) {
    case "string":
      return quote(value.value);
    case "integer":
    case "date":
      return value.text;
    case "datetime":
      return value.text.toUpperCase();
    case "word":
      return printWord(value.name);
    case "relative": {
      const duration = `${value.duration.amount}${value.duration.unit}`;
      if (value.form === "ago") return `${duration} ago`;
      if (value.form === "prefix") return `-${duration}`;
      return `${value.anchor === undefined ? "now" : value.anchor.name.toLowerCase()} ${value.sign} ${duration}`;
    }
    case "error":
      throw errorNode();
    default:
      return assertNever(value, "value");
  }
}

/** A bare word, or a string when it could not be read back as one (a keyword, a space...). */
function printWord(name: string): string {
  return isBareWord(name) ? name : quote(name);
}

function canonicalEnum(value: Value | { kind: "error" }, field: FieldSpec): string | undefined {
  if (field.type === "status") {
    if (value.kind === "integer") return statusByCode(Number(value.text))?.names[0];
    if (value.kind === "word") return statusByName(value.name)?.names[0];
    if (value.kind === "string") {
      const status = /^\d+$/.test(value.value)
        ? statusByCode(Number(value.value))
        : statusByName(value.value);
      return status?.names[0];
    }
  } else if (field.type === "rating") {
    if (value.kind === "word") return ratingByName(value.name);
    if (value.kind === "string") return ratingByName(value.value);
  }
  return undefined;
}

/** A double-quoted string with escapes, readable back by the lexer whatever it holds. */
export function quote(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const code = value.charCodeAt(i);
    if (c === '"') out += '\\"';
    else if (c === "\\") out += "\\\\";
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (
      code < 0x20 ||
      code === 0x7f ||
      code === 0x2028 ||
      code === 0x2029 ||
      isLoneSurrogate(value, i)
    ) {
      out += `\\u${code.toString(16).padStart(4, "0")}`;
    } else out += c;
  }
  return `${out}"`;
}

function isLoneSurrogate(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = s.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = s.charCodeAt(i - 1);
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}
