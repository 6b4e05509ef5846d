import { describe, expect, it } from "vitest";
import { compile, compileTraced } from "../../src/compiler/index.js";
import { isUtcZone, zoneEngine } from "../../src/compiler/zone.js";
import { items, NOW, options, problems } from "./helpers.js";

const F = "chats.createdAt";

describe("date values in UTC (now = 2025-06-15T15:06:40Z)", () => {
  it.each([
    ["createdAt > 1592962538", [[F, ">", 1592962538]]],
    ["closedAt > 0", [["chats.closedAt", ">", 0]]],
    [
      "createdAt = 2020-06-24",
      [
        [F, ">=", 1592956800],
        [F, "<", 1593043200],
      ],
    ],
    [
      "createdAt != 2020-06-24",
      [
        [F, "<", 1592956800],
        [F, ">=", 1593043200],
      ],
    ],
    ["createdAt > 2020-06-24", [[F, ">=", 1593043200]]],
    ["createdAt >= 2020-06-24", [[F, ">=", 1592956800]]],
    ["createdAt < 2020-06-24", [[F, "<", 1592956800]]],
    ["createdAt <= 2020-06-24", [[F, "<", 1593043200]]],
    [
      "createdAt = 2024-02-29",
      [
        [F, ">=", 1709164800],
        [F, "<", 1709251200],
      ],
    ],
    [
      "createdAt = 2000-02-29",
      [
        [F, ">=", 951782400],
        [F, "<", 951868800],
      ],
    ],
    [
      "createdAt = 1969-12-31",
      [
        [F, ">=", -86400],
        [F, "<", 0],
      ],
    ],
    ["createdAt > 2020-06-24T10:00", [[F, ">", 1592992800]]],
    ["createdAt > 2020-06-24T10:00:30", [[F, ">", 1592992830]]],
    ["createdAt > 2020-06-24T10:00Z", [[F, ">", 1592992800]]],
    ["createdAt > 2020-06-24t10:00z", [[F, ">", 1592992800]]],
    ["createdAt > 2020-06-24T10:00+02:00", [[F, ">", 1592985600]]],
    ["createdAt > 2020-06-24T10:00-05:30", [[F, ">", 1593012600]]],
    ["createdAt > now", [[F, ">", NOW]]],
    ["createdAt > NOW", [[F, ">", NOW]]],
    ["createdAt > now - 7d", [[F, ">", 1749395200]]],
    ["createdAt > now + 1h", [[F, ">", 1750003600]]],
    ["createdAt > 7d ago", [[F, ">", 1749395200]]],
    ["createdAt > -7d", [[F, ">", 1749395200]]],
    ["createdAt > 30m ago", [[F, ">", 1749998200]]],
    ["createdAt > 10s ago", [[F, ">", 1749999990]]],
    ["createdAt > 2w ago", [[F, ">", 1748790400]]],
    [
      "createdAt = today",
      [
        [F, ">=", 1749945600],
        [F, "<", 1750032000],
      ],
    ],
    [
      "createdAt = Yesterday",
      [
        [F, ">=", 1749859200],
        [F, "<", 1749945600],
      ],
    ],
    ["createdAt > today", [[F, ">=", 1750032000]]],
    ["createdAt > today - 7d", [[F, ">", 1749340800]]],
    ["createdAt < yesterday + 12h", [[F, "<", 1749902400]]],
    [
      "updatedAt between 2020-06-01 and 2020-06-30",
      [
        ["chats.updatedAt", ">=", 1590969600],
        ["chats.updatedAt", "<", 1593561600],
      ],
    ],
    [
      "createdAt between 1 and 2",
      [
        [F, ">=", 1],
        [F, "<=", 2],
      ],
    ],
    [
      "createdAt not between 2020-06-01 and 2020-06-30",
      [
        [F, "<", 1590969600],
        [F, ">=", 1593561600],
      ],
    ],
  ])("%s", (query, expected) => {
    expect(items(query)).toEqual(expected);
  });

  it("a whole day = becomes one AND body, != one OR body", () => {
    const eq = compile("createdAt = 2020-06-24", options()).requests[0]!;
    const ne = compile("createdAt != 2020-06-24", options()).requests[0]!;
    expect(eq.comparison).toBe("AND");
    expect(ne.comparison).toBe("OR");
  });

  it.each([
    ["createdAt = 2021-02-30", 12, 22],
    ["createdAt = 2023-02-29", 12, 22],
    ["createdAt = 1900-02-29", 12, 22],
    ["createdAt = 2021-13-01", 12, 22],
    ["createdAt = 2021-00-10", 12, 22],
    ["createdAt = 2021-04-31", 12, 22],
    ["createdAt > 2021-01-01T25:00", 12, 28],
    ["createdAt > 2021-01-01T10:60", 12, 28],
    ["createdAt > 2021-01-01T10:00:60", 12, 31],
    ["createdAt > 2021-02-30T10:00Z", 12, 29],
    ['createdAt > "2020-06-24"', 12, 24],
    ['createdAt > "yesterday"', 12, 23],
    ["createdAt > tomorrow", 12, 20],
    ["createdAt > tomorrow - 1d", 12, 20],
    ["createdAt > 99999999999999999999d ago", 12, 33],
    ["createdAt > 9007199254740992", 12, 28],
  ])("%s is invalid-value", (query, start, end) => {
    expect(problems(query)).toEqual([["invalid-value", start, end]]);
  });

  it("says why a date is impossible", () => {
    expect(compile("createdAt = 2021-02-30", options()).diagnostics[0]!.message).toBe(
      "'2021-02-30' is not a valid date: February 2021 has 28 days",
    );
    expect(compile("createdAt = 2021-13-01", options()).diagnostics[0]!.message).toContain("month 13");
    expect(compile("createdAt > 2021-01-01T25:00", options()).diagnostics[0]!.message).toContain("hour 25");
  });

  it("records every date value for explain, in source order", () => {
    const { trace } = compileTraced("createdAt = 2020-06-24 or closedAt > 7d ago", options());
    expect(trace?.dates).toEqual([
      { kind: "day", span: { start: 12, end: 22 }, start: 1592956800, end: 1593043200 },
      { kind: "instant", span: { start: 37, end: 43 }, seconds: 1749395200 },
    ]);
  });
});

describe("time zones", () => {
  it.each([
    // Berlin: 2024-03-31 has 23 hours, 2024-10-27 has 25.
    ["Europe/Berlin", "2024-03-31", 1711839600, 1711922400, 23],
    ["Europe/Berlin", "2024-10-27", 1729980000, 1730070000, 25],
    ["Europe/Berlin", "2024-06-01", 1717192800, 1717279200, 24],
    // New York: 2024-03-10 has 23 hours, 2024-11-03 has 25.
    ["America/New_York", "2024-03-10", 1710046800, 1710129600, 23],
    ["America/New_York", "2024-11-03", 1730606400, 1730696400, 25],
  ])("%s %s", (timeZone, date, start, end, hours) => {
    expect(items(`createdAt = ${date}`, { timeZone })).toEqual([
      [F, ">=", start],
      [F, "<", end],
    ]);
    expect((end - start) / 3600).toBe(hours);
  });

  it.each([
    // A wall-clock time a DST change skips resolves later, one it repeats resolves to the earlier.
    ["Europe/Berlin", "2024-03-31T02:30", 1711848600],
    ["Europe/Berlin", "2024-10-27T02:30", 1729989000],
    ["America/New_York", "2024-03-10T02:30", 1710055800],
    ["America/New_York", "2024-11-03T01:30", 1730611800],
    ["Europe/Berlin", "2024-06-01T12:00", 1717236000],
    ["Europe/Berlin", "2024-06-01T12:00Z", 1717243200],
    ["Europe/Berlin", "2024-06-01T12:00+05:00", 1717225200],
  ])("%s %s", (timeZone, datetime, seconds) => {
    expect(items(`createdAt > ${datetime}`, { timeZone })).toEqual([[F, ">", seconds]]);
  });

  it.each([
    ["Europe/Berlin", NOW, 1749938400, 1750024800],
    ["America/New_York", NOW, 1749960000, 1750046400],
    // 2025-06-15T23:30Z is already June 16 in Berlin.
    ["Europe/Berlin", 1750030200, 1750024800, 1750111200],
    // 15:06Z is already June 16 in Tokyo.
    ["Asia/Tokyo", NOW, 1749999600, 1750086000],
  ])("today in %s at %d", (timeZone, now, start, end) => {
    expect(items("createdAt = today", { timeZone, now })).toEqual([
      [F, ">=", start],
      [F, "<", end],
    ]);
  });

  it("takes the zone from the example", () => {
    expect(items("createdAt >= 2020-06-24", { timeZone: "Europe/Berlin" })).toEqual([[F, ">=", 1592949600]]);
  });

  it("instants with an offset and UNIX seconds ignore the zone", () => {
    expect(
      items("createdAt > 1592962538 or closedAt > 2020-06-24T10:00Z", { timeZone: "Asia/Tokyo" }),
    ).toEqual([
      [F, ">", 1592962538],
      ["chats.closedAt", ">", 1592992800],
    ]);
  });

  it.each(["UTC", "utc", "Etc/UTC", "GMT", "Etc/Universal", "Zulu"])("%s is UTC without Temporal", (zone) => {
    expect(isUtcZone(zone)).toBe(true);
    expect(zoneEngine(zone).timeZone).toBe("UTC");
  });

  it.each(["Mars/Base", "Europe/Berlinn", "+25:00"])("%s throws RangeError", (timeZone) => {
    expect(() => compile("status = new", options({ timeZone }))).toThrow(RangeError);
  });

  it("reports the zone used in the trace, and in a count's plan (its buckets)", () => {
    expect(compileTraced("status = new", options({ timeZone: "europe/berlin" })).trace?.timeZone).toBe(
      "Europe/Berlin",
    );
    const counted = compile("count by createdAt per day", options({ timeZone: "europe/berlin" }));
    expect(counted.plan?.count?.timeZone).toBe("Europe/Berlin");
  });
});
