import { describe, expect, it } from "vitest";
import { ItemKeys, releasePlanStores, SMALL } from "../../../src/compiler/plan/dnf.js";

describe("ItemKeys", () => {
  it.each([0, 20, 5000])(
    "numbers keys 0, 1, 2... in first-seen order, equal items alike, past the short list too (%i expected)",
    (expected) => {
      const keys = new ItemKeys(expected);
      const seen: number[] = [];
      for (let i = 0; i < 3000; i++) seen.push(keys.key(i % 4, "=", i % 4 === 1 ? `user${i}` : i));
      expect(seen).toEqual(Array.from({ length: 3000 }, (_, i) => i));
      for (let i = 2999; i >= 0; i--) expect(keys.key(i % 4, "=", i % 4 === 1 ? `user${i}` : i)).toBe(i);
      expect(keys.size).toBe(3000);
    },
  );

  it("tells field, operator, and a number from the string of its digits apart; 0 and -0 are one value", () => {
    const keys = new ItemKeys();
    for (let i = 0; i < SMALL; i++) keys.key(9, "~", `pad${i}`); // past the short list
    const found = [
      keys.key(0, "=", 1),
      keys.key(0, "=", "1"),
      keys.key(1, "=", 1),
      keys.key(0, "!=", 1),
      keys.key(0, "=", 0),
      keys.key(0, "=", -0),
      keys.key(0, "=", 2 ** 40),
      keys.key(0, "=", 2 ** 40 + 1),
      keys.key(0, "=", 1),
      keys.key(0, "=", "1"),
    ];
    const first = SMALL;
    expect(found).toEqual([
      first,
      first + 1,
      first + 2,
      first + 3,
      first + 4,
      first + 4,
      first + 5,
      first + 6,
      first,
      first + 1,
    ]);
  });

  it("keeps its keys after a very large store is let go of between plans", () => {
    const keys = new ItemKeys(40_000);
    for (let i = 0; i < 40_000; i++) keys.key(3, "=", i);
    releasePlanStores();
    const small = new ItemKeys();
    for (let i = 0; i < 20; i++) expect(small.key(3, "=", `v${i}`)).toBe(i);
    expect(keys.key(3, "=", 39_999)).toBe(39_999);
    expect(keys.key(3, "=", -1)).toBe(40_000);
    expect(small.key(3, "=", "v7")).toBe(7);
  });

  it("keeps its keys while another one hashes in between", () => {
    const a = new ItemKeys();
    const b = new ItemKeys();
    for (let i = 0; i < 100; i++) expect(a.key(2, "<", i * 7)).toBe(i);
    for (let i = 0; i < 200; i++) expect(b.key(2, "<", i * 7 + 1)).toBe(i);
    for (let i = 0; i < 100; i++) expect(a.key(2, "<", i * 7)).toBe(i);
    expect(a.key(2, "<", 1)).toBe(100);
    expect(b.key(2, "<", 0)).toBe(200);
  });
});
