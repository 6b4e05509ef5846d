import { describe, expect, it } from "vitest";
import { check, compile, compileTraced } from "../../src/compiler/index.js";
import { bodies, NOW, options } from "./helpers.js";

const NEW = '{"field":"chats.status","operator":"=","value":"1"}';
const CLOSED = '{"field":"chats.status","operator":"=","value":"6"}';
const POOR = '{"field":"chats.rating","operator":"=","value":"poor"}';
const A1 = '{"field":"chats.assignee","operator":"=","value":1}';
const A2 = '{"field":"chats.assignee","operator":"=","value":2}';
const D1 = '{"field":"chats.department","operator":"=","value":1}';
const D2 = '{"field":"chats.department","operator":"=","value":2}';
const tag = (...names: string[]) =>
  `{"field":"chats.customer.tagsData","operator":"=","value":[${names.map((n) => `{"name":"${n}"}`).join(",")}]}`;
const MERGED = '"sort":"chats.createdAt","order":"DESC","limit":100';

describe("shapes and key order", () => {
  it.each([
    ["status = new", `[{"filter":[${NEW}]}]`],
    ["(status = new)", `[{"filter":[${NEW}]}]`],
    ["((status = new))", `[{"filter":[${NEW}]}]`],
    ["status = new and rating = poor", `[{"filter":[${NEW},${POOR}],"comparison":"AND"}]`],
    ["status = new && rating = poor", `[{"filter":[${NEW},${POOR}],"comparison":"AND"}]`],
    ["status = new or rating = poor", `[{"filter":[${NEW},${POOR}],"comparison":"OR"}]`],
    ["status = new || rating = poor", `[{"filter":[${NEW},${POOR}],"comparison":"OR"}]`],
    ["status in (new)", `[{"filter":[${NEW}]}]`],
    ["status in (new, closed,)", `[{"filter":[${NEW},${CLOSED}],"comparison":"OR"}]`],
    [
      "status = new and rating = poor sort by closedAt desc limit 500 offset 7",
      `[{"filter":[${NEW},${POOR}],"comparison":"AND","sort":"chats.closedAt","order":"DESC","limit":100,"offset":7}]`,
    ],
    [
      "offset 7 limit 3 sort by closedAt status = new",
      undefined, // a clause before the condition is a syntax error
    ],
    [
      "rating = poor and (assignee = 1 or assignee = 2)",
      `[{"filter":[${POOR},${A1}],"comparison":"AND",${MERGED}},{"filter":[${POOR},${A2}],"comparison":"AND",${MERGED}}]`,
    ],
    [
      "(assignee = 1 or assignee = 2) and (department = 1 or department = 2)",
      `[{"filter":[${A1},${D1}],"comparison":"AND",${MERGED}},{"filter":[${A1},${D2}],"comparison":"AND",${MERGED}},{"filter":[${A2},${D1}],"comparison":"AND",${MERGED}},{"filter":[${A2},${D2}],"comparison":"AND",${MERGED}}]`,
    ],
    [
      "(status = new and assignee = 1) or rating = poor or status = closed",
      `[{"filter":[${NEW},${A1}],"comparison":"AND",${MERGED}},{"filter":[${POOR},${CLOSED}],"comparison":"OR",${MERGED}}]`,
    ],
    [
      "rating = poor or (status = new and assignee = 1)",
      `[{"filter":[${NEW},${A1}],"comparison":"AND",${MERGED}},{"filter":[${POOR}],${MERGED}}]`,
    ],
    ["not (status != new or rating != poor)", `[{"filter":[${NEW},${POOR}],"comparison":"AND"}]`],
    [
      "status = new and not (rating = poor or assignee != 1)",
      `[{"filter":[${NEW},{"field":"chats.rating","operator":"!=","value":"poor"},${A1}],"comparison":"AND"}]`,
    ],
  ])("%s", (query, expected) => {
    if (expected === undefined) expect(compile(query, options()).ok).toBe(false);
    else expect(bodies(query)).toBe(expected);
  });

  it.each([
    ["(status = new and assignee = 1) or rating = poor limit 10 offset 5", 15],
    ["(status = new and assignee = 1) or rating = poor limit 200", 100],
    ["(status = new and assignee = 1) or rating = poor offset 95 limit 10", 100],
    ["(status = new and assignee = 1) or rating = poor offset 20", 100],
  ])("several bodies: %s has limit %d and no offset", (query, limit) => {
    for (const body of compile(query, options()).requests) {
      expect(body.limit).toBe(limit);
      expect(body.offset).toBeUndefined();
    }
  });

  it("several bodies carry the query's sort", () => {
    const result = compile(
      "(status = new and assignee = 1) or rating = poor sort by lastMessageAt limit 5",
      options(),
    );
    expect(result.requests.map((b) => [b.sort, b.order])).toEqual([
      ["chats.lastMessageAt", "ASC"],
      ["chats.lastMessageAt", "ASC"],
    ]);
    expect(result.plan).toMatchObject({
      merge: true,
      shape: "several",
      sort: { field: "chats.lastMessageAt", order: "ASC" },
      limit: 5,
      offset: 0,
    });
  });

  it("the plan says how results combine, and only that", () => {
    expect(compile("status = new", options()).plan).toEqual({
      bodies: [{ filter: [{ field: "chats.status", operator: "=", value: "1" }] }],
      origins: [[{ span: { start: 0, end: 12 }, spans: [{ start: 0, end: 12 }] }]],
      sort: { field: "chats.createdAt", order: "DESC" },
      offset: 0,
      limit: undefined,
      limitExplicit: false,
      merge: false,
      shape: "and",
      count: undefined,
    });
    expect(compile("", options()).plan).toMatchObject({ shape: "all", bodies: [{ filter: [] }] });
    expect(compile("status = new or rating = poor", options()).plan).toMatchObject({ shape: "or" });
    expect(compile("status = new and status = closed", options()).plan).toMatchObject({
      shape: "none",
      bodies: [],
    });
  });

  it.each([
    ["status = new", { conjunctions: 1, neverMatching: 0, absorbed: 0 }],
    ["", { conjunctions: 0, neverMatching: 0, absorbed: 0 }],
    ["status = new and status = closed", { conjunctions: 1, neverMatching: 1, absorbed: 0 }],
    [
      "status = new or (status = new and rating = poor) or status = new",
      { conjunctions: 3, neverMatching: 0, absorbed: 2 },
    ],
  ])("the trace beside the plan of %j says what the planner dropped", (query, steps) => {
    const { result, trace } = compileTraced(query, options());
    expect(result.ok).toBe(true);
    expect(trace).toEqual({ ...steps, dates: [], now: NOW, timeZone: "UTC" });
  });

  it("a failed compile has no trace", () => {
    expect(compileTraced("status = ", options()).trace).toBeUndefined();
  });

  it("maps each filter item back to its predicate", () => {
    const plan = compile(
      "(status = new and tags = A and tags = B) or tags = C or (tags = D and tags = E)",
      options(),
    ).plan!;
    expect(plan.origins).toEqual([
      [
        { span: { start: 1, end: 13 }, spans: [{ start: 1, end: 13 }] },
        { span: { start: 18, end: 26 }, spans: [{ start: 18, end: 26 }] },
        { span: { start: 31, end: 39 }, spans: [{ start: 31, end: 39 }] },
      ],
      [
        { span: { start: 44, end: 52 }, spans: [{ start: 44, end: 52 }] },
        {
          span: { start: 57, end: 65 },
          spans: [
            { start: 57, end: 65 },
            { start: 70, end: 78 },
          ],
        },
      ],
    ]);
  });
});

describe("contradictions (§7 step 4)", () => {
  it.each([
    ["status = new and status = closed", 0, 32],
    ["assignee = 1 and assignee = 2", 0, 29],
    ['email = "a" and email = "A"', 0, 27],
    ["status = new and status != new", 0, 30],
    ["status = new and not status = new", 0, 33],
    ["agents = 7 and agents != 7", 0, 26],
    ['email = "a" and email != "a"', 0, 28],
    ["createdAt > 100 and createdAt < 101", 0, 35],
    ["createdAt > 100 and createdAt <= 100", 0, 36],
    ["assignee = 5 and assignee > 5", 0, 29],
    ["assignee < 5 and assignee = 5", 0, 29],
    ["assignee >= 6 and assignee <= 5", 0, 31],
    ["createdAt = 2020-06-24 and createdAt = 2020-06-25", 0, 49],
    ["createdAt = 2020-06-24 and createdAt > 2020-06-24", 0, 49],
    ["createdAt > 2020-06-24 and createdAt < 2020-06-25", 0, 49],
    ["status in (new) and status in (closed)", 0, 38],
    ["createdAt between 200 and 100", 0, 29],
  ])("%s never matches", (query, start, end) => {
    const result = compile(query, options());
    expect(result.ok).toBe(true);
    expect(result.requests).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.span.start, d.span.end])).toEqual([
      ["never-matches", "warning", start, end],
    ]);
  });

  it.each([
    ["status != new and status != closed", 2],
    ["email ~ a and email !~ a", 2],
    ['email = "a" and email ~ "b"', 2],
    ["assignee != 5 and assignee >= 5 and assignee <= 5", 3],
    ["assignee >= 5 and assignee <= 5", 2],
    ["createdAt > 100 and createdAt < 102", 2],
    ["status = new and rating = poor", 2],
    ["agents = 1 and agents = 2", 2],
    ["tags = A and tags = B", 2],
    ["assignee = 5 and department = 6", 2],
    ["status = new and status = new", 1],
    ['email != "a" and email != "b"', 2],
  ])("%s is kept", (query, count) => {
    const result = compile(query, options());
    expect(result.diagnostics).toEqual([]);
    expect(result.requests).toHaveLength(1);
    expect(result.requests[0]!.filter).toHaveLength(count);
  });

  // Long conjunctions are judged in one pass per field rather than pairwise: the same rules.
  const padding = Array.from({ length: 14 }, (_, i) => `customer != ${i}`).join(" and ");
  it.each([
    [`${padding} and status = new and status = closed`, true],
    [`${padding} and agents = 7 and agents != 7`, true],
    [`${padding} and createdAt > 100 and createdAt < 101`, true],
    [`${padding} and assignee = 5 and assignee >= 6`, true],
    [`${padding} and customer = 3`, true],
    [`${padding} and agents = 7 and agents = 8`, false],
    [`${padding} and createdAt > 100 and createdAt < 102`, false],
    [`${padding} and customer = 99`, false],
    [`${padding} and status != new and status != closed`, false],
  ])("long: %s", (query, dropped) => {
    const result = compile(query, options());
    expect(result.requests.length).toBe(dropped ? 0 : 1);
    expect(result.diagnostics.map((d) => d.code)).toEqual(dropped ? ["never-matches"] : []);
  });

  it("removes duplicates in long conjunctions", () => {
    const result = compile(`${padding} and customer != 3 and customer != 0`, options());
    expect(result.requests[0]!.filter).toHaveLength(14);
  });

  it("drops only the impossible conjunctions and says which part", () => {
    const result = compile("(status = new or status = closed) and status = new", options());
    expect(JSON.stringify(result.requests)).toBe(`[{"filter":[${NEW}]}]`);
    expect(result.diagnostics).toEqual([
      {
        code: "never-matches",
        severity: "warning",
        message: "'status = closed' together with 'status = new' can never match",
        span: { start: 17, end: 50 },
      },
    ]);
  });

  it.each([
    [
      "status in (new, closed) and status = new",
      "'status = closed' together with 'status = new' can never match",
    ],
    ["status = new and not status = new", "'status = new' together with 'status != new' can never match"],
    [
      "createdAt between 2020-06-24 and 2020-06-20",
      "'createdAt >= 2020-06-24' together with 'createdAt <= 2020-06-20' can never match",
    ],
    ["(Status == 'new') && status = 6", "'Status = 'new'' together with 'status = 6' can never match"],
  ])("%s: says which part", (query, message) => {
    expect(compile(query, options()).diagnostics.map((d) => d.message)).toEqual([message]);
  });

  it("says the query returns nothing when every conjunction is dropped", () => {
    const [d] = compile("status = new and status = closed", options()).diagnostics;
    expect(d!.message).toBe("'status = new' together with 'status = closed' can never match");
    expect(d!.hint).toBe("the query matches no chat, so no request is sent");
  });

  it("warns once per impossible pair", () => {
    const result = compile(
      "status = new and status = closed and (rating = poor or rating = great)",
      options(),
    );
    expect(result.diagnostics.filter((d) => d.code === "never-matches")).toHaveLength(1);
  });
});

describe("duplicates and absorption (§7 step 5)", () => {
  it.each([
    ["status = new or status = new", `[{"filter":[${NEW}]}]`],
    ["status = new and status = new", `[{"filter":[${NEW}]}]`],
    ["status in (new, new, new)", `[{"filter":[${NEW}]}]`],
    [
      "(status = new and rating = poor) or (rating = poor and status = new)",
      `[{"filter":[${NEW},${POOR}],"comparison":"AND"}]`,
    ],
    ["status = new or (status = new and rating = poor)", `[{"filter":[${NEW}]}]`],
    ["(status = new and rating = poor) or status = new", `[{"filter":[${NEW}]}]`],
    [
      "(status = new and rating = poor and assignee = 1) or (status = new and rating = poor) or status = closed",
      `[{"filter":[${NEW},${POOR}],"comparison":"AND",${MERGED}},{"filter":[${CLOSED}],${MERGED}}]`,
    ],
    // [new], [new, a1], [poor, new], [poor, a1]: [new] absorbs two.
    [
      "(status = new or rating = poor) and (status = new or assignee = 1)",
      `[{"filter":[${POOR},${A1}],"comparison":"AND",${MERGED}},{"filter":[${NEW}],${MERGED}}]`,
    ],
  ])("%s", (query, expected) => {
    expect(bodies(query)).toBe(expected);
  });

  it("plans each wide OR with items of its own, whatever was planned before", () => {
    const wide = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `customer = ${from + i} or tags = "t${from + i}"`).join(" or ");
    const items = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => [
        { field: "chats.customer", operator: "=", value: from + i },
        { field: "chats.customer.tagsData", operator: "=", value: [{ name: `t${from + i}` }] },
      ]).flat();
    const first = compile(wide(0, 30), options());
    const second = compile(`(${wide(100, 2)}) and status = new`, options());
    const third = compile(wide(200, 10), options());
    expect(first.requests[0]!.filter).toEqual(items(0, 30));
    expect(second.requests.map((body) => body.filter)).toEqual(
      items(100, 2).map((item) => [item, JSON.parse(NEW)]),
    );
    expect(third.requests[0]!.filter).toEqual(items(200, 10));
  });

  it("drops the repeats of a wide OR, the first of each kept", () => {
    const ids = Array.from({ length: 40 }, (_, i) => (i * 7) % 25);
    const result = compile(ids.map((id) => `assignee = ${id}`).join(" or "), options());
    const kept = [...new Set(ids)];
    expect(result.requests[0]!.filter).toEqual(
      kept.map((id) => ({ field: "chats.assignee", operator: "=", value: id })),
    );
  });
});

describe("tag conjunctions merged (§7 step 6)", () => {
  it.each([
    [
      "status = new or (tags = VIP and tags = Paid)",
      `[{"filter":[${NEW},${tag("VIP", "Paid")}],"comparison":"OR"}]`,
    ],
    [
      'tags in ("A", "B") and tags = "C"',
      `[{"filter":[${tag("A", "C")},${tag("B", "C")}],"comparison":"OR"}]`,
    ],
    ["tags = A and tags = B", `[{"filter":[${tag("A")},${tag("B")}],"comparison":"AND"}]`],
    ["tags = A or tags = B", `[{"filter":[${tag("A")},${tag("B")}],"comparison":"OR"}]`],
    [
      "(tags = A and tags = B) or (tags = C and status = new)",
      `[{"filter":[${tag("C")},${NEW}],"comparison":"AND",${MERGED}},{"filter":[${tag("A", "B")}],${MERGED}}]`,
    ],
    ["(tags = A and tags = A) or status = new", `[{"filter":[${tag("A")},${NEW}],"comparison":"OR"}]`],
  ])("%s", (query, expected) => {
    expect(bodies(query)).toBe(expected);
  });
});

describe("plan-too-large", () => {
  const nine = "assignee in (1, 2, 3) and department in (1, 2, 3)";

  /** `tags in (…)` of `n` one-character CJK tags: 76 bytes of JSON each, from 4 characters of text. */
  const cjkTags = (n: number) =>
    `tags in (${Array.from({ length: n }, (_, i) => `"${String.fromCodePoint(0x4e00 + i)}"`).join(",")})`;
  const bytes = (body: unknown) => new TextEncoder().encode(JSON.stringify(body)).length;

  it.each([
    [13_795, 1_048_450],
    [13_797, undefined],
  ])(
    "%i tags: a body of at most 1 MiB compiles (%s bytes); a larger one is refused, on the whole query",
    (n, size) => {
      const text = cjkTags(n);
      expect(text.length).toBeLessThan(65_536);
      const result = compile(text, options());
      if (size !== undefined) {
        expect(result.ok && bytes(result.requests[0])).toBe(size);
        return;
      }
      expect(result.ok).toBe(false);
      expect(result.diagnostics).toEqual([
        {
          code: "plan-too-large",
          severity: "error",
          message: "request 1 of the query would be 1,048,602 bytes; the API reads at most 1,048,576 bytes",
          span: { start: 0, end: text.length },
          hint: "split the query: fewer values in a list, or fewer conditions, in each",
        },
      ]);
    },
  );

  it("states the count, at the condition", () => {
    const result = compile(`${nine} sort by createdAt`, options());
    expect(result.ok).toBe(false);
    expect(result.requests).toEqual([]);
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.span.start, d.span.end, d.message])).toEqual([
      ["plan-too-large", 0, nine.length, "the query needs 9 requests; the limit is 8"],
    ]);
    expect(result.diagnostics[0]!.hint).toContain("out of the parentheses");
  });

  it.each([
    "(status = new or tags = x) and (tags = y or tags = z) and (rating = poor or tags = w) and (tags = q or tags = r)",
    "not (status = new and rating = poor) and (tags = y or tags = z) and (rating = great or tags = w) and (tags = q or tags = r)",
  ])("points at the whole condition, its parentheses included: %s", (text) => {
    const result = compile(`${text} sort by createdAt`, options());
    expect(result.diagnostics.map((d) => [d.code, d.span.start, d.span.end])).toEqual([
      ["plan-too-large", 0, text.length],
    ]);
  });

  it("says how many requests it needs as data, for the caller's advice; check says the same", () => {
    const result = compile(nine, options());
    expect(result.ok ? "planned" : result.tooLarge).toEqual({ requestsNeeded: 9 });
    const checked = check(nine, options());
    expect(checked.ok ? "planned" : checked.tooLarge).toEqual({ requestsNeeded: 9 });
  });

  it.each([
    ["an error of the query", "stauts = 1"],
    ["a query that plans", nine],
  ])("has no tooLarge for %s", (_, query) => {
    const result = compile(query, options({ maxRequests: 9 }));
    expect("tooLarge" in result ? result.tooLarge : undefined).toBeUndefined();
  });

  it("is within maxRequests when raised", () => {
    expect(compile(nine, options({ maxRequests: 9 })).requests).toHaveLength(9);
  });

  it("counts bodies, not conjunctions: one OR body for many single items", () => {
    const result = compile(
      `status in (${Array.from({ length: 7 }, (_, i) => i + 1).join(", ")}) or rating = poor`,
      options({ maxRequests: 1 }),
    );
    expect(result.requests).toHaveLength(1);
  });

  it("counts after dropping the impossible", () => {
    const query = "status in (new, opened, pending) and status in (new, opened, pending) and rating = poor";
    expect(compile(query, options({ maxRequests: 3 })).requests).toHaveLength(3);
  });

  it("is refused without building when the product is huge", () => {
    const group = (f: string) => `${f} in (${Array.from({ length: 10 }, (_, i) => i + 1).join(", ")})`;
    const four = ["assignee", "department", "customer", "agents"].map(group).join(" and ");
    const refused = compile(four, options());
    expect(refused.diagnostics[0]!.message).toBe(
      "the query expands to 10,000 AND-groups before simplifying, far more than the 8 requests allowed",
    );
    // Too many to count: too large, how many unknown.
    expect(refused.ok ? "planned" : refused.tooLarge).toEqual({ requestsNeeded: undefined });
    // Counted as AND-groups, single conditions and all: 2,048 of eleven items, and 3,000 of one.
    const product = Array.from({ length: 11 }, (_, i) => `(assignee = ${i} or department = ${i})`);
    const singles = Array.from({ length: 3000 }, (_, i) => `customer = ${i}`);
    expect(
      compile(`${product.join(" and ")} or ${singles.join(" or ")}`, options()).diagnostics[0]!.message,
    ).toBe("the query expands to 5,048 AND-groups before simplifying, far more than the 8 requests allowed");
    const ten = Array.from({ length: 10 }, () => `(${group("assignee")})`).join(" and ");
    expect(compile(ten, options()).diagnostics[0]!.message).toBe(
      "the query expands to at least 1,000,000,000 AND-groups before simplifying, far more than the 8 requests allowed",
    );
  });

  it("whole-day != counts as two alternatives", () => {
    const query = "(createdAt != 2020-06-24 and status = new) or (createdAt != 2020-06-25 and status = new)";
    expect(compile(query, options({ maxRequests: 3 })).diagnostics[0]!.message).toBe(
      "the query needs 4 requests; the limit is 3",
    );
  });
});

describe("large flat queries", () => {
  it("a flat OR of 10,000 predicates is one body", () => {
    const query = Array.from({ length: 10_000 }, (_, i) => `assignee = ${i}`).join(" or ");
    const result = compile(query, options({ maxLength: Number.POSITIVE_INFINITY }));
    expect(result.requests).toHaveLength(1);
    expect(result.requests[0]!.filter).toHaveLength(10_000);
  });

  it("a flat AND of 5,000 predicates is one body", () => {
    const query = Array.from({ length: 5_000 }, (_, i) => `assignee != ${i}`).join(" and ");
    const result = compile(query, options({ maxLength: Number.POSITIVE_INFINITY }));
    expect(result.requests[0]!.filter).toHaveLength(5_000);
  });
});
