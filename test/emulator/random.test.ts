import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Random } from "../../src/emulator/index.js";

/** What `mask` promises, written the plain way: every item takes its chance, the first `max` chosen stay. */
function plainChoice(random: Random, count: number, max: number, p: number): number[] {
  const chosen: number[] = [];
  for (let i = 0; i < count; i++) if (random.chance(p) && chosen.length < max) chosen.push(i);
  return chosen;
}

function bitsOf(mask: number): number[] {
  return Array.from({ length: 31 }, (_, i) => i).filter((i) => (mask & (1 << i)) !== 0);
}

describe("Random.mask", () => {
  it("chooses what the plain way chooses and draws as many numbers", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 32 - 1 }),
        fc.array(
          fc.record({
            count: fc.nat({ max: 31 }),
            max: fc.nat({ max: 5 }),
            p: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { maxLength: 8 },
        ),
        (seed, calls) => {
          const random = new Random(seed);
          const plain = new Random(seed);
          for (const { count, max, p } of calls) {
            expect(bitsOf(random.mask(count, max, p))).toEqual(plainChoice(plain, count, max, p));
          }
          expect(random.next()).toBe(plain.next());
        },
      ),
    );
  });

  it.each([
    [4, 2, 1, 0b0011],
    [4, 9, 1, 0b1111],
    [31, 31, 1, 0x7fffffff],
    [2, 3, 0, 0],
    [0, 3, 1, 0],
  ])("%i items, at most %i, each with chance %d: %i", (count, max, p, mask) => {
    expect(new Random(1).mask(count, max, p)).toBe(mask);
  });
});

describe("Random.index and pick", () => {
  it("pick takes the item at the index the same draw gives", () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 32 - 1 }), fc.array(fc.string(), { minLength: 1 }), (seed, items) => {
        const index = new Random(seed).index(items.length);
        expect(index).toBeGreaterThanOrEqual(0);
        expect(index).toBeLessThan(items.length);
        expect(new Random(seed).pick(items)).toBe(items[index]);
      }),
    );
  });
});
