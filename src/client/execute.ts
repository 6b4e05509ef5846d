import type { Plan } from "../compiler/index.js";
import type { Chat, SearchBody, SortOrder } from "../language/index.js";
import { argumentError, type Diagnostic, diagnostic, PAGE_SIZE } from "../language/index.js";
import { sanitizeLine } from "../text/index.js";
import type { HelpCrunchClient, SearchPage } from "./client.js";
import type { HelpCrunchError } from "./errors.js";
import { locateFilterErrors, throwIfCancelled } from "./errors.js";
import type { WaitEvent } from "./options.js";
import { checkCount } from "./options.js";
import { eachConcurrently } from "./pool.js";

/*
 * Runs a compiled plan against the API and returns exactly the chats the query means (§6, §7).
 *
 * One body: its pages, from the query's offset, up to the query's limit (100 without one,
 * every match with `all`). Several bodies: each body fetches its first offset + limit results,
 * and the union is deduplicated, ordered by the plan's sort and cut to offset and limit.
 * That is exact because every body returns its results in the merge order (the API's sort is the
 * same total order, ties by id): a chat among the first K of the union is among the first K of
 * each body that holds it, since a body is a subset of the union.
 */

/** What `executePlan`, `streamPlan` and `countChats` report as they go (`onProgress`). */
export type ExecuteProgress =
  /** A page arrived: pages received so far and the pages expected (grows as totals become known). */
  | { readonly type: "page"; readonly pages: number; readonly expectedPages: number; readonly chats: number }
  /** A request is waiting: for the rate limit, or before retrying a failed attempt. */
  | { readonly type: "wait"; readonly reason: "rate-limit"; readonly ms: number }
  | {
      readonly type: "wait";
      readonly reason: "retry";
      readonly ms: number;
      /** What failed (thrown if the retries run out). */
      readonly error: HelpCrunchError;
      /** The attempt about to be made (2 for the first retry) and how many this failure allows. */
      readonly attempt: number;
      readonly attempts: number;
    };

/** How `executePlan`, `streamPlan` and `countChats` run a plan. */
export interface ExecuteOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((event: ExecuteProgress) => void) | undefined;
  /** Fetch every matching chat when the query gives no limit (else 100, one page). */
  readonly all?: boolean | undefined;
  /** Bodies fetched at the same time. Default 3. */
  readonly concurrency?: number | undefined;
}

/** `executePlan`'s answer: the chats the query means, how many match, and the requests made. */
export interface ExecuteResult {
  readonly chats: readonly Chat[];
  /** How many chats match the query: exact when `totalExact`, else a lower bound. */
  readonly total: number;
  readonly totalExact: boolean;
  /** HTTP requests made, retries included. */
  readonly requests: number;
}

/** The part of the client `executePlan` uses. */
export type PlanClient = Pick<HelpCrunchClient, "searchBody">;

/** What a failed plan request was: which body of the plan (for mapping a 400 back to the query). */
export interface FailedBody {
  readonly index: number;
  readonly body: SearchBody;
}

const failedBodies = new WeakMap<object, FailedBody>();

const partialResults = new WeakMap<object, readonly Chat[]>();

/**
 * The chats a plan had fetched when `error` stopped it (deduplicated; merged, ordered and cut as a
 * whole result would be), for a caller that may show a partial result; undefined for other errors.
 */
export function partialResultOf(error: unknown): readonly Chat[] | undefined {
  return typeof error === "object" && error !== null ? partialResults.get(error) : undefined;
}

/** Remembers which body of a plan a failure came from (see `failedBodyOf`). */
export function rememberFailedBody(error: unknown, failed: FailedBody): void {
  if (typeof error === "object" && error !== null) failedBodies.set(error, failed);
}

/** The body of the plan whose request raised `error` (undefined for other errors). */
export function failedBodyOf(error: unknown): FailedBody | undefined {
  return typeof error === "object" && error !== null ? failedBodies.get(error) : undefined;
}

/**
 * A 400 of a plan's request as diagnostics on the query: one per API error and filter item it
 * points at, spanning the predicate(s) that produced the item. Empty when nothing can be placed
 * (then the error's own message is all there is to show).
 */
export function rejectionDiagnostics(
  error: { readonly kind: string; readonly errors: readonly { code: string; message: string }[] },
  plan: Pick<Plan, "origins">,
): Diagnostic[] {
  const failed = failedBodyOf(error);
  if (error.kind !== "invalid-request" || failed === undefined) return [];
  const origins = plan.origins[failed.index] ?? [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const { error: apiError, items } of locateFilterErrors(error.errors, failed.body)) {
    const text = sanitizeLine(apiError.message === "" ? apiError.code : apiError.message);
    for (const index of items) {
      for (const span of origins[index]?.spans ?? []) {
        const key = `${span.start}:${span.end}:${text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(diagnostic("apiRejected", span, [text]));
      }
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/**
 * How many chats the query wants after its offset: its own limit; else, with `all`, every match
 * (a `defaultLimit` is a page size, not the query's); else the default limit, or one page.
 */
export function wantedChats(plan: Pick<Plan, "limit" | "limitExplicit">, all: boolean | undefined): number {
  if (plan.limit !== undefined && (plan.limitExplicit || !all)) return plan.limit;
  return all ? Number.POSITIVE_INFINITY : PAGE_SIZE;
}

/**
 * The checks every way of running a plan makes before it sends anything: the options (a bad
 * `concurrency` is a RangeError, as `client.search` throws), then the signal (already aborted:
 * a HelpCrunchError of kind "cancelled", as the client rejects). Returns the concurrency.
 */
export function startRun(options: {
  readonly concurrency?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}): number {
  const concurrency = checkCount("concurrency", options.concurrency ?? 3, 1);
  throwIfCancelled(options.signal);
  return concurrency;
}

/** What the plan runners take: a plan, or a compile result (its `plan`). */
export type PlanOrCompiled = Plan | { readonly plan: Plan | undefined };

/** The plan of a compile result, or the plan itself; a result without a plan is a bad call. */
export function planOf(planned: PlanOrCompiled, caller: "executePlan" | "streamPlan" | "countChats"): Plan {
  if (typeof planned !== "object" || planned === null) {
    throw argumentError(caller, "a plan or a compile result", planned);
  }
  const plan = "bodies" in planned ? planned : planned.plan;
  if (plan === undefined) throw new TypeError(`${caller}: the query did not compile (no plan)`);
  // A count query's bodies fetch every page to count; run as a search, they would give chats.
  if (caller === "countChats" && plan.count === undefined)
    throw new TypeError("countChats: the query is not a count query");
  if (caller !== "countChats" && plan.count !== undefined)
    throw new TypeError(`${caller}: the query counts (count …); run its plan with countChats`);
  return plan;
}

/**
 * Runs `compile(text).plan` (or a compile result itself) as `hcql run` does. A count query's plan is
 * refused (TypeError): `countChats` runs it.
 */
export async function executePlan(
  client: PlanClient,
  planned: PlanOrCompiled,
  options: ExecuteOptions = {},
): Promise<ExecuteResult> {
  const plan = planOf(planned, "executePlan");
  const concurrency = startRun(options);
  if (plan.bodies.length === 0) return { chats: [], total: 0, totalExact: true, requests: 0 };
  const wanted = wantedChats(plan, options.all);
  const merge = plan.merge || plan.bodies.length > 1;
  // A single body pages from the query's offset; merged bodies each fetch their first offset + limit.
  const perBody = merge ? plan.offset + wanted : wanted;
  const fetched: Chat[][] = plan.bodies.map(() => []);
  let results: BodyResult[];
  try {
    results = await fetchBodies(client, plan.bodies, perBody, { ...options, concurrency }, fetched);
  } catch (error) {
    const partial = merge
      ? mergeResults(fetched, plan.sort).slice(plan.offset, plan.offset + wanted)
      : mergeResults(fetched, undefined);
    if (typeof error === "object" && error !== null) partialResults.set(error, partial);
    throw error;
  }
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  if (!merge) {
    const only = results[0]!;
    return { chats: only.chats, total: only.total, totalExact: true, requests };
  }
  const merged = mergeResults(
    results.map((r) => r.chats),
    plan.sort,
  );
  const { total, totalExact } = mergedTotal(
    results.map((r) => r.total),
    merged.length,
    results.every((r) => r.total <= perBody),
  );
  return { chats: merged.slice(plan.offset, plan.offset + wanted), total, totalExact, requests };
}

/**
 * How many chats several bodies match together, from each body's total (undefined before its first
 * page) and the distinct chats fetched: exact when every match was fetched (`complete`), or when one
 * body alone matches any (the others' matches, none, add nothing); else at least the larger of the
 * largest total and those fetched.
 */
export function mergedTotal(
  totals: readonly (number | undefined)[],
  fetched: number,
  complete: boolean,
): { readonly total: number; readonly totalExact: boolean } {
  if (complete) return { total: fetched, totalExact: true };
  const known = totals.filter((t) => t !== undefined);
  const largest = Math.max(0, ...known);
  if (known.length === totals.length && known.filter((t) => t > 0).length <= 1) {
    return { total: largest, totalExact: true };
  }
  return { total: Math.max(largest, fetched), totalExact: false };
}

/**
 * Deduplicates by id and orders by `sort` (missing values last in both orders, ties by id ascending);
 * without a sort, keeps the order in which the chats first appear.
 */
export function mergeResults(
  lists: readonly (readonly Chat[])[],
  sort: { readonly field: string; readonly order: SortOrder } | undefined,
): Chat[] {
  const byId = new Map<number, Chat>();
  for (const list of lists) for (const chat of list) if (!byId.has(chat.id)) byId.set(chat.id, chat);
  const unique = [...byId.values()];
  return sort === undefined ? unique : unique.sort(chatOrder(sort));
}

/** The API's order of results for a sort: a total order, so merging pages and bodies is exact. */
export function chatOrder(sort: {
  readonly field: string;
  readonly order: SortOrder;
}): (a: Chat, b: Chat) => number {
  const key = sort.field.replace(/^chats\./, "");
  const direction = sort.order === "DESC" ? -1 : 1;
  const sortValue = (chat: Chat): number | undefined => {
    const value = (chat as unknown as Record<string, unknown>)[key];
    return typeof value === "number" ? value : undefined;
  };
  return (a, b) => {
    const x = sortValue(a);
    const y = sortValue(b);
    if (x !== y) {
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x - y) * direction;
    }
    return a.id - b.id;
  };
}

interface BodyResult {
  readonly chats: readonly Chat[];
  readonly total: number;
  readonly requests: number;
}

/**
 * Fetches up to `limit` chats of each body, `concurrency` bodies at a time; the first failure stops all.
 * Each page's chats are also added to `fetched[body]` as they arrive (what a failure leaves).
 */
function fetchBodies(
  client: PlanClient,
  bodies: readonly SearchBody[],
  limit: number,
  options: ExecuteOptions & { readonly concurrency: number },
  fetched: Chat[][],
): Promise<BodyResult[]> {
  const progress = progressCounter(bodies.length, limit, options.onProgress);
  const onWait = waitProgress(options.onProgress);
  return eachConcurrently(
    bodies,
    {
      concurrency: options.concurrency,
      signal: options.signal,
      onFailure: (error, index) => rememberFailedBody(error, { index, body: bodies[index]! }),
    },
    (body, index, signal) =>
      client.searchBody(body, {
        limit,
        signal,
        onWait,
        onPage: (page) => {
          fetched[index]!.push(...page.chats);
          progress(index, body.offset ?? 0, page);
        },
      }),
  );
}

/** A client's waits (a retry's backoff, the rate limit) as progress events. */
export function waitProgress(
  onProgress: ((event: ExecuteProgress) => void) | undefined,
): (event: WaitEvent) => void {
  return (event) =>
    onProgress?.(
      event.type === "retry"
        ? {
            type: "wait",
            reason: "retry",
            ms: event.ms,
            error: event.error,
            attempt: event.attempt,
            attempts: event.attempts,
          }
        : { type: "wait", reason: "rate-limit", ms: event.ms },
    );
}

/** Counts pages as they arrive and how many are expected once each body's total is known. */
export function progressCounter(
  bodies: number,
  limit: number,
  onProgress: ((event: ExecuteProgress) => void) | undefined,
): (index: number, start: number, page: SearchPage) => void {
  const firstPages = Math.ceil(Math.min(limit, PAGE_SIZE) / PAGE_SIZE);
  const expected: number[] = new Array(bodies).fill(firstPages);
  let pages = 0;
  let chats = 0;
  return (index, start, page) => {
    pages += 1;
    chats += page.chats.length;
    // Once a total is known: pages for min(limit, what is left after the body's starting offset).
    expected[index] = Math.max(1, Math.ceil(Math.min(limit, Math.max(0, page.total - start)) / PAGE_SIZE));
    onProgress?.({
      type: "page",
      pages,
      expectedPages: Math.max(
        pages,
        expected.reduce((a, b) => a + b, 0),
      ),
      chats,
    });
  };
}
