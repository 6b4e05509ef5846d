import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter, soonDelay, soonRetries } from "../../src/client/retry.js";

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
