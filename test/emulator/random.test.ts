import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Random } from "../../src/emulator/index.js";

/** What `subset` promises, written the plain way: every item takes its chance, the first `max` chosen stay. */
function plainSubset<T>(random: Random, items: readonly T[], max: number, p: number): T[] {
  const chosen: T[] = [];
  for (const item of items) if (random.chance(p) && chosen.length < max) chosen.push(item);
  return chosen;
}

describe("Random.subset", () => {
  it("chooses what the plain way chooses, draws as many numbers, and leaves nothing of one call in the next", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 32 - 1 }),
        fc.array(
          fc.record({
            items: fc.array(fc.string(), { maxLength: 12 }),
            max: fc.nat({ max: 5 }),
            p: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { maxLength: 8 },
        ),
        (seed, calls) => {
          const random = new Random(seed);
          const plain = new Random(seed);
          for (const { items, max, p } of calls) {
            const chosen = random.subset(items, max, p);
            expect(chosen).toEqual(plainSubset(plain, items, max, p));
            expect(Object.keys(chosen)).toHaveLength(chosen.length);
          }
          expect(random.next()).toBe(plain.next());
        },
      ),
    );
  });

  it.each([
    [["a", "b", "c", "d"], 2, 1, ["a", "b"]],
    [["a", "b", "c", "d"], 9, 1, ["a", "b", "c", "d"]],
    [["a", "b"], 3, 0, []],
    [[], 3, 1, []],
  ])("%j, at most %i, each with chance %d: %j", (items, max, p, chosen) => {
    expect(new Random(1).subset(items, max, p)).toEqual(chosen);
  });
});
