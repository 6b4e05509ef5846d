import type { Span } from "../language/index.js";
import {
  API_MAX_BODY_BYTES,
  applyFixes,
  capDiagnostics,
  DEFAULT_MAX_REQUESTS,
  type Diagnostic,
  diagnostic,
  FIRST_UNIX_SECOND,
  formatMessage,
  groupDigits,
  hasErrors,
  hint,
  jsonBytes,
  LAST_UNIX_SECOND,
  MAX_LIMIT,
  MESSAGES,
  refusedSeconds,
  type SearchBody,
  shownArgument,
} from "../language/index.js";
import { parse, readingOf } from "../parser/index.js";
import { type CheckerContext, checkQuery } from "./checker.js";
import { normalize } from "./plan/negation.js";
import { planQuery } from "./planner.js";
import type {
  CheckedQuery,
  CheckResult,
  CompileFailure,
  CompileOptions,
  CompileResult,
  CompileSuccess,
  PlanTrace,
  ResolvedDate,
  TooLarge,
} from "./types.js";
import { type ZoneEngine, zoneEngine } from "./zone.js";

/**
 * The compiler's entry: text → parse → check → plan → request bodies (grammar.md §7). Synchronous, in any IANA
 * `timeZone`. Problems of the call itself (an unknown zone, a bad `now`, `maxDepth`, `maxLength`,
 * `maxRequests`, `defaultLimit` or `cursor`) throw a RangeError, a `timeZone` that is no string a
 * TypeError; problems of the query are diagnostics.
 */
export function compile(text: string, options: CompileOptions = {}): CompileResult {
  return compileQuery(text, options, undefined);
}

/** `compile`'s result, and beside a plan the trace of why it is what it is. */
export type TracedCompile =
  | { readonly result: CompileSuccess; readonly trace: PlanTrace }
  | { readonly result: CompileFailure; readonly trace: undefined };

/** `compile`, keeping the trace that `explain` reads (the dates it resolved, the clock, the planner's steps). */
export function compileTraced(text: string, options: CompileOptions = {}): TracedCompile {
  const sink: TraceSink = { dates: [], readsAs: undefined, trace: undefined };
  const result = compileQuery(text, options, sink);
  return result.ok ? { result, trace: sink.trace! } : { result, trace: undefined };
}

/** Where `compileQuery` collects the trace; `compile` passes none, so it allocates nothing for it. */
interface TraceSink {
  readonly dates: ResolvedDate[];
  /** Read from the tree while it lives (`parseAndCheck`), for explain. */
  readsAs: string | undefined;
  trace: PlanTrace | undefined;
}

function compileQuery(text: string, options: CompileOptions, sink: TraceSink | undefined): CompileResult {
  const now = nowSeconds(options.now);
  const zone = zoneOption(options.timeZone);
  const maxRequests = positiveInteger(
    options.maxRequests,
    DEFAULT_MAX_REQUESTS,
    "maxRequests",
    Number.MAX_SAFE_INTEGER,
  );
  const defaultLimit =
    options.defaultLimit === undefined
      ? undefined
      : positiveInteger(options.defaultLimit, 0, "defaultLimit", MAX_LIMIT);
  checkCursor(options.cursor, text);

  const { checked, diagnostics, namesWanted } = parseAndCheck(
    text,
    options,
    { zone, now, dates: sink?.dates },
    sink,
  );
  // The text was not read (too long), or the parser already showed the most diagnostics there are
  // room for: add none.
  if (checked === undefined) return failure(diagnostics, undefined, undefined, false);
  if (hasErrors(diagnostics)) {
    return failure(capDiagnostics(sortByStart(diagnostics)), undefined, undefined, namesWanted);
  }

  const planned = planQuery(
    checked,
    { text, maxRequests, defaultLimit, timeZone: zone.timeZone },
    diagnostics,
  );
  const sorted = diagnostics.length > 1 ? sortByStart(diagnostics) : diagnostics;
  if (!planned.ok) return failure(capDiagnostics(sorted), checked, planned.tooLarge, false);
  const { plan, steps } = planned;
  const oversized = oversizedBody(plan.bodies, text);
  if (oversized !== undefined)
    return failure(capDiagnostics([...sorted, oversized]), checked, undefined, false);
  if (sink !== undefined) {
    sink.trace = {
      conjunctions: steps.conjunctions,
      neverMatching: steps.neverMatching,
      absorbed: steps.absorbed,
      dates: sink.dates,
      now,
      timeZone: zone.timeZone,
      readsAs: sink.readsAs,
    };
  }
  return {
    ok: true,
    diagnostics: sorted.length > 0 ? capDiagnostics(sorted) : sorted,
    checked,
    requests: plan.bodies,
    plan,
  };
}

/**
 * Parses and checks, with `not` pushed down; `checked` is undefined when the text is too long to read
 * (its tree is one error node over all of it, nothing to check) or the parser already reported the
 * most diagnostics there is room for. The tokens and the tree live only in this function, so they
 * are garbage before planning allocates and no collection copies them (bench row `flat-or-scaling`).
 */
function parseAndCheck(
  text: string,
  options: CompileOptions,
  clock: Pick<CheckerContext, "zone" | "now" | "dates">,
  sink?: TraceSink,
): {
  readonly checked: CheckedQuery | undefined;
  readonly diagnostics: Diagnostic[];
  readonly namesWanted: boolean;
} {
  const { query, diagnostics, covered = [] } = parse(text, options); // parse's own diagnostics, new on each call
  if (sink !== undefined) sink.readsAs = readingOf(query, text);
  const last = diagnostics.at(-1)?.code;
  if (last === "too-many-diagnostics" || last === "too-long") {
    return { checked: undefined, diagnostics, namesWanted: false };
  }
  const ctx: CheckerContext = {
    text,
    zone: clock.zone,
    now: clock.now,
    diagnostics,
    dates: clock.dates,
    names: options.names,
    cursor: options.cursor,
  };
  const parsed = diagnostics.length;
  const asWritten = checkQuery(query, ctx);
  if (parsed > 0 && diagnostics.length > parsed) dropExplained(diagnostics, parsed, covered);
  if (ctx.wholeConditions) dropOperatorExpected(diagnostics, ctx.wholeConditions, text);
  const condition = asWritten.condition;
  const checked: CheckedQuery = {
    condition,
    normalized:
      condition === undefined ? undefined : normalize(condition, false, undefined, { text, diagnostics }),
    sort: asWritten.sort,
    limit: asWritten.limit,
    offset: asWritten.offset,
    count: asWritten.count,
  };
  return { checked, diagnostics, namesWanted: ctx.namesWanted === true };
}

/**
 * Leaves out the checker's diagnostics (those from `parsed` on) at a place a syntax error already
 * explains whole: in `status = on hold`, the value is two words, and that `on` is no status adds
 * nothing; nor does `pending` read as a field in `status is pending`, whose hint writes it anew.
 */
function dropExplained(diagnostics: Diagnostic[], parsed: number, covered: readonly Span[]): void {
  const explaining = [
    ...diagnostics
      .slice(0, parsed)
      .filter((d) => d.code === "syntax" && d.span.end > d.span.start)
      .map((d) => d.span),
    ...covered,
  ];
  if (explaining.length === 0) return;
  let kept = parsed;
  for (let i = parsed; i < diagnostics.length; i++) {
    const d = diagnostics[i]!;
    const explained = explaining.some((s) => d.span.start >= s.start && d.span.end <= s.end);
    if (!explained) diagnostics[kept++] = d;
  }
  diagnostics.length = kept;
}

/**
 * Leaves out the parser's "expected an operator after 'W'" after each lone word the checker reported
 * with the condition it stands for: `pending` alone gets "did you mean 'status = pending'?" once.
 */
function dropOperatorExpected(diagnostics: Diagnostic[], words: readonly Span[], text: string): void {
  for (const word of words) {
    const expected = formatMessage(MESSAGES.expectedOperatorAfter.text, [text.slice(word.start, word.end)]);
    const at = diagnostics.findIndex((d) => d.span.start >= word.end && d.message === expected);
    if (at >= 0) diagnostics.splice(at, 1);
  }
}

/** Every diagnostic `compile` would report (the parser's, the checker's and the planner's), and the checked query. */
export function check(text: string, options: CompileOptions = {}): CheckResult {
  const result = compile(text, options);
  return result.ok
    ? { ok: true, diagnostics: result.diagnostics, checked: result.checked }
    : {
        ok: false,
        diagnostics: result.diagnostics,
        checked: result.checked,
        tooLarge: result.tooLarge,
        namesWanted: result.namesWanted,
      };
}

/** Rounds of fixing: a fix can let the checker see further (`stauts = pendng`: the field, then its value). */
const FIX_ROUNDS = 8;

/** A query with the fixes its diagnostics carry made, and what no fix mends. */
export interface FixedQuery {
  /** The query with every fix made (the text as given when no diagnostic carries one). */
  readonly text: string;
  /** The diagnostics of the fixed text. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The query with the fixes its diagnostics carry made (what their `did you mean` says), checked again
 * after each round until a round changes nothing.
 */
export function fixQuery(text: string, options: CompileOptions = {}): FixedQuery {
  let current = text;
  for (let round = 0; ; round++) {
    const { diagnostics } = compile(current, options);
    const next = applyFixes(current, diagnostics);
    if (next === current || round === FIX_ROUNDS) return { text: current, diagnostics };
    current = next;
  }
}

function failure(
  diagnostics: readonly Diagnostic[],
  checked: CheckedQuery | undefined,
  tooLarge: TooLarge | undefined,
  namesWanted: boolean,
): CompileFailure {
  return { ok: false, diagnostics, checked, tooLarge, namesWanted, requests: [], plan: undefined };
}

/**
 * No query shorter than this makes a body the API refuses: one character of a query becomes at most
 * ~40 bytes of JSON (`tags in (a,b,…)`: 2 characters, a 76-byte item), so shorter text is not
 * measured (bench row `compile`).
 */
const SHORTEST_OVERSIZED_QUERY = API_MAX_BODY_BYTES / 64;

/** `plan-too-large` for the first body larger than the API reads, on the whole query. */
function oversizedBody(bodies: readonly SearchBody[], text: string): Diagnostic | undefined {
  if (text.length < SHORTEST_OVERSIZED_QUERY) return undefined;
  for (const [i, body] of bodies.entries()) {
    const bytes = jsonBytes(body);
    if (bytes > API_MAX_BODY_BYTES) {
      const args = [i + 1, groupDigits(bytes), groupDigits(API_MAX_BODY_BYTES)];
      return diagnostic("bodyTooLarge", { start: 0, end: text.length }, args, hint("bodyTooLarge"));
    }
  }
  return undefined;
}

/** In source order; stable, so diagnostics at one place keep the order they were found in. */
function sortByStart(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.span.start - b.span.start);
}

/**
 * The compile-time clock in UNIX seconds, floored; the current time when not given. A clock outside
 * the years 0 to 9999 is refused: no date of a query can be worked out from it (and in milliseconds,
 * `Date.now()`, it would put `now` 50,000 years ahead).
 */
export function nowSeconds(now: number | Date | undefined): number {
  if (now === undefined) return Math.floor(Date.now() / 1000);
  const seconds = now instanceof Date ? now.getTime() / 1000 : now;
  if (!(typeof seconds === "number" && seconds >= FIRST_UNIX_SECOND && seconds <= LAST_UNIX_SECOND)) {
    throw new RangeError(
      `'now' must be UNIX seconds from ${FIRST_UNIX_SECOND} to ${LAST_UNIX_SECOND} (the years 0 to 9999)${refusedSeconds(now, FIRST_UNIX_SECOND)}`,
    );
  }
  return Math.floor(seconds);
}

/** The zone of `timeZone` (default UTC); no string is a TypeError, an unknown name a RangeError quoting it. */
function zoneOption(timeZone: string | undefined): ZoneEngine {
  if (timeZone === undefined) return zoneEngine("UTC");
  if (typeof timeZone !== "string") {
    throw new TypeError(`'timeZone' must be an IANA time zone name, not ${shownArgument(timeZone)}`);
  }
  try {
    return zoneEngine(timeZone);
  } catch {
    // Intl's own message quotes the whole name, however long.
    throw new RangeError(`'timeZone' is no IANA time zone: ${shownArgument(timeZone)}`);
  }
}

function checkCursor(cursor: number | undefined, text: string): void {
  if (cursor !== undefined && !(Number.isInteger(cursor) && cursor >= 0 && cursor <= text.length)) {
    throw new RangeError(
      `'cursor' must be an integer from 0 to the text's length ${text.length}, not ${shownArgument(cursor)}`,
    );
  }
}

function positiveInteger(value: number | undefined, fallback: number, name: string, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`'${name}' must be an integer from 1 to ${max}, not ${shownArgument(value)}`);
  }
  return value;
}
