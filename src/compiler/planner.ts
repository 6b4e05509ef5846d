import type { FilterItem, FilterValue, SearchBody, SortOrder } from "../language/api.js";
import { assertNever } from "../language/assert.js";
import { type Diagnostic, diagnostic } from "../language/diagnostics.js";
import { FIELDS, type FieldSpec, type Operator } from "../language/fields.js";
import { cover, type Span } from "../language/span.js";
import { PAGE_SIZE } from "../language/values.js";
import { hint } from "./hints.js";
import type { CheckedExpr, CheckedPredicate, CheckedQuery, ItemOrigin, Plan, ResolvedDate } from "./types.js";

/** What the planner needs besides the checked query. */
export interface PlannerOptions {
  readonly text: string;
  readonly maxRequests: number;
  readonly defaultLimit: number | undefined;
  readonly dates: readonly ResolvedDate[];
  readonly now: number;
  readonly timeZone: string;
}

/** One filter item of the normal form, before emission. */
interface Item {
  readonly field: FieldSpec;
  readonly fieldIndex: number;
  readonly operator: Operator;
  /** A number (ids, dates) or a string (status code, rating, string, one tag name). */
  readonly value: number | string;
  /** Interned (field, operator, value): equal items have equal keys. */
  readonly key: number;
  readonly origin: Span;
}

type Conjunction = Item[];

const FIELD_INDEX: ReadonlyMap<FieldSpec, number> = new Map(FIELDS.map((f, i) => [f, i]));
/** Counting the normal form stops here ("at least N"). */
const COUNT_CAP = 1_000_000_000;

function saturatingAdd(a: number, b: number): number {
  return Math.min(COUNT_CAP, a + b);
}

function saturatingMultiply(a: number, b: number): number {
  return Math.min(COUNT_CAP, a * b);
}

const DEFAULT_SORT = { field: "chats.createdAt", order: "DESC" as SortOrder };

/** Plans a checked query (§7 steps 2–7); problems go to `diagnostics`. Undefined when refused. */
export function planQuery(
  query: CheckedQuery,
  options: PlannerOptions,
  diagnostics: Diagnostic[],
): Plan | undefined {
  const condition = query.normalized;
  const sortExplicit = query.sort !== undefined;
  const sort =
    query.sort === undefined ? DEFAULT_SORT : { field: query.sort.field.name, order: query.sort.order };
  const offset = query.offset?.value ?? 0;
  const limit = query.limit?.value ?? options.defaultLimit;
  const base = {
    sort,
    sortExplicit,
    offset,
    limit,
    limitExplicit: query.limit !== undefined,
    dates: options.dates,
    now: options.now,
    timeZone: options.timeZone,
  };
  if (condition === undefined) {
    const body = singleBody([], "AND", query, options);
    return {
      ...base,
      bodies: [body],
      origins: [[]],
      merge: false,
      shape: "all",
      conjunctions: 0,
      neverMatching: 0,
      absorbed: 0,
    };
  }

  // Step 3, sized before it is built.
  const [total, multi] = countNormalForm(condition);
  const upperBound = saturatingAdd(multi, total > multi ? 1 : 0);
  const buildCap = Math.max(1024, options.maxRequests * 16);
  if (upperBound > options.maxRequests && upperBound > buildCap) {
    const count = total >= COUNT_CAP ? `at least ${COUNT_CAP}` : String(upperBound);
    diagnostics.push(
      diagnostic("planTooLarge", condition.span, [count, options.maxRequests], hint("planTooLarge")),
    );
    return undefined;
  }
  const interner = new Map<string, number>();
  const built = normalForm(condition, interner);

  // Step 4: contradictions.
  const warnings = new Map<string, { pair: [Item, Item] }>();
  const matching: Conjunction[] = [];
  for (const conjunction of built) {
    const pair = conjunction.length < 2 ? undefined : contradiction(conjunction);
    if (pair === undefined) matching.push(conjunction);
    else {
      const [a, b] =
        pair[0].origin.start <= pair[1].origin.start ? pair : ([pair[1], pair[0]] as [Item, Item]);
      const key = `${a.origin.start},${a.origin.end},${b.origin.start},${b.origin.end}`;
      if (!warnings.has(key)) warnings.set(key, { pair: [a, b] });
    }
  }
  for (const { pair } of warnings.values()) {
    const [a, b] = pair;
    const what =
      a.origin === b.origin || (a.origin.start === b.origin.start && a.origin.end === b.origin.end)
        ? `'${slice(options.text, a.origin)}'`
        : `'${slice(options.text, a.origin)}' together with '${slice(options.text, b.origin)}'`;
    diagnostics.push(
      diagnostic(
        "neverMatches",
        cover(a.origin, b.origin),
        [what],
        matching.length === 0 ? hint("noChats") : undefined,
      ),
    );
  }

  // Step 5: duplicates and absorption.
  const kept = absorb(matching.map(dedupe));

  // Steps 6 and 7.
  const counts = {
    conjunctions: built.length,
    neverMatching: built.length - matching.length,
    absorbed: matching.length - kept.length,
  };
  if (kept.length === 0) {
    return { ...base, bodies: [], origins: [], merge: false, shape: "none", ...counts };
  }
  const groups = kept.map((c) => emitConjunction(c, kept.length >= 2));
  if (groups.length === 1) {
    const group = groups[0]!;
    return {
      ...base,
      bodies: [singleBody(group.items, "AND", query, options)],
      origins: [group.origins],
      merge: false,
      shape: "and",
      ...counts,
    };
  }
  const singles = groups.filter((g) => g.items.length === 1);
  if (singles.length === groups.length) {
    const body = singleBody(
      singles.map((g) => g.items[0]!),
      "OR",
      query,
      options,
    );
    return {
      ...base,
      bodies: [body],
      origins: [singles.map((g) => g.origins[0]!)],
      merge: false,
      shape: "or",
      ...counts,
    };
  }
  const multiples = groups.filter((g) => g.items.length >= 2);
  const bodyCount = multiples.length + (singles.length > 0 ? 1 : 0);
  if (bodyCount > options.maxRequests) {
    diagnostics.push(
      diagnostic(
        "planTooLarge",
        condition.span,
        [String(bodyCount), options.maxRequests],
        hint("planTooLarge"),
      ),
    );
    return undefined;
  }
  const mergedLimit = Math.min(PAGE_SIZE, offset + (limit ?? PAGE_SIZE));
  const bodies: SearchBody[] = [];
  const origins: ItemOrigin[][] = [];
  for (const g of multiples) {
    bodies.push(mergedBody(g.items, "AND", sort, mergedLimit));
    origins.push(g.origins);
  }
  if (singles.length > 0) {
    bodies.push(
      mergedBody(
        singles.map((g) => g.items[0]!),
        "OR",
        sort,
        mergedLimit,
      ),
    );
    origins.push(singles.map((g) => g.origins[0]!));
  }
  return { ...base, bodies, origins, merge: true, shape: "several", ...counts };
}

function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

// ---------------------------------------------------------------------------------------------
// Step 2 and 3: items and the disjunctive normal form

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
      for (const operand of e.operands) {
        const [t, m] = countNormalForm(operand);
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

function makeItem(
  p: CheckedPredicate,
  operator: Operator,
  value: number | string,
  interner: Map<string, number>,
): Item {
  const fieldIndex = FIELD_INDEX.get(p.field)!;
  const text = `${fieldIndex}${operator}\u0000${value}`;
  let key = interner.get(text);
  if (key === undefined) {
    key = interner.size;
    interner.set(text, key);
  }
  return { field: p.field, fieldIndex, operator, value, key, origin: p.span };
}

/** §4's whole-day rules; two items come in ascending order of their instants. */
function predicateForm(p: CheckedPredicate, interner: Map<string, number>): Conjunction[] {
  const v = p.value;
  switch (v.kind) {
    case "integer":
      return [[makeItem(p, p.operator, v.value, interner)]];
    case "status":
      return [[makeItem(p, p.operator, v.code, interner)]];
    case "rating":
      return [[makeItem(p, p.operator, v.name, interner)]];
    case "string":
      return [[makeItem(p, p.operator, v.value, interner)]];
    case "tag":
      return [[makeItem(p, p.operator, v.name, interner)]];
    case "instant":
      return [[makeItem(p, p.operator, v.seconds, interner)]];
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
function normalForm(e: CheckedExpr, interner: Map<string, number>): Conjunction[] {
  switch (e.kind) {
    case "predicate":
      return predicateForm(e, interner);
    case "or": {
      const out: Conjunction[] = [];
      for (const operand of e.operands) for (const c of normalForm(operand, interner)) out.push(c);
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

// ---------------------------------------------------------------------------------------------
// Step 4: conjunctions that cannot match

interface FieldState {
  equal: Item | undefined;
  equals: Map<number | string, Item> | undefined;
  notEquals: Map<number | string, Item> | undefined;
  low: number;
  lowItem: Item | undefined;
  high: number;
  highItem: Item | undefined;
}

/**
 * The two items that make a conjunction impossible, by exactly §7's rules: two different `=` on a
 * single-valued field; `=` and `!=` of one value; an empty integer interval on a single-valued field.
 */
function contradiction(conjunction: Conjunction): [Item, Item] | undefined {
  const states: (FieldState | undefined)[] = [];
  for (const item of conjunction) {
    let st = states[item.fieldIndex];
    if (st === undefined) {
      st = {
        equal: undefined,
        equals: undefined,
        notEquals: undefined,
        low: -Infinity,
        lowItem: undefined,
        high: Infinity,
        highItem: undefined,
      };
      states[item.fieldIndex] = st;
    }
    const single = !item.field.multiValued;
    const v = item.value;
    switch (item.operator) {
      case "=": {
        if (single && st.equal !== undefined && st.equal.value !== v) return [st.equal, item];
        const opposite = st.notEquals?.get(v);
        if (opposite !== undefined) return [opposite, item];
        st.equal ??= item;
        st.equals ??= new Map();
        if (!st.equals.has(v)) st.equals.set(v, item);
        break;
      }
      case "!=": {
        const opposite = st.equals?.get(v);
        if (opposite !== undefined) return [opposite, item];
        st.notEquals ??= new Map();
        if (!st.notEquals.has(v)) st.notEquals.set(v, item);
        break;
      }
      case ">":
      case ">=":
      case "<":
      case "<=":
      case "~":
      case "!~":
        break;
      default:
        assertNever(item.operator, "operator");
    }
    if (single && typeof v === "number") {
      const op = item.operator;
      const low = op === "=" || op === ">=" ? v : op === ">" ? v + 1 : undefined;
      const high = op === "=" || op === "<=" ? v : op === "<" ? v - 1 : undefined;
      if (low !== undefined && low > st.low) {
        st.low = low;
        st.lowItem = item;
      }
      if (high !== undefined && high < st.high) {
        st.high = high;
        st.highItem = item;
      }
      if (st.low > st.high) return [st.lowItem!, st.highItem!];
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Step 5: duplicates and absorption

function dedupe(conjunction: Conjunction): Conjunction {
  if (conjunction.length < 2) return conjunction;
  const seen = new Set<number>();
  const out: Conjunction = [];
  for (const item of conjunction) {
    if (seen.has(item.key)) continue;
    seen.add(item.key);
    out.push(item);
  }
  return out;
}

function isSubset(small: readonly number[], large: readonly number[]): boolean {
  let j = 0;
  for (const k of small) {
    while (j < large.length && large[j]! < k) j++;
    if (j === large.length || large[j] !== k) return false;
    j++;
  }
  return true;
}

/**
 * Drops duplicate conjunctions and every conjunction that includes all items of another (the
 * earlier of equal ones stays). Each kept conjunction is filed under its smallest item key, so a
 * conjunction only meets the kept ones filed under one of its own items: linear for single items.
 */
function absorb(conjunctions: Conjunction[]): Conjunction[] {
  if (conjunctions.length < 2) return conjunctions;
  const keys = conjunctions.map((c) =>
    c.length === 1 ? [c[0]!.key] : c.map((i) => i.key).sort((a, b) => a - b),
  );
  const order = conjunctions.map((_, i) => i);
  order.sort((a, b) => keys[a]!.length - keys[b]!.length || a - b);
  const filed = new Map<number, number[]>();
  const keep = new Array<boolean>(conjunctions.length).fill(false);
  for (const index of order) {
    const own = keys[index]!;
    let absorbed = false;
    for (const k of own) {
      const candidates = filed.get(k);
      if (candidates === undefined) continue;
      for (const other of candidates) {
        if (isSubset(keys[other]!, own)) {
          absorbed = true;
          break;
        }
      }
      if (absorbed) break;
    }
    if (absorbed) continue;
    keep[index] = true;
    const first = own[0]!;
    const list = filed.get(first);
    if (list === undefined) filed.set(first, [index]);
    else list.push(index);
  }
  return conjunctions.filter((_, i) => keep[i]);
}

// ---------------------------------------------------------------------------------------------
// Steps 6 and 7: emission

interface EmittedConjunction {
  readonly items: FilterItem[];
  readonly origins: ItemOrigin[];
}

function jsonValue(item: Item): FilterValue {
  return item.field.type === "tag" ? [{ name: item.value as string }] : item.value;
}

/** Emits a conjunction; with `mergeTags`, one made only of tag items becomes one item (step 6). */
function emitConjunction(conjunction: Conjunction, mergeTags: boolean): EmittedConjunction {
  if (mergeTags && conjunction.length >= 2 && conjunction.every((i) => i.field.type === "tag")) {
    const first = conjunction[0]!;
    return {
      items: [
        {
          field: first.field.name,
          operator: "=",
          value: conjunction.map((i) => ({ name: i.value as string })),
        },
      ],
      origins: [{ span: first.origin, spans: conjunction.map((i) => i.origin) }],
    };
  }
  return {
    items: conjunction.map((i) => ({ field: i.field.name, operator: i.operator, value: jsonValue(i) })),
    origins: conjunction.map((i) => ({ span: i.origin, spans: [i.origin] })),
  };
}

type MutableBody = {
  filter: FilterItem[];
  comparison?: "AND" | "OR";
  sort?: string;
  order?: SortOrder;
  limit?: number;
  offset?: number;
};

/** A body's start, keys in the API's order: `filter`, then `comparison` when there are two or more items. */
function bodyOf(filter: FilterItem[], comparison: "AND" | "OR"): MutableBody {
  return filter.length >= 2 ? { filter, comparison } : { filter };
}

/** A one-body plan's body: the query's own sort, order, limit and offset, when it gives them. */
function singleBody(
  filter: FilterItem[],
  comparison: "AND" | "OR",
  query: CheckedQuery,
  options: PlannerOptions,
): SearchBody {
  const body = bodyOf(filter, comparison);
  if (query.sort !== undefined) {
    body.sort = query.sort.field.name;
    body.order = query.sort.order;
  }
  const limit = query.limit?.value ?? options.defaultLimit;
  if (limit !== undefined) body.limit = Math.min(limit, PAGE_SIZE);
  if (query.offset !== undefined) body.offset = query.offset.value;
  return body;
}

/** A body of a several-body plan: the plan's sort, the merged limit, no offset. */
function mergedBody(
  filter: FilterItem[],
  comparison: "AND" | "OR",
  sort: { field: string; order: SortOrder },
  limit: number,
): SearchBody {
  const body = bodyOf(filter, comparison);
  body.sort = sort.field;
  body.order = sort.order;
  body.limit = limit;
  return body;
}
