import { quote } from "./quote.js";
import { LAST_UNIX_SECOND } from "./values.js";

// How the library's RangeErrors and TypeErrors show what a caller passed: a bad call from plain
// JavaScript reads as what was given, not as an internal failure.

/** Longest string argument shown whole in a message; a longer one is cut with `…`. */
const MAX_SHOWN_LENGTH = 60;

/** A value as a message names its type: `undefined`, `null`, `a number`, `an array`, `an object`. */
export function described(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
}

/** Whether a value is an object a function may read options from: not null, not an array. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The TypeError of a public function called with the wrong kind of argument: `hcql: <fn> takes <what>, not <type>`. */
export function argumentError(fn: string, what: string, value: unknown): TypeError {
  return new TypeError(`hcql: ${fn} takes ${what}, not ${described(value)}`);
}

/** A function option: left out (undefined) or a function, else a TypeError naming it (`what` after the name). */
export function requireFunction(name: string, value: unknown, what = ""): void {
  if (value !== undefined && typeof value !== "function") {
    throw new TypeError(`${name} must be a function${what}, not ${shownArgument(value)}`);
  }
}

/** Throws `argumentError` unless `options` is left out (undefined) or an object. */
export function requireOptions(options: unknown, fn: string, what = "its options"): void {
  if (options !== undefined && !isRecord(options)) throw argumentError(fn, `${what} as an object`, options);
}

/**
 * A value as a message shows it: a string in quotes (`"4"`, so that it never reads as a number), a
 * number or boolean as written, a Date as its ISO time, anything else by its type.
 */
export function shownArgument(value: unknown): string {
  if (typeof value === "string") {
    const cut = value.length > MAX_SHOWN_LENGTH ? `${value.slice(0, MAX_SHOWN_LENGTH)}…` : value;
    return quote(cut);
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : value.toISOString();
  return described(value);
}

/** Milliseconds of a time from 2001-09-09 on have 13 digits: what `Date.now()` gives by mistake. */
const MILLISECONDS_LOOK = 1e12;

/**
 * `, not <value>` for a message refusing UNIX seconds (at least `min`), and the seconds it stands for
 * when it reads as milliseconds (`Date.now()` for `now`): `, not 1796649323782: milliseconds? …`.
 */
export function refusedSeconds(value: unknown, min: number): string {
  const not = `, not ${shownArgument(value)}`;
  if (typeof value !== "number" || !(Math.abs(value) >= MILLISECONDS_LOOK)) return not;
  const seconds = Math.floor(value / 1000);
  const inRange = seconds >= min && seconds <= LAST_UNIX_SECOND;
  return inRange ? `${not}: milliseconds? In seconds that is ${seconds}` : not;
}
