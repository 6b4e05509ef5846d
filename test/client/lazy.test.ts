import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countChats as countNow } from "../../src/client/count.js";
import { HelpCrunchError } from "../../src/client/errors.js";
import { executePlan as executeNow } from "../../src/client/execute.js";
import {
  type ClientOptions,
  createClient as createNow,
  type HelpCrunchClient,
} from "../../src/client/index.js";
import { countChats, createClient, executePlan, streamPlan } from "../../src/client/lazy.js";
import { streamPlan as streamNow } from "../../src/client/stream.js";
import { compile } from "../../src/compiler/index.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import type { SearchBody } from "../../src/language/api.js";
import { PLAN_NOW } from "./helpers.js";

/**
 * The main entry's client and plan execution load their code on first use; they must behave exactly
 * as the modules they load: the same errors at once, the same answers, the key kept out of output.
 */

let emulator: Emulator;
let lazy: HelpCrunchClient;
let direct: HelpCrunchClient;

beforeAll(async () => {
  emulator = await startEmulator({ anchor: PLAN_NOW, rateLimit: false });
  const options = { apiKey: emulator.key, baseUrl: emulator.url, requestsPerMinute: 0 };
  lazy = createClient(options);
  direct = createNow(options);
});

afterAll(async () => {
  await emulator.close();
});

/** What a call throws, as [class name, message]. */
function thrown(call: () => unknown): [string, string] {
  try {
    call();
  } catch (error) {
    return [(error as Error).constructor.name, (error as Error).message];
  }
  return ["none", ""];
}

describe("createClient", () => {
  it.each<[string, ClientOptions]>([
    ["no key", { apiKey: "  " }],
    ["a key with a space", { apiKey: "abc def" }],
    ["a base URL that is not one", { apiKey: "k".repeat(32), baseUrl: "api.helpcrunch.com" }],
    ["a base URL with a query", { apiKey: "k".repeat(32), baseUrl: "https://h.example/v1?x=1" }],
    ["retries below 0", { apiKey: "k".repeat(32), retries: -1 }],
    ["a fractional timeout", { apiKey: "k".repeat(32), timeoutMs: 1.5 }],
  ])("refuses %s at once, as the client itself does", (_, options) => {
    const expected = thrown(() => createNow(options));
    expect(expected[0]).not.toBe("none");
    expect(thrown(() => createClient(options))).toEqual(expected);
  });

  it("keeps the key out of JSON and of inspection", () => {
    const client = createClient({ apiKey: "secret-key-123", baseUrl: "http://127.0.0.1:9/v1/" });
    expect(JSON.stringify(client)).toBe('{"baseUrl":"http://127.0.0.1:9/v1","apiKey":"[redacted]"}');
    expect(inspect(client)).toBe(
      "HelpCrunchClient { baseUrl: 'http://127.0.0.1:9/v1', apiKey: '[redacted]' }",
    );
    expect([JSON.stringify(client), inspect(client)]).toEqual([
      JSON.stringify(createNow({ apiKey: "secret-key-123", baseUrl: "http://127.0.0.1:9/v1/" })),
      inspect(createNow({ apiKey: "secret-key-123", baseUrl: "http://127.0.0.1:9/v1/" })),
    ]);
  });

  const BODY: SearchBody = {
    filter: [{ field: "chats.status", operator: "=", value: "3" }],
    sort: "chats.createdAt",
    order: "DESC",
    limit: 30,
  };

  it("answers every call as the client itself does", async () => {
    const first = direct.searchBody(BODY, { limit: 150 });
    expect(await lazy.searchBody(BODY, { limit: 150 })).toEqual(await first);
    expect(await lazy.search([BODY, { ...BODY, offset: 10 }])).toEqual(
      await direct.search([BODY, { ...BODY, offset: 10 }]),
    );
    expect(await lazy.search(BODY)).toEqual(await direct.search(BODY));
    const pages: unknown[] = [];
    for await (const page of lazy.pages(BODY, { limit: 250 })) pages.push(page);
    const directPages: unknown[] = [];
    for await (const page of direct.pages(BODY, { limit: 250 })) directPages.push(page);
    expect(pages).toEqual(directPages);
    expect(pages.length).toBeGreaterThan(1);
    const id = (await direct.search(BODY)).chats[0]!.id;
    expect(await lazy.getChat(id)).toEqual(await direct.getChat(id));
    expect(await lazy.listAgents()).toEqual(await direct.listAgents());
    expect(await lazy.listDepartments()).toEqual(await direct.listDepartments());
  });

  it("rejects a call as the client itself does", async () => {
    const failing = { apiKey: emulator.key, baseUrl: emulator.url, requestsPerMinute: 0 };
    const error = await createClient(failing)
      .getChat(999_999_999)
      .catch((e: unknown) => e);
    const expected = await createNow(failing)
      .getChat(999_999_999)
      .catch((e: unknown) => e);
    expect(expected).toBeInstanceOf(HelpCrunchError);
    expect(error).toBeInstanceOf(HelpCrunchError);
    expect([(error as HelpCrunchError).kind, (error as Error).message]).toEqual([
      (expected as HelpCrunchError).kind,
      (expected as Error).message,
    ]);
  });
});

describe("plan execution", () => {
  const QUERY = "status = pending or (rating = poor and status = closed) sort by createdAt desc limit 120";

  it("executePlan, streamPlan and countChats give what the modules give", async () => {
    const compiled = compile(QUERY, { now: PLAN_NOW });
    expect(await executePlan(lazy, compiled)).toEqual(await executeNow(direct, compiled));
    const streamed: unknown[] = [];
    for await (const batch of streamPlan(lazy, compiled)) streamed.push(batch);
    const expected: unknown[] = [];
    for await (const batch of streamNow(direct, compiled)) expected.push(batch);
    expect(streamed).toEqual(expected);
    const count = compile("status = pending or rating = poor count by status", { now: PLAN_NOW });
    expect(await countChats(lazy, count)).toEqual(await countNow(direct, count));
  });

  it("refuses what is not a plan as the modules do", async () => {
    const notCount = compile("status = pending", { now: PLAN_NOW });
    await expect(countChats(lazy, notCount)).rejects.toThrow("countChats: the query is not a count query");
    const expected = await executeNow(direct, { plan: undefined }).then(
      () => "resolved",
      (e: Error) => e.message,
    );
    expect(expected).toMatch(/^executePlan: /);
    await expect(executePlan(lazy, { plan: undefined })).rejects.toThrow(expected);
  });

  it("takes a count query's plan itself or its compile result, and a count only", async () => {
    const count = compile("count by status limit 2", { now: PLAN_NOW });
    expect(count.ok).toBe(true);
    const rows = (await countChats(lazy, count)).rows;
    expect(rows).toHaveLength(2);
    expect((await countChats(lazy, count.plan!)).rows).toEqual(rows);
  });

  it.each([
    ["executePlan", (c: ReturnType<typeof compile>) => executePlan(lazy, c)],
    ["streamPlan", (c: ReturnType<typeof compile>) => streamPlan(lazy, c).next()],
  ])("%s refuses a count query's plan, which would give chats", async (caller, run) => {
    const count = compile("count by status limit 2", { now: PLAN_NOW });
    await expect(run(count)).rejects.toThrow(
      new TypeError(`${caller}: the query counts (count …); run its plan with countChats`),
    );
  });
});
