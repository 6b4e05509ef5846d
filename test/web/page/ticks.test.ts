import { describe, expect, it } from "vitest";
import { niceTicks } from "../../../src/web/page/ticks.js";

describe("niceTicks: the y axis of a time series", () => {
  it.each([
    [0, [0, 1]],
    [1, [0, 1]],
    [2, [0, 1, 2]],
    [3, [0, 1, 2, 3]],
    [5, [0, 1, 2, 3, 4, 5]],
    [7, [0, 2, 4, 6, 8]],
    [10, [0, 2, 4, 6, 8, 10]],
    [11, [0, 5, 10, 15]],
    [99, [0, 20, 40, 60, 80, 100]],
    [100, [0, 20, 40, 60, 80, 100]],
    [1234, [0, 500, 1000, 1500]],
    [50_000, [0, 10_000, 20_000, 30_000, 40_000, 50_000]],
  ])("max %i: %j", (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });

  it("always reaches the maximum in at most 5 whole steps of 1, 2 or 5 times a power of ten", () => {
    for (let max = 0; max <= 3000; max++) {
      const ticks = niceTicks(max);
      const step = ticks[1]!;
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
      expect(ticks.at(-1)! - step).toBeLessThan(Math.max(max, 1));
      expect(ticks.length - 1).toBeLessThanOrEqual(5);
      expect(String(step)).toMatch(/^[125]0*$/);
    }
  });
});
