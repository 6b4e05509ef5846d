import { describe, expect, expectTypeOf, it } from "vitest";
import { check, compile } from "../../src/compiler/index.js";
import type { CheckedQuery, Plan } from "../../src/compiler/types.js";
import type { SearchBody } from "../../src/language/api.js";

const NOW = { now: 1_750_000_000 };

describe("compile and check answer a union on ok", () => {
  it("a query that compiles has its plan, bodies and checked query, none undefined", () => {
    const result = compile("status = new", NOW);
    if (!result.ok) throw new Error("expected ok");
    expectTypeOf(result.plan).toEqualTypeOf<Plan>();
    expectTypeOf(result.checked).toEqualTypeOf<CheckedQuery>();
    expectTypeOf(result.requests).toEqualTypeOf<readonly SearchBody[]>();
    expect(result.requests).toBe(result.plan.bodies);
    expect(JSON.stringify(result.requests)).toBe(
      '[{"filter":[{"field":"chats.status","operator":"=","value":"1"}]}]',
    );
  });

  it.each([
    ["status = pendng", undefined],
    ["status = new or", undefined],
    // checked, but more bodies than maxRequests: the planner's error keeps the checked query
    ["(status = new and rating = poor) or (status = closed and rating = great)", "checked"],
  ])("%s fails with no plan and no requests", (text, checked) => {
    const result = compile(text, { ...NOW, maxRequests: 1 });
    if (result.ok) throw new Error("expected a failure");
    expectTypeOf(result.plan).toEqualTypeOf<undefined>();
    expect(result.plan).toBeUndefined();
    expect(result.requests).toEqual([]);
    expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
    expect(result.checked === undefined ? undefined : "checked").toBe(checked);
  });

  it.each([
    ["status = new", true],
    ["status = new and status = closed", true], // never-matches is a warning
    ["status = pendng", false],
  ])("check(%s) answers as compile does", (text, ok) => {
    const checked = check(text, NOW);
    const compiled = compile(text, NOW);
    const failure = compiled.ok ? {} : { tooLarge: compiled.tooLarge, namesWanted: compiled.namesWanted };
    expect(checked).toStrictEqual({
      ok,
      diagnostics: compiled.diagnostics,
      checked: compiled.checked,
      ...failure,
    });
    if (checked.ok) expectTypeOf(checked.checked).toEqualTypeOf<CheckedQuery>();
  });
});
