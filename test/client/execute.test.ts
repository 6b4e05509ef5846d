import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chatOrder,
  type ExecuteProgress,
  executePlan,
  failedBodyOf,
  mergedTotal,
  mergeResults,
  partialResultOf,
  rejectionDiagnostics,
} from "../../src/client/execute.js";
import { createClient, type HelpCrunchClient, HelpCrunchError } from "../../src/client/index.js";
import { type ChatRecord, type Emulator, startEmulator } from "../../src/emulator/index.js";
import type { Chat, SearchBody, SortOrder } from "../../src/language/api.js";
import { json, page, scriptedServer } from "../support/scripted-server.js";
import { abortedAtOnce, BAD_CONCURRENCY, item, PLAN_NOW, plan, rejection } from "./helpers.js";

const PENDING_BODY: SearchBody = { filter: [item("chats.status", "=", "3")] };

const ANCHOR = PLAN_NOW;

let emulator: Emulator;
let client: HelpCrunchClient;
let records: readonly ChatRecord[];

beforeAll(async () => {
  emulator = await startEmulator({ anchor: ANCHOR, rateLimit: false });
  records = emulator.dataset.chats;
  client = createClient({ apiKey: emulator.key, baseUrl: emulator.url, requestsPerMinute: 0 });
});

afterAll(async () => {
  await emulator.close();
});

/** The brute-force answer: filter the dataset, order it as the API does, cut offset and limit. */
function expected(
  keep: (r: ChatRecord) => boolean,
  sort = { field: "chats.createdAt", order: "DESC" as SortOrder },
  offset = 0,
  limit = 100,
): number[] {
  const all = records
    .filter(keep)
    .map((r) => r.chat)
    .sort(chatOrder(sort));
  return all.slice(offset, offset + limit).map((c) => c.id);
}

const ids = (chats: readonly Chat[]) => chats.map((c) => c.id);

describe("executePlan with one body", () => {
  it("limit 250 gives 250 distinct chats in order, in pages of 100", async () => {
    const result = await executePlan(client, plan([{ filter: [], limit: 100 }], { limit: 250 }));
    expect(ids(result.chats)).toEqual(expected(() => true, undefined, 0, 250));
    expect(new Set(ids(result.chats)).size).toBe(250);
    expect(result).toMatchObject({ total: records.length, totalExact: true, requests: 3 });
  });

  it("no limit gives one page of 100", async () => {
    const result = await executePlan(client, plan([{ filter: [] }]));
    expect(ids(result.chats)).toEqual(expected(() => true));
    expect(result.requests).toBe(1);
  });

  it("all fetches every matching chat", async () => {
    const body: SearchBody = { filter: [item("chats.status", "=", "6")] };
    const result = await executePlan(client, plan([body]), { all: true });
    const closed = (r: ChatRecord) => r.chat.status === "closed";
    expect(ids(result.chats)).toEqual(expected(closed, undefined, 0, Number.POSITIVE_INFINITY));
    expect(result.total).toBe(records.filter(closed).length);
    expect(result.requests).toBe(Math.ceil(result.total / 100));
  });

  it.each([
    ["one body", [{ filter: [item("chats.status", "=", "6")], limit: 40 }]],
    ["merged bodies", [{ filter: [item("chats.status", "=", "6")], limit: 40 }, PENDING_BODY]],
  ] as const)(
    "%s: all fetches every match when the limit is compile's defaultLimit, not the query's",
    async (_, bodies) => {
      const compiled = plan(bodies, { limit: 40, limitExplicit: false });
      const wanted = (r: ChatRecord) =>
        r.chat.status === "closed" || (bodies.length > 1 && r.chat.status === "pending");
      const every = expected(wanted, undefined, 0, Number.POSITIVE_INFINITY);
      expect(every.length).toBeGreaterThan(100);
      expect(ids((await executePlan(client, compiled, { all: true })).chats)).toEqual(every);
      // Without all, the default limit; with a limit of the query's own, all changes nothing.
      expect(ids((await executePlan(client, compiled)).chats)).toEqual(every.slice(0, 40));
      const own = plan(bodies, { limit: 40 });
      expect(ids((await executePlan(client, own, { all: true })).chats)).toEqual(every.slice(0, 40));
    },
  );

  it("a query's offset and sort are kept across pages", async () => {
    const sort = { field: "chats.closedAt", order: "ASC" as SortOrder };
    const body: SearchBody = { filter: [], sort: "chats.closedAt", order: "ASC", limit: 100, offset: 2390 };
    const result = await executePlan(client, plan([body], { sort, offset: 2390, limit: 150 }));
    // Open chats have no closedAt: they come last, ordered by id.
    expect(ids(result.chats)).toEqual(expected(() => true, sort, 2390, 150));
    expect(result.chats).toHaveLength(110);
  });

  it("a plan without bodies sends nothing", async () => {
    const result = await executePlan(client, plan([]));
    expect(result).toEqual({ chats: [], total: 0, totalExact: true, requests: 0 });
  });

  it("reports pages as they arrive", async () => {
    const events: ExecuteProgress[] = [];
    await executePlan(client, plan([{ filter: [], limit: 100 }], { limit: 250 }), {
      onProgress: (e) => events.push(e),
    });
    expect(events).toEqual([
      { type: "page", pages: 1, expectedPages: 3, chats: 100 },
      { type: "page", pages: 2, expectedPages: 3, chats: 200 },
      { type: "page", pages: 3, expectedPages: 3, chats: 250 },
    ]);
  });
});

// (status = pending and assignee = 3129) or rating = poor or tags = VIP
const EXAMPLE_1: readonly SearchBody[] = [
  { filter: [item("chats.status", "=", "3"), item("chats.assignee", "=", 3129)], comparison: "AND" },
  {
    filter: [item("chats.rating", "=", "poor"), item("chats.customer.tagsData", "=", [{ name: "VIP" }])],
    comparison: "OR",
  },
];
const example1 = (r: ChatRecord) =>
  (r.chat.status === "pending" && r.chat.assignee?.id === 3129) ||
  r.chat.rating === "poor" ||
  r.tags.includes("VIP");

function withPaging(bodies: readonly SearchBody[], sort: { field: string; order: SortOrder }, limit: number) {
  return bodies.map((b) => ({ ...b, sort: sort.field, order: sort.order, limit: Math.min(100, limit) }));
}

describe("executePlan merging several bodies", () => {
  const createdDesc = { field: "chats.createdAt", order: "DESC" as SortOrder };
  const lastAsc = { field: "chats.lastMessageAt", order: "ASC" as SortOrder };
  const closedDesc = { field: "chats.closedAt", order: "DESC" as SortOrder };

  it.each([
    ["default order, limit 100", createdDesc, 0, undefined],
    ["limit 10", createdDesc, 0, 10],
    ["offset 95 limit 10 (across the first page)", createdDesc, 95, 10],
    ["limit 250 (over 100)", createdDesc, 0, 250],
    ["offset 130 limit 120", createdDesc, 130, 120],
    ["sort by lastMessageAt asc, offset 400 limit 150", lastAsc, 400, 150],
    ["sort by closedAt desc (missing last), offset 300 limit 300", closedDesc, 300, 300],
    ["past the end: offset 580 limit 100", createdDesc, 580, 100],
  ])("%s gives exactly the brute-force ids", async (_name, sort, offset, limit) => {
    const bodies = withPaging(EXAMPLE_1, sort, offset + (limit ?? 100));
    const result = await executePlan(client, plan(bodies, { sort, offset, ...(limit ? { limit } : {}) }));
    expect(ids(result.chats)).toEqual(expected(example1, sort, offset, limit ?? 100));
  });

  it("knows the exact total when every body was fetched whole", async () => {
    const bodies = withPaging(EXAMPLE_1, createdDesc, 100);
    const result = await executePlan(client, plan(bodies), { all: true });
    const matching = records.filter(example1).length;
    expect(ids(result.chats)).toEqual(expected(example1, createdDesc, 0, Number.POSITIVE_INFINITY));
    expect(result).toMatchObject({ total: matching, totalExact: true });
  });

  it("gives a lower bound for the total otherwise", async () => {
    const bodies = withPaging(EXAMPLE_1, createdDesc, 20);
    const result = await executePlan(client, plan(bodies, { limit: 20 }));
    const orBody = records.filter((r) => r.chat.rating === "poor" || r.tags.includes("VIP")).length;
    expect(result).toMatchObject({ total: orBody, totalExact: false, requests: 2 });
    expect(result.chats).toHaveLength(20);
  });

  // status in (new, opened) and department = 102 limit 10
  it("status in (new, opened) and department = 102 limit 10", async () => {
    const bodies = withPaging(
      ["1", "2"].map((code) => ({
        filter: [item("chats.status", "=", code), item("chats.department", "=", 102)],
        comparison: "AND" as const,
      })),
      createdDesc,
      10,
    );
    const result = await executePlan(client, plan(bodies, { limit: 10 }));
    const keep = (r: ChatRecord) =>
      (r.chat.status === "new" || r.chat.status === "opened") && r.chat.department?.id === 102;
    expect(ids(result.chats)).toEqual(expected(keep, createdDesc, 0, 10));
    expect(result.chats).toHaveLength(10);
  });
});

describe("mergedTotal: how many chats several bodies match together", () => {
  it.each([
    ["every match fetched: the chats fetched", [150, 40], 170, true, { total: 170, totalExact: true }],
    ["one body alone matches any: its total", [0, 73], 20, false, { total: 73, totalExact: true }],
    ["none matches", [0, 0], 0, false, { total: 0, totalExact: true }],
    ["two match: at least the largest", [120, 73], 20, false, { total: 120, totalExact: false }],
    ["two match: at least what was fetched", [120, 73], 150, false, { total: 150, totalExact: false }],
    ["a total not known yet: a lower bound", [undefined, 73], 20, false, { total: 73, totalExact: false }],
  ] as const)("%s", (_, totals, fetched, complete, expected) => {
    expect(mergedTotal(totals, fetched, complete)).toEqual(expected);
  });

  it("a body matching nothing leaves the other's total exact in executePlan", async () => {
    const bodies = withPaging(
      [
        {
          filter: [item("chats.status", "=", "6"), item("chats.rating", "=", "poor")],
          comparison: "AND" as const,
        },
        {
          filter: [item("chats.status", "=", "6"), item("chats.assignee", "=", 999_999)],
          comparison: "AND" as const,
        },
      ],
      { field: "chats.createdAt", order: "DESC" },
      5,
    );
    const result = await executePlan(client, plan(bodies, { limit: 5 }));
    const closedPoor = records.filter((r) => r.chat.status === "closed" && r.chat.rating === "poor").length;
    expect(closedPoor).toBeGreaterThan(5);
    expect(result).toMatchObject({ total: closedPoor, totalExact: true, requests: 2 });
  });
});

describe("mergeResults", () => {
  const c = (id: number, createdAt: number, closedAt: number | null) => ({ id, createdAt, closedAt }) as Chat;
  it.each([
    ["ASC", [3, 1, 2, 4, 5]],
    ["DESC", [2, 4, 1, 3, 5]],
  ] as const)("closedAt %s: missing last, ties by id, duplicates once", (order, want) => {
    const a = [c(1, 0, 20), c(2, 0, 30), c(5, 0, null)];
    const b = [c(3, 0, 10), c(4, 0, 30), c(1, 0, 20), c(5, 0, null)];
    expect(ids(mergeResults([a, b], { field: "chats.closedAt", order }))).toEqual(want);
  });
});

describe("executePlan failures", () => {
  it("stops when the signal aborts", async () => {
    const controller = new AbortController();
    let pages = 0;
    const run = executePlan(client, plan([{ filter: [] }]), {
      all: true,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === "page" && ++pages === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: "HelpCrunchError", kind: "cancelled" });
    expect(pages).toBe(2);
  });

  it("does not start when the signal has already aborted: cancelled, as the client says, with the reason as cause", async () => {
    const { error, reason, sent } = await abortedAtOnce((scripted, signal) =>
      executePlan(scripted, plan([{ filter: [] }]), { signal }),
    );
    expect([error.kind, error.message, error.cause, error.attempts, sent]).toEqual([
      "cancelled",
      "POST /chats/search was cancelled",
      reason,
      0,
      0,
    ]);
  });

  it.each(BAD_CONCURRENCY)(
    "concurrency %s: a RangeError, as client.search gives",
    async (concurrency, message) => {
      const run = executePlan(client, plan([{ filter: [] }, PENDING_BODY]), { concurrency });
      const error = await rejection(() => run);
      expect([error, (error as Error).message]).toEqual([expect.any(RangeError), message]);
      const search = await rejection(async () => client.search([{ filter: [] }], { concurrency }));
      expect((search as Error).message).toBe(message);
    },
  );

  it("tells which body a failure came from", async () => {
    const bodies: SearchBody[] = [
      { filter: [item("chats.status", "=", "3")] },
      { filter: [item("chats.status", "=", "3"), item("chats.nope", "=", 1)], comparison: "AND" },
    ];
    const error = await executePlan(client, plan(bodies, { merge: true })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelpCrunchError);
    expect((error as HelpCrunchError).kind).toBe("invalid-request");
    expect(failedBodyOf(error)).toEqual({ index: 1, body: bodies[1] });
  });

  it("a failure after some pages leaves the chats fetched so far", async () => {
    const ids = (from: number) => Array.from({ length: 100 }, (_, i) => from + i);
    const server = await scriptedServer([
      json(200, page(ids(1), 350)),
      json(200, page(ids(101), 350)),
      json(404, { errors: [{ code: "gone", message: "gone" }] }),
    ]);
    try {
      const failing = createClient({ apiKey: "k", baseUrl: server.url, requestsPerMinute: 0 });
      const error = await executePlan(failing, plan([{ filter: [] }]), { all: true }).catch(
        (e: unknown) => e,
      );
      expect((error as HelpCrunchError).kind).toBe("not-found");
      expect(partialResultOf(error)?.map((c) => c.id)).toEqual([...ids(1), ...ids(101)]);
      expect(server.seen).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it("a failure of one of several bodies leaves the others' chats, merged in the query's order", async () => {
    const server = await scriptedServer([
      json(200, page([5, 3, 1], 3)),
      json(503, { errors: [{ code: "down", message: "down" }] }),
    ]);
    try {
      const failing = createClient({ apiKey: "k", baseUrl: server.url, requestsPerMinute: 0, retries: 0 });
      const bodies = [
        { filter: [item("chats.status", "=", "3")] },
        { filter: [item("chats.status", "=", "5")] },
      ];
      const error = await executePlan(failing, plan(bodies), { concurrency: 1 }).catch((e: unknown) => e);
      expect((error as HelpCrunchError).status).toBe(503);
      // The same createdAt everywhere: ties go by id, ascending.
      expect(partialResultOf(error)?.map((c) => c.id)).toEqual([1, 3, 5]);
    } finally {
      await server.close();
    }
  });

  it("a failure of the first request leaves nothing", async () => {
    const server = await scriptedServer([json(404, {})]);
    try {
      const failing = createClient({ apiKey: "k", baseUrl: server.url, requestsPerMinute: 0 });
      const error = await executePlan(failing, plan([{ filter: [] }])).catch((e: unknown) => e);
      expect(partialResultOf(error)).toEqual([]);
      expect(partialResultOf(new Error("other"))).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it("reports waits for the rate limit", async () => {
    const paced = createClient({
      apiKey: emulator.key,
      baseUrl: emulator.url,
      requestsPerMinute: 2,
      rateWindowMs: 200,
    });
    const events: ExecuteProgress[] = [];
    const result = await executePlan(paced, plan([{ filter: [] }], { limit: 400 }), {
      onProgress: (e) => events.push(e),
    });
    expect(result.chats).toHaveLength(400);
    expect(events.filter((e) => e.type === "page")).toHaveLength(4);
    expect(events.some((e) => e.type === "wait" && e.reason === "rate-limit" && e.ms > 0)).toBe(true);
  });

  it("retries 429 bursts and 5xx to the same result", async () => {
    const faulty = await startEmulator({
      anchor: ANCHOR,
      rateLimit: false,
      failRate: 0.4,
      faults: ["500", "429"],
      faultSeed: 7,
    });
    try {
      const waits: ExecuteProgress[] = [];
      const retrying = createClient({
        apiKey: faulty.key,
        baseUrl: faulty.url,
        requestsPerMinute: 0,
        retries: 10,
        retryBaseMs: 1,
        retryMaxMs: 5,
      });
      const bodies = withPaging(EXAMPLE_1, { field: "chats.createdAt", order: "DESC" }, 300);
      const result = await executePlan(retrying, plan(bodies, { limit: 300 }), {
        onProgress: (e) => e.type === "wait" && waits.push(e),
      });
      expect(ids(result.chats)).toEqual(expected(example1, undefined, 0, 300));
      // Four pages (19 chats in the AND body, 300 of the OR body), and one more attempt per retry.
      expect(waits.length).toBeGreaterThan(0);
      expect(result.requests).toBe(4 + waits.length);
    } finally {
      await faulty.close();
    }
  });
});

describe("rejectionDiagnostics", () => {
  // status = pending and assignee = 3129 or rating = poor, with made-up spans for the three items.
  const bodies: SearchBody[] = [
    { filter: [item("chats.assignee", "=", 1)] },
    {
      filter: [
        item("chats.status", "=", "3"),
        item("chats.assignee", "=", 3129),
        item("chats.rating", "=", "poor"),
      ],
      comparison: "AND",
    },
  ];
  const origins = [
    [{ span: { start: 0, end: 4 }, spans: [{ start: 0, end: 4 }] }],
    [
      { span: { start: 0, end: 16 }, spans: [{ start: 0, end: 16 }] },
      { span: { start: 21, end: 36 }, spans: [{ start: 21, end: 36 }] },
      { span: { start: 40, end: 53 }, spans: [{ start: 40, end: 53 }] },
    ],
  ];

  it("maps a 400 for filter[1] of the second body to its predicate's span", async () => {
    const server = await scriptedServer([
      json(200, page([1, 2], 2)),
      json(400, { errors: [{ code: "filter[1].value", message: "assignee is not a valid integer" }] }),
    ]);
    try {
      const scripted = createClient({ apiKey: "k", baseUrl: server.url, requestsPerMinute: 0 });
      const compiled = { plan: { ...plan(bodies).plan, origins } };
      const error = await executePlan(scripted, compiled, { concurrency: 1 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "invalid-request", status: 400 });
      expect(rejectionDiagnostics(error as HelpCrunchError, compiled.plan)).toEqual([
        {
          code: "invalid-value",
          severity: "error",
          message: "the API rejected this: assignee is not a valid integer",
          span: { start: 21, end: 36 },
        },
      ]);
    } finally {
      await server.close();
    }
  });

  it("is empty for errors it cannot place", async () => {
    const server = await scriptedServer([
      json(400, { errors: [{ code: "invalid_request", message: "Bad body" }] }),
    ]);
    try {
      const scripted = createClient({ apiKey: "k", baseUrl: server.url, requestsPerMinute: 0 });
      const compiled = { plan: { ...plan(bodies.slice(1)).plan, origins: origins.slice(1) } };
      const error = await executePlan(scripted, compiled).catch((e: unknown) => e);
      expect((error as HelpCrunchError).message).toContain("Bad body");
      expect(rejectionDiagnostics(error as HelpCrunchError, compiled.plan)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
