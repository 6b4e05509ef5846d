import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executePlan, failedBodyOf } from "../../src/client/execute.js";
import { createClient, type HelpCrunchClient, HelpCrunchError } from "../../src/client/index.js";
import { type StreamClient, type StreamedChats, streamPlan } from "../../src/client/stream.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import type { Chat } from "../../src/language/api.js";
import { json, page, type Reply, scriptedServer } from "../support/scripted-server.js";
import { abortedAtOnce, BAD_CONCURRENCY, item, PLAN_NOW, plan, rejection } from "./helpers.js";

/** streamPlan over real HTTP: batches as pages arrive, a failure after some, stopping early, the request cap. */

let emulator: Emulator;
let client: HelpCrunchClient;

beforeAll(async () => {
  emulator = await startEmulator({ anchor: PLAN_NOW, rateLimit: false });
  client = createClient({ apiKey: emulator.key, baseUrl: emulator.url, requestsPerMinute: 0 });
});

afterAll(async () => {
  await emulator.close();
});

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const PENDING = { filter: [item("chats.status", "=", "3")] };

/** The batches' sizes and the last batch's totals. */
async function sizes(batches: AsyncIterable<StreamedChats>) {
  const seen: number[] = [];
  let last: StreamedChats | undefined;
  for await (const batch of batches) {
    seen.push(batch.chats.length);
    last = batch;
  }
  return { sizes: seen, total: last?.total, totalExact: last?.totalExact, requests: last?.requests };
}

describe("streamPlan", () => {
  it("one body: a batch per page as it arrives, then the totals", async () => {
    const server = await scriptedServer([
      json(200, page(ids(1, 100), 250)),
      json(200, page(ids(101, 100), 250)),
      json(200, page(ids(201, 50), 250)),
    ]);
    try {
      const paging = createClient({ apiKey: "k", baseUrl: server.url, requestsPerMinute: 0 });
      expect(await sizes(streamPlan(paging, plan([PENDING]), { all: true }))).toEqual({
        sizes: [100, 100, 50, 0],
        total: 250,
        totalExact: true,
        requests: 3,
      });
    } finally {
      await server.close();
    }
  });

  it("several bodies against the emulator: the chats and totals of executePlan", async () => {
    // Each body asks for the plan's order, as the compiler writes them.
    const order = { sort: "chats.lastMessageAt", order: "ASC" } as const;
    const bodies = [
      PENDING,
      { filter: [item("chats.rating", "=", "poor")] },
      { filter: [item("chats.status", "=", "6")] },
    ];
    const merged = plan(
      bodies.map((body) => ({ ...body, ...order })),
      { sort: { field: order.sort, order: order.order }, offset: 30 },
    );
    const buffered = await executePlan(client, merged, { all: true });
    const streamed: number[] = [];
    let last: StreamedChats | undefined;
    for await (const batch of streamPlan(client, merged, { all: true })) {
      streamed.push(...batch.chats.map((c) => c.id));
      last = batch;
    }
    expect(buffered.chats.length).toBeGreaterThan(300);
    expect(streamed).toEqual(buffered.chats.map((c) => c.id));
    expect(last).toMatchObject({ chats: [], total: buffered.total, totalExact: true });
  });

  it("a failure after two pages: their batches, then the error, which names the body", async () => {
    const server = await scriptedServer([
      json(200, page(ids(1, 100), 350)),
      json(200, page(ids(101, 100), 350)),
      json(404, { errors: [{ code: "gone", message: "gone" }] }),
    ]);
    try {
      const failing = createClient({ apiKey: "k", baseUrl: server.url, requestsPerMinute: 0 });
      const got: number[] = [];
      const error = await (async () => {
        for await (const batch of streamPlan(failing, plan([PENDING]), { all: true }))
          got.push(batch.chats.length);
      })().catch((e: unknown) => e);
      expect(got).toEqual([100, 100]);
      expect(error).toBeInstanceOf(HelpCrunchError);
      expect((error as HelpCrunchError).kind).toBe("not-found");
      expect(failedBodyOf(error)).toEqual({ index: 0, body: PENDING });
      expect(server.seen).toHaveLength(3);
    } finally {
      await server.close();
    }
  });

  it("stopping after the first batch cancels the page asked for ahead", async () => {
    const asked: number[] = [];
    let signal: AbortSignal | undefined;
    // A client whose second page never comes (until its signal aborts).
    const stalling: StreamClient = {
      async *pages(_body, options = {}) {
        signal = options.signal;
        asked.push(1);
        yield { chats: page(ids(1, 100), 350).data as unknown as Chat[], total: 350, offset: 0, requests: 1 };
        asked.push(2);
        await new Promise((_, reject) =>
          options.signal?.addEventListener("abort", () => reject(options.signal?.reason)),
        );
      },
    };
    let batches = 0;
    for await (const batch of streamPlan(stalling, plan([PENDING]), { all: true })) {
      expect(batch.chats).toHaveLength(100);
      batches += 1;
      break;
    }
    expect(batches).toBe(1);
    expect(asked).toEqual([1, 2]);
    expect(signal?.aborted).toBe(true);
  });

  it("never has more requests under way than `concurrency`", async () => {
    let running = 0;
    let most = 0;
    const slow: Reply = (res, request) => {
      running += 1;
      most = Math.max(most, running);
      setTimeout(() => {
        running -= 1;
        json(200, page(ids(1, 3), 3))(res, request);
      }, 30);
    };
    const server = await scriptedServer([slow]);
    try {
      const paging = createClient({ apiKey: "k", baseUrl: server.url, requestsPerMinute: 0 });
      const bodies = ["1", "2", "3", "4", "5"].map((code) => ({ filter: [item("chats.status", "=", code)] }));
      const result = await sizes(streamPlan(paging, plan(bodies), { concurrency: 2 }));
      // Every body holds chats 1 to 3: deduplicated, they are three chats.
      expect(result).toEqual({ sizes: [3, 0], total: 3, totalExact: true, requests: 5 });
      expect(server.seen).toHaveLength(5);
      expect(most).toBe(2);
    } finally {
      await server.close();
    }
  });

  it("a plan without bodies: one empty batch, nothing sent", async () => {
    expect(await sizes(streamPlan(client, plan([])))).toEqual({
      sizes: [0],
      total: 0,
      totalExact: true,
      requests: 0,
    });
  });

  it("a compile result without a plan is a bad call", async () => {
    await expect(streamPlan(client, { plan: undefined }).next()).rejects.toThrow(
      new TypeError("streamPlan: the query did not compile (no plan)"),
    );
  });
  it("an already aborted signal: cancelled, as the client says, with the reason as cause; nothing sent", async () => {
    const { error, reason, sent } = await abortedAtOnce((scripted, signal) =>
      sizes(streamPlan(scripted, plan([PENDING]), { signal })),
    );
    expect([error.kind, error.message, error.cause, sent]).toEqual([
      "cancelled",
      "POST /chats/search was cancelled",
      reason,
      0,
    ]);
  });

  it.each(BAD_CONCURRENCY)(
    "concurrency %s: a RangeError, as client.search gives",
    async (concurrency, message) => {
      const error = await rejection(() =>
        sizes(streamPlan(client, plan([PENDING, { filter: [] }]), { concurrency })),
      );
      expect([error, (error as Error).message]).toEqual([expect.any(RangeError), message]);
    },
  );

  it.each([
    ["one body", [{ ...PENDING, limit: 40 }]],
    ["merged bodies", [{ ...PENDING, limit: 40 }, { filter: [item("chats.status", "=", "6")] }]],
  ] as const)(
    "%s: all fetches every match when the limit is compile's defaultLimit, as executePlan does",
    async (_, bodies) => {
      const compiled = plan(bodies, { limit: 40, limitExplicit: false });
      const buffered = await executePlan(client, compiled, { all: true });
      expect(buffered.chats.length).toBeGreaterThan(100);
      const streamed: number[] = [];
      for await (const batch of streamPlan(client, compiled, { all: true }))
        streamed.push(...batch.chats.map((c) => c.id));
      expect(streamed).toEqual(buffered.chats.map((c) => c.id));
      // Without all, the default limit; with a limit of the query's own, all changes nothing.
      const count = async (batches: AsyncIterable<StreamedChats>) =>
        (await sizes(batches)).sizes.reduce((a, b) => a + b);
      expect(await count(streamPlan(client, compiled))).toBe(40);
      expect(await count(streamPlan(client, plan(bodies, { limit: 40 }), { all: true }))).toBe(40);
    },
  );
});
