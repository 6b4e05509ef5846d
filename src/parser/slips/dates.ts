import { type IToken, tokenMatcher } from "chevrotain";
import type { Span } from "../../language/index.js";
import {
  DATE_WORDS,
  DAYS_A_MONTH,
  DAYS_A_YEAR,
  DURATION_UNITS,
  diagnostic,
  displayName,
  type FixingHint,
  hint,
  lookupField,
  type MessageName,
  suggest,
} from "../../language/index.js";
import { tokens as T } from "../../lexer/index.js";
import { end, fieldOfValue, reach, type Slip, startsValue, through } from "./tokens.js";

/** Dates written another way: spoken (`last week`), in another order (`12/01/2026`), a month, a loose date-time, `now()`. */

/**
 * A date where a date may go written another way than year-month-day, YYYY-MM-DD: `12/01/2026`,
 * `31.12.2026`, `2026/12/01`, `2026-12-1` (on a field of another type, such a value is text to quote).
 */
const OTHER_DATE = /(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?![\w:./-])/y;

export function writtenDateSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const [before, token] = [tokens[i - 1], tokens[i]!];
  // After `and`: the high bound of `between`.
  if (!startsValue(before) && !(before !== undefined && tokenMatcher(before, T.AndOp))) return undefined;
  if (!tokenMatcher(token, T.Integer) && !tokenMatcher(token, T.GluedValue)) return undefined;
  OTHER_DATE.lastIndex = token.startOffset;
  const match = OTHER_DATE.exec(text);
  const field = match === null ? undefined : fieldOfValue(tokens, i);
  if (match === null || (field !== undefined && field.type !== "date")) return undefined;
  const [written, first, , second, last] = match as unknown as [string, string, string, string, string];
  const readings = dateReadings(first, second, last);
  if (readings === undefined) return undefined;
  const at = { start: token.startOffset, end: token.startOffset + written.length };
  return {
    span: reach(tokens, i, at.end),
    diagnostic: diagnostic("misshapenDate", at, [written], readingsHint(readings, at)),
  };
}

/**
 * The real dates `a/b/c` may mean: year first, year-month-day; year last, month-day-year and then
 * day-month-year (both when both are dates, `12/01/2026`). Undefined without a four-digit year.
 */
function dateReadings(a: string, b: string, c: string): string[] | undefined {
  if (a.length === 4 && c.length <= 2) return realDates([[a, b, c]]);
  if (c.length === 4 && a.length <= 2) {
    return realDates([
      [c, a, b],
      [c, b, a],
    ]);
  }
  return undefined;
}

function realDates(readings: readonly (readonly [string, string, string])[]): string[] {
  const dates = readings
    .filter(([y, m, d]) => Number(m) >= 1 && Number(m) <= 12 && Number(d) >= 1 && Number(d) <= daysIn(y, m))
    .map(([y, m, d]) => `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`);
  return [...new Set(dates)];
}

function readingsHint(readings: readonly string[], at: Span): string | FixingHint {
  const [one, other] = readings;
  if (one === undefined) return hint("dateForms");
  return other === undefined ? suggest(at, one) : hint("didYouMeanEither", one, other);
}

function daysIn(year: string, month: string): number {
  return new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
}

/** A spoken unit of time, as a duration says it (months and years in days: durations have neither). */
const SPOKEN_UNITS: Readonly<Record<string, readonly [number, string]>> = {
  minute: [1, "m"],
  min: [1, "m"],
  hour: [1, "h"],
  day: [1, "d"],
  week: [1, "w"],
  month: [DAYS_A_MONTH, "d"],
  year: [DAYS_A_YEAR, "d"],
};

/** `days`, `Weeks`, `7d`: how many of which unit, as a duration writes it; undefined for any other word. */
export function spokenAmount(image: string): { readonly n: number; readonly unit: string } | undefined {
  const spoken = /^(\d+)?\s*([a-z]+?)s?$/i.exec(image);
  if (spoken === null) return undefined;
  const n = spoken[1] === undefined ? 1 : Number(spoken[1]);
  const name = spoken[2]!.toLowerCase();
  if (Object.hasOwn(SPOKEN_UNITS, name)) {
    const [times, unit] = SPOKEN_UNITS[name]!;
    return { n: n * times, unit };
  }
  // A duration's own unit (`last 7d`), with its number.
  return Object.hasOwn(DURATION_UNITS, name) && spoken[1] !== undefined ? { n, unit: name } : undefined;
}

/** Where a spoken date stands for a whole condition (`past 3 days`), its field: the one most asked about. */
export const SPOKEN_DATE_FIELD = displayName(lookupField("createdAt")!);

/** Words that say a time back from now before its amount: `last week`, `past 3 days`. */
export const SPOKEN_BACK: readonly string[] = ["last", "past", "previous"];

/**
 * A relative date said in words after an operator: `last week`, `past 3 days`, `last 7d` (a time
 * back from now: `7d ago`), `this month` (a calendar span, which starts on a date).
 */
export function spokenDateSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const word = tokens[i]!;
  const place = spokenDatePlace(tokens, i);
  if (!tokenMatcher(word, T.Word) || place === undefined) return undefined;
  const lower = word.image.toLowerCase();
  if (lower !== "this" && !SPOKEN_BACK.includes(lower)) return undefined;
  // On a text field the words are text, to be quoted (the spaced-text slip says so).
  const field = place === "condition" ? undefined : fieldOfValue(tokens, i);
  if (field !== undefined && field.type !== "date") return undefined;
  const next = tokens[i + 1];
  const amount = next && spokenAmount(next.image);
  if (next === undefined || amount === undefined || (lower === "this" && /\d/.test(next.image)))
    return undefined;
  const at = { start: word.startOffset, end: end(next) };
  const written = text.slice(at.start, at.end);
  const ago = `${amount.n}${amount.unit} ago`;
  // Where a condition goes, the date needs a field: the one most asked about.
  const meant =
    place === "value" ? ago : `${place === "in" ? tokens[i - 2]!.image : SPOKEN_DATE_FIELD} > ${ago}`;
  const replaced = place === "in" ? { start: tokens[i - 2]!.startOffset, end: at.end } : at;
  const said = lower === "this" ? hint("calendarSpan") : suggest(replaced, meant);
  return {
    span: { start: at.start, end: through(tokens, i + 1) },
    diagnostic: diagnostic("spokenDate", at, [written], said),
  };
}

/**
 * Where a spoken date stands: as a value (after an operator, `between` or its `and`), after `in`
 * (`createdAt in last 7 days`), where a condition goes (`past 3 days`, `status = new and last
 * week`), or neither.
 */
function spokenDatePlace(tokens: readonly IToken[], i: number): "value" | "in" | "condition" | undefined {
  const before = tokens[i - 1];
  if (before === undefined) return "condition";
  // `createdAt in last 7 days`
  if (tokenMatcher(before, T.In) && tokenMatcher(tokens[i - 2] ?? before, T.Word)) return "in";
  if (tokenMatcher(before, T.ComparisonOp) || tokenMatcher(before, T.Between)) return "value";
  if (tokenMatcher(before, T.AndOp)) return boundOfBetween(tokens, i - 1) ? "value" : "condition";
  return [T.OrOp, T.LParen, T.NotOp].some((type) => tokenMatcher(before, type)) ? "condition" : undefined;
}

/** Whether the `and` at `tokens[and]` is the one of a `between` (`between a and b`, `between now - 7d and b`). */
function boundOfBetween(tokens: readonly IToken[], and: number): boolean {
  for (let j = and - 1; j >= 0; j--) {
    const token = tokens[j]!;
    if (tokenMatcher(token, T.Between)) return true;
    if ([T.AndOp, T.OrOp, T.LParen, T.RParen].some((type) => tokenMatcher(token, type))) return false;
  }
  return false;
}

/** `now()`, `today()`: a date word written as a function call. */
export function calledDateSlip(tokens: readonly IToken[], i: number): Slip | undefined {
  const [word, open, close] = [tokens[i]!, tokens[i + 1], tokens[i + 2]];
  if (!tokenMatcher(word, T.Word) || open === undefined || close === undefined) return undefined;
  if (!DATE_WORDS.includes(word.image.toLowerCase() as (typeof DATE_WORDS)[number])) return undefined;
  if (!tokenMatcher(open, T.LParen) || !tokenMatcher(close, T.RParen) || open.startOffset !== end(word)) {
    return undefined;
  }
  const at = { start: word.startOffset, end: end(close) };
  return {
    span: { start: at.start, end: through(tokens, i + 2) },
    diagnostic: diagnostic("dateWordCalled", at, [word.image], suggest(at, word.image)),
  };
}

/**
 * A date and a time written almost as one date-time: apart (`2026-11-01 10:00`, `2026-12-06 T10:00`),
 * without minutes (`2026-12-01T10`), with a fraction of a second (JavaScript's toISOString,
 * `2026-12-01T10:00:00.000Z`), with an offset without its ':' (`+0200`) or a one-digit hour (`T9:30`).
 */
const LOOSE_DATE_TIME = new RegExp(
  [
    String.raw`(?<date>\d{4}-\d\d-\d\d)`,
    String.raw`(?<gap>[ \t]+[Tt]?[ \t]*|[Tt][ \t]*)`,
    String.raw`(?<hours>\d{1,2})(?::(?<minutes>\d\d)(?::(?<seconds>\d\d))?(?<fraction>\.\d+)?)?`,
    String.raw`(?<zone>[Zz]|[+-]\d\d(?::?\d\d)?)?(?![\w:.])`,
  ].join(""),
  "y",
);

type DateTimeParts = Partial<
  Record<"date" | "gap" | "hours" | "minutes" | "seconds" | "fraction" | "zone", string>
>;

export function dateTimeSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const token = tokens[i]!;
  if (![T.DateLiteral, T.DateTime, T.GluedValue].some((type) => tokenMatcher(token, type))) return undefined;
  LOOSE_DATE_TIME.lastIndex = token.startOffset;
  const match = LOOSE_DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [written] = match;
  const parts: DateTimeParts = match.groups!;
  const fault = dateTimeFault(written, parts);
  if (fault === undefined) return undefined;
  const at = { start: token.startOffset, end: token.startOffset + written.length };
  const meant = suggest(at, dateTimeMeant(parts));
  return { span: reach(tokens, i, at.end), diagnostic: diagnostic(fault.name, at, fault.args, meant) };
}

/** What is wrong with a loose date-time, the first of its faults; undefined when nothing is. */
function dateTimeFault(
  written: string,
  { gap = "", hours = "", minutes, fraction, zone }: DateTimeParts,
): { name: MessageName; args: string[] } | undefined {
  if (/[ \t]/.test(gap)) {
    // `2026-11-01 10`: a number after a date, not a time.
    return minutes === undefined && !/[Tt]/.test(gap) ? undefined : { name: "dateSpaceTime", args: [] };
  }
  if (minutes === undefined) return { name: "timeWithoutMinutes", args: [written] };
  if (fraction !== undefined) return { name: "fractionalSeconds", args: [written] };
  if (zone !== undefined && !/^(?:[Zz]|[+-]\d\d:\d\d)$/.test(zone)) {
    return { name: "offsetWithoutColon", args: [zone] };
  }
  if (hours.length === 1) return { name: "unpaddedTime", args: [written] };
  return undefined;
}

/** The date-time meant: `T` and no space, two-digit hours, minutes, whole seconds, `±HH:MM`. */
function dateTimeMeant({ date = "", hours = "", minutes = "00", seconds, zone = "" }: DateTimeParts): string {
  const offset = /^([+-]\d\d):?(\d\d)?$/.exec(zone);
  const shownZone = offset === null ? zone.toUpperCase() : `${offset[1]}:${offset[2] ?? "00"}`;
  return `${date}T${hours.padStart(2, "0")}:${minutes}${seconds === undefined ? "" : `:${seconds}`}${shownZone}`;
}

/** A time of day after a day's word: `yesterday 10:00`, `today 9:30:15`. */
const TIME_AFTER = /[ \t]+(\d{1,2}):(\d\d)(?::(\d\d))?(?![\d:])/y;

/**
 * `yesterday 10:00`, `today 9:30` where a date goes: a day's word and a time, which HCQL writes as a
 * duration after the day's midnight (`yesterday + 10h`, `today + 570m`).
 */
export function dayTimeSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const word = tokens[i]!;
  if (!tokenMatcher(word, T.Word) || !startsValue(tokens[i - 1])) return undefined;
  const day = word.image.toLowerCase();
  if (day !== "today" && day !== "yesterday") return undefined;
  if (fieldOfValue(tokens, i)?.type !== "date") return undefined;
  TIME_AFTER.lastIndex = end(word);
  const match = TIME_AFTER.exec(text);
  if (match === null) return undefined;
  const [hours, minutes, seconds] = match.slice(1, 4).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
  ];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const total = hours * 3600 + minutes * 60 + seconds;
  const after = total === 0 ? "" : ` + ${durationOf(total)}`;
  const at = { start: word.startOffset, end: TIME_AFTER.lastIndex };
  const time = match[0].trim();
  return {
    span: reach(tokens, i, at.end),
    diagnostic: diagnostic("dayAndTime", at, [word.image, time], suggest(at, `${word.image}${after}`)),
  };
}

/** Seconds as one duration in the largest unit that holds them whole: 36000 → `10h`, 34200 → `570m`. */
function durationOf(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** `2026-11` where a date goes: the month's days, as the comparison before it means them. */
export function monthSlip(text: string, tokens: readonly IToken[], i: number): Slip | undefined {
  const [year, dash, month] = [tokens[i], tokens[i + 1], tokens[i + 2]];
  if (year === undefined || dash === undefined || month === undefined) return undefined;
  if (!tokenMatcher(year, T.Integer) || !/^\d{4}$/.test(year.image)) return undefined;
  if (!tokenMatcher(dash, T.Minus) || dash.startOffset !== end(year)) return undefined;
  if (!tokenMatcher(month, T.Integer) || month.startOffset !== end(dash)) return undefined;
  const m = Number(month.image);
  if (!/^\d{1,2}$/.test(month.image) || m < 1 || m > 12 || /^[-\w:]/.test(text.slice(end(month)))) {
    return undefined;
  }
  const mm = String(m).padStart(2, "0");
  const days = daysIn(year.image, month.image);
  const first = `${year.image}-${mm}-01`;
  const last = `${year.image}-${mm}-${days}`;
  const span = { start: year.startOffset, end: end(month) };
  const bound = betweenBound(tokens, i, first, last);
  const [field, op] = [tokens[i - 2], tokens[i - 1]];
  const condition = bound === undefined ? monthCondition(field, op, first, last) : undefined;
  // The edit: the bound in place of the month, or the whole condition when a field's comparison was read.
  const said =
    bound !== undefined
      ? suggest(span, bound)
      : condition !== undefined
        ? suggest({ start: field!.startOffset, end: span.end }, condition)
        : hint("didYouMean", `between ${first} and ${last}`);
  const args = [`${year.image}-${month.image}`];
  return { span, diagnostic: diagnostic("monthNotDate", span, args, said) };
}

/** A month as a bound of `between`: its first day as the low one, its last day as the high one. */
function betweenBound(tokens: readonly IToken[], i: number, first: string, last: string): string | undefined {
  const before = tokens[i - 1];
  if (before === undefined) return undefined;
  if (tokenMatcher(before, T.Between)) return first;
  const isBetween = (token: IToken | undefined) => token !== undefined && tokenMatcher(token, T.Between);
  // `between 2026-10-15 and 2026-11`, `between 2026-10 and 2026-11`
  if (tokenMatcher(before, T.AndOp) && (isBetween(tokens[i - 3]) || isBetween(tokens[i - 5]))) return last;
  return undefined;
}

/** What `field op 2026-11` means with the month's first and last day; undefined when no comparison of a field precedes it. */
function monthCondition(
  field: IToken | undefined,
  op: IToken | undefined,
  first: string,
  last: string,
): string | undefined {
  const range = `between ${first} and ${last}`;
  if (field === undefined || op === undefined || !tokenMatcher(field, T.Word)) return undefined;
  const name = field.image;
  if (tokenMatcher(op, T.Equals)) return `${name} ${range}`;
  if (tokenMatcher(op, T.NotEquals)) return `${name} not ${range}`;
  if (tokenMatcher(op, T.Greater)) return `${name} > ${last}`;
  if (tokenMatcher(op, T.GreaterEq)) return `${name} >= ${first}`;
  if (tokenMatcher(op, T.Less)) return `${name} < ${first}`;
  if (tokenMatcher(op, T.LessEq)) return `${name} <= ${last}`;
  return undefined;
}
