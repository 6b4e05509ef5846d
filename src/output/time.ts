import { wallClockAt } from "../compiler/index.js";

/** Times as the table shows them: relative to a given instant, and absolute in the session time zone. */

/**
 * `2020-06-24 03:35` for UNIX seconds, wall-clock time in `timeZone`. The year is written as
 * Intl.DateTimeFormat writes it (no era, no padding). UTC reads no DateTimeFormat, whose locale data
 * costs the first table ~10 ms (bench row `repl-first-search`).
 */
export function absoluteTime(seconds: number, timeZone: string): string {
  const t = wallClockAt(seconds, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  const year = t.year > 0 ? t.year : 1 - t.year;
  return `${year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
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
