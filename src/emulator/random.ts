import { shownArgument } from "../language/index.js";

/** The largest seed: the generator's state is 32 bits, so a larger one would repeat a smaller one's data. */
export const MAX_SEED = 2 ** 32 - 1;

/** A seed option (`seed`, `faultSeed`): an integer from 0 to MAX_SEED, else a RangeError naming it. */
export function checkSeed(name: string, seed: unknown): number {
  if (!(Number.isInteger(seed) && (seed as number) >= 0 && (seed as number) <= MAX_SEED)) {
    throw new RangeError(`${name} must be an integer from 0 to ${MAX_SEED}, not ${shownArgument(seed)}`);
  }
  return seed as number;
}

/** A small seeded PRNG (mulberry32): the emulator's data and faults never use Math.random. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An index of a list of `count` items: an integer in [0, count). */
  index(count: number): number {
    return Math.floor(this.next() * count);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.index(items.length)]!;
  }

  // weighted and mask run for every generated chat, before the shell's first demo answer: indexed
  // loops, no destructuring or closures, allocate nothing (bench row `repl-first-search`).

  /** Picks by weight: `weighted([["a", 3], ["b", 1]])` gives "a" three times as often. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (let i = 0; i < items.length; i++) total += items[i]![1];
    let roll = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      const entry = items[i]!;
      roll -= entry[1];
      if (roll < 0) return entry[0];
    }
    return items[items.length - 1]![0];
  }

  /**
   * Up to `max` of `count` items, as a bit for each chosen (bit i for item i): every item takes its
   * chance, chosen or not, and the first `max` to win are chosen. `count` is at most 31.
   */
  mask(count: number, max: number, p: number): number {
    let mask = 0;
    let chosen = 0;
    for (let i = 0; i < count; i++) {
      if (this.chance(p) && chosen < max) {
        mask |= 1 << i;
        chosen++;
      }
    }
    return mask;
  }
}
