/** Steps 2 and 3 of planning (§7): filter items and the disjunctive normal form, sized before it is built. */

import {
  assertNever,
  type Diagnostic,
  diagnostic,
  FIELDS,
  type FieldSpec,
  groupDigits,
  hint,
  type Operator,
} from "../../language/index.js";
import type { CheckedExpr, CheckedPredicate } from "../types.js";

/** One filter item of the normal form, before emission. */
export interface Item {
  readonly fieldIndex: number;
  readonly operator: Operator;
  /** A number (ids, dates) or a string (status code, rating, string, one tag name). */
  readonly value: number | string;
  /** Interned (field, operator, value): equal items have equal keys. */
  readonly key: number;
  /**
   * The checked predicate it comes from: its field, and its span as the item's origin (not copied
   * here: items live through planning, bench row `flat-or-scaling`).
   */
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

type Shape = readonly [total: number, multi: number];
// Shared, not a new pair per predicate of a wide OR (bench row `flat-or-scaling`).
const ONE_SINGLE: Shape = [1, 0];
const ONE_PAIR: Shape = [1, 1];
const TWO_SINGLES: Shape = [2, 0];

/** Conjunctions of a predicate once whole days are expanded: [[one]], [[a, b]] or [[a], [b]]. */
function predicateShape(p: CheckedPredicate): Shape {
  if (p.value.kind !== "day") return ONE_SINGLE;
  if (p.operator === "=") return ONE_PAIR;
  if (p.operator === "!=") return TWO_SINGLES;
  return ONE_SINGLE;
}

/** [all conjunctions, conjunctions of two or more items] of the normal form, without building it. */
function countNormalForm(e: CheckedExpr): Shape {
  switch (e.kind) {
    case "predicate":
      return predicateShape(e);
    case "or": {
      let total = 0;
      let multi = 0;
      for (let i = 0; i < e.operands.length; i++) {
        const shape = countNormalForm(e.operands[i]!); // indexed, not destructured: no iterator
        total = saturatingAdd(total, shape[0]);
        multi = saturatingAdd(multi, shape[1]);
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

/**
 * The buckets of the ItemKeys hashing now (key + 1, 0 for none): one store that every plan reuses,
 * grown as needed (and let go of past KEPT_BUCKETS by `releasePlanStores`). A Map per (field,
 * operator) grew by rehashing and held every item of a wide OR in tables that young collections
 * copied; this costs no allocation (bench row `flat-or-scaling`).
 */
let buckets = new Int32Array(256);
/** The ItemKeys whose keys `buckets` holds now. */
let bucketsOwner: ItemKeys | undefined;

/** The most keys that ItemKeys makes room for in advance (lists of 64 KiB, not large objects). */
const PRESIZED_KEYS = 8192;

/** Buckets for about `keys` keys: at most half of them filled (within bounds). */
function bucketsFor(keys: number): number {
  let buckets = 64;
  while (buckets < 2 * keys && buckets < 1 << 20) buckets *= 2;
  return buckets;
}

/** A hash of (slot, value); equal numbers (0 and -0 too) and equal strings hash alike. */
function hashOf(slot: number, value: number | string): number {
  let h = Math.imul(slot + 1, 0x9e3779b1);
  if (typeof value === "number") {
    h = Math.imul(h ^ (value | 0), 0x85ebca6b);
    h = Math.imul(h ^ ((value / 4294967296) | 0), 0xc2b2ae35);
  } else {
    for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * Gives equal (field, operator, value) items one small integer key (0, 1, 2...), without building
 * strings. The first SMALL are found by a scan of one short list of (slot, value) pairs, then by
 * open addressing in `buckets`: maps cost most of a small query's planning (bench row
 * `compile-vs-json`), and of a wide OR's (bench row `flat-or-scaling`).
 */
export class ItemKeys {
  /** Key k's slot at 2k, its value at 2k + 1 (the first SMALL keys). */
  private readonly pairs: (number | string)[] = [];
  /** Past SMALL keys: key k's slot and value (two lists, so neither needs a large object's store). */
  private slots: number[] | undefined;
  private values: (number | string)[] | undefined;
  /** The buckets in use, a power of two, minus one. */
  private mask = 0;
  size = 0;

  /** `expected`: about how many keys there will be, so that the buckets are not grown step by step. */
  constructor(private readonly expected = 0) {}

  key(fieldIndex: number, operator: Operator, value: number | string): number {
    const slot = fieldIndex * 8 + OPERATOR_INDEX[operator];
    if (this.slots !== undefined) return this.keyInBuckets(slot, value);
    const pairs = this.pairs;
    for (let k = 0; k < this.size; k++) {
      if (pairs[2 * k] === slot && pairs[2 * k + 1] === value) return k;
    }
    if (this.size < SMALL) {
      pairs.push(slot, value);
      return this.size++;
    }
    // Made at about their final size, not grown from empty (bench row `flat-or-scaling`); filled in
    // order, so no hole is ever read. Bounded: a long OR may repeat a few items.
    const room = Math.min(Math.max(this.expected, this.size), PRESIZED_KEYS);
    const slots = new Array<number>(room);
    const values = new Array<number | string>(room);
    for (let k = 0; k < this.size; k++) {
      slots[k] = pairs[2 * k] as number;
      values[k] = pairs[2 * k + 1]!;
    }
    this.slots = slots;
    this.values = values;
    this.rehash(bucketsFor(this.expected));
    return this.keyInBuckets(slot, value);
  }

  private keyInBuckets(slot: number, value: number | string): number {
    if (bucketsOwner !== this) this.rehash(this.mask + 1);
    const slots = this.slots!;
    const values = this.values!;
    const mask = this.mask;
    let i = hashOf(slot, value) & mask;
    for (let entry = buckets[i]!; entry !== 0; entry = buckets[i]!) {
      if (slots[entry - 1] === slot && values[entry - 1] === value) return entry - 1;
      i = (i + 1) & mask;
    }
    const key = this.size++;
    slots[key] = slot;
    values[key] = value;
    buckets[i] = key + 1;
    if (2 * this.size > mask + 1) this.rehash(2 * (mask + 1));
    return key;
  }

  /** Files every key again in `capacity` buckets (taking them over from any other ItemKeys). */
  private rehash(capacity: number): void {
    if (buckets.length < capacity) buckets = new Int32Array(capacity);
    buckets.fill(0, 0, capacity);
    bucketsOwner = this;
    this.mask = capacity - 1;
    const slots = this.slots!;
    const values = this.values!;
    for (let key = 0; key < this.size; key++) {
      let i = hashOf(slots[key]!, values[key]!) & this.mask;
      while (buckets[i] !== 0) i = (i + 1) & this.mask;
      buckets[i] = key + 1;
    }
  }
}

function makeItem(p: CheckedPredicate, operator: Operator, value: number | string, keys: ItemKeys): Item {
  const fieldIndex = FIELD_INDEX.get(p.field)!;
  return { fieldIndex, operator, value, key: keys.key(fieldIndex, operator, value), source: p };
}

/** The item value of a predicate whose value is not a whole day. */
function scalarValue(p: CheckedPredicate): number | string {
  const v = p.value;
  switch (v.kind) {
    case "integer":
    case "string":
      return v.value;
    case "status":
      return v.code;
    case "rating":
    case "tag":
      return v.name;
    case "instant":
      return v.seconds;
    case "day":
      throw new Error("a whole day has no single item");
    default:
      return assertNever(v, "value");
  }
}

/** The item of a predicate whose value is not a whole day. */
function scalarItem(p: CheckedPredicate, keys: ItemKeys): Item {
  return makeItem(p, p.operator, scalarValue(p), keys);
}

type MutableItem = { -readonly [K in keyof Item]: Item[K] };

/** What a pooled item holds between plans: no predicate of a past query. */
const NO_SOURCE: CheckedPredicate = {
  kind: "predicate",
  field: FIELDS[0]!,
  operator: "=",
  value: { kind: "integer", value: 0, span: { start: 0, end: 0 } },
  span: { start: 0, end: 0 },
  operatorSpan: { start: 0, end: 0 },
};

/**
 * The one-item conjunctions of a wide OR's plain predicates, taken by each plan and given back
 * emptied when it ends (`releasePlanStores`): reused from the old generation instead of allocated per
 * predicate and copied by the young collections that fall within the plan (bench row
 * `flat-or-scaling`). Nothing changes them once made. At most `cap` are kept.
 */
class SinglesPool {
  private readonly lists: [MutableItem][] = [];
  private used = 0;

  constructor(private readonly cap: number) {}

  take(
    fieldIndex: number,
    operator: Operator,
    value: number | string,
    key: number,
    source: CheckedPredicate,
  ): Conjunction {
    const list = this.lists[this.used];
    if (list === undefined) {
      const made: [MutableItem] = [{ fieldIndex, operator, value, key, source }];
      if (this.lists.length < this.cap) {
        this.lists.push(made);
        this.used++;
      }
      return made;
    }
    this.used++;
    const item = list[0];
    item.fieldIndex = fieldIndex;
    item.operator = operator;
    item.value = value;
    item.key = key;
    item.source = source;
    return list;
  }

  release(): void {
    for (let k = 0; k < this.used; k++) {
      const item = this.lists[k]![0];
      item.value = 0;
      item.source = NO_SOURCE;
    }
    this.used = 0;
  }
}

/** As many as the parser's token pool has tokens for (four tokens a predicate). */
const SINGLES = new SinglesPool(1 << 14);

/** The most buckets kept between plans (256 KiB): a larger store was a query's own. */
const KEPT_BUCKETS = 1 << 16;

/**
 * Gives back what the plans since the last call took: the pooled conjunctions, and the bucket store
 * when a very large query grew it. Call when their plan is done.
 */
export function releasePlanStores(): void {
  SINGLES.release();
  if (buckets.length > KEPT_BUCKETS) {
    buckets = new Int32Array(256);
    bucketsOwner = undefined;
  }
}

/** A plain predicate's one conjunction, from the pool (valid until `releasePlanStores`). */
function pooledSingle(p: CheckedPredicate, keys: ItemKeys): Conjunction {
  const value = scalarValue(p);
  const fieldIndex = FIELD_INDEX.get(p.field)!;
  return SINGLES.take(fieldIndex, p.operator, value, keys.key(fieldIndex, p.operator, value), p);
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

/** A predicate whose value is not a whole day: one conjunction of one item. */
function isScalar(e: CheckedExpr): e is CheckedPredicate {
  return e.kind === "predicate" && e.value.kind !== "day";
}

/**
 * The normal form: conjunctions in query order, items in query order. The one-item conjunctions of
 * plain predicates are the pool's (valid until `releasePlanStores`); no later step changes a conjunction.
 */
export function normalForm(e: CheckedExpr, interner: ItemKeys): Conjunction[] {
  switch (e.kind) {
    case "predicate":
      return predicateForm(e, interner);
    case "or": {
      // Indexed loops over a wide OR's operands: run once, mostly unoptimized, where for-of allocates
      // (bench row `flat-or-scaling`).
      const operands = e.operands;
      let scalar = 0;
      while (scalar < operands.length && isScalar(operands[scalar]!)) scalar++;
      // One conjunction per operand, all known: a list of its size, not grown (bench row `flat-or-scaling`).
      const out: Conjunction[] = scalar === operands.length ? new Array(scalar) : [];
      for (let i = 0; i < scalar; i++) out[i] = pooledSingle(operands[i] as CheckedPredicate, interner);
      for (let i = scalar; i < operands.length; i++) {
        const operand = operands[i]!;
        if (isScalar(operand)) out.push(pooledSingle(operand, interner));
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

/**
 * Step 3 sized before it is built: how many conjunctions it has, or undefined (with
 * `planTooLargeUnbuilt`) when it could not fit.
 */
export function normalFormSize(
  condition: CheckedExpr,
  maxRequests: number,
  diagnostics: Diagnostic[],
): number | undefined {
  const [total, multi] = countNormalForm(condition);
  const upperBound = saturatingAdd(multi, total > multi ? 1 : 0);
  const buildCap = Math.max(1024, maxRequests * 16);
  if (upperBound <= buildCap) return total;
  // The AND-groups themselves, counted up to COUNT_CAP: the requests they would be are fewer.
  const count = total >= COUNT_CAP ? `at least ${groupDigits(COUNT_CAP)}` : groupDigits(total);
  diagnostics.push(
    diagnostic("planTooLargeUnbuilt", condition.span, [count, maxRequests], hint("planTooLarge")),
  );
  return undefined;
}
