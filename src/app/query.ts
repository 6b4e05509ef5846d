import {
  type CountResult,
  countChats,
  type ExecuteProgress,
  executePlan,
  HelpCrunchError,
  partialCountOf,
  partialResultOf,
  rejectionDiagnostics,
  streamPlan,
} from "../client/index.js";
import type { Plan, TooLarge } from "../compiler/index.js";
import { compile } from "../compiler/index.js";
import type { Chat, Diagnostic, KnownNames } from "../language/index.js";
import { PAGE_SIZE } from "../language/index.js";
import type { FooterStats } from "../output/index.js";
import type { Connection } from "./connection.js";
import { failureText } from "./failure.js";

/**
 * Running a query, the one sequence behind the shell's queries and `.more`, `hcql run` and the web
 * page: compile, connect (only when a request is sent), execute with progress and cancellation, and
 * return a union of what happened, data only: the caller prints it, or sends it as JSON.
 */

export interface QueryOptions {
  /** The compile-time clock, UNIX seconds. */
  readonly now: number;
  readonly timeZone: string;
  /** The page size of a query without a limit (the shell's `.limit`). */
  readonly defaultLimit?: number;
  /** The most request bodies a plan may have (default the compiler's 8). */
  readonly maxRequests?: number;
  /** The account's agents and departments, when known: for the hint when a query names one. */
  readonly names?: KnownNames;
  /**
   * Fetches them when `names` were not given and a query that fails names one where its id goes (so
   * its diagnostics can give the id); undefined when they cannot be had.
   */
  readonly fetchNames?: () => Promise<KnownNames | undefined>;
  /** Fetch every matching chat when the query gives no limit (else one page). */
  readonly all?: boolean;
  /** The connection, asked for only when the plan sends a request. */
  readonly connect: () => Promise<Connection>;
  /** Aborts the search: the outcome is then `cancelled`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: ExecuteProgress) => void;
}

export type QueryOutcome =
  /** The chats; `diagnostics` holds warnings (a part that never matches). */
  | {
      readonly ok: true;
      readonly text: string;
      readonly plan: Plan;
      readonly chats: readonly Chat[];
      /** For a count query (§10): its rows; `chats` is then empty. */
      readonly count?: CountResult;
      readonly stats: FooterStats;
      readonly diagnostics: readonly Diagnostic[];
    }
  /** The query has errors: nothing was sent. */
  | {
      readonly ok: false;
      readonly kind: "query";
      readonly text: string;
      readonly diagnostics: readonly Diagnostic[];
      /** Set when the plan needs more requests than allowed: the caller says how to raise the cap. */
      readonly tooLarge: TooLarge | undefined;
    }
  /**
   * The API or the network failed. `diagnostics` place a 400's complaints on the query (empty when they
   * cannot be placed; then `message` is all there is to say).
   */
  | {
      readonly ok: false;
      readonly kind: "api";
      readonly text: string;
      /** What to tell a person: the client's message, and how to give a key when it was rejected. */
      readonly message: string;
      readonly error: HelpCrunchError;
      readonly diagnostics: readonly Diagnostic[];
      /**
       * What arrived before the failure, when anything did: the chats (merged and ordered as a whole
       * result would be), or for a count query the count of the chats received. Never complete.
       */
      readonly partial?: PartialResult;
    }
  /** The signal aborted the search; `partial` is what had arrived (for a caller that gave up on time). */
  | {
      readonly ok: false;
      readonly kind: "cancelled";
      readonly text: string;
      readonly partial?: PartialResult;
    };

/** A result cut short by a failure or a cancellation: see the `api` outcome. */
export type PartialResult =
  | { readonly type: "chats"; readonly chats: readonly Chat[] }
  | { readonly type: "count"; readonly count: CountResult };

/** What a failed or cancelled plan had fetched, if anything. */
function partialOf(error: unknown): PartialResult | undefined {
  const count = partialCountOf(error);
  if (count !== undefined) return count.total > 0 ? { type: "count", count } : undefined;
  const chats = partialResultOf(error);
  return chats !== undefined && chats.length > 0 ? { type: "chats", chats } : undefined;
}

/** Compiles a query and runs it (see QueryOptions); never throws for a problem of the query or the API. */
export async function runQuery(text: string, options: QueryOptions): Promise<QueryOutcome> {
  const compiled = await compileWithNames(text, options);
  if (!compiled.ok) return compiled.outcome;
  return runPlan(text, compiled.plan, options, compiled.warnings);
}

export interface StreamQueryOptions extends QueryOptions {
  /**
   * Receives the chats batch by batch, in the result's order, as pages arrive; the next batch waits
   * until the promise settles (so a slow reader holds the fetching back).
   */
  readonly onChats: (chats: readonly Chat[]) => Promise<void>;
}

/**
 * `runQuery` for `hcql run --all`: the chats go to `onChats` as they arrive and are not kept, so the
 * `ok` outcome's `chats` is empty (its stats count the chats streamed), and an `api` outcome has no
 * `partial` (what arrived was given to `onChats`). A count query runs as `runQuery` runs it.
 */
export async function streamQuery(text: string, options: StreamQueryOptions): Promise<QueryOutcome> {
  const compiled = await compileWithNames(text, options);
  if (!compiled.ok) return compiled.outcome;
  const { plan, warnings } = compiled;
  if (plan.count !== undefined) return runPlan(text, plan, options, warnings);
  const started = performance.now();
  const { signal } = options;
  let last = { total: 0, totalExact: true, requests: 0 };
  let shown = 0;
  try {
    const client = plan.bodies.length === 0 ? NO_CLIENT : (await options.connect()).client;
    for await (const batch of streamPlan(client, plan, {
      ...executeOptions(options),
      all: options.all === true,
    })) {
      if (signal?.aborted) break;
      last = batch;
      if (batch.chats.length === 0) continue;
      shown += batch.chats.length;
      await options.onChats(batch.chats);
    }
    if (signal?.aborted) return { ok: false, kind: "cancelled", text };
    const stats: FooterStats = {
      shown,
      offset: plan.offset,
      total: Math.max(0, last.total),
      totalExact: last.totalExact,
      requests: last.requests,
      elapsedMs: performance.now() - started,
    };
    return { ok: true, text, plan, chats: [], stats, diagnostics: warnings };
  } catch (error) {
    return failedOutcome(error, text, plan, signal);
  }
}

type Compiled =
  | { readonly ok: true; readonly plan: Plan; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly outcome: QueryOutcome; readonly namesWanted: boolean };

function compileQuery(text: string, options: QueryOptions): Compiled {
  const compiled = compile(text, {
    now: options.now,
    timeZone: options.timeZone,
    ...(options.defaultLimit === undefined ? {} : { defaultLimit: options.defaultLimit }),
    ...(options.maxRequests === undefined ? {} : { maxRequests: options.maxRequests }),
    ...(options.names === undefined ? {} : { names: options.names }),
  });
  if (!compiled.ok) {
    const { diagnostics, tooLarge, namesWanted } = compiled;
    return { ok: false, outcome: { ok: false, kind: "query", text, diagnostics, tooLarge }, namesWanted };
  }
  return { ok: true, plan: compiled.plan, warnings: compiled.diagnostics };
}

/**
 * `compileQuery`, and again with the account's agents and departments when the query names one
 * where its id goes (`assignee = Kosta`) and they can be fetched: its diagnostics then give the id.
 */
async function compileWithNames(text: string, options: QueryOptions): Promise<Compiled> {
  const compiled = compileQuery(text, options);
  if (compiled.ok || !compiled.namesWanted || options.fetchNames === undefined) return compiled;
  const names = await options.fetchNames();
  return names === undefined ? compiled : compileQuery(text, { ...options, names });
}

/** A search that threw: cancelled when the signal aborted, else the API's failure (anything else is a bug). */
function failedOutcome(
  error: unknown,
  text: string,
  plan: Plan,
  signal: AbortSignal | undefined,
): QueryOutcome {
  const partial = partialOf(error);
  if (signal?.aborted)
    return { ok: false, kind: "cancelled", text, ...(partial === undefined ? {} : { partial }) };
  if (!(error instanceof HelpCrunchError)) throw error;
  const diagnostics = rejectionDiagnostics(error, plan);
  return {
    ok: false,
    kind: "api",
    text,
    message: failureText(error),
    error,
    diagnostics,
    ...(partial === undefined ? {} : { partial }),
  };
}

/** Runs a compiled plan (a later page of one, for `.more`); `text` is the query it came from. */
export async function runPlan(
  text: string,
  plan: Plan,
  options: Pick<QueryOptions, "all" | "connect" | "signal" | "onProgress">,
  warnings: readonly Diagnostic[] = [],
): Promise<QueryOutcome> {
  const started = performance.now();
  const { signal } = options;
  try {
    const client = plan.bodies.length === 0 ? NO_CLIENT : (await options.connect()).client;
    if (plan.count !== undefined) {
      const count = await countChats(client, { plan }, executeOptions(options));
      if (signal?.aborted) return { ok: false, kind: "cancelled", text };
      const elapsedMs = performance.now() - started;
      const stats = { shown: 0, total: count.total, totalExact: true, requests: count.requests, elapsedMs };
      return { ok: true, text, plan, chats: [], count, stats, diagnostics: warnings };
    }
    const result = await executePlan(
      client,
      { plan },
      {
        ...(signal ? { signal } : {}),
        ...(options.all ? { all: true } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
    );
    if (signal?.aborted) return { ok: false, kind: "cancelled", text };
    const stats: FooterStats = {
      shown: result.chats.length,
      offset: plan.offset,
      total: Math.max(0, result.total),
      totalExact: result.totalExact,
      requests: result.requests,
      elapsedMs: performance.now() - started,
    };
    return { ok: true, text, plan, chats: result.chats, stats, diagnostics: warnings };
  } catch (error) {
    return failedOutcome(error, text, plan, signal);
  }
}

function executeOptions(options: Pick<QueryOptions, "signal" | "onProgress">) {
  return {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}

/** A plan without bodies sends no request (every part of the query never matches). */
const NO_CLIENT: Pick<Connection["client"], "searchBody" | "pages"> = {
  searchBody: () => Promise.reject(new Error("a plan without bodies sends no request")),
  pages: () => {
    throw new Error("a plan without bodies sends no request");
  },
};

/** The plan of a later page: same bodies, clock and sort, starting `shown` chats further. */
export function pageOf(plan: Plan, shown: number, pageSize: number): Plan {
  const offset = plan.offset + shown;
  const limit = plan.limit === undefined ? pageSize : plan.limit;
  if (plan.merge || plan.bodies.length > 1) return { ...plan, offset, limit };
  const bodies = plan.bodies.map((body) => ({ ...body, offset, limit: Math.min(PAGE_SIZE, limit) }));
  return { ...plan, bodies, offset, limit };
}
