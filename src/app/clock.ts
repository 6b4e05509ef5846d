import { readlinkSync } from "node:fs";
import { parseDate, parseDateTime, zoneEngine } from "../compiler/index.js";
import {
  formatMessage,
  hint,
  LAST_UNIX_SECOND,
  MESSAGES,
  nearestName,
  secondsMeant,
} from "../language/index.js";

/** The session's clock and time zone, judged one way for the shell, the commands and the web page. */

export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

type Env = Readonly<Record<string, string | undefined>>;

/** What an IANA zone name looks like (`UTC`, `Europe/Berlin`, `America/Argentina/Buenos_Aires`, `Etc/GMT+5`). */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * The system's IANA time zone (what is used without `--tz`): the `TZ` variable, else the zone
 * `/etc/localtime` links to, else what Intl says. Intl is last because building a DateTimeFormat loads
 * ICU's time zone data, which costs more than the rest of a cold `hcql compile`.
 */
export function systemTimeZone(env: Env = process.env): string {
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

/**
 * A time zone by name, as the compiler knows it;
 * an empty or unknown name is refused with a message saying what to give.
 */
export function checkTimeZone(name: string): Checked<string> {
  if (name.trim() === "") {
    return { ok: false, message: "the time zone needs an IANA name such as Europe/Berlin" };
  }
  try {
    return { ok: true, value: zoneEngine(name.trim()).timeZone };
  } catch (error) {
    if (error instanceof RangeError) {
      return { ok: false, message: `unknown time zone '${name.trim()}' (${zoneAdvice(name.trim())})` };
    }
    throw error;
  }
}

/** What to give instead of a zone name not found. */
function zoneAdvice(name: string): string {
  const offset = fixedOffset(name);
  if (offset !== undefined) return offsetAdvice(offset);
  const meant = zoneMeant(name);
  return meant === undefined ? "use an IANA name such as Europe/Berlin or UTC" : `did you mean ${meant}?`;
}

/** Hours east of UTC of an offset written as a zone (`+01:00`, `UTC+1`, `GMT-5`); undefined for other text. */
function fixedOffset(name: string): { hours: number; minutes: number } | undefined {
  const match = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(name);
  if (match === null) return undefined;
  const sign = match[1] === "-" ? -1 : 1;
  return { hours: sign * Number(match[2]), minutes: Number(match[3] ?? 0) };
}

/**
 * A fixed offset is IANA's `Etc/GMT` zone of the opposite sign (`+01:00` is Etc/GMT-1), which has no
 * summer time: a place's zone is likelier what is meant.
 */
function offsetAdvice({ hours, minutes }: { hours: number; minutes: number }): string {
  if (hours < -12 || hours > 14) return "use an IANA name such as Europe/Berlin or UTC";
  if (minutes !== 0)
    return "IANA has no zone of a fixed offset in minutes: use a place's zone, such as Asia/Kolkata";
  if (hours === 0) return "did you mean UTC?";
  const etc = `Etc/GMT${hours > 0 ? "-" : "+"}${Math.abs(hours)}`;
  return `did you mean ${etc}? IANA writes a fixed offset's sign the other way; a place's zone, such as Europe/Berlin, also keeps its summer time`;
}

/**
 * The IANA zone a name not found likely meant: a city written alone (`berlin`, `new york` →
 * `Europe/Berlin`), or a zone's name misspelt (`Europe/Berln`, `europe/berlin`).
 */
function zoneMeant(name: string): string | undefined {
  const zones = Intl.supportedValuesOf("timeZone");
  const wanted = name.toLowerCase().replace(/[\s-]+/g, "_");
  const ofCity = zones.filter((zone) => zone.toLowerCase().split("/").at(-1) === wanted);
  if (ofCity.length === 1) return ofCity[0];
  return name.includes("/") ? nearestName(name, zones) : undefined;
}

/** The current time in UNIX seconds, floored (the compiler's clock). */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * A clock given as text, in UNIX seconds: UNIX seconds, an ISO date-time (in `timeZone` unless it has
 * `Z` or an offset) or a date (its start in `timeZone`). `name` is what the message calls it (`--now`).
 */
export function parseNow(text: string, timeZone: string, name = "now"): Checked<number> {
  const trimmed = text.trim();
  if (/^[0-9]{1,15}$/.test(trimmed)) {
    const seconds = Number(trimmed);
    if (seconds <= LAST_UNIX_SECOND) return { ok: true, value: seconds };
    // Milliseconds, most likely: said as the language says it of a date.
    const meant = secondsMeant(seconds);
    if (meant !== undefined) {
      const message = formatMessage(MESSAGES.secondsAfter9999.text, [trimmed]);
      return { ok: false, message: `${name} ${message}; ${hint("didYouMean", String(meant))}` };
    }
    return {
      ok: false,
      message: `${name} must be at most ${LAST_UNIX_SECOND} UNIX seconds (9999-12-31T23:59:59Z), not '${text}'`,
    };
  }
  const zone = zoneEngine(timeZone);
  const date = parseDate(trimmed);
  if (typeof date !== "string") return { ok: true, value: zone.startOfDay(date) };
  const time = parseDateTime(trimmed);
  if (typeof time === "string") {
    const problem = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? date : time;
    const why = /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? `: ${problem}` : "";
    return {
      ok: false,
      message: `${name} must be UNIX seconds or an ISO date-time such as 2020-06-24T12:00 or 2020-06-24T12:00Z, not '${text}'${why}`,
    };
  }
  if (time.offsetSeconds === undefined) return { ok: true, value: zone.fromWallClock(time) };
  const { offsetSeconds, ...civil } = time;
  return { ok: true, value: zoneEngine("UTC").fromWallClock(civil) - offsetSeconds };
}
