import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { counted, groupDigits } from "../../src/language/numbers.js";

describe("groupDigits", () => {
  it.each([
    [0, "0"],
    [7, "7"],
    [999, "999"],
    [1000, "1,000"],
    [24_100, "24,100"],
    [65_536, "65,536"],
    [1_000_000, "1,000,000"],
    [-1234, "-1,234"],
    [Number.MAX_SAFE_INTEGER, "9,007,199,254,740,991"],
    [1.5, "1.5"],
    [1e21, "1,000,000,000,000,000,000,000"],
  ])("%d", (n, expected) => {
    expect(groupDigits(n)).toBe(expected);
  });

  it("writes every number as Intl.NumberFormat('en-US') does", () => {
    const en = new Intl.NumberFormat("en-US");
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer(), fc.double({ noNaN: true })), (n) => {
        expect(groupDigits(n)).toBe(en.format(n));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("counted", () => {
  it.each<[number, string, string | undefined, string]>([
    [1, "chat", undefined, "1 chat"],
    [0, "chat", undefined, "0 chats"],
    [2_500, "chat", undefined, "2,500 chats"],
    [1_000, "row", undefined, "1,000 rows"],
    [2, "single condition", undefined, "2 single conditions"],
    [3, "entry", "entries", "3 entries"],
  ])("%d %s", (n, one, many, expected) => {
    expect(counted(n, one, many)).toBe(expected);
  });
});
