import { describe, expect, it } from "vitest";
import { pad, truncate, width } from "../../src/output/text.js";

describe("width", () => {
  it.each([
    ["abc", 3],
    ["王小明", 6],
    ["🙂", 2],
    ["👩‍👩‍👧", 2],
    ["é", 1],
  ])("%s", (input, expected) => {
    expect(width(input)).toBe(expected);
  });
});

describe("truncate", () => {
  it.each([
    ["hello world", 20, "hello world"],
    ["hello world", 11, "hello world"],
    ["hello world", 10, "hello wor…"],
    ["hello world", 7, "hello…"],
    ["王小明先生", 6, "王小…"],
    ["王小明先生", 5, "王小…"],
    ["ab🙂cd", 4, "ab…"],
    ["👩‍👩‍👧👩‍👩‍👧", 3, "👩‍👩‍👧…"],
    ["abc", 1, "…"],
    ["abc", 0, ""],
  ])("%s to %i", (input, max, expected) => {
    expect(truncate(input, max)).toBe(expected);
    expect(width(truncate(input, max))).toBeLessThanOrEqual(max);
  });
});

describe("pad", () => {
  it.each([
    ["ab", 4, false, "ab  "],
    ["ab", 4, true, "  ab"],
    ["王", 4, false, "王  "],
    ["toolong", 3, false, "toolong"],
  ])("%s to %i (right: %s)", (input, columns, right, expected) => {
    expect(pad(input, columns, right)).toBe(expected);
  });
});
