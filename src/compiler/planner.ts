import type { SearchBody, SortOrder } from "../language/api.js";
import type { Diagnostic } from "../language/diagnostics.js";
import { PAGE_SIZE } from "../language/values.js";
import { absorb, dedupe } from "./plan/absorption.js";
import { withoutContradictions } from "./plan/contradictions.js";
import { ItemKeys, normalForm, normalFormFits } from "./plan/dnf.js";
import { emitBodies, singleBody } from "./plan/emit.js";
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
  const { base, bodyLimit } = planBase(query, options);
  const condition = query.normalized;
  if (condition === undefined) {
    const body = singleBody([], "AND", query, bodyLimit);
    return assemblePlan(base, [body], [[]], false, "all", { conjunctions: 0, neverMatching: 0, absorbed: 0 });
  }
  if (!normalFormFits(condition, options.maxRequests, diagnostics)) return undefined;
  const keys = new ItemKeys();
  const built = normalForm(condition, keys);
  const matching = withoutContradictions(built, options.text, diagnostics);
  const kept = absorb(matching.map(dedupe), keys.size);
  const counts = {
    conjunctions: built.length,
    neverMatching: built.length - matching.length,
    absorbed: matching.length - kept.length,
  };
  const limits = { sort: base.sort, offset: base.offset, limit: base.limit, bodyLimit };
  const emitted = emitBodies(kept, query, limits, options.maxRequests, condition.span, diagnostics);
  if (emitted === undefined) return undefined;
  return assemblePlan(base, emitted.bodies, emitted.origins, emitted.merge, emitted.shape, counts);
}

/** Sort, offset and limits (§6); a count fetches every chat: its limit keeps rows, not chats (§10). */
function planBase(
  query: CheckedQuery,
  options: PlannerOptions,
): { base: PlanBase; bodyLimit: number | undefined } {
  const sort =
    query.sort === undefined ? DEFAULT_SORT : { field: query.sort.field.name, order: query.sort.order };
  const count = query.count && { groups: query.count.groups, rows: query.limit?.value };
  const limit = count ? undefined : (query.limit?.value ?? options.defaultLimit);
  const base: PlanBase = {
    sort,
    sortExplicit: query.sort !== undefined,
    offset: query.offset?.value ?? 0,
    limit,
    limitExplicit: count === undefined && query.limit !== undefined,
    dates: options.dates,
    now: options.now,
    timeZone: options.timeZone,
    count,
  };
  return { base, bodyLimit: count ? PAGE_SIZE : limit };
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
