import { describe, expect, it } from "vitest";
import { compile } from "../../src/compiler/index.js";
import { type CompletionContext, complete } from "../../src/editor/index.js";
import { highlight } from "../../src/repl/highlight.js";

/** Cases the fuzzers found, kept as plain tests. */

const CONTEXT: CompletionContext = {
  agents: [],
  departments: [],
  commands: {
    help: { kind: "none" },
    explain: { kind: "query" },
    format: { kind: "one-of", words: ["table", "json"] },
  },
  savedNames: [],
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

describe("a diagnostic's message quotes a long word shortened, not whole", () => {
  it.each([
    ["x × 5000", "x".repeat(5000), "unknown field 'xxxxxxxx"],
    ['status = "y × 5000"', `status = "${"y".repeat(5000)}"`, "unknown status 'yyyyyyyy"],
    ["rating = z × 3000", `rating = ${"z".repeat(3000)}`, "unknown rating 'zzzzzzzz"],
    ["stauts + q × 3000 = 1", `stauts${"q".repeat(3000)} = 1`, "unknown field 'stautsqq"],
  ])("%s", (_name, query, start) => {
    const { diagnostics } = compile(query, { now: 1_750_000_000 });
    expect(diagnostics[0]!.message.startsWith(start)).toBe(true);
    for (const { message } of diagnostics) {
      expect(message).toContain("…");
      expect(message.length).toBeLessThan(300);
    }
  });
});

describe("a text with thousands of syntax errors", () => {
  // Recovery costs per error and only 100 are reported: the parse stops early and says so.
  it.each([
    ["d × 30,000", "d ".repeat(30_000)],
    ["Z and a line break × 25,000", "Z\n".repeat(25_000)],
  ])("%s: 100 diagnostics, then at least how many more", (_name, text) => {
    const { diagnostics } = compile(text, { now: 1_750_000_000 });
    expect(diagnostics).toHaveLength(101);
    expect(diagnostics.at(-1)).toMatchObject({ code: "too-many-diagnostics" });
    expect(diagnostics.at(-1)!.message).toMatch(/^at least [\d,]+ more problems not shown$/);
    // The one parser instance is whole again for the next text.
    expect(compile("status = new", { now: 1_750_000_000 }).ok).toBe(true);
    expect(compile("status = ", { now: 1_750_000_000 }).diagnostics.map((d) => d.message)).toEqual([
      "expected a value after '='",
    ]);
  });
});

describe("complete: a word far longer than any name offers no correction (it is not compared letter by letter)", () => {
  it.each([
    ["2 × 41,482", "2".repeat(41_482)],
    ["a × 60,000", "a".repeat(60_000)],
  ])("%s", (_name, line) => {
    expect(complete(line, line.length, CONTEXT)).toEqual({ items: [], replaceFrom: 0 });
  });
});

describe("highlight: a line holding a terminal escape is shown as typed", () => {
  it.each(["\u001b\r>", "\u001b=", "status \u009b= 1"])("%j", (line) => {
    expect(highlight(line, true)).toBe(line);
  });
});
