import { describe, expect, it } from "vitest";
import { dateBuckets } from "../../src/compiler/buckets.js";
import { zoneEngine } from "../../src/compiler/zone.js";
import type { CountUnit } from "../../src/language/values.js";

/** The labels of the buckets from the one holding `from` to the one holding `to`, stepping with `next`. */
function labels(unit: CountUnit, zone: string, from: number, to: number): string[] {
  const buckets = dateBuckets(unit, zoneEngine(zone));
  const out: string[] = [];
  const last = buckets.ordinalOf(to);
  for (let b = buckets.ordinalOf(from); b <= last; b = buckets.next(b)) out.push(buckets.label(b));
  return out;
}

describe("date buckets of count by (§10)", () => {
  it.each<[CountUnit, string, number, string]>([
    ["hour", "UTC", 1_593_000_000, "2020-06-24T12:00+00:00"],
    ["hour", "Asia/Kolkata", 1_593_000_000, "2020-06-24T17:00+05:30"],
    ["day", "UTC", 1_593_000_000, "2020-06-24"],
    ["day", "America/New_York", 1_592_970_000, "2020-06-23"],
    ["week", "UTC", 1_593_000_000, "2020-06-22"],
    ["week", "UTC", 1_592_697_600, "2020-06-15"], // a Sunday belongs to the week of the Monday before
    ["month", "Europe/Berlin", 1_593_561_600, "2020-07"], // 2020-07-01T00:00Z is July in Berlin
    ["month", "America/New_York", 1_593_561_600, "2020-06"],
    ["year", "Pacific/Auckland", 1_609_452_000, "2021"], // 2020-12-31T22:00Z
  ])("%s in %s of %i is %s", (unit, zone, seconds, expected) => {
    const buckets = dateBuckets(unit, zoneEngine(zone));
    expect(buckets.label(buckets.ordinalOf(seconds))).toBe(expected);
  });

  it("counts the repeated hour of a fall-back as two real hours", () => {
    // Berlin, 2025-10-26: 03:00 CEST becomes 02:00 CET.
    expect(labels("hour", "Europe/Berlin", 1_761_434_000, 1_761_444_000)).toEqual([
      "2025-10-26T01:00+02:00",
      "2025-10-26T02:00+02:00",
      "2025-10-26T02:00+01:00",
      "2025-10-26T03:00+01:00",
    ]);
  });

  it("skips the hour a spring-forward leaves out", () => {
    // Berlin, 2025-03-30: 02:00 CET becomes 03:00 CEST.
    expect(labels("hour", "Europe/Berlin", 1_743_292_800, 1_743_300_000)).toEqual([
      "2025-03-30T01:00+01:00",
      "2025-03-30T03:00+02:00",
      "2025-03-30T04:00+02:00",
    ]);
  });

  it("steps over days of 23 and 25 hours by the calendar", () => {
    expect(labels("day", "Europe/Berlin", 1_743_200_000, 1_743_400_000)).toEqual([
      "2025-03-28",
      "2025-03-29",
      "2025-03-30",
      "2025-03-31",
    ]);
    expect(labels("week", "UTC", 1_592_697_600, 1_593_561_600)).toEqual([
      "2020-06-15",
      "2020-06-22",
      "2020-06-29",
    ]);
    expect(labels("month", "UTC", 1_572_566_400, 1_583_020_800)).toEqual([
      "2019-11",
      "2019-12",
      "2020-01",
      "2020-02",
      "2020-03",
    ]);
  });
});
