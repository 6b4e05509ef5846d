import { HelpCrunchError } from "../client/errors.js";
import type { ExecuteProgress } from "../client/execute.js";
import { executePlan, rejectionDiagnostics } from "../client/execute.js";
import type { HelpCrunchClient } from "../client/index.js";
import { compile, loadTimeZoneSupport } from "../compiler/index.js";
import { isUtcZone, zoneEngine } from "../compiler/zone.js";
import type { Chat } from "../language/api.js";
import type { Diagnostic } from "../language/diagnostics.js";
import { describeProgress } from "../repl/progress.js";
import { pageOf } from "../repl/session.js";

/**
 * What the page may ask the server to run: a query and options, nothing else. The server compiles the
 * text itself, so nothing the page sends is forwarded to the API as it is.
 */
export interface RunRequest {
  readonly query: string;
  readonly timeZone: string;
  /** The clock of the first page, so later pages of the same query never shift. */
  readonly now?: number;
  /** Chats already shown: the page to fetch starts after them. */
  readonly shown: number;
  /** Every remaining chat instead of one page. */
  readonly all: boolean;
}

/** What the server streams back, one JSON object a line. */
export type RunEvent =
  | { readonly type: "diagnostics"; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly type: "progress";
      readonly text: string;
      readonly pages: number;
      readonly expectedPages: number;
    }
  | {
      readonly type: "result";
      readonly chats: readonly Chat[];
      readonly total: number;
      readonly totalExact: boolean;
      readonly requests: number;
      readonly elapsedMs: number;
      /** The chats shown before this page (0 for the first). */
      readonly shown: number;
      /** Whether a next page exists. */
      readonly more: boolean;
      readonly now: number;
    }
  | {
      /** A `count` query's result (grammar §10): the total, and the groups of `count by`. */
      readonly type: "count";
      readonly total: number;
      readonly groups?: readonly {
        readonly key: Readonly<Record<string, string | number | null>>;
        readonly count: number;
      }[];
      readonly requests: number;
      readonly elapsedMs: number;
    }
  | { readonly type: "error"; readonly message: string; readonly diagnostics: readonly Diagnostic[] };

/** Chats a page of results holds (one API page). */
export const WEB_PAGE_SIZE = 100;

const MAX_QUERY_LENGTH = 1 << 20;
const RUN_KEYS = new Set(["query", "timeZone", "now", "shown", "all"]);

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/** Reads a run request from the page's JSON, refusing anything it does not expect. */
export async function parseRunRequest(value: unknown): Promise<Parsed<RunRequest>> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, message: "the request must be a JSON object" };
  }
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).find((key) => !RUN_KEYS.has(key));
  if (unknown !== undefined) return { ok: false, message: `unknown field '${unknown}'` };
  const { query, timeZone, now, shown = 0, all = false } = record;
  if (typeof query !== "string" || query.length > MAX_QUERY_LENGTH) {
    return { ok: false, message: "'query' must be a string" };
  }
  if (typeof timeZone !== "string" || !(await knownZone(timeZone))) {
    return { ok: false, message: `unknown time zone '${String(timeZone)}'` };
  }
  if (now !== undefined && !(Number.isSafeInteger(now) && (now as number) >= 0)) {
    return { ok: false, message: "'now' must be UNIX seconds" };
  }
  if (!Number.isSafeInteger(shown) || (shown as number) < 0) {
    return { ok: false, message: "'shown' must be a whole number" };
  }
  if (typeof all !== "boolean") return { ok: false, message: "'all' must be true or false" };
  return {
    ok: true,
    value: {
      query,
      timeZone,
      shown: shown as number,
      all,
      ...(now === undefined ? {} : { now: now as number }),
    },
  };
}

async function knownZone(name: string): Promise<boolean> {
  if (name.length > 64) return false;
  try {
    if (!isUtcZone(name)) await loadTimeZoneSupport();
    zoneEngine(name);
    return true;
  } catch {
    return false;
  }
}

/** Compiles and runs one page (or the rest) of a query, reporting progress and the result as events. */
export async function runForPage(
  client: Pick<HelpCrunchClient, "searchBody">,
  request: RunRequest,
  signal: AbortSignal,
  emit: (event: RunEvent) => void,
): Promise<void> {
  const compiled = compile(request.query, {
    timeZone: request.timeZone,
    ...(request.now === undefined ? {} : { now: request.now }),
  });
  if (compiled.diagnostics.length > 0) emit({ type: "diagnostics", diagnostics: compiled.diagnostics });
  const plan = compiled.plan;
  if (!compiled.ok || plan === undefined) return;
  const pageSize = request.all ? Number.POSITIVE_INFINITY : WEB_PAGE_SIZE;
  const page = request.shown === 0 && !request.all ? plan : pageOf(plan, request.shown, pageSize);
  const started = performance.now();
  const onProgress = (event: ExecuteProgress) => {
    const text = describeProgress(event);
    if (text === undefined) return;
    const pages = event.type === "page" ? event : { pages: 0, expectedPages: 0 };
    emit({ type: "progress", text, pages: pages.pages, expectedPages: pages.expectedPages });
  };
  try {
    const result = await executePlan(client, { plan: page }, { signal, onProgress, all: request.all });
    const shownNow = request.shown + result.chats.length;
    const total = result.total - plan.offset;
    emit({
      type: "result",
      chats: result.chats,
      total: result.total,
      totalExact: result.totalExact,
      requests: result.requests,
      elapsedMs: Math.round(performance.now() - started),
      shown: request.shown,
      more: !plan.limitExplicit && result.chats.length > 0 && (result.totalExact ? shownNow < total : true),
      now: plan.now,
    });
  } catch (error) {
    if (!(error instanceof HelpCrunchError)) throw error;
    if (signal.aborted) return;
    emit({ type: "error", message: error.message, diagnostics: rejectionDiagnostics(error, plan) });
  }
}
