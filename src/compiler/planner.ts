import type { SearchBody, SortOrder } from "../language/api.js";
import { type Diagnostic, diagnostic } from "../language/diagnostics.js";
import { cover } from "../language/span.js";
import { PAGE_SIZE } from "../language/values.js";
import { hint } from "./hints.js";
import { absorb, dedupe } from "./plan/absorption.js";
import { contradiction, describe } from "./plan/contradictions.js";
import {
  COUNT_CAP,
  type Conjunction,
  countNormalForm,
  type Item,
  ItemKeys,
  normalForm,
  saturatingAdd,
} from "./plan/dnf.js";
import {
  filterItem,
  isAllTags,
  mergedBody,
  originOf,
  originOfItem,
  singleBody,
  singleItem,
} from "./plan/emit.js";
import type { CheckedQuery, ItemOrigin, Plan, PlanShape, ResolvedDate } from "./types.js";

/** What the planner needs besides the checked query. */
export interface PlannerOptions {
  readonly text: string;
  readonly maxRequests: number;
  readonly defaultLimit: number | undefined;
  readonly dates: readonly ResolvedDate[];
  readonly now: number;
  readonly timeZone: string;
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
