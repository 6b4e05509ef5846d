import { describe, expect, expectTypeOf, it } from "vitest";
import { bodyJson, explain, isoInZone } from "../../src/compiler/explain.js";
import { compile, type PlanShape, type TooLarge } from "../../src/compiler/index.js";

const NOW = 1_750_000_000;

describe("explain: why a query costs what it does", () => {
  it.each([
    [
      "",
      "all",
      1,
      "1 request: the query has no condition, so one body with an empty filter asks for every chat",
    ],
    ["status = pending", "and", 1, "1 request: the query is a single condition"],
    [
      "status = pending and assignee = 3129",
      "and",
      1,
      "1 request: the query is one AND-group of 2 conditions, which the API joins with AND",
    ],
    [
      'email contains "@example.com" or customer = 8740723',
      "or",
      1,
      "1 request: the query is an OR of 2 single conditions, which the API joins with OR",
    ],
    [
      "status in (new, opened) and department = 12 limit 10",
      "several",
      2,
      "2 requests: the API joins a body's filters with one AND or one OR; this query is an OR of 2 AND-groups, so it runs 2 requests (one per AND-group) and merges them",
    ],
    [
      "(tags = A and tags = B) or (status = 1 and assignee = 2)",
      "several",
      2,
      "2 requests: the API joins a body's filters with one AND or one OR; this query is an OR of 1 AND-group and 1 single condition, so it runs 2 requests (one per AND-group, then one request for the single condition) and merges them",
    ],
    // A count fetches every page of each body: at least one request each; a plain count of one, exactly one.
    [
      "count by status",
      "all",
      1,
      "at least 1 request: the query has no condition, so one body with an empty filter asks for every chat",
    ],
    [
      "count",
      "all",
      1,
      "1 request: the query has no condition, so one body with an empty filter asks for every chat",
    ],
    [
      "(status = new and assignee = 1) or rating = poor count",
      "several",
      2,
      "at least 2 requests: the API joins a body's filters with one AND or one OR; this query is an OR of 1 AND-group and 1 single condition, so it runs 2 requests (one per AND-group, then one request for the single condition) and merges them",
    ],
  ])("%s", (query, shape, requests, why) => {
    const e = explain(query, { now: NOW });
    expect([e.ok, e.shape, e.requestCount, e.why]).toEqual([true, shape, requests, why]);
  });

  it.each(["status = 1", "stauts = 1"])("%s names Etc/UTC as UTC, whether it compiles or not", (query) => {
    const e = explain(query, { now: NOW, timeZone: "Etc/UTC" });
    expect([e.timeZone, e.now.iso]).toEqual(["UTC", "2025-06-15T15:06:40Z"]);
  });

  it("a query with errors explains nothing and keeps the diagnostics", () => {
    const e = explain("stauts = 1", { now: NOW });
    expect([e.ok, e.requestCount, e.why, e.diagnostics.map((d) => d.code)]).toEqual([
      false,
      0,
      "the query has errors, so it runs no request",
      ["unknown-field"],
    ]);
    expect(e.tooLarge).toBeUndefined();
  });

  it("a plan too large says why requests multiply", () => {
    const e = explain(
      "(status = 1 or status = 2 or status = 3) and (assignee = 1 or assignee = 2 or assignee = 3)",
      {
        now: NOW,
      },
    );
    expect(e.why).toBe(
      "the query needs 9 requests; the limit is 8: the API joins a body's filters with one AND or one OR, so every AND-group of the query (each 'or' inside an 'and' multiplies them) is a request of its own",
    );
    expect(e.tooLarge).toEqual({ requestsNeeded: 9 });
  });

  it("items point at the query text they come from, merged tags at each tag", () => {
    const e = explain("(tags = A and tags = B) or (status = 1 and assignee = 2)", { now: NOW });
    expect(e.requests.map((r) => [r.role, r.items.map((i) => i.source)])).toEqual([
      ["group", [["status = 1"], ["assignee = 2"]]],
      ["singles", [["tags = A", "tags = B"]]],
    ]);
  });

  it("an item under a 'not' is marked negated, its source as written", () => {
    const e = explain("not (status = 1 or rating = poor) or not status in (2, 3) or status != 4", {
      now: NOW,
    });
    expect(e.requests.map((r) => r.items.map((i) => [i.item.operator, i.source, i.negated]))).toEqual([
      [
        ["!=", ["status = 1"], true],
        ["!=", ["rating = poor"], true],
      ],
      [
        ["!=", ["status in (2, 3)"], true],
        ["!=", ["status in (2, 3)"], true],
      ],
      [["!=", ["status != 4"], false]],
    ]);
  });

  it("the bodies are exactly compile's", () => {
    const query =
      "createdAt = 2020-06-24 or (tags = A and tags = B) or status = 1 and assignee = 2 offset 150 limit 250";
    const e = explain(query, { now: NOW });
    expect(e.requests.map((r) => r.body)).toEqual(compile(query, { now: NOW }).requests);
    expect([e.offset, e.limit, e.paging]).toEqual([
      150,
      250,
      "each request fetches its first 400 chats in pages of at most 100 (offset 0, 100, 200, 300)",
    ]);
  });

  it("is JSON-serialisable and round-trips", () => {
    const e = explain("createdAt between 2020-06-01 and 2020-06-30 or rating = poor and status = closed", {
      now: NOW,
      timeZone: "America/New_York",
    });
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    expect(e.dates).toEqual([
      {
        kind: "day",
        source: "2020-06-01",
        span: { start: 18, end: 28 },
        start: 1590984000,
        end: 1591070400,
        startIso: "2020-06-01T00:00:00-04:00",
        endIso: "2020-06-02T00:00:00-04:00",
      },
      {
        kind: "day",
        source: "2020-06-30",
        span: { start: 33, end: 43 },
        start: 1593489600,
        end: 1593576000,
        startIso: "2020-06-30T00:00:00-04:00",
        endIso: "2020-07-01T00:00:00-04:00",
      },
    ]);
  });
});

describe("isoInZone", () => {
  it.each([
    [1_750_000_000, "UTC", "2025-06-15T15:06:40Z"],
    [1_750_000_000, "Asia/Kolkata", "2025-06-15T20:36:40+05:30"],
    [1_750_000_000, "America/St_Johns", "2025-06-15T12:36:40-02:30"],
    [1_711_846_800, "Europe/Berlin", "2024-03-31T03:00:00+02:00"],
    [1_711_846_799, "Europe/Berlin", "2024-03-31T01:59:59+01:00"],
    [0, "Pacific/Chatham", "1970-01-01T12:45:00+12:45"],
    // Local mean time: the wall clock to the second, the offset (+00:53:28, -04:56:02) to the minute.
    [-5_000_000_000, "Europe/Berlin", "1811-07-23T16:00:08+00:53"],
    [-5_000_000_000, "America/New_York", "1811-07-23T10:10:38-04:56"],
    [9_007_199_254_740_991, "UTC", "outside the years 1–9999"],
  ])("%i in %s", (seconds, zone, iso) => {
    expect(isoInZone(seconds, zone)).toBe(iso);
  });
});

describe("bodyJson", () => {
  it.each([
    [{ filter: [] }],
    [{ filter: [{ field: "chats.status", operator: "=" as const, value: "3" }], limit: 5 }],
  ])("%j reads back as the same body", (body) => {
    expect(JSON.parse(bodyJson(body))).toEqual(body);
  });
});

/** The request counts grammar.md gives for its examples (§7). */
describe("grammar.md's request counts", () => {
  it.each([
    ["status in (new, opened)", 1],
    ["status in (new, opened) and department = 12", 2],
    ["status = new or (tags = VIP and tags = Paid)", 1],
    ["status in (new, opened, pending) and assignee in (3129, 6668)", 6],
    ["status in (new, opened, pending, on_hold, no_communication) and assignee in (3129, 6668)", 10],
    ["status not in (closed, empty) and assignee in (3129, 6668)", 2],
    [
      "(status = new or assignee = 3129) and (status = new or department = 101) and (status = new or rating = poor)",
      2,
    ],
  ])("grammar.md: %s costs %i requests", (query, requests) => {
    expect(compile(query, { now: NOW, maxRequests: 16 }).requests).toHaveLength(requests);
  });
});

describe("an explanation is a union on ok, as compile's result is", () => {
  it("a success has its plan's shape; a failure has none, and says why it runs no request", () => {
    const explained = explain("status = pending or rating = poor", { now: NOW });
    const failed = explain("status = gone", { now: NOW });
    if (!explained.ok || failed.ok) throw new Error("expected one success and one failure");
    expectTypeOf(explained.shape).toEqualTypeOf<PlanShape>();
    expectTypeOf(explained.tooLarge).toEqualTypeOf<undefined>();
    expectTypeOf(failed.shape).toEqualTypeOf<undefined>();
    expectTypeOf(failed.tooLarge).toEqualTypeOf<TooLarge | undefined>();
    expect([explained.shape, failed.shape, failed.requests, failed.why]).toEqual([
      "or",
      undefined,
      [],
      "the query has errors, so it runs no request",
    ]);
  });
});
