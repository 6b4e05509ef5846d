import { describe, expect, it } from "vitest";
import { runInSlices, runNow, type Work } from "../../src/emulator/slices.js";

/** Ten units of work; each records how many turns other work has had when it runs. */
function* counting(turns: () => number, seen: number[]): Work<string> {
  for (let unit = 0; unit < 10; unit++) {
    seen.push(turns());
    yield;
  }
  return "done";
}

/** Other work: takes a turn whenever the event loop lets it, until stopped. */
function otherWork(): { turns: () => number; stop: () => void } {
  let turns = 0;
  let stopped = false;
  const turn = () => {
    if (stopped) return;
    turns++;
    setImmediate(turn);
  };
  setImmediate(turn);
  return { turns: () => turns, stop: () => (stopped = true) };
}

/** A clock reading each of `times` in turn, then the last one for ever. */
function clockReading(times: readonly number[]): () => number {
  let call = 0;
  return () => times[Math.min(call++, times.length - 1)]!;
}

describe("runInSlices", () => {
  it("returns what runNow returns", async () => {
    expect(await runInSlices(counting(() => 0, []))).toBe(runNow(counting(() => 0, [])));
  });

  it("runs straight through while the clock stays within a slice", async () => {
    const clock = clockReading([1_000]);
    const other = otherWork();
    const seen: number[] = [];
    await runInSlices(counting(other.turns, seen), clock);
    other.stop();
    expect(seen).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("lets other work have a turn once a slice has run more than 10 ms", async () => {
    // The clock is read at the start and after each unit; 4 ms a unit ends a slice every third unit.
    const clock = clockReading(Array.from({ length: 40 }, (_, i) => 1_000 + 4 * i));
    const other = otherWork();
    const seen: number[] = [];
    await runInSlices(counting(other.turns, seen), clock);
    other.stop();
    const turnsGiven = seen.map((turns, unit) => (unit > 0 ? turns - seen[unit - 1]! : 0));
    expect(turnsGiven.map((t) => t > 0)).toEqual([
      false,
      false,
      false,
      true,
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
  });

  it("ends a slice when the wall clock is set back, instead of running until it catches up", async () => {
    const clock = clockReading([1_000_000, 1_000_001, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const other = otherWork();
    const seen: number[] = [];
    await runInSlices(counting(other.turns, seen), clock);
    other.stop();
    expect(seen[2]).toBeGreaterThan(seen[1]!);
    expect(seen.at(-1)).toBe(seen[2]);
  });
});
