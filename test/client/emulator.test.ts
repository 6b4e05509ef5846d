import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { countChats } from "../../src/client/count.js";
import { executePlan } from "../../src/client/execute.js";
import {
  type ClientOptions,
  createClient,
  locateFilterErrors,
  type WaitEvent,
} from "../../src/client/index.js";
import { compile } from "../../src/compiler/index.js";
import type { EmulatorOptions, RequestLogEntry } from "../../src/emulator/index.js";
import type { SearchBody } from "../../src/language/api.js";
import { evaluate } from "../../src/testing/reference.js";
import { emulator as emulatorForTest } from "../emulator/helpers.js";
import { failure } from "./helpers.js";

/** The client against the real emulator over HTTP. */

const KEY = "hc_test_key_5b7c19e2d4";

/** An emulator closed after the test, the requests it saw, and clients for it. */
async function emulator(options: EmulatorOptions = {}) {
  const log: RequestLogEntry[] = [];
  const emu = await emulatorForTest({
    keys: [KEY],
    chats: 600,
    seed: 7,
    ...options,
    onRequest: (e) => log.push(e),
  });
  const client = (options: Partial<ClientOptions> = {}) =>
    createClient({ apiKey: KEY, baseUrl: emu.url, retryBaseMs: 5, requestsPerMinute: 0, ...options });
  return { emu, log, client };
}

const ALL: SearchBody = { filter: [] };

describe("against the emulator", () => {
  it.each(["count", "status = closed count", "status = new or rating = poor count"])(
    "%s: one body without groups, so the first page's total in 1 request",
    async (query) => {
      const { client, log, emu } = await emulator();
      const compiled = compile(query, { now: 1_750_000_000, timeZone: "UTC" });
      if (!compiled.ok) throw new Error(query);
      const expected = evaluate({ ...compiled.checked, limit: undefined }, emu.dataset.chats).length;
      const result = await countChats(client(), compiled);
      expect([result.total, result.requests, log.length, result.rows]).toEqual([expected, 1, 1, []]);
    },
  );

  it("a count of several bodies still fetches every page, to count a chat two of them match once", async () => {
    const { client, log, emu } = await emulator();
    const query = "status = closed or (rating = poor and createdAt > 2025-01-01) count";
    const compiled = compile(query, { now: 1_750_000_000, timeZone: "UTC" });
    if (!compiled.ok) throw new Error(query);
    expect(compiled.plan.bodies).toHaveLength(2);
    const expected = evaluate({ ...compiled.checked, limit: undefined }, emu.dataset.chats).length;
    const result = await countChats(client(), compiled);
    expect(result.total).toBe(expected);
    expect(log.length).toBe(result.requests);
    expect(result.requests).toBeGreaterThan(2);
  });

  it("a limit of 250 gives 250 distinct chats in order in 3 requests", async () => {
    const { client, log } = await emulator();
    const result = await client().searchBody(ALL, { limit: 250 });
    const ids = result.chats.map((c) => c.id);
    expect([result.chats.length, new Set(ids).size, result.total, result.requests]).toEqual([
      250, 250, 600, 3,
    ]);
    expect(log.map((e) => `${e.method} ${e.status}`)).toEqual(["POST 200", "POST 200", "POST 200"]);
    // The emulator's default order: createdAt descending, ties by id ascending.
    const sorted = [...result.chats].sort((a, b) => b.createdAt - a.createdAt || a.id - b.id);
    expect(ids).toEqual(sorted.map((c) => c.id));
    // The same chats as one request per 100 with explicit offsets.
    const direct = await Promise.all(
      [0, 100, 200].map((offset) =>
        client().searchBody({ ...ALL, limit: 50, offset }, { limit: offset === 200 ? 50 : 100 }),
      ),
    );
    expect(ids).toEqual(direct.flatMap((r) => r.chats.map((c) => c.id)));
  });

  it("fetching every match stops at the total", async () => {
    const { client } = await emulator();
    const body: SearchBody = { filter: [{ field: "chats.status", operator: "=", value: "6" }] };
    const result = await client().searchBody(body, { limit: Number.POSITIVE_INFINITY });
    expect(result.chats.length).toBe(result.total);
    expect(result.requests).toBe(Math.max(1, Math.ceil(result.total / 100)));
    expect(new Set(result.chats.map((c) => c.status))).toEqual(new Set(["closed"]));
  });

  it("gets a chat, the agents and the departments", async () => {
    const { client, emu } = await emulator();
    const c = client();
    const [first] = (await c.searchBody(ALL, { limit: 1 })).chats;
    expect(await c.getChat(first!.id)).toEqual(first);
    expect((await c.listAgents()).map((a) => a.id)).toEqual(emu.dataset.agents.map((a) => a.id));
    expect((await c.listDepartments()).map((d) => d.id)).toEqual(emu.dataset.departments.map((d) => d.id));
    const missing = await failure(c.getChat(1));
    expect([missing.kind, missing.message]).toEqual([
      "not-found",
      "GET /chats/1 was not found (404): Chat is missing (chat_not_found)",
    ]);
  });

  it("a wrong key is a 401 saying so, with the key nowhere", async () => {
    const { emu, log } = await emulator();
    const wrong = "hc_wrong_key_0a9b8c7d";
    const client = createClient({ apiKey: wrong, baseUrl: emu.url });
    const error = await failure(client.searchBody(ALL));
    expect([error.kind, error.status, error.message]).toEqual([
      "unauthorized",
      401,
      "the API key was rejected (401)",
    ]);
    expect(log).toHaveLength(1);
    for (const value of [error, client]) {
      for (const text of [
        JSON.stringify(value),
        inspect(value, { depth: 20, showHidden: true }),
        String(value),
      ]) {
        expect(text).not.toContain(wrong);
      }
    }
  });

  it("a 400 is not retried and its errors map to the filter items", async () => {
    const { client, log } = await emulator();
    const body = {
      filter: [
        { field: "chats.status", operator: "=", value: "pending" },
        { field: "chats.customer.email", operator: "~", value: "@example.com" },
        { field: "chats.bogus", operator: "=", value: 1 },
        { field: "chats.assignee", operator: "~", value: 1 },
      ],
      comparison: "XOR",
    } as unknown as SearchBody;
    const error = await failure(client().searchBody(body));
    expect([error.kind, log.length]).toEqual(["invalid-request", 1]);
    const located = locateFilterErrors(error.errors, body).map((l) => [l.error.code, l.items]);
    expect(located).toEqual([
      ["invalid_value", [0]],
      ["invalid_field", [2]],
      ["invalid_operator", [3]],
      ["invalid_chat_value", []],
    ]);
  });

  it("with the error places left out (as HelpCrunch sends them), errors still map by their words", async () => {
    const { emu } = await emulator();
    const body = {
      filter: [
        { field: "chats.status", operator: "=", value: "pending" },
        { field: "chats.customer.tagsDataff", operator: "=", value: [{ name: "Paid" }] },
      ],
      comparison: "AND",
    } as unknown as SearchBody;
    // A fetch that drops the emulator's X-Hcql-Error-Paths header: what a client sees from HelpCrunch.
    const withoutPaths: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const headers = new Headers(response.headers);
      headers.delete("x-hcql-error-paths");
      return new Response(await response.text(), { status: response.status, headers });
    };
    const c = createClient({ apiKey: KEY, baseUrl: emu.url, requestsPerMinute: 0, fetch: withoutPaths });
    const error = await failure(c.searchBody(body));
    expect(error.errors).toEqual([
      { code: "invalid_value", message: "status is not a valid integer" },
      { code: "invalid_field", message: "Field chats.customer.tagsDataff is invalid" },
    ]);
    expect(locateFilterErrors(error.errors, body).map((l) => l.items)).toEqual([[0], [1]]);
  });

  it("dates before 1970: closedAt != 1969-07-20 runs, as negative UNIX seconds", async () => {
    const day = (iso: string) => Date.parse(iso) / 1000;
    const closed = (id: number, at: number | null) => ({
      chat: { id, status: "closed", createdAt: day("1969-01-01T00:00:00Z"), closedAt: at, customer: { id } },
    });
    const { client } = await emulator({
      data: [
        closed(1, day("1969-07-20T20:17:00Z")),
        closed(2, day("1969-07-19T23:59:59Z")),
        closed(3, day("1969-07-21T00:00:00Z")),
        closed(4, day("2020-01-01T00:00:00Z")),
        closed(5, null),
      ],
    });
    const compiled = compile("closedAt != 1969-07-20 sort by closedAt", { now: 1_750_000_000 });
    expect(compiled.requests).toEqual([
      {
        filter: [
          { field: "chats.closedAt", operator: "<", value: -14256000 },
          { field: "chats.closedAt", operator: ">=", value: -14169600 },
        ],
        comparison: "OR",
        sort: "chats.closedAt",
        order: "ASC",
      },
    ]);
    const result = await executePlan(client(), compiled);
    expect(result.chats.map((chat) => chat.id)).toEqual([2, 3, 4]);
  });

  it("150 requests paced at the emulator's scaled limit (30 per 1 s) see no 429", async () => {
    const { client, log } = await emulator({ rateLimit: { requests: 30, windowSeconds: 1 } });
    const c = client({ requestsPerMinute: 30, rateWindowMs: 1000, retries: 0 });
    const waits: WaitEvent[] = [];
    const bodies = Array.from({ length: 150 }, (_, i): SearchBody => ({ filter: [], limit: 1, offset: i }));
    const results = await c.search(bodies, {
      concurrency: 4,
      onProgress: (e) => e.type === "rate-limit" && waits.push(e),
    });
    expect(results.map((r) => r.requests)).toEqual(bodies.map(() => 1));
    expect(log.filter((e) => e.status === 429)).toEqual([]);
    expect(log).toHaveLength(150);
    expect(waits.length).toBeGreaterThan(0);
  });

  it("without pacing the same burst is refused with 429 and retried to success", async () => {
    const { client, log } = await emulator({ rateLimit: { requests: 5, windowSeconds: 0.2 } });
    const results = await client({ retries: 20, retryBaseMs: 50 }).search(
      Array.from({ length: 12 }, (): SearchBody => ({ filter: [], limit: 1 })),
      { concurrency: 12 },
    );
    expect(results).toHaveLength(12);
    expect(log.filter((e) => e.status === 429).length).toBeGreaterThan(0);
  });

  it("seven counts in a row with one key, each its own client (as hcql runs are): the 429s are waited out", async () => {
    // The server's clock moves only by the waits the clients announce: the runs before fill its window
    // whatever this machine's speed, and a refused request gets through only once its waits outlast it.
    const clock = { now: 0 };
    // 120 requests per window, as HelpCrunch allows a minute; `count by status` of 2,500 chats sends 25.
    const { client, log } = await emulator({
      chats: 2500,
      rateLimit: { requests: 120, windowSeconds: 0.5 },
      clock: () => clock.now,
    });
    const compiled = compile("count by status", { now: 1_750_000_000, timeZone: "UTC" });
    const waits: number[][] = [];
    const totals: number[] = [];
    for (let run = 1; run <= 7; run++) {
      // A client paces its own requests only: it knows nothing of the runs before it.
      const c = client({
        requestsPerMinute: 120,
        rateWindowMs: 500,
        onWait: (e) => {
          if (e.type !== "retry") return;
          clock.now += e.ms;
          if (e.attempt === 2) waits.push([]);
          waits.at(-1)!.push(e.ms);
        },
      });
      totals.push((await countChats(c, compiled)).total);
    }
    expect(totals).toEqual([2500, 2500, 2500, 2500, 2500, 2500, 2500]);
    // Run 5's 21st request is refused five times: it waits 1, 2, 4, 8 and 16 31sts of the window
    // (504 ms in all), and its sixth attempt, past the window, gets through; nothing else waits.
    expect(log.flatMap((e, i) => (e.status === 429 ? [i] : []))).toEqual([120, 121, 122, 123, 124]);
    expect(waits).toEqual([[17, 33, 65, 130, 259]]);
    expect(log).toHaveLength(7 * 25 + 5);
  });

  it("honours the emulator's Retry-After", async () => {
    const { client } = await emulator({ rateLimit: { requests: 1, windowSeconds: 1 }, retryAfter: 1 });
    const waits: WaitEvent[] = [];
    const c = client({ retryBaseMs: 60_000, onWait: (e) => waits.push(e) });
    await c.searchBody(ALL, { limit: 1 });
    await c.searchBody(ALL, { limit: 1 });
    expect(waits.map((e) => [e.type, e.ms, e.type === "retry" && e.error.kind])).toEqual([
      ["retry", 1000, "rate-limited"],
    ]);
  });

  it("injected 500, 429, reset and malformed answers are retried to the right result", async () => {
    const faulty = await emulator({
      failRate: 0.4,
      faults: ["500", "429", "reset", "malformed"],
      faultSeed: 4,
    });
    const clean = await emulator();
    const got = await faulty.client({ retries: 12 }).searchBody(ALL, { limit: 600 });
    const want = await clean.client().searchBody(ALL, { limit: 600 });
    expect(got.chats).toEqual(want.chats);
    expect(faulty.log.map((e) => e.fault).filter(Boolean).length).toBeGreaterThan(0);
    expect([got.requests, got.pages]).toEqual([faulty.log.length, 6]);
  });

  it("a delayed answer times out and is retried", async () => {
    const { client, log } = await emulator({ failRate: 1, faults: ["delay"], faultDelayMs: [400, 400] });
    const error = await failure(client({ timeoutMs: 100, retries: 1 }).searchBody(ALL, { limit: 1 }));
    expect([error.kind, error.attempts]).toEqual(["timeout", 2]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(log.map((e) => e.fault)).toEqual(["delay", "delay"]);
  });

  it("cancels a request queued behind the rate limit", async () => {
    const { client, log } = await emulator();
    const c = client({ requestsPerMinute: 2, rateWindowMs: 60_000 });
    await c.search([ALL, ALL].map((b) => ({ ...b, limit: 1 })));
    const controller = new AbortController();
    const queued = failure(c.searchBody(ALL, { signal: controller.signal }));
    controller.abort();
    expect((await queued).kind).toBe("cancelled");
    expect(log).toHaveLength(2);
  });
});
