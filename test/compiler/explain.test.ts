import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bodyJson, explain, isoInZone } from "../../src/compiler/explain.js";
import { compile } from "../../src/compiler/index.js";
import { renderExplanation, wrapSentence } from "../../src/output/explain.js";

const NOW = 1_750_000_000;

describe("renderExplanation: exact text", () => {
  it.each([
    [
      "(status = pending and assignee = 3129) or rating = poor or tags = VIP",
      "UTC",
      `2 requests: the API joins a body's filters with one AND or one OR; this query is an OR of 1 AND-group and 2 single conditions, so it runs 2 requests (one per AND-group, then one OR request for the single conditions) and merges them

Order: createdAt descending (the default order), missing values last, ties by chat id ascending.
Paging: each request asks for its first 100 chats in one page (limit 100); with --all, every match of each request.
Merge: the results of the 2 requests are merged: deduplicated by chat id, ordered by createdAt descending (the default order), missing values last, ties by chat id ascending, then offset 0 and limit 100 are applied to the merged list; with --all, no limit.
Clock: now = 1750000000 (2025-06-15T15:06:40Z), time zone UTC.

Request 1 of 2 (an AND-group): POST /v1/chats/search
{
  "filter": [
    {"field":"chats.status","operator":"=","value":"3"},
    {"field":"chats.assignee","operator":"=","value":3129}
  ],
  "comparison": "AND",
  "sort": "chats.createdAt",
  "order": "DESC",
  "limit": 100
}
  filter[0] ← status = pending
  filter[1] ← assignee = 3129

Request 2 of 2 (the single conditions): POST /v1/chats/search
{
  "filter": [
    {"field":"chats.rating","operator":"=","value":"poor"},
    {"field":"chats.customer.tagsData","operator":"=","value":[{"name":"VIP"}]}
  ],
  "comparison": "OR",
  "sort": "chats.createdAt",
  "order": "DESC",
  "limit": 100
}
  filter[0] ← rating = poor
  filter[1] ← tags = VIP`,
    ],
    [
      "status = new and status = closed",
      "UTC",
      `no request: no part of the query can match, so it returns no chats without asking the API
Written as alternatives (an OR of AND-groups), the condition has 1 AND-group: 1 dropped as never matching.
Dropped: 'status = new' together with 'status = closed' can never match.

Order: createdAt descending (the default order), missing values last, ties by chat id ascending.
Paging: no request is sent.
Clock: now = 1750000000 (2025-06-15T15:06:40Z), time zone UTC.`,
    ],
    [
      "createdAt > 7d ago and closedAt < today sort by closedAt desc offset 120 limit 250",
      "Europe/Berlin",
      `1 request: the query is one AND-group of 2 conditions, which the API joins with AND

Order: closedAt descending, missing values last, ties by chat id ascending.
Paging: limit 250 is fetched in pages of at most 100 (offset 120, 220, 320).
Clock: now = 1750000000 (2025-06-15T17:06:40+02:00), time zone Europe/Berlin.
Dates:
  7d ago = 1749395200 (2025-06-08T17:06:40+02:00)
  today = the day from 1749938400 (2025-06-15T00:00:00+02:00) to 1750024800 (2025-06-16T00:00:00+02:00), end excluded

Request 1 of 1: POST /v1/chats/search
{
  "filter": [
    {"field":"chats.createdAt","operator":">","value":1749395200},
    {"field":"chats.closedAt","operator":"<","value":1749938400}
  ],
  "comparison": "AND",
  "sort": "chats.closedAt",
  "order": "DESC",
  "limit": 100,
  "offset": 120
}
  filter[0] ← createdAt > 7d ago
  filter[1] ← closedAt < today`,
    ],
    [
      "status = 1 or status = 1 and assignee = 3",
      "UTC",
      `1 request: the query is a single condition
Written as alternatives (an OR of AND-groups), the condition has 2 AND-groups: 1 dropped as redundant (another AND-group already matches all its chats).

Order: createdAt descending (the default order), missing values last, ties by chat id ascending.
Paging: no limit: one page of 100 chats; with --all, every match in pages of 100.
Clock: now = 1750000000 (2025-06-15T15:06:40Z), time zone UTC.

Request 1 of 1: POST /v1/chats/search
{
  "filter": [
    {"field":"chats.status","operator":"=","value":"1"}
  ]
}
  filter[0] ← status = 1`,
    ],
    [
      "(status = new and assignee = 1) or rating = poor count by assignee, createdAt per week limit 5",
      "UTC",
      `2 requests: the API joins a body's filters with one AND or one OR; this query is an OR of 1 AND-group and 1 single condition, so it runs 2 requests (one per AND-group, then one request for the single condition) and merges them

Count: the chats by assignee, createdAt per week, the first 5 rows kept.
Paging: a count fetches every page of each request (pages of 100 chats), so it costs at least 2 requests, and one more for each further 100 chats a request matches.
Merge: the chats of the 2 requests are deduplicated by chat id before they are counted.
Clock: now = 1750000000 (2025-06-15T15:06:40Z), time zone UTC.

Request 1 of 2 (an AND-group): POST /v1/chats/search
{
  "filter": [
    {"field":"chats.status","operator":"=","value":"1"},
    {"field":"chats.assignee","operator":"=","value":1}
  ],
  "comparison": "AND",
  "sort": "chats.createdAt",
  "order": "DESC",
  "limit": 100
}
  filter[0] ← status = new
  filter[1] ← assignee = 1

Request 2 of 2 (the single conditions): POST /v1/chats/search
{
  "filter": [
    {"field":"chats.rating","operator":"=","value":"poor"}
  ],
  "sort": "chats.createdAt",
  "order": "DESC",
  "limit": 100
}
  filter[0] ← rating = poor`,
    ],
    [
      "count",
      "UTC",
      `1 request: the query has no condition, so one body with an empty filter asks for every chat

Count: the chats matched.
Paging: a count fetches every page of the request (pages of 100 chats), so it costs at least 1 request, and one more for each further 100 chats a request matches.
Clock: now = 1750000000 (2025-06-15T15:06:40Z), time zone UTC.

Request 1 of 1: POST /v1/chats/search
{
  "filter": [],
  "limit": 100
}`,
    ],
  ])("%s (%s)", (query, timeZone, expected) => {
    expect(renderExplanation(explain(query, { now: NOW, timeZone }), { allPages: "--all" })).toBe(expected);
  });

  it("fits its sentences to a width, at spaces, and offers fetching every match only when told how", () => {
    const e = explain("(status = pending and assignee = 3129) or rating = poor", { now: NOW });
    const text = renderExplanation(e, { width: 60 });
    expect(text.split("\n{")[0]).toBe(`2 requests: the API joins a body's filters with one AND or
  one OR; this query is an OR of 1 AND-group and 1 single
  condition, so it runs 2 requests (one per AND-group, then
  one request for the single condition) and merges them

Order: createdAt descending (the default order), missing
  values last, ties by chat id ascending.
Paging: each request asks for its first 100 chats in one
  page (limit 100).
Merge: the results of the 2 requests are merged:
  deduplicated by chat id, ordered by createdAt descending
  (the default order), missing values last, ties by chat id
  ascending, then offset 0 and limit 100 are applied to the
  merged list.
Clock: now = 1750000000 (2025-06-15T15:06:40Z), time zone
  UTC.

Request 1 of 2 (an AND-group): POST /v1/chats/search`);
    // The bodies are JSON as they are, whatever the width.
    expect(text).toContain('{"field":"chats.assignee","operator":"=","value":3129}');
  });

  it.each(["a-single-word-longer-than-the-width", "short"])("wrapSentence keeps %s whole", (word) => {
    expect(wrapSentence(`${word} and more`, 10)).toBe(
      word === "short" ? "short and\n  more" : `${word}\n  and more`,
    );
  });
});

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
  ])("%s", (query, shape, requests, why) => {
    const e = explain(query, { now: NOW });
    expect([e.ok, e.shape, e.requestCount, e.why]).toEqual([true, shape, requests, why]);
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

/** The `$ hcql explain ...` blocks of the docs: their output is what explain renders (up to a `...` line). */
function explainBlocks(file: string): [string, string, string][] {
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");
  return [...text.matchAll(/```\n\$ hcql explain (.*)\n([\s\S]*?)```/g)].map(([, args, output]) => [
    file,
    args!,
    output!,
  ]);
}

describe("the docs' explain examples", () => {
  const blocks = [...explainBlocks("grammar.md"), ...explainBlocks("README.md")];

  it("there are some", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  it.each(blocks)("%s: hcql explain %s", (_, args, output) => {
    const now = /--now (\d+)/.exec(args)?.[1];
    const tz = /--tz (\S+)/.exec(args)?.[1];
    const query = /'([^']*)'$/.exec(args)![1]!;
    const explanation = explain(query, { now: Number(now ?? 0), timeZone: tz ?? "UTC" });
    const rendered = renderExplanation(explanation, { allPages: "--all" });
    const shown = output.split("\n...\n")[0]!.replace(/\n$/, "");
    expect(rendered.startsWith(shown), rendered).toBe(true);
  });

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
