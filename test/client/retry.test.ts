import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  parseRetryAfter,
  rateLimitDelay,
  soonDelay,
  soonRetries,
} from "../../src/client/retry.js";

const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("parseRetryAfter", () => {
  it.each([
    ["120", 120_000],
    [" 3 ", 3000],
    ["0", 0],
    ["1.5", 1500],
    ["Thu, 01 Jan 2026 00:00:30 GMT", 30_000],
    ["Wed, 31 Dec 2025 23:59:00 GMT", 0],
    ["soon", undefined],
    ["-5", undefined],
    ["", undefined],
    [null, undefined],
  ])("%j → %j", (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms);
  });
});

describe("backoffDelay (full jitter)", () => {
  it.each([
    [1, 0.5, 500],
    [2, 0.5, 1000],
    [3, 0.999, 3996],
    [6, 0.5, 15_000],
    [7, 0.5, 15_000],
    [20, 0.999, 29_970],
    [3, 0, 0],
  ])("retry %i with random %d waits %i ms (base 1 s, cap 30 s)", (retry, random, ms) => {
    expect(backoffDelay(retry, 1000, 30_000, () => random)).toBe(ms);
  });
});

describe("soonDelay and soonRetries (a refused connection)", () => {
  it.each([
    [1, 200],
    [2, 500],
    [3, 1000],
    [4, 1000],
  ])("retry %i waits %i ms (base 1 s)", (retry, ms) => {
    expect(soonDelay(retry, 1000)).toBe(ms);
  });

  it.each([
    [5, 3],
    [3, 3],
    [1, 1],
    [0, 0],
  ])("%i retries allowed: %i of them", (retries, soon) => {
    expect(soonRetries(retries)).toBe(soon);
  });
});

describe("rateLimitDelay (a 429 without Retry-After)", () => {
  it.each([
    // The defaults: 5 retries share a 60 s window, doubling.
    [5, 60_000, 1000, [1936, 3871, 7742, 15_484, 30_968]],
    [1, 60_000, 1000, [60_000]],
    [3, 700, 0, [100, 200, 400]],
    // None shorter than the floor.
    [5, 310, 30, [30, 30, 40, 80, 160]],
  ])("%i retries over %i ms (at least %i each): %j", (retries, windowMs, minMs, waits) => {
    const delays = waits.map((_, i) => rateLimitDelay(i + 1, retries, windowMs, minMs));
    expect(delays).toEqual(waits);
    expect(delays.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(windowMs);
  });

  it("many retries do not overflow: the last waits half the window, the first next to nothing", () => {
    expect([rateLimitDelay(2000, 2000, 60_000, 0), rateLimitDelay(1, 2000, 60_000, 0)]).toEqual([30_000, 0]);
  });
});
