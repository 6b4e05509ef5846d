import { readlinkSync } from "node:fs";
import { parseDate, parseDateTime } from "../compiler/calendar.js";
import { isUtcZone, loadTimeZoneSupport, zoneEngine } from "../compiler/zone.js";
import { type CliIO, readQuery, UsageError } from "./common.js";

/** The `--now` and `--tz` options that commands compiling queries share. */

/** Their flags, for `parseFlags`. */
export const CLOCK_FLAGS = {
  now: { type: "string" },
  tz: { type: "string" },
} as const;

/** Their lines of a command's usage. */
export const CLOCK_USAGE = `  --now T        the clock for now, today and relative dates: UNIX seconds or an ISO
                 date-time (in the session zone unless it has Z or an offset)
  --tz ZONE      the session time zone, an IANA name (default: the system's)`;

/**
 * The system's IANA time zone (what the CLI uses without `--tz`): the `TZ` variable, else the zone
 * `/etc/localtime` links to, else what Intl says. Intl is last because building a DateTimeFormat loads
 * ICU's time zone data, which costs more than the rest of a cold `hcql compile`.
 */
export function systemTimeZone(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env.TZ?.replace(/^:/, "");
  if (fromEnv !== undefined && IANA_NAME.test(fromEnv)) return fromEnv;
  try {
    const zone = /\/zoneinfo\/(.+)$/.exec(readlinkSync("/etc/localtime"))?.[1];
    if (zone !== undefined && IANA_NAME.test(zone)) return zone;
  } catch {
    // No such link (Windows, some containers): ask Intl.
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** What an IANA zone name looks like (`UTC`, `Europe/Berlin`, `America/Argentina/Buenos_Aires`, `Etc/GMT+5`). */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * The session time zone: `--tz` or the system's. Loads time zone support when the zone is not UTC;
 * an unknown zone is a usage error.
 */
export async function resolveTimeZone(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<string> {
  const name = flag ?? systemTimeZone(env);
  if (name.trim() === "") throw new UsageError("--tz needs an IANA time zone name such as Europe/Berlin");
  try {
    if (!isUtcZone(name)) await loadTimeZoneSupport();
    return zoneEngine(name).timeZone;
  } catch (error) {
    if (error instanceof RangeError) {
      throw new UsageError(`unknown time zone '${name}' (use an IANA name such as Europe/Berlin or UTC)`);
    }
    throw error;
  }
}

/**
 * The compile-time clock in UNIX seconds: `--now` as UNIX seconds, an ISO date-time (in `timeZone`
 * unless it has `Z` or an offset) or a date (its start in `timeZone`); the current time without it.
 */
export function resolveNow(flag: string | undefined, timeZone: string): number {
  if (flag === undefined) return Math.floor(Date.now() / 1000);
  const text = flag.trim();
  if (/^[0-9]{1,15}$/.test(text)) return Number(text);
  const zone = zoneEngine(timeZone);
  const date = parseDate(text);
  if (typeof date !== "string") return zone.startOfDay(date);
  const time = parseDateTime(text);
  if (typeof time === "string") {
    const problem = /^\d{4}-\d{2}-\d{2}$/.test(text) ? date : time;
    const why = /^\d{4}-\d{2}-\d{2}/.test(text) ? `: ${problem}` : "";
    throw new UsageError(
      `--now must be UNIX seconds or an ISO date-time such as 2020-06-24T12:00 or 2020-06-24T12:00Z, not '${flag}'${why}`,
    );
  }
  if (time.offsetSeconds === undefined) return zone.fromWallClock(time);
  const { offsetSeconds, ...civil } = time;
  return zoneEngine("UTC").fromWallClock(civil) - offsetSeconds;
}

/**
 * What every command that compiles a query reads first: the session zone, the clock, then the query
 * (flags are judged before stdin is read).
 */
export async function readClockAndQuery(
  values: { readonly now?: string | undefined; readonly tz?: string | undefined },
  positionals: readonly string[],
  io: CliIO,
  file?: string,
): Promise<{ text: string; now: number; timeZone: string }> {
  const timeZone = await resolveTimeZone(values.tz, io.env);
  const now = resolveNow(values.now, timeZone);
  const text = await readQuery(positionals, io, file);
  return { text, now, timeZone };
}
