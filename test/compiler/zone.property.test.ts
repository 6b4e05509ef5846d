import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { zoneEngine } from "../../src/compiler/zone.js";

/**
 * The zone engine reads Intl.DateTimeFormat; temporal-polyfill is the independent reference it must
 * agree with on every zone the platform knows: offsets, calendar days, wall-clock times in gaps and
 * overlaps ("compatible"), and the first instant of a day (also when midnight is skipped).
 */

const RUNS = { numRuns: Number(process.env.HCQL_FUZZ_RUNS ?? 300) };
const ZONES = Intl.supportedValuesOf("timeZone");
const zone = fc.constantFrom(...ZONES);
// 1900–2100: the database's modern rules and its early local mean times alike.
const instant = fc.integer({ min: -2_208_988_800, max: 4_102_444_800 });
const civil = fc.record({
  year: fc.integer({ min: 1900, max: 2100 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
});

const zoned = (seconds: number, timeZone: string) =>
  Temporal.Instant.fromEpochMilliseconds(seconds * 1000).toZonedDateTimeISO(timeZone);
const seconds = (z: Temporal.ZonedDateTime) => Math.floor(z.epochMilliseconds / 1000);

/** Every change of offset of a zone in 1900–2100, as [the instant, the zone]. */
function transitions(timeZone: string): [number, string][] {
  const found: [number, string][] = [];
  let at: Temporal.ZonedDateTime | null = zoned(-2_208_988_800, timeZone);
  while (at !== null && at.epochMilliseconds < 4_102_444_800_000) {
    at = at.getTimeZoneTransition("next");
    if (at !== null) found.push([seconds(at), timeZone]);
  }
  return found;
}

describe("the zone engine agrees with Temporal", () => {
  it("on the offset and the calendar day of any instant", () => {
    fc.assert(
      fc.property(zone, instant, (timeZone, at) => {
        const engine = zoneEngine(timeZone);
        const reference = zoned(at, timeZone);
        expect(engine.offsetAt(at)).toBe(reference.offsetNanoseconds / 1e9);
        expect(engine.dateOf(at)).toEqual({
          year: reference.year,
          month: reference.month,
          day: reference.day,
        });
      }),
      RUNS,
    );
  });

  it("on wall-clock times and the start of days", () => {
    fc.assert(
      fc.property(zone, civil, (timeZone, t) => {
        const engine = zoneEngine(timeZone);
        const wall = Temporal.PlainDateTime.from(t).toZonedDateTime(timeZone, {
          disambiguation: "compatible",
        });
        expect(engine.fromWallClock(t)).toBe(seconds(wall));
        const day = Temporal.PlainDate.from(t).toZonedDateTime({ timeZone });
        expect(engine.startOfDay(t)).toBe(seconds(day));
      }),
      RUNS,
    );
  });

  // Random times rarely land in a gap or an overlap: these stand just around every change of offset.
  const changes = fc.constantFrom(
    ...[
      "Europe/Berlin",
      "America/Sao_Paulo",
      "America/Havana",
      "Asia/Beirut",
      "Australia/Lord_Howe",
      "America/St_Johns",
      "Pacific/Apia",
      "Africa/Cairo",
      "America/Toronto",
    ].flatMap(transitions),
  );

  it("around changes of offset: gaps, overlaps, and days that start after midnight", () => {
    fc.assert(
      fc.property(changes, fc.integer({ min: -3 * 3600, max: 3 * 3600 }), ([at, timeZone], shift) => {
        const engine = zoneEngine(timeZone);
        const offsets = [at - 1, at].map((s) => zoned(s, timeZone).offsetNanoseconds / 1e9);
        expect([at - 1, at].map((s) => engine.offsetAt(s))).toEqual(offsets);
        // The digits near the change read with the offset before it and with the one after: one of
        // them lies in the gap or stands twice in the overlap.
        for (const offset of offsets) {
          const digits = zoned(at + shift + offset, "UTC");
          const wall = {
            year: digits.year,
            month: digits.month,
            day: digits.day,
            hour: digits.hour,
            minute: digits.minute,
            second: digits.second,
          };
          const reference = Temporal.PlainDateTime.from(wall).toZonedDateTime(timeZone, {
            disambiguation: "compatible",
          });
          expect(engine.fromWallClock(wall)).toBe(seconds(reference));
          const day = Temporal.PlainDate.from(wall).toZonedDateTime({ timeZone });
          expect(engine.startOfDay(wall)).toBe(seconds(day));
        }
      }),
      { numRuns: RUNS.numRuns * 2 },
    );
  });

  // Toronto moved its clocks from 23:30 to 00:30 on the night of 1919-03-30: 31 March began at 00:30.
  it("starts a day whose midnight was skipped at the change", () => {
    const day = { year: 1919, month: 3, day: 31 };
    expect(zoneEngine("America/Toronto").startOfDay(day)).toBe(-1601753400);
    expect(seconds(Temporal.PlainDate.from(day).toZonedDateTime({ timeZone: "America/Toronto" }))).toBe(
      -1601753400,
    );
  });

  it.each([
    ["europe/berlin", "Europe/Berlin"],
    ["AMERICA/NEW_YORK", "America/New_York"],
    ["US/Eastern", "US/Eastern"],
  ])("names %s as %s", (asked, name) => {
    expect(zoneEngine(asked).timeZone).toBe(name);
  });

  it.each(["Mars/Olympus", "Europe/", ""])("refuses %j with a RangeError", (asked) => {
    expect(() => zoneEngine(asked)).toThrow(RangeError);
  });
});
