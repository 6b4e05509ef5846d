import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explain } from "../../src/compiler/explain.js";
import { explanationParts, renderExplanation } from "../../src/output/explain.js";

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

Reads as: status = new or (status = new and assignee = 3) ('and' binds before 'or').
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
      `at least 2 requests: the API joins a body's filters with one AND or one OR; this query is an OR of 1 AND-group and 1 single condition, so it runs 2 requests (one per AND-group, then one request for the single condition) and merges them

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
Paging: a count without groups reads the total of the matching chats from the first page of the request, so it costs 1 request.
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

describe("renderExplanation: how a condition mixing and and or reads", () => {
  it("says it first among the facts, its and groups in parentheses", () => {
    const text = renderExplanation(
      explain("status = pending or status = opened and assignee = 3129 limit 5", { now: NOW }),
    );
    expect(text.split("\n").slice(1, 4)).toEqual([
      "",
      "Reads as: status = pending or (status = opened and assignee = 3129) ('and' binds before 'or').",
      "Order: createdAt descending (the default order), missing values last, ties by chat id ascending.",
    ]);
  });

  it("says nothing of a condition written with its parentheses", () => {
    const text = renderExplanation(
      explain("status = pending or (status = opened and assignee = 3129)", { now: NOW }),
    );
    expect(text).not.toContain("Reads as");
  });
});

describe("explanationParts: the dates", () => {
  it.each([
    [
      "createdAt between 2025-01-01 and 2025-01-01",
      [
        [
          "2025-01-01",
          [
            [18, 28],
            [33, 43],
          ],
        ],
      ],
    ],
    [
      "createdAt > today or closedAt < today or createdAt > 2025-01-01",
      [
        [
          "today",
          [
            [12, 17],
            [32, 37],
          ],
        ],
        ["2025-01-01", [[53, 63]]],
      ],
    ],
  ])(
    "%s: each date once, in the order first written, with every span it is written at",
    (query, expected) => {
      const dates = explanationParts(explain(query, { now: NOW })).flatMap((part) =>
        part.kind === "dates" ? part.dates : [],
      );
      expect(dates.map((d) => [d.source, d.spans.map((span) => [span.start, span.end])])).toEqual(expected);
      for (const d of dates) expect(query.slice(d.spans.at(-1)!.start, d.spans.at(-1)!.end)).toBe(d.source);
    },
  );

  it("prints a date written twice once", () => {
    const text = renderExplanation(explain("createdAt between 2025-01-01 and 2025-01-01", { now: NOW }));
    expect(text.split("\n").filter((line) => line.includes("= the day"))).toEqual([
      "  2025-01-01 = the day from 1735689600 (2025-01-01T00:00:00Z) to 1735776000 (2025-01-02T00:00:00Z), end excluded",
    ]);
  });
});

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
});
