import { describe, expect, it } from "vitest";
import { pageOf } from "../../src/app/query.js";
import { compile } from "../../src/compiler/index.js";

/** `.more`: the next page is the same plan (same clock, same bodies) further on. */
describe("pageOf", () => {
  const options = { now: 1_750_000_000, timeZone: "UTC", defaultLimit: 20 };

  it.each([
    ["status = new", 20, { offset: 20, limit: 20, bodyOffset: 20, bodyLimit: 20 }],
    ["status = new offset 5", 40, { offset: 45, limit: 20, bodyOffset: 45, bodyLimit: 20 }],
    ["createdAt > now - 7d", 20, { offset: 20, limit: 20, bodyOffset: 20, bodyLimit: 20 }],
  ])("%s after %i chats", (query, shown, expected) => {
    const plan = compile(query, options).plan!;
    const next = pageOf(plan, shown, 20);
    expect(next.offset).toBe(expected.offset);
    expect(next.limit).toBe(expected.limit);
    expect(next.bodies).toEqual(
      plan.bodies.map((b) => ({ ...b, offset: expected.bodyOffset, limit: expected.bodyLimit })),
    );
  });

  it("moves a merged plan's offset and keeps its bodies", () => {
    const plan = compile("status = new or (rating = poor and assignee = 5)", options).plan!;
    expect(plan.merge).toBe(true);
    const next = pageOf(plan, 20, 20);
    expect(next.bodies).toEqual(plan.bodies);
    expect(next.offset).toBe(20);
    expect(next.limit).toBe(20);
  });
});
