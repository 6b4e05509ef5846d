import { assertNever } from "../../src/language/assert.js";
import type { Clause, Expr, Query, ValueOrError } from "../../src/parser/ast.js";

/**
 * Test helpers over syntax trees, shared by the parser, formatter and compiler tests.
 * Written without test-framework imports so they can move into the package's `hcql/testing`.
 */

function isSpan(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && keys.includes("start") && keys.includes("end");
}

/**
 * A copy of a tree without its spans (`span`, `operatorSpan`, the `keyword` span of `not`) and without
 * keys whose value is undefined, so trees parsed from different spellings compare equal.
 */
export function stripSpans<T>(node: T): T {
  if (Array.isArray(node)) return node.map((n) => stripSpans(n)) as T;
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined || isSpan(value)) continue;
    out[key] = stripSpans(value);
  }
  return out as T;
}

/** A compact, exact rendering of a tree for test tables: `(and (status = pending) (not (x > int:1)))`. */
export function showQuery(query: Query): string {
  const parts: string[] = [];
  if (query.condition !== undefined) parts.push(showExpr(query.condition));
  for (const clause of [query.sort, query.count, query.limit, query.offset]) {
    if (clause !== undefined) parts.push(showClause(clause));
  }
  return parts.join(" | ");
}

function showExpr(expr: Expr): string {
  switch (expr.kind) {
    case "or":
    case "and":
      return `(${expr.kind} ${expr.operands.map(showExpr).join(" ")})`;
    case "not":
      return `(not ${showExpr(expr.operand)})`;
    case "comparison":
      return `(${expr.field.name} ${expr.operator} ${showValue(expr.value)})`;
    case "in":
      return `(${expr.field.name} ${expr.negated ? "not-in" : "in"} [${expr.values.map(showValue).join(", ")}])`;
    case "between":
      return `(${expr.field.name} ${expr.negated ? "not-between" : "between"} ${showValue(expr.low)} ${showValue(expr.high)})`;
    case "contains":
      return `(${expr.field.name} ${expr.negated ? "not-contains" : "contains"} ${showValue(expr.value)})`;
    case "error":
      return "<error>";
    default:
      return assertNever(expr, "expression");
  }
}

function showValue(value: ValueOrError): string {
  switch (value.kind) {
    case "string":
      return JSON.stringify(value.value);
    case "integer":
      return `int:${value.text}`;
    case "date":
      return `date:${value.text}`;
    case "datetime":
      return `datetime:${value.text}`;
    case "word":
      return value.name;
    case "relative": {
      const d = `${value.duration.amount}${value.duration.unit}`;
      if (value.form === "anchored") return `rel(${value.anchor?.name} ${value.sign} ${d})`;
      return `rel-${value.form}(${value.sign}${d})`;
    }
    case "error":
      return "<error>";
    default:
      return assertNever(value, "value");
  }
}

function showClause(clause: Clause): string {
  switch (clause.kind) {
    case "sort":
      return `sort ${clause.field.name}${clause.direction === undefined ? "" : ` ${clause.direction}`}`;
    case "limit":
    case "offset":
      return `${clause.kind} ${showValue(clause.value)}`;
    case "count":
      return `count${clause.groups.map((g) => ` ${g.field.name}${g.unit === undefined ? "" : `/${g.unit.name}`}`).join(",")}`;
    default:
      return assertNever(clause, "clause");
  }
}
