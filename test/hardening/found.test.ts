import { describe, expect, it } from "vitest";
import { type CompletionContext, complete } from "../../src/repl/complete.js";

/** Cases the fuzzers found, kept as plain tests. */

const CONTEXT: CompletionContext = {
  agents: [],
  departments: [],
  commands: ["help", "explain"],
  savedNames: [],
  formats: ["table", "json"],
};

describe("complete: the range it replaces never starts after the cursor", () => {
  it.each([
    [" . = pending", 0],
    ["  .he", 1],
    ["\t.explain status", 0],
  ])("%j at %i", (line, cursor) => {
    const { replaceFrom } = complete(line, cursor, CONTEXT);
    expect(replaceFrom).toBeLessThanOrEqual(cursor);
  });
});
