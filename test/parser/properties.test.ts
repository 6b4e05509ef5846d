import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { format, parse } from "../../src/parser/index.js";
import { anyText, query, tokenSoup } from "../support/arbitraries.js";
import { stripSpans } from "../support/tree.js";

/** Every span in a tree, wherever it sits. */
function spansOf(
  node: unknown,
  out: { start: number; end: number }[] = [],
): { start: number; end: number }[] {
  if (Array.isArray(node)) {
    for (const n of node) spansOf(n, out);
  } else if (typeof node === "object" && node !== null) {
    const record = node as Record<string, unknown>;
    if (typeof record.start === "number" && typeof record.end === "number")
      out.push(record as { start: number; end: number });
    for (const value of Object.values(record)) spansOf(value, out);
  }
  return out;
}

function expectSpansInside(text: string) {
  const { query: tree, diagnostics } = parse(text);
  for (const span of [...spansOf(tree), ...diagnostics.map((d) => d.span)]) {
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.end).toBeGreaterThanOrEqual(span.start);
    expect(span.end).toBeLessThanOrEqual(text.length);
  }
  for (const d of diagnostics) expect(d.message).not.toMatch(/undefined|NaN|\{\d\}/);
}

describe("format and parse", () => {
  it("parse(format(tree)) is the tree, apart from spans", () => {
    fc.assert(
      fc.property(query, (tree) => {
        const text = format(tree);
        const { query: parsed, diagnostics } = parse(text);
        expect(diagnostics).toEqual([]);
        expect(stripSpans(parsed)).toEqual(stripSpans(tree));
      }),
      { numRuns: 400 },
    );
  });

  it("format is idempotent", () => {
    fc.assert(
      fc.property(query, (tree) => {
        const once = format(tree);
        expect(format(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it("format is idempotent on any text that parses, and keeps its meaning", () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        const { query: tree, diagnostics } = parse(text);
        if (diagnostics.length > 0) return;
        const once = format(text);
        expect(format(once)).toBe(once);
        expect(format(parse(once).query)).toBe(format(tree));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parse never throws", () => {
  it.each([
    ["any string", fc.string({ unit: "binary", maxLength: 40 })],
    ["control characters and lone surrogates", anyText],
    ["token soup", tokenSoup],
  ])("on %s, and every span lies inside the text", (_, strings) => {
    fc.assert(
      fc.property(strings as fc.Arbitrary<string>, (text) => {
        expectSpansInside(text);
      }),
      { numRuns: 1000 },
    );
  });
});
