import type { Diagnostic, SearchBody, SortOrder } from "../language/index.js";
import { PAGE_SIZE } from "../language/index.js";
import { absorb, dedupeEach } from "./plan/absorption.js";
import { withoutContradictions } from "./plan/contradictions.js";
import { ItemKeys, normalForm, normalFormSize, releasePlanStores } from "./plan/dnf.js";
import { emitBodies, singleBody } from "./plan/emit.js";
import type { CheckedQuery, ItemOrigin, Plan, PlanShape, PlanSteps, TooLarge } from "./types.js";

/** What the planner needs besides the checked query. */
export interface PlannerOptions {
  readonly text: string;
  readonly maxRequests: number;
  readonly defaultLimit: number | undefined;
  /** The session time zone, which a count buckets dates in. */
  readonly timeZone: string;
}

/** A plan and what the planner did to reach it (for `explain`), or the refusal of a plan too large. */
export type Planned =
  | { readonly ok: true; readonly plan: Plan; readonly steps: PlanSteps }
  | { readonly ok: false; readonly tooLarge: TooLarge };

/** The order of a query without `sort by` (§6). */
export const DEFAULT_SORT = { field: "chats.createdAt", order: "DESC" as SortOrder };

/**
 * Whether a count plan is answered by the API's total alone: `count` without groups over one body,
 * whose first page says how many chats it matches (`meta.total`), so no further page is fetched.
 * Several bodies need every chat, to count one matched by two of them once.
 */
export function countsByTotal(plan: Plan): boolean {
  return plan.count !== undefined && plan.count.groups.length === 0 && plan.bodies.length === 1;
}

const NO_STEPS: PlanSteps = { conjunctions: 0, neverMatching: 0, absorbed: 0 };

/** Plans a checked query (§7 steps 2–7); problems go to `diagnostics`. */
export function planQuery(query: CheckedQuery, options: PlannerOptions, diagnostics: Diagnostic[]): Planned {
  const base = planBase(query, options);
  const condition = query.normalized;
  if (condition === undefined) {
    const body = singleBody([], "AND", query, base.bodyLimit);
    return { ok: true, plan: assemblePlan(base, [body], [[]], false, "all"), steps: NO_STEPS };
  }
  const size = normalFormSize(condition, options.maxRequests, diagnostics);
  if (size === undefined) return { ok: false, tooLarge: { requestsNeeded: undefined } };
  try {
    // Each conjunction of a wide OR brings a key of its own (bench row `flat-or-scaling`).
    const keys = new ItemKeys(size);
    const built = normalForm(condition, keys);
    const matching = withoutContradictions(built, options.text, diagnostics);
    const kept = absorb(dedupeEach(matching), keys.size);
    const steps: PlanSteps = {
      conjunctions: built.length,
      neverMatching: built.length - matching.length,
      absorbed: matching.length - kept.length,
    };
    const emitted = emitBodies(kept, query, base, options.maxRequests, condition.span, diagnostics);
    if ("requestsNeeded" in emitted) return { ok: false, tooLarge: emitted };
    return {
      ok: true,
      plan: assemblePlan(base, emitted.bodies, emitted.origins, emitted.merge, emitted.shape),
      steps,
    };
  } finally {
    releasePlanStores(); // the bodies are made: no conjunction is read any more
  }
}

/** Sort, offset and limits (§6); a count fetches every chat: its limit keeps rows, not chats (§10). */
function planBase(query: CheckedQuery, options: PlannerOptions): PlanBase {
  const sort =
    query.sort === undefined ? DEFAULT_SORT : { field: query.sort.field.name, order: query.sort.order };
  const count = query.count && {
    groups: query.count.groups,
    rows: query.limit?.value,
    timeZone: options.timeZone,
  };
  const limit = count ? undefined : (query.limit?.value ?? options.defaultLimit);
  return {
    sort,
    offset: query.offset?.value ?? 0,
    limit,
    limitExplicit: count === undefined && query.limit !== undefined,
    count,
    bodyLimit: count ? PAGE_SIZE : limit,
  };
}

/** The plan's sort and limits, and the limit of a single body (a page when counting). */
interface PlanBase extends Pick<Plan, "sort" | "offset" | "limit" | "limitExplicit" | "count"> {
  readonly bodyLimit: number | undefined;
}

/**
 * One literal with every property named: object spread here cost a third of a small query's compile
 * (bench row `compile-vs-json`).
 */
function assemblePlan(
  base: PlanBase,
  bodies: SearchBody[],
  origins: ItemOrigin[][],
  merge: boolean,
  shape: PlanShape,
): Plan {
  return {
    bodies,
    origins,
    sort: base.sort,
    offset: base.offset,
    limit: base.limit,
    limitExplicit: base.limitExplicit,
    merge,
    shape,
    count: base.count,
  };
}
