import { describe, expect, it } from "vitest";
import { compile } from "../../src/compiler/index.js";
import { COMPILE_EXAMPLES, DIAGNOSTIC_EXAMPLES, EXAMPLE_NOW } from "./examples.data.js";

/** Bodies of a several-request plan match in any order: compare them sorted by their JSON. */
function sortedJson(bodies: readonly unknown[]): string[] {
  return bodies.map((b) => JSON.stringify(b)).sort();
}

describe("the spec's compile examples", () => {
  it.each(COMPILE_EXAMPLES.map((c) => [c.query, c] as const))("%s", (_query, c) => {
    const result = compile(c.query, { now: EXAMPLE_NOW, timeZone: "UTC", ...c.options });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.ok).toBe(true);
    if (c.body !== undefined) {
      expect(result.requests).toHaveLength(1);
      // Exact keys, values and key order.
      expect(JSON.stringify(result.requests[0])).toBe(JSON.stringify(c.body));
    } else {
      expect(sortedJson(result.requests)).toEqual(sortedJson(c.bodies!));
    }
  });
});

describe("the spec's diagnostic examples", () => {
  it.each(DIAGNOSTIC_EXAMPLES.map((c) => [c.query, c] as const))("%s", (_query, c) => {
    const result = compile(c.query, { now: EXAMPLE_NOW, timeZone: "UTC" });
    for (const expected of c.expect) {
      const found = result.diagnostics.find(
        (d) =>
          d.code === expected.code &&
          (expected.anySpan === true ||
            (d.span.start === expected.span!.start && d.span.end === expected.span!.end)),
      );
      expect(found, `${expected.code} at ${JSON.stringify(expected.span)}`).toBeDefined();
      if (expected.hintMentions !== undefined) expect(found!.hint).toContain(expected.hintMentions);
    }
    expect(result.ok).toBe((c.exit ?? 1) === 0);
  });
});
