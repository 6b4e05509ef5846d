/**
 * Calendar arithmetic on proleptic Gregorian dates, without time zones: parsing and validating the
 * DATE and DATETIME texts, and counting days. Offsets of time zones live in the zone engines.
 */

import { calendarProblem, DATE_SHAPE, DATETIME_SHAPE } from "../language/index.js";

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface CivilDateTime extends CivilDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** A DATETIME text taken apart; `offsetSeconds` is undefined for wall-clock time. */
export interface ParsedDateTime extends CivilDateTime {
  readonly offsetSeconds: number | undefined;
}

/** Why a date text is not a real date (from CALENDAR_PROBLEMS); the argument of the `impossibleDate` message. */
export type CalendarProblem = string;

export const SECONDS_PER_DAY = 86_400;

const WHOLE_DATE = new RegExp(`^${DATE_SHAPE.source}$`);
const WHOLE_DATETIME = new RegExp(`^${DATETIME_SHAPE.source}$`);

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The civil date of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The day after (or `delta` days after) a civil date. */
export function addDays(date: CivilDate, delta: number): CivilDate {
  return civilFromDays(daysFromCivil(date.year, date.month, date.day) + delta);
}

/** The date of a match's first three groups (year, month, day), or why there is no such day. */
function dateOf(m: RegExpExecArray): CivilDate | CalendarProblem {
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return calendarProblem("noMonth", month);
  const day = Number(m[3]);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return calendarProblem("monthDays", MONTH_NAMES[month - 1]!, year, last);
  return { year, month, day };
}

/** Whether text has the shape of a date or a date-time (valid or not). */
export function looksLikeDate(text: string): boolean {
  return WHOLE_DATE.test(text) || WHOLE_DATETIME.test(text);
}

/** Parses `YYYY-MM-DD`; a string says why it is not a date. */
export function parseDate(text: string): CivilDate | CalendarProblem {
  const m = WHOLE_DATE.exec(text);
  return m === null ? calendarProblem("dateShape") : dateOf(m);
}

/** Parses `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]`; a string says why it is not a date-time. */
export function parseDateTime(text: string): ParsedDateTime | CalendarProblem {
  const m = WHOLE_DATETIME.exec(text);
  if (m === null) return calendarProblem("dateTimeShape");
  const date = dateOf(m);
  if (typeof date === "string") return date;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23) return calendarProblem("noHour", hour);
  if (minute > 59) return calendarProblem("noMinute", minute);
  if (second > 59) return calendarProblem("noSecond", second);
  const offsetSeconds = m[7] === undefined ? undefined : offsetOf(m[7]);
  if (typeof offsetSeconds === "string") return offsetSeconds;
  return { ...date, hour, minute, second, offsetSeconds };
}

/** The seconds east of UTC that `Z` or `±HH:MM` says, or why it is no offset. */
function offsetOf(zone: string): number | CalendarProblem {
  if (zone === "Z" || zone === "z") return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return calendarProblem("noOffset", zone);
  return (zone[0] === "-" ? -1 : 1) * (hours * 3600 + minutes * 60);
}

/** UNIX seconds of a civil date-time read as UTC. */
export function utcSeconds(t: CivilDateTime): number {
  return daysFromCivil(t.year, t.month, t.day) * SECONDS_PER_DAY + t.hour * 3600 + t.minute * 60 + t.second;
}
