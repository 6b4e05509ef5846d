/** Steps 2 and 3 of planning (§7): filter items and the disjunctive normal form, sized before it is built. */

import { assertNever } from "../../language/assert.js";
import { type Diagnostic, diagnostic, hint } from "../../language/diagnostics.js";
import { FIELDS, type FieldSpec, type Operator } from "../../language/fields.js";
import type { Span } from "../../language/span.js";
import type { CheckedExpr, CheckedPredicate } from "../types.js";

/** One filter item of the normal form, before emission. */
export interface Item {
  readonly field: FieldSpec;
  readonly fieldIndex: number;
  readonly operator: Operator;
  /** A number (ids, dates) or a string (status code, rating, string, one tag name). */
  readonly value: number | string;
  /** Interned (field, operator, value): equal items have equal keys. */
  readonly key: number;
  readonly origin: Span;
  /** The checked predicate it comes from (for messages). */
  readonly source: CheckedPredicate;
}

export type Conjunction = Item[];

/** Up to this many items, pairwise checks beat building per-field state or a set. */
export const SMALL = 12;

const FIELD_INDEX: ReadonlyMap<FieldSpec, number> = new Map(FIELDS.map((f, i) => [f, i]));
/** Counting the normal form stops here ("at least N"). */
const COUNT_CAP = 1_000_000_000;

function saturatingAdd(a: number, b: number): number {
  return Math.min(COUNT_CAP, a + b);
}

function saturatingMultiply(a: number, b: number): number {
  return Math.min(COUNT_CAP, a * b);
}

/** Conjunctions of a predicate once whole days are expanded: [[one]], [[a, b]] or [[a], [b]]. */
function predicateShape(p: CheckedPredicate): [total: number, multi: number] {
  if (p.value.kind !== "day") return [1, 0];
  if (p.operator === "=") return [1, 1];
  if (p.operator === "!=") return [2, 0];
  return [1, 0];
}

/** [all conjunctions, conjunctions of two or more items] of the normal form, without building it. */
function countNormalForm(e: CheckedExpr): [number, number] {
  switch (e.kind) {
    case "predicate":
      return predicateShape(e);
    case "or": {
      let total = 0;
      let multi = 0;
      for (let i = 0; i < e.operands.length; i++) {
        const [t, m] = countNormalForm(e.operands[i]!);
        total = saturatingAdd(total, t);
        multi = saturatingAdd(multi, m);
      }
      return [total, multi];
    }
    case "and": {
      if (e.operands.length === 1) return countNormalForm(e.operands[0]!);
      let total = 1;
      for (const operand of e.operands) total = saturatingMultiply(total, countNormalForm(operand)[0]);
      return [total, total];
    }
    case "not":
      throw new Error("the normalized condition has no 'not'");
    default:
      return assertNever(e, "checked expression");
  }
}

const OPERATOR_INDEX: Readonly<Record<Operator, number>> = {
  "=": 0,
  "!=": 1,
  ">": 2,
  "<": 3,
  ">=": 4,
  "<=": 5,
  "~": 6,
  "!~": 7,
};

/** Gives equal (field, operator, value) items one small integer key, without building strings. */
export class ItemKeys {
  private readonly tables: (Map<number | string, number> | undefined)[] = [];
  size = 0;

  key(fieldIndex: number, operator: Operator, value: number | string): number {
    const slot = fieldIndex * 8 + OPERATOR_INDEX[operator];
    let table = this.tables[slot];
    if (table === undefined) {
      table = new Map();
      this.tables[slot] = table;
    }
    let key = table.get(value);
    if (key === undefined) {
      key = this.size++;
      table.set(value, key);
    }
    return key;
  }
}

function makeItem(p: CheckedPredicate, operator: Operator, value: number | string, keys: ItemKeys): Item {
  const fieldIndex = FIELD_INDEX.get(p.field)!;
  return {
    field: p.field,
    fieldIndex,
    operator,
    value,
    key: keys.key(fieldIndex, operator, value),
    origin: p.span,
    source: p,
  };
}

/** The item of a predicate whose value is not a whole day. */
function scalarItem(p: CheckedPredicate, keys: ItemKeys): Item {
  const v = p.value;
  switch (v.kind) {
    case "integer":
    case "string":
      return makeItem(p, p.operator, v.value, keys);
    case "status":
      return makeItem(p, p.operator, v.code, keys);
    case "rating":
    case "tag":
      return makeItem(p, p.operator, v.name, keys);
    case "instant":
      return makeItem(p, p.operator, v.seconds, keys);
    case "day":
      throw new Error("a whole day has no single item");
    default:
      return assertNever(v, "value");
  }
}

/** A predicate's normal form, by §4's whole-day rules; two items come in ascending order of their instants. */
function predicateForm(p: CheckedPredicate, interner: ItemKeys): Conjunction[] {
  const v = p.value;
  switch (v.kind) {
    case "integer":
    case "status":
    case "rating":
    case "string":
    case "tag":
    case "instant":
      return [[scalarItem(p, interner)]];
    case "day":
      switch (p.operator) {
        case "=":
          return [[makeItem(p, ">=", v.start, interner), makeItem(p, "<", v.end, interner)]];
        case "!=":
          return [[makeItem(p, "<", v.start, interner)], [makeItem(p, ">=", v.end, interner)]];
        case ">":
          return [[makeItem(p, ">=", v.end, interner)]];
        case ">=":
          return [[makeItem(p, ">=", v.start, interner)]];
        case "<":
          return [[makeItem(p, "<", v.start, interner)]];
        case "<=":
          return [[makeItem(p, "<", v.end, interner)]];
        case "~":
        case "!~":
          throw new Error(`operator ${p.operator} on a date`);
        default:
          return assertNever(p.operator, "operator");
      }
    default:
      return assertNever(v, "value");
  }
}

/** The normal form: conjunctions in query order, items in query order. Arrays are fresh, so owned. */
export function normalForm(e: CheckedExpr, interner: ItemKeys): Conjunction[] {
  switch (e.kind) {
    case "predicate":
      return predicateForm(e, interner);
    case "or": {
      const out: Conjunction[] = [];
      // Indexed loops over a wide OR's operands: run once, mostly unoptimized, where for-of allocates.
      for (let i = 0; i < e.operands.length; i++) {
        const operand = e.operands[i]!;
        if (operand.kind === "predicate" && operand.value.kind !== "day")
          out.push([scalarItem(operand, interner)]);
        else for (const c of normalForm(operand, interner)) out.push(c);
      }
      return out;
    }
    case "and": {
      let product: Conjunction[] = [[]];
      for (const operand of e.operands) {
        const form = normalForm(operand, interner);
        if (form.length === 1) {
          const items = form[0]!;
          for (const c of product) for (const item of items) c.push(item);
        } else {
          const next: Conjunction[] = [];
          for (const c of product) for (const f of form) next.push(c.concat(f));
          product = next;
        }
      }
      return product;
    }
    case "not":
      throw new Error("the normalized condition has no 'not'");
    default:
      return assertNever(e, "checked expression");
  }
}

/** Step 3 sized before it is built: false (with `planTooLargeUnbuilt`) when it could not fit. */
export function normalFormFits(
  condition: CheckedExpr,
  maxRequests: number,
  diagnostics: Diagnostic[],
): boolean {
  const [total, multi] = countNormalForm(condition);
  const upperBound = saturatingAdd(multi, total > multi ? 1 : 0);
  const buildCap = Math.max(1024, maxRequests * 16);
  if (upperBound <= maxRequests || upperBound <= buildCap) return true;
  const count = total >= COUNT_CAP ? `at least ${COUNT_CAP}` : String(upperBound);
  diagnostics.push(
    diagnostic("planTooLargeUnbuilt", condition.span, [count, maxRequests], hint("planTooLarge")),
  );
  return false;
}
