import type { Connection, QueryOutcome } from "../app/index.js";
import { describeProgress, nowSeconds, pageOf, runPlan, tagSlips, tagSlipTips } from "../app/index.js";
import type { ExecuteProgress } from "../client/index.js";
import type { Plan } from "../compiler/index.js";
import { compile, zoneEngine } from "../compiler/index.js";
import { assertNever, LAST_UNIX_SECOND, PAGE_SIZE } from "../language/index.js";
import { countJson } from "../output/index.js";
import type { RunEvent, RunRequest } from "./protocol.js";

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
  // Its length is bounded by the body's (server.ts); the compiler refuses one over its limit (`too-long`).
  if (typeof query !== "string") return { ok: false, message: "'query' must be a string" };
  if (typeof timeZone !== "string") {
    return { ok: false, message: "'timeZone' must be an IANA time zone name, such as Europe/Berlin" };
  }
  if (!knownZone(timeZone)) return { ok: false, message: `unknown time zone '${timeZone}'` };
  if (
    now !== undefined &&
    !(Number.isSafeInteger(now) && (now as number) >= 0 && (now as number) <= LAST_UNIX_SECOND)
  ) {
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

function knownZone(name: string): boolean {
  if (name.length > 64) return false;
  try {
    zoneEngine(name);
    return true;
  } catch {
    return false;
  }
}

/** Runs one page (or the rest) of a query through the shared query layer, reporting events as they come. */
export async function runForPage(
  connection: Connection,
  request: RunRequest,
  signal: AbortSignal,
  emit: (event: RunEvent) => void,
): Promise<void> {
  const now = request.now ?? nowSeconds();
  const compiled = compile(request.query, { now, timeZone: request.timeZone });
  if (compiled.diagnostics.length > 0) emit({ type: "diagnostics", diagnostics: compiled.diagnostics });
  if (!compiled.ok) return;
  const outcome = await runPlan(request.query, pageToRun(compiled.plan, request), {
    all: request.all,
    connect: async () => connection,
    signal,
    onProgress: progressEvents(emit),
  });
  const event = outcome.ok
    ? answerEvent(outcome, compiled.plan, request, now, connection)
    : failureEvent(outcome);
  if (event !== undefined) emit(event);
}

/** The part of the plan the page asks for: after the chats it shows, one API page (or all of them). */
function pageToRun(plan: Plan, request: RunRequest): Plan {
  // A count fetches every page at once: it has no later pages.
  if (request.shown === 0 || plan.count !== undefined) return plan;
  return pageOf(plan, request.shown, request.all ? Number.POSITIVE_INFINITY : PAGE_SIZE);
}

function progressEvents(emit: (event: RunEvent) => void): (event: ExecuteProgress) => void {
  return (event) => {
    const text = describeProgress(event);
    if (text === undefined) return;
    const pages = event.type === "page" ? event : { pages: 0, expectedPages: 0 };
    emit({ type: "progress", text, pages: pages.pages, expectedPages: pages.expectedPages });
  };
}

/** The chats found (or the count's rows), with whether the page may ask for more. */
function answerEvent(
  outcome: Extract<QueryOutcome, { ok: true }>,
  plan: Plan,
  request: RunRequest,
  now: number,
  connection: Connection,
): RunEvent {
  const { stats } = outcome;
  const timing = { requests: stats.requests, elapsedMs: Math.round(stats.elapsedMs) };
  if (outcome.count !== undefined) {
    const nothing = outcome.count.total === 0;
    return {
      type: "count",
      now,
      ...countJson(outcome.count),
      ...timing,
      ...tipsWhen(nothing, plan, connection),
    };
  }
  const shownNow = request.shown + outcome.chats.length;
  const more =
    !plan.limitExplicit &&
    outcome.chats.length > 0 &&
    (stats.totalExact ? shownNow < stats.total - plan.offset : true);
  return {
    type: "result",
    chats: outcome.chats,
    total: stats.total,
    totalExact: stats.totalExact,
    ...timing,
    shown: request.shown,
    offset: plan.offset,
    more,
    now,
    ...tipsWhen(shownNow === 0 && stats.total === 0, plan, connection),
  };
}

/** What the page is told of a query that failed; nothing when it was cancelled. */
function failureEvent(outcome: Extract<QueryOutcome, { ok: false }>): RunEvent | undefined {
  switch (outcome.kind) {
    case "query":
      return { type: "diagnostics", diagnostics: outcome.diagnostics };
    case "api":
      return { type: "error", message: outcome.message, diagnostics: outcome.diagnostics };
    case "cancelled":
      return undefined;
    default:
      return assertNever(outcome);
  }
}

/** The tips under a search that found nothing (the tags it asked for that are not known), when it found nothing. */
function tipsWhen(nothing: boolean, plan: Plan, connection: Connection): { tips?: readonly string[] } {
  if (!nothing) return {};
  const tips = tagSlipTips(tagSlips(plan, connection.tags ?? []));
  return tips.length === 0 ? {} : { tips };
}
