import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { type FaultKind, type RequestLogEntry, toApiChat } from "../../src/emulator/index.js";
import { emulator, FIXTURE, get, post } from "./helpers.js";

const ALL = { filter: [] };
const TOO_MANY = {
  errors: [{ code: "too_many_requests", message: "You have exceeded your requests limit" }],
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe("auth", () => {
  it.each([
    ["no header", undefined],
    ["a wrong key", "Bearer nope"],
    ["no scheme", "demo"],
    ["another scheme", "Basic demo"],
    ["an empty bearer", "Bearer "],
    ["two spaces", "Bearer  demo"],
    ["a tab", "Bearer\tdemo"],
    ["the key twice", "Bearer demo demo"],
    ["no space", "Bearerdemo"],
  ])("401 with %s", async (_, authorization) => {
    const emu = await emulator();
    const response = await fetch(`${emu.url}/chats`, { headers: authorization ? { authorization } : {} });
    expect([response.status, await response.json()]).toEqual([
      401,
      { errors: [{ code: "invalid_token", message: "Invalid token" }] },
    ]);
  });

  it("accepts each configured key", async () => {
    const emu = await emulator({ keys: ["k1", "k2"] });
    expect(emu.key).toBe("k1");
    expect((await get(emu, "/agents", "k2")).status).toBe(200);
    expect((await get(emu, "/agents", "demo")).status).toBe(401);
  });

  // The scheme is case-insensitive (RFC 9110); whitespace around a header value is not part of it.
  it.each(["Bearer demo", "bearer demo", "BEARER demo", "BeArEr demo", "Bearer demo  ", "  Bearer demo"])(
    "200 with %j",
    async (authorization) => {
      const emu = await emulator();
      const response = await fetch(`${emu.url}/agents`, { headers: { authorization } });
      expect(response.status).toBe(200);
    },
  );
});

describe("routes", () => {
  it("GET /v1/chats/{id} returns the bare chat; an unknown id is 404 chat_not_found", async () => {
    const emu = await emulator({ data: FIXTURE });
    expect(await get(emu, "/chats/6")).toMatchObject({ status: 200, json: toApiChat(emu.dataset.chats[5]!) });
    expect(await get(emu, "/chats/12345")).toMatchObject({
      status: 404,
      json: { errors: [{ code: "chat_not_found", message: "Chat is missing" }] },
    });
  });

  it.each([
    ["GET", "/v1/nope"],
    ["GET", "/v2/chats"],
    ["GET", "/v1/chats/search"],
    ["POST", "/v1/chats"],
    ["DELETE", "/v1/chats/1"],
    ["GET", "/v1/chats/1/messages"],
    ["GET", "/"],
    ["GET", "//evil.example/v1/agents"],
  ])("404 not_found for %s %s, with or without a key", async (method, path) => {
    const emu = await emulator();
    const withAndWithout: Record<string, string>[] = [
      { authorization: "Bearer demo" },
      {},
      { authorization: "Bearer wrong" },
    ];
    for (const headers of withAndWithout) {
      const response = await fetch(`${emu.url.replace(/\/v1$/, "")}${path}`, { method, headers });
      expect([response.status, await response.json()]).toEqual([
        404,
        {
          errors: [
            {
              code: "not_found",
              message: `No route for ${method} ${path}; see GET /v1/chats, POST /v1/chats/search`,
            },
          ],
        },
      ]);
    }
  });

  it("GET /v1/agents and /v1/departments", async () => {
    const emu = await emulator();
    const agents = await get(emu, "/agents");
    expect(agents.json).toEqual({ data: emu.dataset.agents, meta: { total: 12 } });
    expect((agents.json as { data: object[] }).data[0]).toEqual({
      id: 3129,
      name: "Kosta",
      email: "kosta@company.com",
      role: "admin",
    });
    const departments = await get(emu, "/departments");
    expect(departments.json).toEqual({ data: emu.dataset.departments });
    expect(Object.keys((departments.json as { data: object[] }).data[0]!)).toEqual(["id", "name", "agents"]);
  });

  it("a trailing slash and a JSON content type are accepted; the answer is JSON", async () => {
    const emu = await emulator({ data: FIXTURE });
    const response = await fetch(`${emu.url}/chats/search/`, {
      method: "POST",
      headers: { authorization: "Bearer demo" },
      body: JSON.stringify({ limit: 1 }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });

  it("serves concurrent requests", async () => {
    const emu = await emulator({ chats: 300 });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(emu, "/chats/search", { filter: [], limit: 10, offset: i * 10 }),
      ),
    );
    const ids = answers.flatMap((a) => (a.json as { data: { id: number }[] }).data.map((c) => c.id));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(ids).size).toBe(300);
  });

  it("close() resolves while a keep-alive connection is open", async () => {
    const emu = await emulator();
    const url = new URL(`${emu.url}/agents`);
    await new Promise<void>((resolve, reject) => {
      const req = request(
        url,
        { headers: { authorization: "Bearer demo", connection: "keep-alive" } },
        (res) => {
          res.resume();
          res.on("end", resolve);
        },
      );
      req.on("error", reject);
      req.end();
    });
    await emu.close();
    await expect(fetch(`${emu.url}/agents`)).rejects.toThrow();
  });

  it("listens on 127.0.0.1 by default", async () => {
    const emu = await emulator();
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });
});

describe("rate limit", () => {
  it("answers 429 past N requests in the window, without Retry-After, and recovers after it", async () => {
    const emu = await emulator({ rateLimit: { requests: 3, windowSeconds: 1 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(emu, "/chats/search", ALL)).status);
    const limited = await post(emu, "/chats/search", ALL);
    expect(statuses).toEqual([200, 200, 200]);
    expect([limited.status, limited.json, limited.headers.get("retry-after")]).toEqual([429, TOO_MANY, null]);
    // Other keys have their own window.
    expect((await get(emu, "/agents", "demo")).status).toBe(429);
    await sleep(1100);
    // Refused requests did not count: three more pass, the fourth does not.
    const after = [];
    for (let i = 0; i < 4; i++) after.push((await get(emu, "/agents")).status);
    expect(after).toEqual([200, 200, 200, 429]);
  });

  it("its window runs on the clock given", async () => {
    const clock = { now: 1000 };
    const emu = await emulator({ rateLimit: { requests: 1, windowSeconds: 60 }, clock: () => clock.now });
    const statuses = [(await get(emu, "/agents")).status];
    clock.now += 59_999;
    statuses.push((await get(emu, "/agents")).status);
    clock.now += 1;
    statuses.push((await get(emu, "/agents")).status);
    expect(statuses).toEqual([200, 429, 200]);
  });

  it("keys are limited separately", async () => {
    const emu = await emulator({ keys: ["a", "b"], rateLimit: { requests: 1, windowSeconds: 60 } });
    expect([
      (await get(emu, "/agents", "a")).status,
      (await get(emu, "/agents", "a")).status,
      (await get(emu, "/agents", "b")).status,
    ]).toEqual([200, 429, 200]);
  });

  it.each([
    [7, "7"],
    [true, "60"],
  ] as const)("Retry-After when configured (%s)", async (retryAfter, header) => {
    const emu = await emulator({ rateLimit: { requests: 1, windowSeconds: 60 }, retryAfter });
    await get(emu, "/agents");
    const limited = await get(emu, "/agents");
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, header]);
  });

  it("rateLimit: false turns it off", async () => {
    const emu = await emulator({ rateLimit: false });
    const statuses = await Promise.all(Array.from({ length: 150 }, () => get(emu, "/agents")));
    expect(statuses.every((s) => s.status === 200)).toBe(true);
  });
});

/** Sends one search and reports what arrived: a status and a parsed body, or how it failed. */
async function outcome(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${url}/chats/search`, {
      method: "POST",
      headers: { authorization: "Bearer demo" },
      body: JSON.stringify({ filter: [], limit: 2 }),
    });
  } catch {
    return "connection failed";
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    return `${response.status} body cut off`;
  }
  try {
    const json = JSON.parse(text) as { errors?: { code: string }[]; data?: unknown[] };
    return `${response.status} ${json.errors ? json.errors[0]!.code : `${json.data!.length} chats`}`;
  } catch {
    return `${response.status} malformed JSON`;
  }
}

describe("fault injection", () => {
  it.each([
    ["500", "500 internal_error"],
    ["429", "429 too_many_requests"],
    ["reset", "200 body cut off"],
    ["malformed", "200 malformed JSON"],
    ["delay", "200 2 chats"],
  ] as const)("%s", async (kind, expected) => {
    const log: RequestLogEntry[] = [];
    const emu = await emulator({
      failRate: 1,
      faults: [kind as FaultKind],
      faultDelayMs: [20, 30],
      onRequest: (e) => log.push(e),
    });
    const got = await outcome(emu.url);
    expect(got).toBe(expected);
    expect(log.map((e) => e.fault)).toEqual([kind]);
  });

  it.each([
    ["the client gives up", "abort"],
    ["the emulator closes", "close"],
  ] as const)("a delayed answer stops waiting when %s", async (_, how) => {
    const log: RequestLogEntry[] = [];
    const emu = await emulator({
      failRate: 1,
      faults: ["delay"],
      faultDelayMs: [60_000, 60_000],
      onRequest: (e) => log.push(e),
    });
    const controller = new AbortController();
    const sent = fetch(`${emu.url}/chats/search`, {
      method: "POST",
      headers: { authorization: `Bearer ${emu.key}`, "content-type": "application/json" },
      body: JSON.stringify(ALL),
      signal: controller.signal,
    }).then(
      () => "answered",
      () => "failed",
    );
    // The request is read, and waits out its delay.
    await sleep(200);
    if (how === "abort") controller.abort();
    else await emu.close();
    expect(await sent).toBe("failed");
    await expect
      .poll(() => log, { timeout: 2000 })
      .toEqual([expect.objectContaining({ fault: "delay", closedByClient: true })]);
  });

  it("a fail rate draws faults per request, the same for the same fault seed", async () => {
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const log: RequestLogEntry[] = [];
      const emu = await emulator({
        failRate: 0.5,
        faultSeed: 42,
        faults: ["500", "429", "malformed"],
        onRequest: (e) => log.push(e),
      });
      for (let n = 0; n < 40; n++) await outcome(emu.url);
      runs.push(log.map((e) => e.fault ?? "-"));
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(new Set(runs[0])).toEqual(new Set(["-", "500", "429", "malformed"]));
  });

  it("no faults without a fail rate", async () => {
    const log: RequestLogEntry[] = [];
    const emu = await emulator({ onRequest: (e) => log.push(e) });
    for (let n = 0; n < 20; n++) expect(await outcome(emu.url)).toBe("200 2 chats");
    expect(log.filter((e) => e.fault)).toEqual([]);
  });

  it.each([
    [{ failRate: 2 }, "failRate must be between 0 and 1"],
    [{ faults: ["explode" as FaultKind] }, 'unknown fault kind "explode"'],
    [
      { rateLimit: { requests: 0, windowSeconds: 1 } },
      "rateLimit needs requests, a whole number ≥ 1, and windowSeconds, a finite number > 0; not requests 0 and windowSeconds 1",
    ],
    [{ rateLimit: { requests: 1.5, windowSeconds: 1 } }, "not requests 1.5 and windowSeconds 1"],
    [
      { rateLimit: { requests: Number.POSITIVE_INFINITY, windowSeconds: 1 } },
      "not requests Infinity and windowSeconds 1",
    ],
    [
      { rateLimit: { requests: 5, windowSeconds: Number.POSITIVE_INFINITY } },
      "not requests 5 and windowSeconds Infinity",
    ],
    [{ keys: [] }, "keys must hold at least one key"],
    [{ anchor: 1_796_649_323_782 }, "not 1796649323782: milliseconds? In seconds that is 1796649323"],
    [{ seed: "x" as unknown as number }, 'seed must be an integer from 0 to 4294967295, not "x"'],
    [{ faultSeed: 2 ** 32 }, "faultSeed must be an integer from 0 to 4294967295, not 4294967296"],
    [{ keys: [""] }, 'keys must be non-empty strings of printable ASCII, not ""'],
    [{ keys: ["demo", "a b"] }, 'keys must be non-empty strings of printable ASCII, not "a b"'],
    [{ keys: [7 as unknown as string] }, "keys must be non-empty strings of printable ASCII, not 7"],
    [
      { faultDelayMs: [5000, 2000] as const },
      "faultDelayMs must be [min, max], whole milliseconds from 0 to 2147483647 with min ≤ max, not [5000, 2000]",
    ],
    [{ faultDelayMs: [-5, 10] as const }, "with min ≤ max, not [-5, 10]"],
    [{ faultDelayMs: [0, 1e10] as const }, "with min ≤ max, not [0, 10000000000]"],
    [{ faultDelayMs: [0, Number.NaN] as [number, number] }, "with min ≤ max, not [0, NaN]"],
    [{ faultDelayMs: 100 as unknown as [number, number] }, "with min ≤ max, not 100"],
    [{ retryAfter: -1 }, "retryAfter must be true or whole seconds of at least 0, not -1"],
    [{ retryAfter: 1.5 }, "retryAfter must be true or whole seconds of at least 0, not 1.5"],
    [
      { retryAfter: false as unknown as true },
      "retryAfter must be true or whole seconds of at least 0, not false",
    ],
    [{ clock: 5 as unknown as () => number }, "clock must be a function, not 5"],
    [{ onRequest: "log" as unknown as () => void }, 'onRequest must be a function, not "log"'],
  ])("bad options throw: %j", async (options, message) => {
    await expect(emulator(options)).rejects.toThrow(message);
  });
});

describe("one request never holds up the others", () => {
  /**
   * The most CPU time this process spent between two turns of the event loop while `during` ran:
   * CPU time, not wall time, so a busy machine that pauses the process does not count.
   */
  async function longestBlock(during: () => Promise<unknown>): Promise<number> {
    let last = process.cpuUsage();
    let longest = 0;
    const tick = setInterval(() => {
      const used = process.cpuUsage(last);
      longest = Math.max(longest, (used.user + used.system) / 1000);
      last = process.cpuUsage();
    }, 1);
    try {
      await during();
    } finally {
      clearInterval(tick);
    }
    return longest;
  }

  const email = (value: string) => ({ field: "chats.customer.email", operator: "~", value });

  it.each([
    [
      "15,000 '~' items",
      { comparison: "OR", filter: Array.from({ length: 15_000 }, (_, i) => email(`zz${i}`)) },
    ],
    ["a 900 KB '~' value", { filter: [email("a".repeat(900_000))] }],
    [
      "20,000 invalid items",
      {
        filter: Array.from({ length: 20_000 }, () => ({ field: "chats.status", operator: "=", value: "x" })),
      },
    ],
  ])("%s: answered, never blocking the server for 100 ms", async (_name, body) => {
    const emu = await emulator({ chats: 1_000, rateLimit: false });
    const payload = JSON.stringify(body);
    expect(payload.length).toBeLessThan(1024 * 1024);
    let status = 0;
    const block = await longestBlock(async () => {
      status = (await post(emu, "/chats/search", payload)).status;
    });
    expect(status).toBe("filter" in body && body.filter[0]?.value === "x" ? 400 : 200);
    expect(block).toBeLessThan(100);
  });
});
