import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  type ClientOptions,
  createClient,
  HelpCrunchError,
  MissingApiKeyError,
  type WaitEvent,
} from "../../src/client/index.js";
import type { SearchBody } from "../../src/language/api.js";
import { VERSION } from "../../src/version.js";
import {
  chat,
  closedPort,
  cutOff,
  hang,
  json,
  page,
  type Reply,
  scriptedServer,
} from "../support/scripted-server.js";
import { failure } from "./helpers.js";

const KEY = "sk_live_9f8e7d6c5b4a3210";
const BODY: SearchBody = { filter: [{ field: "chats.status", operator: "=", value: "3" }], limit: 5 };

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

async function serve(replies: readonly Reply[]) {
  const server = await scriptedServer(replies);
  closers.push(server.close);
  return server;
}

/**
 * A client for a scripted server: unpaced, short backoff, and a rate window of 310 ms, which a 429's
 * five waits share as 10, 20, 40, 80 and 160 ms.
 */
function clientFor(url: string, options: Partial<ClientOptions> = {}) {
  return createClient({
    apiKey: KEY,
    baseUrl: url,
    retryBaseMs: 5,
    requestsPerMinute: 0,
    rateWindowMs: 310,
    ...options,
  });
}

/** Every way the key could leak out of an object. */
function renderings(value: unknown): string[] {
  return [
    String(value),
    JSON.stringify(value),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, getters: true }),
  ];
}

describe("requests", () => {
  it("sends the key, a JSON body and the user agent to POST /v1/chats/search", async () => {
    const server = await serve([json(200, page([1, 2], 2))]);
    const result = await clientFor(server.url).searchBody(BODY);
    expect(result).toEqual({ chats: [chat(1), chat(2)], total: 2, requests: 1, pages: 1 });
    const [seen] = server.seen;
    expect(seen?.method).toBe("POST");
    expect(seen?.url).toBe("/v1/chats/search");
    expect(seen?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen?.headers["user-agent"]).toBe(`hcql/${VERSION}`);
    expect(seen?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(seen?.body ?? "")).toEqual({ ...BODY, limit: 5, offset: 0 });
  });

  it("trims a key pasted with a line break", async () => {
    const server = await serve([json(200, page([], 0))]);
    await createClient({ apiKey: ` ${KEY}\n`, baseUrl: server.url }).searchBody(BODY);
    expect(server.seen[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it.each([
    ["", "no API key: the apiKey option is empty"],
    ["  \n", "no API key: the apiKey option is empty"],
    ["two words", "the API key contains a space at character 4 of 9: check how it was copied"],
    [
      "sk_live_é9f8",
      "the API key contains a non-ASCII character (U+00E9) at character 9 of 12: check how it was copied",
    ],
    [
      "sk\u00a0live",
      "the API key contains a whitespace character (U+00A0) at character 3 of 7: check how it was copied",
    ],
    [
      "sk\u0007live",
      "the API key contains a control or format character (U+0007) at character 3 of 7: check how it was copied",
    ],
    [
      "sk\u200blive",
      "the API key contains a control or format character (U+200B) at character 3 of 7: check how it was copied",
    ],
    [
      "ключ",
      "the API key contains a non-ASCII character (U+043A) at character 1 of 4: check how it was copied",
    ],
  ])("rejects the key %j, saying what is wrong", (apiKey, message) => {
    expect(() => createClient({ apiKey })).toThrow(message);
  });

  it("a missing key is a TypeError with a code, naming no flag or variable", () => {
    let thrown: unknown;
    try {
      createClient({ apiKey: "" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown).toBeInstanceOf(MissingApiKeyError);
    expect(thrown).toMatchObject({ name: "MissingApiKeyError", code: "no-api-key" });
  });

  it.each([
    [
      "not a url",
      "the base URL is not a URL (expected e.g. https://api.helpcrunch.com/v1; is the API key in its place?)",
    ],
    [
      KEY,
      "the base URL is not a URL (expected e.g. https://api.helpcrunch.com/v1; is the API key in its place?)",
    ],
    ["ftp://example.com/v1", "the base URL must start with https:// or http://, not ftp://"],
    ["https://api.example.com/v1?token=SECRET", "the base URL must not have a query (?…) or a fragment (#…)"],
    ["https://api.example.com/v1#SECRET", "the base URL must not have a query (?…) or a fragment (#…)"],
    ["http://127.0.0.1:0/v1", "the base URL's port is 0, which no server can listen on"],
    ["http://127.0.0.1:65536/v1", "the base URL's port is past 65535, the highest there is"],
    ["https://api.example.com:99999", "the base URL's port is past 65535, the highest there is"],
  ])("rejects the base URL %j without echoing it", (baseUrl, message) => {
    expect(() => createClient({ apiKey: KEY, baseUrl })).toThrow(message);
  });

  it("refuses a user and password in the base URL, echoing neither", () => {
    const make = () => createClient({ apiKey: KEY, baseUrl: "https://user:PASSWORD@api.example.com/v1" });
    expect(make).toThrow(
      new TypeError("the base URL must not hold a user or password: the API key goes in its own option"),
    );
  });

  it("called from JavaScript with no options: the missing key", () => {
    expect(() => (createClient as (options?: ClientOptions) => unknown)()).toThrow(MissingApiKeyError);
  });

  it.each([
    [{ fetch: 5 }, "fetch must be a function (a fetch implementation), not 5"],
    [{ fetch: "fetch" }, 'fetch must be a function (a fetch implementation), not "fetch"'],
    [{ fetch: null }, "fetch must be a function (a fetch implementation), not null"],
    [{ onWait: 5 }, "onWait must be a function, not 5"],
    [{ onWait: {} }, "onWait must be a function, not an object"],
    [{ baseUrl: 8080 }, "baseUrl must be a string, not 8080"],
  ])("refuses %j at once with a TypeError", (bad, message) => {
    expect(() => createClient({ apiKey: KEY, ...(bad as object) })).toThrow(new TypeError(message));
  });

  it("takes options given as undefined as left out", () => {
    const options = {
      apiKey: KEY,
      baseUrl: undefined,
      fetch: undefined,
      onWait: undefined,
      timeoutMs: undefined,
    };
    expect(JSON.stringify(createClient(options as ClientOptions))).toBe(
      '{"baseUrl":"https://api.helpcrunch.com/v1","apiKey":"[redacted]"}',
    );
  });

  it.each([1e21, 2 ** 53, 0, -1, 1.5])("refuses the chat id %d before any request", async (id) => {
    const server = await serve([json(200, chat(1))]);
    await expect(clientFor(server.url).getChat(id)).rejects.toThrow(
      `a chat id is a whole number from 1 to 9007199254740991, not ${id}`,
    );
    expect(server.seen).toHaveLength(0);
  });

  it.each([
    ["a terminal escape", "bad \u001b]0;owned\u0007value\u009b2J", "bad value"],
    ["a bidi override", "status \u202eis wrong", "status is wrong"],
  ])("shows an API message with %s made safe", async (_, message, shown) => {
    const server = await serve([json(400, { errors: [{ code: "invalid_value\u001b[2J", message }] })]);
    const error = await failure(clientFor(server.url).searchBody(BODY));
    expect(error.message).toBe(`the API rejected POST /chats/search (400): ${shown} (invalid_value)`);
    expect(error.errors[0]!.message).toBe(message);
  });

  it("shows where a redirect points without its query", async () => {
    const server = await serve([
      json(302, "", { location: "https://user:pw@elsewhere.example/login?token=SECRET" }),
    ]);
    const error = await failure(clientFor(server.url).searchBody(BODY));
    expect(error.message).toBe(
      "the API answered POST /chats/search with HTTP 302 (redirected to https://elsewhere.example/login): check the base URL",
    );
  });

  it("gets a chat, the agents and the departments", async () => {
    const server = await serve([
      json(200, chat(7, { createdAt: "1592962538" })),
      json(200, { data: [{ id: 3129, name: "Kosta", email: "kosta@company.com", role: "admin" }], meta: {} }),
      json(200, { data: [{ id: 4, name: "Sales", agents: [3129, { id: 6668 }] }] }),
    ]);
    const client = clientFor(server.url);
    expect(await client.getChat(7)).toEqual(chat(7));
    expect(await client.listAgents()).toEqual([
      { id: 3129, name: "Kosta", email: "kosta@company.com", role: "admin" },
    ]);
    expect(await client.listDepartments()).toEqual([{ id: 4, name: "Sales", agents: [3129, 6668] }]);
    expect(server.seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /v1/chats/7",
      "GET /v1/agents",
      "GET /v1/departments",
    ]);
  });
});

describe("the API key never leaks", () => {
  it("a rejected key gives a 401 error without the key", async () => {
    const server = await serve([
      json(401, { errors: [{ code: "invalid_token", message: `Invalid token ${KEY}` }] }),
    ]);
    const client = clientFor(server.url);
    const error = await failure(client.searchBody(BODY));
    expect(error.message).toBe("the API key was rejected (401)");
    expect(error.toJSON()).toEqual({
      name: "HelpCrunchError",
      kind: "unauthorized",
      message: "the API key was rejected (401)",
      status: 401,
      errors: [{ code: "invalid_token", message: "Invalid token [redacted]" }],
      request: "POST /chats/search",
      attempts: 1,
    });
    expect(server.seen).toHaveLength(1);
    for (const text of [...renderings(error), ...renderings(client), error.stack ?? ""]) {
      expect(text).not.toContain(KEY);
    }
    expect(JSON.stringify(client)).toBe(`{"baseUrl":"${server.url}","apiKey":"[redacted]"}`);
  });

  it("network and timeout errors hold no key", async () => {
    const server = await serve([hang]);
    const client = clientFor(server.url, { timeoutMs: 50, retries: 0 });
    const error = await failure(client.searchBody(BODY));
    expect(error.kind).toBe("timeout");
    for (const text of [...renderings(error), inspect(error.cause, { depth: 9, showHidden: true })]) {
      expect(text).not.toContain(KEY);
    }
  });
});

describe("retries", () => {
  it("a refused connection is retried 3 times, after 0.2, 0.5 and 1 × the base, then fails", async () => {
    const port = await closedPort();
    const events: WaitEvent[] = [];
    const client = clientFor(`http://127.0.0.1:${port}/v1`, {
      retryBaseMs: 40,
      onWait: (e) => events.push(e),
    });
    const error = await failure(client.searchBody(BODY));
    expect([error.kind, error.reason, error.attempts]).toEqual(["network", "ECONNREFUSED", 4]);
    expect(error.message).toBe(
      `could not reach 127.0.0.1:${port}: connection refused (ECONNREFUSED) after 4 attempts: is the server running, and is the base URL's port right?`,
    );
    expect(events.map((e) => e.type === "retry" && [e.attempt, e.attempts, e.ms, e.error.reason])).toEqual([
      [2, 4, 8, "ECONNREFUSED"],
      [3, 4, 20, "ECONNREFUSED"],
      [4, 4, 40, "ECONNREFUSED"],
    ]);
  });

  it("a refused connection gets no more retries than allowed", async () => {
    const port = await closedPort();
    const events: WaitEvent[] = [];
    const client = clientFor(`http://127.0.0.1:${port}/v1`, { retries: 1, onWait: (e) => events.push(e) });
    const error = await failure(client.searchBody(BODY));
    expect(error.attempts).toBe(2);
    expect(events.map((e) => e.type === "retry" && [e.attempt, e.attempts])).toEqual([[2, 2]]);
  });

  it("no such host fails at once, naming the cause", async () => {
    const events: WaitEvent[] = [];
    const client = clientFor("http://api.hcql-test.invalid/v1", { onWait: (e) => events.push(e) });
    const error = await failure(client.searchBody(BODY));
    expect([error.kind, error.reason, error.attempts, events]).toEqual(["network", "ENOTFOUND", 1, []]);
    expect(error.message).toBe(
      "could not reach api.hcql-test.invalid: no such host (ENOTFOUND): check the host name in the base URL",
    );
  });

  it("https to a plain HTTP server fails at once: the TLS handshake failed", async () => {
    const server = await serve([json(200, page([1], 1))]);
    const events: WaitEvent[] = [];
    const url = server.url.replace("http:", "https:");
    const error = await failure(clientFor(url, { onWait: (e) => events.push(e) }).searchBody(BODY));
    expect([error.kind, error.attempts, events]).toEqual(["network", 1, []]);
    expect(error.message).toBe(
      `could not reach ${new URL(url).host}: the TLS handshake failed (ERR_SSL_WRONG_VERSION_NUMBER): does the server speak https? (use http:// for a plain HTTP server)`,
    );
  });

  it("a port fetch refuses to use fails at once", async () => {
    const events: WaitEvent[] = [];
    const client = clientFor("http://127.0.0.1:6000/v1", { onWait: (e) => events.push(e) });
    const error = await failure(client.searchBody(BODY));
    expect([error.kind, error.attempts, events]).toEqual(["network", 1, []]);
    expect(error.message).toBe(
      "could not reach 127.0.0.1:6000: fetch refuses to connect to this port (bad port): serve the API on another port",
    );
  });

  it("a request that takes too long times out, is retried, then fails", async () => {
    const server = await serve([hang]);
    const error = await failure(clientFor(server.url, { timeoutMs: 100, retries: 1 }).searchBody(BODY));
    expect(error.message).toBe(
      "the API did not answer within 0.1 s after 2 attempts: try again later or allow a longer timeout",
    );
    expect(server.seen).toHaveLength(2);
  });

  /** A client whose fetch never settles and ignores its request's signal. */
  const neverAnswering = (options: Partial<ClientOptions>) =>
    createClient({
      apiKey: KEY,
      baseUrl: "http://api.test/v1",
      fetch: () => new Promise(() => {}),
      ...options,
    });

  it("a fetch passed in that never settles, ignoring its request's signal, still times out", async () => {
    const error = await failure(neverAnswering({ timeoutMs: 50, retries: 0 }).searchBody(BODY));
    expect(error.kind).toBe("timeout");
  });

  it("a fetch passed in that never settles ends at the caller's abort", async () => {
    const controller = new AbortController();
    const searched = neverAnswering({ timeoutMs: 60_000 }).searchBody(BODY, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await failure(searched);
    expect([error.kind, error.message]).toEqual(["cancelled", "POST /chats/search was cancelled"]);
  });

  it("a body that stalls after the headers times out", async () => {
    const stall: Reply = (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data": [');
    };
    const server = await serve([stall, json(200, page([1], 1))]);
    const result = await clientFor(server.url, { timeoutMs: 100 }).searchBody(BODY);
    expect(result.requests).toBe(2);
  });

  it.each([
    ["500, 502, 503", [500, 502, 503]],
    ["429, 429, 429", [429, 429, 429]],
  ])("%s then 200 succeeds on the fourth attempt", async (_, statuses) => {
    const errors = (status: number) => ({ errors: [{ code: "e", message: `status ${status}` }] });
    const server = await serve([...statuses.map((s) => json(s, errors(s))), json(200, page([1], 1))]);
    const events: WaitEvent[] = [];
    const result = await clientFor(server.url).searchBody(BODY, { onWait: (e) => events.push(e) });
    expect(result).toEqual({ chats: [chat(1)], total: 1, requests: 4, pages: 1 });
    expect(events.map((e) => e.type === "retry" && [e.attempt, e.error.status])).toEqual(
      statuses.map((s, i) => [i + 2, s]),
    );
  });

  it("5xx that never stops fails as a server error with the API's message", async () => {
    const server = await serve([
      json(503, { errors: [{ code: "unavailable", message: "Service Unavailable" }] }),
    ]);
    const error = await failure(clientFor(server.url, { retries: 2 }).searchBody(BODY));
    expect(error.message).toBe(
      "the API failed with HTTP 503 after 3 attempts: Service Unavailable (unavailable): try again later",
    );
    expect(server.seen).toHaveLength(3);
  });

  it("waits what Retry-After says instead of the backoff", async () => {
    const server = await serve([json(429, {}, { "retry-after": "1" }), json(200, page([1], 1))]);
    const events: WaitEvent[] = [];
    const client = clientFor(server.url, { retryBaseMs: 60_000, onWait: (e) => events.push(e) });
    await client.searchBody(BODY);
    expect(events.map((e) => [e.type, e.ms])).toEqual([["retry", 1000]]);
  });

  it("reads a Retry-After given as an HTTP date (one in the past means now)", async () => {
    const server = await serve([
      json(503, {}, { "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT" }),
      json(200, page([1], 1)),
    ]);
    const events: WaitEvent[] = [];
    await clientFor(server.url, { retryBaseMs: 60_000, onWait: (e) => events.push(e) }).searchBody(BODY);
    expect(events.map((e) => [e.type, e.ms])).toEqual([["retry", 0]]);
  });

  describe("a 429 without Retry-After", () => {
    const TOO_MANY = json(429, {
      errors: [{ code: "too_many_requests", message: "You have exceeded your requests limit" }],
    });
    const STILL_EXCEEDED =
      "the API's rate limit was still exceeded (429) after 6 attempts: wait a minute and try again (is another client using the same key?)";

    /** The retries' waits and the failure of a request the server refuses every time. */
    async function refusedEveryTime(options: Partial<ClientOptions>) {
      const server = await serve([TOO_MANY]);
      const events: WaitEvent[] = [];
      const error = await failure(
        clientFor(server.url, { ...options, onWait: (e) => events.push(e) }).searchBody(BODY),
      );
      return {
        waits: events.map((e) => e.type === "retry" && [e.attempt, e.ms]),
        error: error.message,
        sent: server.seen.length,
      };
    }

    it("is waited out for a whole rate window: the waits double and add up to it, then it fails", async () => {
      expect(await refusedEveryTime({})).toEqual({
        waits: [
          [2, 10],
          [3, 20],
          [4, 40],
          [5, 80],
          [6, 160],
        ],
        error: STILL_EXCEEDED,
        sent: 6,
      });
    });

    it("the waits add up to maxRetryAfterMs when that is shorter than the window", async () => {
      expect(await refusedEveryTime({ rateWindowMs: 60_000, maxRetryAfterMs: 310 })).toEqual({
        waits: [
          [2, 10],
          [3, 20],
          [4, 40],
          [5, 80],
          [6, 160],
        ],
        error: STILL_EXCEEDED,
        sent: 6,
      });
    });

    it("none is shorter than retryBaseMs", async () => {
      const { waits } = await refusedEveryTime({ retryBaseMs: 30 });
      expect(waits).toEqual([
        [2, 30],
        [3, 30],
        [4, 40],
        [5, 80],
        [6, 160],
      ]);
    });

    it("with no retries allowed, it fails at once", async () => {
      expect(await refusedEveryTime({ retries: 0 })).toEqual({
        waits: [],
        error:
          "the API's rate limit was still exceeded (429): wait a minute and try again (is another client using the same key?)",
        sent: 1,
      });
    });

    it("a signal stops the waiting", async () => {
      const server = await serve([TOO_MANY]);
      const controller = new AbortController();
      const client = clientFor(server.url, {
        rateWindowMs: 60_000,
        onWait: () => controller.abort(new Error("stop")),
      });
      const error = await failure(client.searchBody(BODY, { signal: controller.signal }));
      expect([error.kind, server.seen.length]).toEqual(["cancelled", 1]);
    });
  });

  it("does not wait out a Retry-After longer than allowed", async () => {
    const server = await serve([json(429, {}, { "retry-after": "120" })]);
    const error = await failure(clientFor(server.url).searchBody(BODY));
    expect([error.kind, error.retryAfterMs, error.message]).toEqual([
      "rate-limited",
      120_000,
      "the API's rate limit was exceeded (429) and it asks to wait 120 s: try again later",
    ]);
    expect(server.seen).toHaveLength(1);
  });

  it.each([
    [400, "invalid-request"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not-found"],
  ])("%i is never retried", async (status, kind) => {
    const server = await serve([json(status, { errors: [{ code: "x", message: "y" }] })]);
    const error = await failure(clientFor(server.url).searchBody(BODY));
    expect([error.kind, error.status, error.attempts, server.seen.length]).toEqual([kind, status, 1, 1]);
  });

  it("a redirect is not followed: the error says where it pointed", async () => {
    const server = await serve([json(301, "", { location: "https://api.example.com/v1/chats/search" })]);
    const error = await failure(clientFor(server.url).searchBody(BODY));
    expect([error.kind, error.message, server.seen.length]).toEqual([
      "unexpected-status",
      "the API answered POST /chats/search with HTTP 301 (redirected to https://api.example.com/v1/chats/search): check the base URL",
      1,
    ]);
  });

  it.each([-1, 1.5, Number.NaN])("rejects requestsPerMinute %d", (requestsPerMinute) => {
    expect(() => createClient({ apiKey: KEY, requestsPerMinute })).toThrow(
      `requestsPerMinute must be an integer of at least 0, not ${requestsPerMinute}`,
    );
  });

  it("a 400 carries the API's errors and a message listing them", async () => {
    const errors = [
      { code: "invalid_value", message: "status is not a valid integer" },
      { code: "invalid_operator", message: "Operator ~~ is invalid" },
    ];
    const server = await serve([json(400, { errors })]);
    const error = await failure(clientFor(server.url).searchBody(BODY));
    expect(error.errors).toEqual(errors);
    expect(error.message).toBe(
      "the API rejected POST /chats/search (400): status is not a valid integer (invalid_value); Operator ~~ is invalid (invalid_operator)",
    );
  });

  it("a missing chat is a not-found error naming it", async () => {
    const server = await serve([
      json(404, { errors: [{ code: "chat_not_found", message: "Chat is missing" }] }),
    ]);
    const error = await failure(clientFor(server.url).getChat(99));
    expect(error.message).toBe("GET /chats/99 was not found (404): Chat is missing (chat_not_found)");
  });
});

/** A one-chat page whose chat has some fields replaced. */
function withChat(extra: Record<string, unknown>): string {
  return JSON.stringify({ data: [chat(1, extra)], meta: { total: 1 } });
}

describe("malformed responses", () => {
  it.each([
    ["invalid JSON", json(200, "{not json")],
    ["an empty body", json(200, "")],
    ["a body cut off mid-response", cutOff],
  ])("%s is retried", async (_, bad) => {
    const server = await serve([bad, json(200, page([1], 1))]);
    expect(await clientFor(server.url).searchBody(BODY)).toEqual({
      chats: [chat(1)],
      total: 1,
      requests: 2,
      pages: 1,
    });
  });

  it("invalid JSON every time fails as malformed", async () => {
    const server = await serve([json(200, "{not json")]);
    const error = await failure(clientFor(server.url, { retries: 1 }).searchBody(BODY));
    expect(error.message).toBe(
      "the API sent a response to POST /chats/search that hcql cannot read (the body is not valid JSON) after 2 attempts",
    );
  });

  it.each([
    ["[]", "[]", "the body is not an object"],
    ['{"meta": {"total": 1}}', '{"meta": {"total": 1}}', "data is not an array"],
    ['{"data": [], "meta": {}}', '{"data": [], "meta": {}}', "meta.total is missing"],
    ['{"data": [], "meta": {"total": -1}}', '{"data": [], "meta": {"total": -1}}', "meta.total is negative"],
    ['{"data": [], "total": "many"}', '{"data": [], "total": "many"}', "total is not an integer"],
    ['{"data": [7], "total": 1}', '{"data": [7], "total": 1}', "data[0] is not an object"],
    ['"id":"one"', withChat({ id: "one" }), "data[0].id is not an integer"],
    ['"createdAt":"yesterday"', withChat({ createdAt: "yesterday" }), "data[0].createdAt is not an integer"],
    ['"createdAt":null', withChat({ createdAt: null }), "data[0].createdAt is not an integer"],
    ['"closedAt":1.5', withChat({ closedAt: 1.5 }), "data[0].closedAt is not an integer"],
    ['"status":3', withChat({ status: 3 }), "data[0].status is not a string"],
    ['"agents":{}', withChat({ agents: {} }), "data[0].agents is not an array"],
    [
      '"agents":[{"id":null}]',
      withChat({ agents: [{ id: null }] }),
      "data[0].agents[0].id is not an integer",
    ],
    ['"customer":null', withChat({ customer: null }), "data[0].customer is not an object"],
    [
      '"assignee":{"name":7}',
      withChat({ assignee: { id: 1, name: 7 } }),
      "data[0].assignee.name is not a string",
    ],
  ])("%s is rejected without retrying", async (_, body, reason) => {
    const server = await serve([json(200, body)]);
    const error = await failure(clientFor(server.url).searchBody(BODY));
    expect([error.kind, error.message, server.seen.length]).toEqual([
      "malformed-response",
      `the API sent a response to POST /chats/search that hcql cannot read (${reason})`,
      1,
    ]);
  });

  it("accepts timestamps and ids as numeric strings and a top-level total", async () => {
    const raw = chat(5, {
      id: "5",
      createdAt: "1592962538",
      lastMessageAt: "1592992577",
      lastCustomerMessageAt: "1592962537",
      closedAt: "1592999999",
      snoozedUntil: null,
      updatedAt: "1593000000",
      notes: null,
    });
    const server = await serve([json(200, { data: [raw], total: "1" })]);
    const result = await clientFor(server.url).searchBody(BODY);
    expect(result.total).toBe(1);
    expect(result.chats).toEqual([chat(5, { closedAt: 1592999999, updatedAt: 1593000000, notes: null })]);
  });
});

describe("response size", () => {
  const MiB = 1024 * 1024;
  /** A page of one chat whose text makes the JSON exactly `bytes` long. */
  const sized = (bytes: number) => {
    const withText = (text: string) =>
      JSON.stringify({ data: [chat(1, { lastMessageText: text })], meta: { total: 1 } });
    return withText("x".repeat(bytes - withText("").length));
  };
  const large =
    (bytes: number, gzip: boolean, declared: boolean): Reply =>
    (res) => {
      const text = sized(bytes);
      const body = gzip ? gzipSync(text) : Buffer.from(text);
      res.writeHead(200, {
        "content-type": "application/json",
        ...(gzip ? { "content-encoding": "gzip" } : {}),
        ...(declared ? { "content-length": String(body.length) } : { "transfer-encoding": "chunked" }),
      });
      res.end(body);
    };

  it("a body of exactly 16 MiB is read", async () => {
    const server = await serve([large(16 * MiB, false, true)]);
    const result = await clientFor(server.url).searchBody(BODY);
    expect(JSON.stringify({ data: result.chats, meta: { total: 1 } }).length).toBe(16 * MiB);
  });

  it.each([
    ["declared", false, true],
    ["streamed without a length", false, false],
    ["a gzip bomb (small on the wire, counted decompressed)", true, true],
  ])("a body over 16 MiB, %s, fails at once and is not retried", async (_, gzip, declared) => {
    const server = await serve([large(16 * MiB + 1, gzip, declared), json(200, page([1], 1))]);
    const error = await failure(clientFor(server.url).searchBody(BODY));
    expect([error.kind, error.message, server.seen.length]).toEqual([
      "malformed-response",
      "the API sent a response to POST /chats/search that hcql cannot read (the body is larger than 16 MiB)",
      1,
    ]);
  });
});

describe("cancellation", () => {
  it("aborting cancels a request in flight", async () => {
    const server = await serve([hang]);
    const controller = new AbortController();
    const pending = failure(clientFor(server.url).searchBody(BODY, { signal: controller.signal }));
    while (server.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await pending;
    expect([error.kind, error.message]).toEqual(["cancelled", "POST /chats/search was cancelled"]);
  });

  it("aborting cancels a request queued for the rate limit, which is never sent", async () => {
    const server = await serve([json(200, page([1], 1))]);
    const events: WaitEvent[] = [];
    const client = clientFor(server.url, { requestsPerMinute: 1, onWait: (e) => events.push(e) });
    await client.searchBody(BODY);
    const controller = new AbortController();
    const pending = failure(client.searchBody(BODY, { signal: controller.signal }));
    while (events.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect((await pending).kind).toBe("cancelled");
    expect(events.map((e) => e.type)).toEqual(["rate-limit"]);
    expect(server.seen).toHaveLength(1);
  });

  it("aborting cancels the wait before a retry", async () => {
    const server = await serve([json(500, {})]);
    const controller = new AbortController();
    const client = clientFor(server.url, { retryBaseMs: 60_000, onWait: () => controller.abort() });
    const error = await failure(client.searchBody(BODY, { signal: controller.signal }));
    expect([error.kind, server.seen.length]).toEqual(["cancelled", 1]);
  });

  it("aborting with an error as the reason still cancels", async () => {
    const server = await serve([hang]);
    const controller = new AbortController();
    const pending = failure(clientFor(server.url).searchBody(BODY, { signal: controller.signal }));
    while (server.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    const reason = new HelpCrunchError({ kind: "server", request: "x", host: "h", attempts: 1, status: 500 });
    controller.abort(reason);
    const error = await pending;
    expect([error.kind, error.cause]).toEqual(["cancelled", reason]);
  });

  it("an already aborted signal sends nothing", async () => {
    const server = await serve([json(200, page([1], 1))]);
    const error = await failure(clientFor(server.url).searchBody(BODY, { signal: AbortSignal.abort() }));
    expect([error.kind, server.seen.length]).toEqual(["cancelled", 0]);
  });
});

/** A server paging a list of `count` chats with ids 1..count. */
function pagingServer(count: number): Reply {
  return (res, req) => {
    const body = JSON.parse(req.body) as { limit: number; offset: number };
    const ids = Array.from({ length: count }, (_, i) => i + 1).slice(body.offset, body.offset + body.limit);
    json(200, page(ids, count))(res, req);
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("paging", () => {
  it.each([
    [
      "limit 250 of 1000",
      1000,
      250,
      [
        [100, 0],
        [100, 100],
        [50, 200],
      ],
      250,
    ],
    [
      "limit 250 of 120",
      120,
      250,
      [
        [100, 0],
        [100, 100],
      ],
      120,
    ],
    [
      "limit 200 of 200",
      200,
      200,
      [
        [100, 0],
        [100, 100],
      ],
      200,
    ],
    ["limit 100 of 100", 100, 100, [[100, 0]], 100],
    [
      "limit Infinity of 230",
      230,
      Number.POSITIVE_INFINITY,
      [
        [100, 0],
        [100, 100],
        [100, 200],
      ],
      230,
    ],
  ])("%s", async (_, count, limit, sent, received) => {
    const server = await serve([pagingServer(count)]);
    const result = await clientFor(server.url).searchBody({ filter: [] }, { limit });
    expect(server.seen.map((r) => JSON.parse(r.body))).toEqual(
      sent.map(([l, o]) => ({ filter: [], limit: l, offset: o })),
    );
    expect(result.chats.map((c) => c.id)).toEqual(Array.from({ length: received }, (_, i) => i + 1));
    expect([result.total, result.requests, result.pages]).toEqual([count, sent.length, sent.length]);
  });

  it("starts at the body's offset and takes the limit from the body", async () => {
    const server = await serve([pagingServer(1000)]);
    const result = await clientFor(server.url).searchBody({ filter: [], limit: 150, offset: 30 });
    expect(server.seen.map((r) => JSON.parse(r.body))).toEqual([
      { filter: [], limit: 100, offset: 30 },
      { filter: [], limit: 50, offset: 130 },
    ]);
    expect(result.chats.map((c) => c.id)).toEqual(Array.from({ length: 150 }, (_, i) => i + 31));
  });

  it("keeps a chat that moved between pages once", async () => {
    const server = await serve([json(200, page(range(1, 100), 150)), json(200, page(range(100, 149), 150))]);
    const result = await clientFor(server.url).searchBody({ filter: [] }, { limit: 150 });
    expect(result.chats.map((c) => c.id)).toEqual(range(1, 149));
  });

  it("iterates pages as they arrive", async () => {
    const server = await serve([pagingServer(150)]);
    const pages = [];
    for await (const p of clientFor(server.url).pages({ filter: [] }, { limit: 1000 })) {
      pages.push([p.offset, p.chats.length, p.total, p.requests]);
    }
    expect(pages).toEqual([
      [0, 100, 150, 1],
      [100, 50, 150, 1],
    ]);
  });

  it.each([
    ["the first page", [range(1, 100)], 100, 2],
    ["an earlier page", [range(1, 100), range(101, 200), range(1, 100)], 200, 3],
  ])("a server that repeats %s fails: paging would never end", async (_, pages, offset, requests) => {
    const server = await serve(pages.map((ids) => json(200, page(ids, 1e9))));
    const error = await failure(
      clientFor(server.url).searchBody({ filter: [] }, { limit: Number.POSITIVE_INFINITY }),
    );
    expect([error.kind, error.message, server.seen.length]).toEqual([
      "malformed-response",
      `the API sent a response to POST /chats/search that hcql cannot read (the page at offset ${offset} repeats chats already received, so paging would never end)`,
      requests,
    ]);
  });

  it.each([0, -1, 1.5])("rejects the limit %d", async (limit) => {
    const server = await serve([pagingServer(10)]);
    await expect(clientFor(server.url).searchBody({ filter: [] }, { limit })).rejects.toThrow(
      `limit must be an integer of at least 1, not ${limit}`,
    );
  });

  it("searches several bodies, results in order, with progress", async () => {
    const server = await serve([pagingServer(3)]);
    const events: string[] = [];
    const results = await clientFor(server.url).search(
      [
        { filter: [], limit: 2 },
        { filter: [], limit: 3 },
      ],
      {
        onProgress: (e) =>
          events.push(e.type === "page" ? `page ${e.body} ${e.received}/${e.total}` : e.type),
      },
    );
    expect(results.map((r) => r.chats.map((c) => c.id))).toEqual([
      [1, 2],
      [1, 2, 3],
    ]);
    expect(events.sort()).toEqual(["page 0 2/3", "page 1 3/3"]);
  });

  it("the first failure of several bodies rejects the search", async () => {
    const server = await serve([
      json(400, { errors: [{ code: "invalid_field", message: "Field x is invalid" }] }),
    ]);
    const error = await failure(
      clientFor(server.url).search([{ filter: [] }, { filter: [] }, { filter: [] }]),
    );
    expect(error.kind).toBe("invalid-request");
  });
});
