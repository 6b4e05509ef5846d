import { Temporal } from "temporal-polyfill";
import type { CivilDate, CivilDateTime } from "./calendar.js";
import { setZoneEngineFactory, type ZoneEngine } from "./zone.js";

/** Time zones through temporal-polyfill; importing this module installs it as the non-UTC engine. */
export function temporalEngine(timeZone: string): ZoneEngine {
  // Throws RangeError for an unknown zone, and gives the zone's canonical spelling.
  const canonical = Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone).timeZoneId;
  return {
    timeZone: canonical,
    startOfDay(d: CivilDate): number {
      const start = Temporal.PlainDate.from(d).toZonedDateTime({ timeZone: canonical });
      return Math.floor(start.epochMilliseconds / 1000);
    },
    fromWallClock(t: CivilDateTime): number {
      const zoned = Temporal.PlainDateTime.from(t).toZonedDateTime(canonical, {
        disambiguation: "compatible",
      });
      return Math.floor(zoned.epochMilliseconds / 1000);
    },
    dateOf(seconds: number): CivilDate {
      const zoned = Temporal.Instant.fromEpochMilliseconds(seconds * 1000).toZonedDateTimeISO(canonical);
      return { year: zoned.year, month: zoned.month, day: zoned.day };
    },
  };
}

setZoneEngineFactory(temporalEngine);
