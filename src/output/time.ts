import { isUtcZone } from "../compiler/index.js";

/** Times as the table shows them: relative to a given instant, and absolute in the session time zone. */

const absoluteFormats = new Map<string, Intl.DateTimeFormat>();

function absoluteFormat(timeZone: string): Intl.DateTimeFormat {
  let format = absoluteFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    absoluteFormats.set(timeZone, format);
  }
  return format;
}

/** Years with four digits, which ISO 8601 and the DateTimeFormat write alike. */
const YEAR_1000 = -30_610_224_000;
const YEAR_10000 = 253_402_300_800;

/** `2020-06-24 03:35` for UNIX seconds, wall-clock time in `timeZone`. */
export function absoluteTime(seconds: number, timeZone: string): string {
  // UTC needs no DateTimeFormat, whose locale data costs the first table ~10 ms (bench row `repl-first-search`).
  if (isUtcZone(timeZone) && seconds >= YEAR_1000 && seconds < YEAR_10000) {
    return new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ");
  }
  const parts: Record<string, string> = {};
  for (const p of absoluteFormat(timeZone).formatToParts(seconds * 1000)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const MONTH = 30.44 * DAY;
const YEAR = 365.25 * DAY;

/** `3 h ago`, `in 5 min`, `just now`: the distance from `now` (both UNIX seconds), rounded down. */
export function relativeTime(seconds: number, now: number): string {
  const delta = now - seconds;
  const distance = Math.abs(delta);
  if (distance < 45) return "just now";
  const amount = relativeAmount(distance);
  return delta >= 0 ? `${amount} ago` : `in ${amount}`;
}

function relativeAmount(distance: number): string {
  if (distance < HOUR) return `${Math.max(1, Math.floor(distance / MINUTE))} min`;
  if (distance < 2 * DAY) return `${Math.floor(distance / HOUR)} h`;
  if (distance < 60 * DAY) return `${Math.floor(distance / DAY)} d`;
  if (distance < 2 * YEAR) return `${Math.floor(distance / MONTH)} mo`;
  return `${Math.floor(distance / YEAR)} y`;
}
