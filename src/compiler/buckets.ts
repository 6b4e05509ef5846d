import type { CountUnit } from "../language/index.js";
import { assertNever } from "../language/index.js";
import { civilFromDays, daysFromCivil, SECONDS_PER_DAY } from "./calendar.js";
import type { ZoneEngine } from "./zone.js";

/**
 * Date buckets of `count by <date> per <unit>` (§10), in the session time zone through the
 * compiler's zone engine. A bucket is kept as an ordinal that orders buckets in time (a day number,
 * a month number, the first instant of an hour...), so that grouping compares numbers and filling
 * the gaps between the first and the last bucket steps through ordinals; `label` writes a bucket's
 * key: the local date (a day, or the Monday of an ISO week), `YYYY-MM`, `YYYY`, or the local hour
 * with its UTC offset.
 */
export interface DateBuckets {
  /** The bucket holding an instant (UNIX seconds). */
  ordinalOf(seconds: number): number;
  /** The bucket after a bucket. */
  next(ordinal: number): number;
  /** The bucket's key as §10 writes it. */
  label(ordinal: number): string;
}

const HOUR = 3_600;

export function dateBuckets(unit: CountUnit, zone: ZoneEngine): DateBuckets {
  switch (unit) {
    case "hour":
      return hourBuckets(zone);
    case "day":
      return {
        ordinalOf: (seconds) => localDay(zone, seconds),
        next: (day) => day + 1,
        label: dayLabel,
      };
    case "week":
      return {
        ordinalOf: (seconds) => mondayOf(localDay(zone, seconds)),
        next: (monday) => monday + 7,
        label: dayLabel,
      };
    case "month":
      return {
        ordinalOf: (seconds) => {
          const date = zone.dateOf(seconds);
          return date.year * 12 + date.month - 1;
        },
        next: (month) => month + 1,
        label: (month) => `${year4(Math.floor(month / 12))}-${two((month % 12) + 1)}`,
      };
    case "year":
      return {
        ordinalOf: (seconds) => zone.dateOf(seconds).year,
        next: (year) => year + 1,
        label: year4,
      };
    default:
      return assertNever(unit, "count unit");
  }
}

/**
 * Hours are real hours: a bucket starts where the local clock shows a whole hour, and is keyed with
 * the offset in force then, so the repeated hour of a fall-back is two buckets and a skipped hour
 * none. The ordinal is the bucket's first instant.
 */
function hourBuckets(zone: ZoneEngine): DateBuckets {
  const ordinalOf = (seconds: number): number => {
    const offset = zone.offsetAt(seconds);
    return Math.floor((seconds + offset) / HOUR) * HOUR - offset;
  };
  return {
    ordinalOf,
    next: (start) => ordinalOf(start + HOUR),
    label: (start) => {
      const offset = zone.offsetAt(start);
      const local = start + offset;
      const day = Math.floor(local / SECONDS_PER_DAY);
      const hour = Math.floor((local - day * SECONDS_PER_DAY) / HOUR);
      return `${dayLabel(day)}T${two(hour)}:00${offsetLabel(offset)}`;
    },
  };
}

/** The local calendar day of an instant, as days since 1970-01-01. */
function localDay(zone: ZoneEngine, seconds: number): number {
  const date = zone.dateOf(seconds);
  return daysFromCivil(date.year, date.month, date.day);
}

/** The Monday on or before a day (1970-01-01, day 0, was a Thursday). */
function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

function dayLabel(day: number): string {
  const date = civilFromDays(day);
  return `${year4(date.year)}-${two(date.month)}-${two(date.day)}`;
}

function offsetLabel(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? "-" : "+";
  const minutes = Math.round(Math.abs(offsetSeconds) / 60);
  return `${sign}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

function year4(year: number): string {
  return String(year).padStart(4, "0");
}
