import {
  type CivilDate,
  type CivilDateTime,
  civilFromDays,
  daysFromCivil,
  SECONDS_PER_DAY,
  utcSeconds,
} from "./calendar.js";

/**
 * What the compiler needs of a time zone. The UTC engine is built in (plain arithmetic, no
 * offsets); every other zone goes through temporal-polyfill (`zone-temporal.ts`), which is loaded
 * only when a non-UTC zone is used: `src/index.ts` imports it statically, the CLI with
 * `await loadTimeZoneSupport()`.
 */
export interface ZoneEngine {
  /** The zone's IANA name as the engine knows it. */
  readonly timeZone: string;
  /** UNIX seconds of the first instant of a calendar day in the zone. */
  startOfDay(date: CivilDate): number;
  /** UNIX seconds of a wall-clock time in the zone; gaps and overlaps resolve like Temporal's "compatible". */
  fromWallClock(time: CivilDateTime): number;
  /** The calendar day in the zone that holds an instant. */
  dateOf(seconds: number): CivilDate;
  /** The zone's offset from UTC at an instant, in seconds east (3600 for +01:00). */
  offsetAt(seconds: number): number;
}

export const UTC_ENGINE: ZoneEngine = {
  timeZone: "UTC",
  startOfDay: (d) => daysFromCivil(d.year, d.month, d.day) * SECONDS_PER_DAY,
  fromWallClock: utcSeconds,
  dateOf: (seconds) => civilFromDays(Math.floor(seconds / SECONDS_PER_DAY)),
  offsetAt: () => 0,
};

/** IANA names that are UTC itself (links to Etc/UTC), compared lower-case. */
const UTC_NAMES: ReadonlySet<string> = new Set([
  "utc",
  "etc/utc",
  "etc/uct",
  "uct",
  "etc/universal",
  "universal",
  "etc/zulu",
  "zulu",
  "gmt",
  "etc/gmt",
  "etc/gmt0",
  "etc/gmt+0",
  "etc/gmt-0",
  "gmt0",
  "gmt+0",
  "gmt-0",
  "etc/greenwich",
  "greenwich",
]);

/** Whether a zone name is UTC, so that it needs no time zone support. */
export function isUtcZone(timeZone: string): boolean {
  return UTC_NAMES.has(timeZone.toLowerCase());
}

type ZoneEngineFactory = (timeZone: string) => ZoneEngine;
let factory: ZoneEngineFactory | undefined;
const engines = new Map<string, ZoneEngine>();

/** Installs the engine of non-UTC zones (called by `zone-temporal.ts` when it loads). */
export function setZoneEngineFactory(create: ZoneEngineFactory): void {
  factory = create;
}

/**
 * The engine of a zone. An unknown zone throws a RangeError; a non-UTC zone before time zone
 * support is loaded throws an Error saying to load it.
 */
export function zoneEngine(timeZone: string): ZoneEngine {
  if (timeZone === "UTC" || isUtcZone(timeZone)) return UTC_ENGINE;
  const known = engines.get(timeZone);
  if (known !== undefined) return known;
  if (factory === undefined) {
    throw new Error(
      `time zone support is not loaded: import hcql's main entry or await loadTimeZoneSupport() before using '${timeZone}'`,
    );
  }
  const engine = factory(timeZone);
  engines.set(timeZone, engine);
  return engine;
}

/** Loads temporal-polyfill for non-UTC zones; a no-op once loaded. */
export async function loadTimeZoneSupport(): Promise<void> {
  if (factory === undefined) await import("./zone-temporal.js");
}
