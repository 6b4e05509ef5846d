import type { Diagnostic, FilterItem, SearchBody, SortOrder, Span } from "../language/index.js";
import { assertNever, counted, displayName, PAGE_SIZE } from "../language/index.js";
import { compileTraced, nowSeconds } from "./compile.js";
import { countsByTotal, DEFAULT_SORT } from "./planner.js";
import type {
  CompileFailure,
  CompileOptions,
  Plan,
  PlanCount,
  PlanShape,
  ResolvedDate,
  TooLarge,
} from "./types.js";
import { wallClockAt, zoneEngine } from "./zone.js";

// `explain`: what a query compiles to and why, for a person. The plan says what to run; the rest
// comes from the trace `compileTraced` keeps beside it. It names no command or flag
// (`renderExplanation` in src/output prints it as text for a person, with the CLI's advice).

/** A filter item and the query text it comes from (several pieces for tags merged into one item). */
export interface ExplainedItem {
  readonly item: FilterItem;
  readonly source: readonly string[];
  readonly spans: readonly Span[];
  /** The source is under a `not` (§5): the item is its negation (`not status = new` sends `!=`). */
  readonly negated: boolean;
}

/** One request of an explained plan: its body, its role, and where each filter item comes from. */
export interface ExplainedRequest {
  /**
   * `all`: the one body of a query with no condition; `and`/`or`: the one body of the query;
   * `group`: one AND-group of a several-request plan; `singles`: the body holding its single conditions.
   */
  readonly role: "all" | "and" | "or" | "group" | "singles";
  readonly body: SearchBody;
  readonly items: readonly ExplainedItem[];
}

/** A date of the query as it was resolved: an instant, or a whole day in the time zone. */
export type ExplainedDate =
  | {
      readonly kind: "instant";
      readonly source: string;
      readonly span: Span;
      readonly seconds: number;
      readonly iso: string;
    }
  | {
      readonly kind: "day";
      readonly source: string;
      readonly span: Span;
      readonly start: number;
      readonly end: number;
      readonly startIso: string;
      readonly endIso: string;
    };

/**
 * What a query compiles to and why, for a person: how many requests it costs and why, each request
 * body with the part of the query each filter item comes from, the dates as resolved, how results are
 * paged and merged, and what was dropped of the condition. A union on `ok`, as `compile`'s result is.
 */
export type Explanation = ExplainSuccess | ExplainFailure;

/** The explanation of a query that compiles (warnings allowed). */
export interface ExplainSuccess {
  readonly ok: true;
  readonly text: string;
  /** Its warnings. */
  readonly diagnostics: readonly Diagnostic[];
  readonly shape: PlanShape;
  /** How many requests (bodies) the query costs; pages of one body not counted. */
  readonly requestCount: number;
  /** Why that many, in words. */
  readonly why: string;
  readonly requests: readonly ExplainedRequest[];
  /** The order of the results (the query's sort, else createdAt descending), and whether the query gave it. */
  readonly order: { readonly field: string; readonly order: SortOrder; readonly explicit: boolean };
  readonly offset: number;
  /** The query's limit; undefined when it gives none. */
  readonly limit: number | undefined;
  /** How the requests are paged, in words. */
  readonly paging: string;
  /** How several requests' results are merged, in words; undefined for one request or none. */
  readonly merge: string | undefined;
  /** The alternatives of the condition written as AND-groups (disjunctive normal form), before dropping. */
  readonly conjunctions: number;
  /** What can never match (the `never-matches` warnings), one sentence each. */
  readonly neverMatches: readonly string[];
  /** How many AND-groups were dropped as never matching. */
  readonly dropped: number;
  /** How many AND-groups were dropped because they repeat or include another (`a or (a and b)` is `a`). */
  readonly absorbed: number;
  readonly dates: readonly ExplainedDate[];
  /** The clock the query's dates were worked out from, in UNIX seconds and as an ISO time in the zone. */
  readonly now: { readonly seconds: number; readonly iso: string };
  readonly timeZone: string;
  /** For a count query: its groups as written canonically, the rows kept, the fewest requests it costs. */
  readonly count: ExplainedCount | undefined;
  /**
   * How a condition mixing `and` and `or` without parentheses reads, `and` first:
   * `status = pending or (status = opened and assignee = 3129)`; undefined when it mixes none.
   */
  readonly readsAs: string | undefined;
  readonly tooLarge: undefined;
}

/**
 * The explanation of a query that does not compile: its diagnostics, why it runs no request, the
 * clock and zone it was checked with; what a plan would fill is empty.
 */
export interface ExplainFailure {
  readonly ok: false;
  readonly text: string;
  /** Its errors (and warnings). */
  readonly diagnostics: readonly Diagnostic[];
  readonly shape: undefined;
  readonly requestCount: 0;
  /** Why it runs no request: its errors, or the more requests than allowed it would need. */
  readonly why: string;
  readonly requests: readonly [];
  /** The order results would have without a sort (createdAt descending). */
  readonly order: ExplainSuccess["order"];
  readonly offset: 0;
  readonly limit: undefined;
  readonly paging: "";
  readonly merge: undefined;
  readonly conjunctions: 0;
  readonly neverMatches: readonly [];
  readonly dropped: 0;
  readonly absorbed: 0;
  readonly dates: readonly [];
  readonly now: ExplainSuccess["now"];
  readonly timeZone: string;
  readonly count: undefined;
  readonly readsAs: undefined;
  /** When the query failed for needing more requests than allowed: how many (as compile says). */
  readonly tooLarge: TooLarge | undefined;
}

/** What an explained count query counts, and the fewest requests it costs. */
export interface ExplainedCount {
  /** `assignee`, `createdAt per week`; empty for `count` alone. */
  readonly groups: readonly string[];
  /** The query's limit: the first rows kept; undefined for all. */
  readonly rows: number | undefined;
  /** One page of each body: what the count costs when every body matches at most 100 chats. */
  readonly minimumRequests: number;
}

/** Compiles `text` with `options` (as `compile` does) and explains the plan: why it is what it is. */
export function explain(text: string, options: CompileOptions = {}): Explanation {
  const traced = compileTraced(text, options);
  if (traced.trace === undefined) return failed(text, traced.result, options);
  const { result, trace } = traced;
  const plan = result.plan;
  const zone = trace.timeZone;
  const requests = explainRequests(text, plan);
  const order = {
    field: plan.sort.field,
    order: plan.sort.order,
    explicit: result.checked.sort !== undefined,
  };
  return {
    ok: true,
    text,
    diagnostics: result.diagnostics,
    shape: plan.shape,
    requestCount: plan.bodies.length,
    why: countsEveryPage(plan) ? `at least ${why(plan, requests)}` : why(plan, requests),
    requests,
    order,
    offset: plan.offset,
    limit: plan.limitExplicit ? plan.limit : undefined,
    paging: paging(plan),
    merge: plan.merge ? mergeRule(plan, order) : undefined,
    conjunctions: trace.conjunctions,
    neverMatches: result.diagnostics.filter((d) => d.code === "never-matches").map((d) => d.message),
    dropped: trace.neverMatching,
    absorbed: trace.absorbed,
    dates: trace.dates.map((d) => explainDate(text, d, zone)),
    now: { seconds: trace.now, iso: isoInZone(trace.now, zone) },
    timeZone: zone,
    count: plan.count && explainCount(plan.count, plan.bodies.length),
    readsAs: trace.readsAs,
    tooLarge: undefined,
  };
}

function explainCount(count: PlanCount, bodies: number): ExplainedCount {
  const groups = count.groups.map(
    (g) => `${displayName(g.field)}${g.unit === undefined ? "" : ` per ${g.unit}`}`,
  );
  return { groups, rows: count.rows, minimumRequests: bodies };
}

function failed(text: string, result: CompileFailure, options: CompileOptions): ExplainFailure {
  const { diagnostics, tooLarge } = result;
  const sizeError = tooLarge && diagnostics.find((d) => d.code === "plan-too-large");
  const why =
    sizeError === undefined
      ? "the query has errors, so it runs no request"
      : `${sizeError.message}: ${PLURAL_WHY}`;
  const now = nowSeconds(options.now);
  // As the compile that succeeds names it (`Etc/UTC` is `UTC`).
  const timeZone = zoneEngine(options.timeZone ?? "UTC").timeZone;
  return {
    ok: false,
    text,
    diagnostics,
    shape: undefined,
    requestCount: 0,
    why,
    requests: [],
    order: { ...DEFAULT_SORT, explicit: false },
    offset: 0,
    limit: undefined,
    paging: "",
    merge: undefined,
    conjunctions: 0,
    neverMatches: [],
    dropped: 0,
    absorbed: 0,
    dates: [],
    now: { seconds: now, iso: isoInZone(now, timeZone) },
    timeZone,
    count: undefined,
    readsAs: undefined,
    tooLarge,
  };
}

const PLURAL_WHY =
  "the API joins a body's filters with one AND or one OR, so every AND-group of the query (each 'or' inside an 'and' multiplies them) is a request of its own";

function explainRequests(text: string, plan: Plan): ExplainedRequest[] {
  return plan.bodies.map((body, b) => {
    const origins = plan.origins[b] ?? [];
    const items = body.filter.map((item, i) => {
      const spans = origins[i]?.spans ?? [];
      const negated = origins[i]?.negated === true;
      return { item, source: spans.map((s) => text.slice(s.start, s.end)), spans, negated };
    });
    return { role: roleOf(plan.shape, body), body, items };
  });
}

function roleOf(shape: PlanShape, body: SearchBody): ExplainedRequest["role"] {
  switch (shape) {
    case "none":
    case "and":
      return "and";
    case "or":
      return "or";
    case "all":
      return "all";
    case "several":
      return body.comparison === "AND" ? "group" : "singles";
    default:
      return assertNever(shape, "plan shape");
  }
}

/** A count that fetches every page of its bodies: its requests are at least one per body. */
function countsEveryPage(plan: Plan): boolean {
  return plan.count !== undefined && plan.bodies.length > 0 && !countsByTotal(plan);
}

/** Why the query costs the requests it does, in words. */
function why(plan: Plan, requests: readonly ExplainedRequest[]): string {
  switch (plan.shape) {
    case "none":
      return "no request: no part of the query can match, so it returns no chats without asking the API";
    case "all":
      return "1 request: the query has no condition, so one body with an empty filter asks for every chat";
    case "and": {
      const n = plan.bodies[0]!.filter.length;
      return n === 1
        ? "1 request: the query is a single condition"
        : `1 request: the query is one AND-group of ${n} conditions, which the API joins with AND`;
    }
    case "or":
      return `1 request: the query is an OR of ${plan.bodies[0]!.filter.length} single conditions, which the API joins with OR`;
    case "several": {
      const groups = requests.filter((r) => r.role === "group").length;
      const singles = requests.find((r) => r.role === "singles")?.items.length ?? 0;
      const shape =
        singles === 0
          ? counted(groups, "AND-group")
          : `${counted(groups, "AND-group")} and ${counted(singles, "single condition")}`;
      const bodies =
        singles === 0
          ? "one per AND-group"
          : `one per AND-group, then one ${singles === 1 ? "" : "OR "}request for the single condition${singles === 1 ? "" : "s"}`;
      return (
        `${counted(plan.bodies.length, "request")}: the API joins a body's filters with one AND or one OR; ` +
        `this query is an OR of ${shape}, so it runs ${counted(plan.bodies.length, "request")} (${bodies}) and merges them`
      );
    }
    default:
      return assertNever(plan.shape, "plan shape");
  }
}

/** The order of the results, in words. */
export function orderText(order: Explanation["order"]): string {
  const field = order.field.replace(/^chats\./, "");
  const direction = order.order === "ASC" ? "ascending" : "descending";
  return `${field} ${direction}${order.explicit ? "" : " (the default order)"}, missing values last, ties by chat id ascending`;
}

/** Offsets of the pages of a body that fetches `total` results from `start`. */
function pageOffsets(start: number, total: number): string {
  const offsets: number[] = [];
  for (let o = start; o < start + total && offsets.length < 4; o += PAGE_SIZE) offsets.push(o);
  const more = start + total > start + offsets.length * PAGE_SIZE;
  return `${offsets.join(", ")}${more ? ", …" : ""}`;
}

function paging(plan: Plan): string {
  if (plan.bodies.length === 0) return "no request is sent";
  if (countsByTotal(plan)) {
    return "a count without groups reads the total of the matching chats from the first page of the request, so it costs 1 request";
  }
  if (plan.count !== undefined) {
    const each = plan.bodies.length === 1 ? "the request" : "each request";
    return `a count fetches every page of ${each} (pages of ${PAGE_SIZE} chats), so it costs at least ${counted(plan.bodies.length, "request")}, and one more for each further ${PAGE_SIZE} chats a request matches`;
  }
  if (plan.merge) {
    const each = plan.offset + (plan.limit ?? PAGE_SIZE);
    const pages =
      each <= PAGE_SIZE
        ? `each request asks for its first ${each} chats in one page (limit ${plan.bodies[0]!.limit})`
        : `each request fetches its first ${each} chats in pages of at most ${PAGE_SIZE} (offset ${pageOffsets(0, each)})`;
    return pages;
  }
  const from = plan.offset > 0 ? ` from offset ${plan.offset}` : "";
  if (plan.limit === undefined) {
    return `no limit: one page of ${PAGE_SIZE} chats${from}`;
  }
  if (plan.limit <= PAGE_SIZE) return `one page of at most ${plan.limit} chats${from}`;
  return `limit ${plan.limit} is fetched in pages of at most ${PAGE_SIZE} (offset ${pageOffsets(plan.offset, plan.limit)})`;
}

function mergeRule(plan: Plan, order: Explanation["order"]): string {
  if (plan.count !== undefined) {
    return `the chats of the ${plan.bodies.length} requests are deduplicated by chat id before they are counted`;
  }
  const limit = `limit ${plan.limit ?? PAGE_SIZE}`;
  return (
    `the results of the ${plan.bodies.length} requests are merged: deduplicated by chat id, ordered by ` +
    `${orderText(order)}, then offset ${plan.offset} and ${limit} are applied to the merged list`
  );
}

function explainDate(text: string, date: ResolvedDate, zone: string): ExplainedDate {
  const source = text.slice(date.span.start, date.span.end);
  return date.kind === "instant"
    ? { kind: "instant", source, span: date.span, seconds: date.seconds, iso: isoInZone(date.seconds, zone) }
    : {
        kind: "day",
        source,
        span: date.span,
        start: date.start,
        end: date.end,
        startIso: isoInZone(date.start, zone),
        endIso: isoInZone(date.end, zone),
      };
}

/** 0001-01-01 and 9999-12-31T23:59:59Z: the years an ISO date-time holds. */
const MIN_ISO = -62_135_596_800;
const MAX_ISO = 253_402_300_799;

/** An instant as an ISO date-time in the zone, with the zone's offset (`Z` in UTC). */
export function isoInZone(seconds: number, timeZone: string): string {
  if (seconds < MIN_ISO || seconds > MAX_ISO) return "outside the years 1–9999";
  if (timeZone === "UTC") return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
  const t = wallClockAt(seconds, timeZone);
  const offset = Math.round(zoneEngine(timeZone).offsetAt(seconds) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${String(t.year).padStart(4, "0")}-${pad(t.month)}-${pad(t.day)}`;
  const sign = offset < 0 ? "-" : "+";
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${date}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${zone}`;
}

/** A body as JSON with one filter item per line (still valid JSON, keys in the API's order). */
export function bodyJson(body: SearchBody): string {
  const lines = Object.entries(body).map(([key, value]) => {
    if (key !== "filter") return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    const items = (value as readonly FilterItem[]).map((item) => `    ${JSON.stringify(item)}`);
    return items.length === 0 ? '  "filter": []' : `  "filter": [\n${items.join(",\n")}\n  ]`;
  });
  return `{\n${lines.join(",\n")}\n}`;
}
