import {
  type CivilDate,
  type CivilDateTime,
  civilFromDays,
  daysFromCivil,
  SECONDS_PER_DAY,
  utcSeconds,
} from "./calendar.js";

/**
 * What the compiler needs of a time zone. The UTC engine is plain arithmetic (no offsets); every
 * other zone reads the platform's Intl.DateTimeFormat, so no zone needs anything loaded first.
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

/**
 * The engines made lately, by the name as written. Names are case-insensitive, so a server compiling
 * for its clients could be sent endless spellings of one zone: the oldest engine goes past this many.
 */
export const ZONE_ENGINES_KEPT = 64;
const engines = new Map<string, ZoneEngine>();

/** The engine of a zone; an unknown zone throws a RangeError. */
export function zoneEngine(timeZone: string): ZoneEngine {
  if (timeZone === "UTC" || isUtcZone(timeZone)) return UTC_ENGINE;
  const known = engines.get(timeZone);
  if (known !== undefined) return known;
  const engine = intlEngine(timeZone);
  if (engines.size >= ZONE_ENGINES_KEPT) engines.delete(engines.keys().next().value as string);
  engines.set(timeZone, engine);
  return engine;
}

/** How many zone engines are kept (for tests of the bound). */
export function zoneEnginesKept(): number {
  return engines.size;
}

/** The wall clock of a zone at an instant (whole seconds): what a clock there shows. */
export function wallClockAt(seconds: number, timeZone: string): CivilDateTime {
  const wall = Math.floor(seconds) + zoneEngine(timeZone).offsetAt(seconds);
  const days = Math.floor(wall / SECONDS_PER_DAY);
  const time = wall - days * SECONDS_PER_DAY;
  const hour = Math.floor(time / 3600);
  const minute = Math.floor((time - hour * 3600) / 60);
  return { ...civilFromDays(days), hour, minute, second: time - hour * 3600 - minute * 60 };
}

/**
 * A zone through the platform's Intl.DateTimeFormat, which carries the IANA database in Node and in
 * every browser: the offset at an instant is its wall clock read back as if it were UTC. Wall-clock
 * times map back through the offsets a day either side, so that gaps and overlaps resolve as
 * Temporal's "compatible" does (test/compiler/zone.property.test.ts holds it to temporal-polyfill).
 */
function intlEngine(timeZone: string): ZoneEngine {
  // Throws a RangeError for a name the database does not know.
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    era: "short",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  const wallAt = (seconds: number): number => wallClockSeconds(format, seconds);
  const offsetAt = (seconds: number): number => wallAt(Math.floor(seconds)) - Math.floor(seconds);
  const fromWallClock = (t: CivilDateTime): number => {
    const wall = utcSeconds(t);
    const before = offsetAt(wall - SECONDS_PER_DAY);
    const after = offsetAt(wall + SECONDS_PER_DAY);
    const instants = [before, after, offsetAt(wall - before)]
      .map((offset) => wall - offset)
      .filter((instant) => wallAt(instant) === wall);
    // An overlap reads the wall clock twice: the earlier; a gap never: pushed forward by the gap.
    return instants.length > 0 ? Math.min(...instants) : wall - before;
  };
  return {
    timeZone: spelling(timeZone, format.resolvedOptions().timeZone),
    startOfDay(d: CivilDate): number {
      const midnight = daysFromCivil(d.year, d.month, d.day) * SECONDS_PER_DAY;
      const instant = fromWallClock({ ...d, hour: 0, minute: 0, second: 0 });
      if (wallAt(instant) === midnight) return instant;
      // Midnight falls in a gap: the day starts at the change, the first instant it reads that day.
      return firstInstantReading(wallAt, midnight, instant - SECONDS_PER_DAY, instant);
    },
    fromWallClock,
    dateOf: (seconds) => civilFromDays(Math.floor(wallAt(Math.floor(seconds)) / SECONDS_PER_DAY)),
    offsetAt,
  };
}

/** The wall clock of a zone at an instant (whole seconds), as the UTC seconds showing the same digits. */
function wallClockSeconds(format: Intl.DateTimeFormat, seconds: number): number {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let beforeChrist = false;
  for (const part of format.formatToParts(seconds * 1000)) {
    if (part.type === "era") beforeChrist = part.value === "BC";
    else if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return utcSeconds({ ...fields, year: beforeChrist ? 1 - fields.year : fields.year });
}

/** The first instant in (`low`, `high`] whose wall clock reads `wall` or later (it does at `high`). */
function firstInstantReading(
  wallAt: (seconds: number) => number,
  wall: number,
  low: number,
  high: number,
): number {
  let [lo, hi] = [low, high];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallAt(mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The name an engine reports: the database's own spelling when the name is one of its canonical
 * ones in other capitals; a link (`US/Eastern`, `Europe/Kyiv` where the database still says Kiev)
 * keeps the name as given, as Temporal does, rather than turning into the zone it points to.
 */
function spelling(asked: string, resolved: string): string {
  return asked.toLowerCase() === resolved.toLowerCase() ? resolved : asked;
}
