import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { absoluteTime, relativeTime } from "../../src/output/time.js";

const NOW = 1_700_000_000;

describe("relativeTime", () => {
  it.each([
    [NOW, "just now"],
    [NOW - 44, "just now"],
    [NOW - 45, "1 min ago"],
    [NOW - 59 * 60, "59 min ago"],
    [NOW - 3 * 3600 - 59, "3 h ago"],
    [NOW - 47 * 3600, "47 h ago"],
    [NOW - 2 * 86_400, "2 d ago"],
    [NOW - 59 * 86_400, "59 d ago"],
    [NOW - 90 * 86_400, "2 mo ago"],
    [NOW - 3 * 365 * 86_400, "2 y ago"],
    [NOW + 5 * 3600, "in 5 h"],
  ])("%i", (seconds, expected) => {
    expect(relativeTime(seconds, NOW)).toBe(expected);
  });
});

describe("absoluteTime", () => {
  it.each([
    [1592962538, "UTC", "2020-06-24 01:35"],
    [1592962538, "Europe/Berlin", "2020-06-24 03:35"],
    [1592962538, "America/Los_Angeles", "2020-06-23 18:35"],
    [1592962538, "Asia/Kolkata", "2020-06-24 07:05"],
    // Midnight is 00, not 24.
    [1592956800, "UTC", "2020-06-24 00:00"],
    // Either side of the 2021-03-28 Berlin DST change (01:00 UTC).
    [1616893140, "Europe/Berlin", "2021-03-28 01:59"],
    [1616893200, "Europe/Berlin", "2021-03-28 03:00"],
  ])("%i in %s", (seconds, zone, expected) => {
    expect(absoluteTime(seconds, zone)).toBe(expected);
  });
});

describe("absoluteTime in UTC", () => {
  it.each(["UTC", "Etc/UTC", "GMT", "Etc/Universal", "Zulu"])("%s", (zone) => {
    expect(absoluteTime(1592962538, zone)).toBe("2020-06-24 01:35");
  });

  it("writes what the DateTimeFormat writes, for any second of years 1000 to 9999 and beyond", () => {
    fc.assert(
      fc.property(fc.integer({ min: -40_000_000_000, max: 260_000_000_000 }), (seconds) => {
        expect(absoluteTime(seconds, "UTC")).toBe(viaIntl("UTC", seconds));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("absoluteTime in other zones", () => {
  it("writes what the DateTimeFormat writes, local mean times and offsets in seconds included", () => {
    const zones = fc.constantFrom("Europe/Berlin", "America/St_Johns", "Asia/Kolkata", "Pacific/Chatham");
    fc.assert(
      fc.property(fc.integer({ min: -40_000_000_000, max: 260_000_000_000 }), zones, (seconds, zone) => {
        expect(absoluteTime(seconds, zone)).toBe(viaIntl(zone, seconds));
      }),
      { numRuns: 2000 },
    );
  });
});

/** The table's time as Intl.DateTimeFormat writes it. */
function viaIntl(timeZone: string, seconds: number): string {
  const intl = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const parts: Record<string, string> = {};
  for (const p of intl.formatToParts(seconds * 1000)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
