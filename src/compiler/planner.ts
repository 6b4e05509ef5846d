import type { FilterItem, FilterValue, SearchBody, SortOrder } from "../language/api.js";
import { assertNever } from "../language/assert.js";
import { type Diagnostic, diagnostic, hint } from "../language/diagnostics.js";
import { FIELDS, type FieldSpec, type Operator, operatorWord } from "../language/fields.js";
import { cover, type Span } from "../language/span.js";
import { PAGE_SIZE } from "../language/values.js";
import type {
  CheckedExpr,
  CheckedPredicate,
  CheckedQuery,
  ItemOrigin,
  Plan,
  PlanShape,
  ResolvedDate,
} from "./types.js";

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
  /** The checked predicate it comes from (for messages). */
  readonly source: CheckedPredicate;
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

/** The order of a query without `sort by` (§6). */
export const DEFAULT_SORT = { field: "chats.createdAt", order: "DESC" as SortOrder };

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
  // A count fetches every chat: its limit keeps rows, not chats (§10).
  const count = query.count && { groups: query.count.groups, rows: query.limit?.value };
  const limit = count ? undefined : (query.limit?.value ?? options.defaultLimit);
  const bodyLimit = count ? PAGE_SIZE : limit;
  const base: PlanBase = {
    sort,
    sortExplicit,
    offset,
    limit,
    limitExplicit: count === undefined && query.limit !== undefined,
    dates: options.dates,
    now: options.now,
    timeZone: options.timeZone,
    count,
  };
  if (condition === undefined) {
    const body = singleBody([], "AND", query, bodyLimit);
    return assemblePlan(base, [body], [[]], false, "all", { conjunctions: 0, neverMatching: 0, absorbed: 0 });
  }

  // Step 3, sized before it is built.
  const [total, multi] = countNormalForm(condition);
  const upperBound = saturatingAdd(multi, total > multi ? 1 : 0);
  const buildCap = Math.max(1024, options.maxRequests * 16);
  if (upperBound > options.maxRequests && upperBound > buildCap) {
    const count = total >= COUNT_CAP ? `at least ${COUNT_CAP}` : String(upperBound);
    diagnostics.push(
      diagnostic("planTooLargeUnbuilt", condition.span, [count, options.maxRequests], hint("planTooLarge")),
    );
    return undefined;
  }
  const interner = new ItemKeys();
  const built = normalForm(condition, interner);

  // Step 4: contradictions.
  let warnings: Map<string, [Item, Item]> | undefined;
  const matching: Conjunction[] = [];
  for (let i = 0; i < built.length; i++) {
    const conjunction = built[i]!;
    const pair = conjunction.length < 2 ? undefined : contradiction(conjunction);
    if (pair === undefined) matching.push(conjunction);
    else {
      const [a, b] =
        pair[0].origin.start <= pair[1].origin.start ? pair : ([pair[1], pair[0]] as [Item, Item]);
      const key = `${a.origin.start},${a.origin.end},${b.origin.start},${b.origin.end}`;
      warnings ??= new Map();
      if (!warnings.has(key)) warnings.set(key, [a, b]);
    }
  }
  for (const [a, b] of warnings?.values() ?? []) {
    const what = `'${describe(a.source, options.text)}' together with '${describe(b.source, options.text)}'`;
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
  for (let i = 0; i < matching.length; i++) matching[i] = dedupe(matching[i]!);
  const kept = absorb(matching, interner.size);

  // Steps 6 and 7.
  const counts = {
    conjunctions: built.length,
    neverMatching: built.length - matching.length,
    absorbed: matching.length - kept.length,
  };
  if (kept.length === 0) {
    return assemblePlan(base, [], [], false, "none", counts);
  }
  if (kept.length === 1) {
    const only = kept[0]!;
    const body = singleBody(only.map(filterItem), "AND", query, bodyLimit);
    return assemblePlan(base, [body], [only.map(originOfItem)], false, "and", counts);
  }
  // Step 6: with two or more conjunctions, a conjunction of tags alone becomes one item.
  const singles: Conjunction[] = [];
  const multiples: Conjunction[] = [];
  for (let i = 0; i < kept.length; i++) {
    const c = kept[i]!;
    (c.length === 1 || isAllTags(c) ? singles : multiples).push(c);
  }
  if (multiples.length === 0) {
    const body = singleBody(singles.map(singleItem), "OR", query, bodyLimit);
    return assemblePlan(base, [body], [singles.map(originOf)], false, "or", counts);
  }
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
  for (const c of multiples) {
    bodies.push(mergedBody(c.map(filterItem), "AND", sort, mergedLimit));
    origins.push(c.map(originOfItem));
  }
  if (singles.length > 0) {
    bodies.push(mergedBody(singles.map(singleItem), "OR", sort, mergedLimit));
    origins.push(singles.map(originOf));
  }
  return assemblePlan(base, bodies, origins, true, "several", counts);
}

type PlanBase = Pick<
  Plan,
  "sort" | "sortExplicit" | "offset" | "limit" | "limitExplicit" | "dates" | "now" | "timeZone" | "count"
>;
type PlanCounts = Pick<Plan, "conjunctions" | "neverMatching" | "absorbed">;

/** One literal with every property named: object spread here cost a third of a small query's compile. */
function assemblePlan(
  base: PlanBase,
  bodies: SearchBody[],
  origins: ItemOrigin[][],
  merge: boolean,
  shape: PlanShape,
  counts: PlanCounts,
): Plan {
  return {
    bodies,
    origins,
    sort: base.sort,
    sortExplicit: base.sortExplicit,
    offset: base.offset,
    limit: base.limit,
    limitExplicit: base.limitExplicit,
    merge,
    shape,
    conjunctions: counts.conjunctions,
    neverMatching: counts.neverMatching,
    absorbed: counts.absorbed,
    dates: base.dates,
    now: base.now,
    timeZone: base.timeZone,
    count: base.count,
  };
}

function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/**
 * A predicate as the planner sees it, in the query's own words: `status = closed` for the `closed`
 * of `status in (new, closed)`, `status != new` for `not status = new`.
 */
function describe(p: CheckedPredicate, text: string): string {
  const field = text.slice(p.span.start, p.operatorSpan.start).trim();
  return `${field} ${operatorWord(p.operator)} ${slice(text, p.value.span)}`;
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
class ItemKeys {
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
function normalForm(e: CheckedExpr, interner: ItemKeys): Conjunction[] {
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
  return conjunction.length <= SMALL ? contradictingPair(conjunction) : contradictionByField(conjunction);
}

/** Up to this many items, pairwise checks beat building per-field state. */
const SMALL = 12;

/**
 * The first pair that contradicts. Pairwise is exact for the interval rule too: the greatest lower
 * bound exceeds the least upper bound exactly when some lower bound exceeds some upper bound.
 */
function contradictingPair(conjunction: Conjunction): [Item, Item] | undefined {
  for (let j = 1; j < conjunction.length; j++) {
    const b = conjunction[j]!;
    for (let i = 0; i < j; i++) {
      const a = conjunction[i]!;
      if (a.fieldIndex === b.fieldIndex && contradicts(a, b)) return [a, b];
    }
  }
  return undefined;
}

function contradicts(a: Item, b: Item): boolean {
  const same = a.value === b.value;
  if (same && ((a.operator === "=" && b.operator === "!=") || (a.operator === "!=" && b.operator === "=")))
    return true;
  if (a.field.multiValued) return false;
  if (!same && a.operator === "=" && b.operator === "=") return true;
  if (typeof a.value !== "number" || typeof b.value !== "number") return false;
  return lowerBound(a) > upperBound(b) || lowerBound(b) > upperBound(a);
}

/** The least integer an item allows (for `= > >=`), or -Infinity. */
function lowerBound(item: Item): number {
  const v = item.value as number;
  return item.operator === "=" || item.operator === ">=" ? v : item.operator === ">" ? v + 1 : -Infinity;
}

/** The greatest integer an item allows (for `= < <=`), or Infinity. */
function upperBound(item: Item): number {
  const v = item.value as number;
  return item.operator === "=" || item.operator === "<=" ? v : item.operator === "<" ? v - 1 : Infinity;
}

/** The same rules in one pass with per-field state, for long conjunctions. */
function contradictionByField(conjunction: Conjunction): [Item, Item] | undefined {
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
      // An item without a bound gives ±Infinity, which never tightens one.
      const low = lowerBound(item);
      const high = upperBound(item);
      if (low > st.low) {
        st.low = low;
        st.lowItem = item;
      }
      if (high < st.high) {
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
  if (conjunction.length <= SMALL && !hasDuplicate(conjunction)) return conjunction;
  const seen = new Set<number>();
  const out: Conjunction = [];
  for (const item of conjunction) {
    if (seen.has(item.key)) continue;
    seen.add(item.key);
    out.push(item);
  }
  return out;
}

function hasDuplicate(conjunction: Conjunction): boolean {
  for (let j = 1; j < conjunction.length; j++) {
    for (let i = 0; i < j; i++) if (conjunction[i]!.key === conjunction[j]!.key) return true;
  }
  return false;
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
 * earlier of equal ones stays). Conjunctions are visited smallest first; each kept one is filed
 * under its rarest item, so a conjunction only meets the kept ones filed under one of its own
 * items: a subset of it must be filed there. With `keyCount` distinct item keys.
 */
function absorb(conjunctions: Conjunction[], keyCount: number): Conjunction[] {
  if (conjunctions.length < 2) return conjunctions;
  if (conjunctions.every((c) => c.length === 1)) return uniqueSingles(conjunctions, keyCount);
  const frequency = new Uint32Array(keyCount);
  for (const c of conjunctions) for (const item of c) frequency[item.key]!++;
  const keys = conjunctions.map((c) =>
    c.length === 1 ? [c[0]!.key] : c.map((i) => i.key).sort((a, b) => a - b),
  );
  const order = conjunctions.map((_, i) => i);
  order.sort((a, b) => keys[a]!.length - keys[b]!.length || a - b);
  const filed = new Map<number, number[]>();
  const keep = new Array<boolean>(conjunctions.length).fill(false);
  for (const index of order) {
    const own = keys[index]!;
    if (isAbsorbed(own, keys, filed)) continue;
    keep[index] = true;
    let rarest = own[0]!;
    for (const k of own) if (frequency[k]! < frequency[rarest]!) rarest = k;
    const list = filed.get(rarest);
    if (list === undefined) filed.set(rarest, [index]);
    else list.push(index);
  }
  return conjunctions.filter((_, i) => keep[i]);
}

function isAbsorbed(
  own: readonly number[],
  keys: readonly (readonly number[])[],
  filed: Map<number, number[]>,
): boolean {
  for (const k of own) {
    const candidates = filed.get(k);
    if (candidates === undefined) continue;
    for (const other of candidates) if (isSubset(keys[other]!, own)) return true;
  }
  return false;
}

/** Only single-item conjunctions: absorption is removing duplicates. */
function uniqueSingles(conjunctions: Conjunction[], keyCount: number): Conjunction[] {
  const seen = new Uint8Array(keyCount); // keys are dense, 0 to keyCount - 1: no Set to grow
  const out: Conjunction[] = [];
  for (let i = 0; i < conjunctions.length; i++) {
    const c = conjunctions[i]!;
    const key = c[0]!.key;
    if (seen[key] === 1) continue;
    seen[key] = 1;
    out.push(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Steps 6 and 7: emission

function filterItem(item: Item): FilterItem {
  const value: FilterValue = item.field.type === "tag" ? [{ name: item.value as string }] : item.value;
  return { field: item.field.name, operator: item.operator, value };
}

function originOfItem(item: Item): ItemOrigin {
  return { span: item.origin, spans: [item.origin] };
}

function isAllTags(conjunction: Conjunction): boolean {
  for (const item of conjunction) if (item.field.type !== "tag") return false;
  return true;
}

/** The one item of a single-item conjunction, or of a tag conjunction merged (step 6): all its tags, in order. */
function singleItem(conjunction: Conjunction): FilterItem {
  const first = conjunction[0]!;
  if (conjunction.length === 1) return filterItem(first);
  return {
    field: first.field.name,
    operator: "=",
    value: conjunction.map((i) => ({ name: i.value as string })),
  };
}

function originOf(conjunction: Conjunction): ItemOrigin {
  const first = conjunction[0]!;
  return conjunction.length === 1
    ? originOfItem(first)
    : { span: first.origin, spans: conjunction.map((i) => i.origin) };
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
  limit: number | undefined,
): SearchBody {
  const body = bodyOf(filter, comparison);
  if (query.sort !== undefined) {
    body.sort = query.sort.field.name;
    body.order = query.sort.order;
  }
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
