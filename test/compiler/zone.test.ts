import { describe, expect, it } from "vitest";
import { ZONE_ENGINES_KEPT, zoneEngine, zoneEnginesKept } from "../../src/compiler/zone.js";

/** The first `count` mixes of letter case of `name` (bit i of n: its i-th letter in upper case). */
function spellings(name: string, count: number): string[] {
  return Array.from({ length: count }, (_, n) => {
    let letter = 0;
    return name.replace(/[a-z]/g, (c) => (n & (1 << letter++) ? c.toUpperCase() : c));
  });
}

describe("zone engines", () => {
  it("a spelling seen before gets the engine made for it", () => {
    expect(zoneEngine("Europe/Berlin")).toBe(zoneEngine("Europe/Berlin"));
  });

  it("any number of spellings of one zone keeps at most ZONE_ENGINES_KEPT engines", () => {
    const names = spellings("europe/berlin", ZONE_ENGINES_KEPT * 3);
    expect(new Set(names).size).toBe(ZONE_ENGINES_KEPT * 3);
    const offsets = new Set(names.map((name) => zoneEngine(name).offsetAt(1_750_000_000)));
    expect([...offsets]).toEqual([7_200]);
    expect(zoneEnginesKept()).toBe(ZONE_ENGINES_KEPT);
  });
});
