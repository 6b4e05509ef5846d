import { request } from "node:http";
import { type AddressInfo, createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRunRequest } from "../../src/web/run.js";
import { allowedHosts } from "../../src/web/security.js";
import { hcql, type Served, serve } from "../support/cli.js";
import { type StartedWeb, startWeb } from "./start.js";

const KEY = "web-test-key-7f3a9c";

/** A raw HTTP request, so Host, Origin and the other headers are exactly what the test says. */
function send(
  web: StartedWeb,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(web.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? "GET",
        headers: { host: url.host, ...options.headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (d: string) => {
          body += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

let served: Served;
let web: StartedWeb;

/** The page's request to run a query (from its start, in UTC). */
function run(query: string, shown = 0) {
  return send(web, "/api/run", {
    method: "POST",
    headers: { "x-hcql-token": web.token, "content-type": "application/json" },
    body: JSON.stringify({ query, timeZone: "UTC", shown }),
  });
}

beforeAll(async () => {
  served = await serve([
    "--chats",
    "300",
    "--anchor",
    "1796000000",
    "--key",
    KEY,
    "--rate-limit",
    "0",
    "--quiet",
  ]);
  web = await startWeb([], { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: served.url });
});

afterAll(async () => {
  await web?.stop();
  await served?.stop("SIGTERM");
});

describe("hcql web: the server", () => {
  it("prints the page's URL alone on stdout, with a fresh token, and the rest on stderr", () => {
    expect(web.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}\n$/);
    expect(web.stderr()).toContain("searching your HelpCrunch account");
  });

  it.each([
    ["the page without a token", "/", {}],
    ["the page with a wrong token", "/?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", {}],
    ["the script without a token", "/assets/page.js", {}],
    ["the context without a token", "/api/context", {}],
    ["a path that does not exist, without a token", "/nothing", {}],
  ])("refuses %s with 403", async (_name, path, headers) => {
    const response = await send(web, path, { headers });
    expect(response.status).toBe(403);
    expect(response.body).toBe("403 forbidden: a valid token is needed: open the URL hcql web printed\n");
  });

  it.each([
    [
      "a rebound host name",
      { host: "evil.example:80" },
      "this server does not answer to the host 'evil.example:80'",
    ],
    ["another port", { host: "127.0.0.1:1" }, "this server does not answer to the host '127.0.0.1:1'"],
    ["a foreign origin", { origin: "http://evil.example" }, "requests from other sites are refused"],
    ["a cross-site fetch", { "sec-fetch-site": "cross-site" }, "requests from other sites are refused"],
  ])("refuses %s even with the token", async (_name, headers, reason) => {
    const response = await send(web, `/api/context?token=${web.token}`, { headers });
    expect([response.status, response.body]).toEqual([403, `403 forbidden: ${reason}\n`]);
  });

  it.each(["http://[bad", "http://a:b@[::1", "http://%zz/"])(
    "answers a target no URL reads (%s) with 400, and goes on",
    async (path) => {
      const before = web.stderr();
      const response = await send(web, path);
      expect([response.status, response.body]).toEqual([
        400,
        "400 bad request: the request's URL cannot be read\n",
      ]);
      expect(web.stderr()).toBe(before);
      expect((await send(web, `/api/context?token=${web.token}`)).status).toBe(200);
    },
  );

  it("answers localhost, the page's own origin and same-origin fetches", async () => {
    const port = new URL(web.origin).port;
    for (const headers of <Record<string, string>[]>[
      { host: `localhost:${port}` },
      { origin: web.origin, "sec-fetch-site": "same-origin" },
    ]) {
      expect((await send(web, `/api/context?token=${web.token}`, { headers })).status).toBe(200);
    }
  });

  it("serves the page with its policy, and its files with their types, hashes and caching", async () => {
    const page = await send(web, `/?token=${web.token}`);
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    const js =
      /src="(\/assets\/page\.js\?v=([0-9a-f]{16})&amp;token=[^"]+|\/assets\/page\.js\?v=([0-9a-f]{16})&token=[^"]+)"/.exec(
        page.body,
      );
    const css = /href="(\/assets\/page\.css\?v=[0-9a-f]{16}&token=[^"]+)"/.exec(page.body);
    expect(js).not.toBeNull();
    expect(css).not.toBeNull();
    const script = await send(web, js![1]!);
    expect([script.status, script.headers["content-type"], script.headers["cache-control"]]).toEqual([
      200,
      "text/javascript; charset=utf-8",
      "private, max-age=31536000, immutable",
    ]);
    const style = await send(web, css![1]!);
    expect([style.status, style.headers["content-type"]]).toEqual([200, "text/css; charset=utf-8"]);
    // Without the hash: revalidated, and an unchanged file is a 304.
    const plain = await send(web, `/assets/page.js?token=${web.token}`);
    expect(plain.headers["cache-control"]).toBe("no-cache");
    const again = await send(web, `/assets/page.js?token=${web.token}`, {
      headers: { "if-none-match": String(plain.headers.etag) },
    });
    expect([again.status, again.body]).toEqual([304, ""]);
  });

  it("tells the page where the chats come from, with agents and departments, and never the key", async () => {
    const response = await send(web, "/api/context", { headers: { "x-hcql-token": web.token } });
    const context = JSON.parse(response.body) as {
      demoChats: number | null;
      agents: { id: number }[];
      tags: string[];
    };
    expect(context.demoChats).toBeNull();
    // An account's tags cannot be listed.
    expect(context.tags).toEqual([]);
    expect(context.agents.length).toBeGreaterThan(0);
    expect(response.body).not.toContain(KEY);
  });

  it.each([
    [
      "a URL to forward",
      { query: "limit 1", timeZone: "UTC", url: "http://evil.example/" },
      "unknown field 'url'",
    ],
    ["a raw body", { query: "limit 1", timeZone: "UTC", body: { filter: [] } }, "unknown field 'body'"],
    ["no query", { timeZone: "UTC" }, "'query' must be a string"],
    [
      "no time zone",
      { query: "limit 1" },
      "'timeZone' must be an IANA time zone name, such as Europe/Berlin",
    ],
    ["an unknown zone", { query: "limit 1", timeZone: "Mars/Olympus" }, "unknown time zone 'Mars/Olympus'"],
    [
      "a clock in milliseconds",
      { query: "limit 1", timeZone: "UTC", now: 1_796_649_323_782 },
      "'now' must be UNIX seconds",
    ],
    [
      "a negative page start",
      { query: "limit 1", timeZone: "UTC", shown: -1 },
      "'shown' must be a whole number",
    ],
  ])("refuses a run request with %s (400)", async (_name, body, error) => {
    const response = await send(web, "/api/run", {
      method: "POST",
      headers: { "x-hcql-token": web.token, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect([response.status, JSON.parse(response.body)]).toEqual([400, { error }]);
  });

  it("takes only JSON (a form post from another page would be text/plain)", async () => {
    const response = await send(web, "/api/run", {
      method: "POST",
      headers: { "x-hcql-token": web.token, "content-type": "text/plain" },
      body: JSON.stringify({ query: "limit 1", timeZone: "UTC" }),
    });
    expect([response.status, response.body]).toEqual([415, '{"error":"the body must be application/json"}']);
  });

  it("streams a run's result as NDJSON, and problems of the query as diagnostics", async () => {
    const ok = await run("status = closed limit 2");
    expect(ok.headers["content-type"]).toBe("application/x-ndjson; charset=utf-8");
    const events = ok.body
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; chats?: unknown[] });
    expect(events.map((e) => e.type)).toEqual(["result"]);
    expect(events[0]!.chats).toHaveLength(2);
    expect(ok.body).not.toContain(KEY);
    // The query's offset, for the footer's first chat (`chats 4–5 of …`).
    const offset = JSON.parse((await run("status = closed limit 2 offset 3")).body) as Record<
      string,
      unknown
    >;
    expect([offset.shown, offset.offset]).toEqual([0, 3]);
    const bad = await run("stauts = closed");
    expect(JSON.parse(bad.body)).toEqual({
      type: "diagnostics",
      diagnostics: [
        {
          code: "unknown-field",
          severity: "error",
          message: "unknown field 'stauts'",
          span: { start: 0, end: 6 },
          hint: "did you mean 'status'?",
          fix: { span: { start: 0, end: 6 }, text: "status" },
        },
      ],
    });
  });
});

describe("hcql web: counts", () => {
  it.each([0, 100])(
    "streams a count's progress, then its groups as hcql run --format json has them (shown %i)",
    async (shown) => {
      const response = await run("count by status", shown);
      const events = response.body
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(events.slice(0, -1)).toEqual(
        [1, 2, 3].map((page) => ({
          type: "progress",
          text: `page ${page} of 3 · ${page * 100} chats…`,
          pages: page,
          expectedPages: 3,
        })),
      );
      const cli = await hcql(["run", "--format", "json", "--tz", "UTC", "count by status"], {
        env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: served.url },
      });
      const count = events.at(-1)!;
      expect(count).toEqual({
        type: "count",
        now: count.now,
        ...(JSON.parse(cli.stdout) as object),
        requests: 3,
        elapsedMs: count.elapsedMs,
      });
      expect(Math.abs((count.now as number) - Date.now() / 1000)).toBeLessThan(60);
      expect(count.total).toBe(300);
    },
  );
});

describe("hcql web in demo mode: the demo's tags", () => {
  let demo: StartedWeb;
  beforeAll(async () => {
    demo = await startWeb([]);
  });
  afterAll(async () => {
    await demo?.stop();
  });

  function runDemo(query: string) {
    return send(demo, "/api/run", {
      method: "POST",
      headers: { "x-hcql-token": demo.token, "content-type": "application/json" },
      body: JSON.stringify({ query, timeZone: "UTC" }),
    });
  }

  it("are in the context, for completion", async () => {
    const response = await send(demo, "/api/context", { headers: { "x-hcql-token": demo.token } });
    const context = JSON.parse(response.body) as { demoChats: number; tags: string[] };
    expect(context.demoChats).toBe(2500);
    expect(context.tags).toEqual(expect.arrayContaining(["Paid", "VIP", "Trial", "Needs follow-up"]));
  });

  it.each([
    ["tags = vip", "result"],
    ["tags = vip count by status", "count"],
  ])("%s finds nothing: its %s says what the tag likely is", async (query, type) => {
    const events = (await runDemo(query)).body
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; tips?: string[] });
    expect(events.at(-1)).toMatchObject({
      type,
      tips: ['"vip" is not a known tag; did you mean "VIP"? (tags match exactly, letter case too)'],
    });
  });

  it("a search that finds chats has no tips", async () => {
    const event = JSON.parse((await runDemo("tags = VIP limit 1")).body) as Record<string, unknown>;
    expect(event.type).toBe("result");
    expect(event).not.toHaveProperty("tips");
  });
});

describe("hcql web: who the server answers to", () => {
  it.each([
    ["127.0.0.1", 8123, ["127.0.0.1:8123", "localhost:8123", "[::1]:8123"]],
    ["::1", 8123, ["[::1]:8123", "127.0.0.1:8123", "localhost:8123"]],
    ["192.168.1.5", 80, ["192.168.1.5:80"]],
  ])("listening on %s:%i, the Host names are %j", (host, port, names) => {
    expect([...(allowedHosts(host, port) as Set<string>)].sort()).toEqual([...names].sort());
  });

  it("listening on every address, any IP literal or localhost with the port", () => {
    expect(allowedHosts("0.0.0.0", 80)).toBe("any-ip");
  });
});

describe("hcql web: a run request", () => {
  it("is read with its defaults", async () => {
    expect(await parseRunRequest({ query: "limit 1", timeZone: "Europe/Berlin" })).toEqual({
      ok: true,
      value: { query: "limit 1", timeZone: "Europe/Berlin", shown: 0, all: false },
    });
  });
});

describe("hcql web's port: the same each start, so the browser keeps the page's Recent queries and zone", () => {
  const DEFAULT_PORT = 4780;

  it(`listens on ${DEFAULT_PORT} when no --port is given and it is free`, async () => {
    // Free now (a process of its own would hold it): hcql web takes it.
    await new Promise<void>((resolve, reject) => {
      const probe = createServer().once("error", reject);
      probe.listen(DEFAULT_PORT, "127.0.0.1", () => probe.close(() => resolve()));
    });
    const web = await startWeb([], {}, { defaultPort: true });
    try {
      expect(new URL(web.url).port).toBe(String(DEFAULT_PORT));
      expect(web.stderr()).not.toContain("in use");
    } finally {
      await web.stop();
    }
  });

  it(`serves on a free port, and says so, when ${DEFAULT_PORT} is taken`, async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(DEFAULT_PORT, "127.0.0.1", resolve));
    try {
      const web = await startWeb([], {}, { defaultPort: true });
      try {
        expect(new URL(web.url).port).not.toBe(String(DEFAULT_PORT));
        expect(web.stderr()).toContain(`port ${DEFAULT_PORT} is in use: serving on a free port instead\n`);
      } finally {
        await web.stop();
      }
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it("refuses a --port that is taken: the usage error, exit 2", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const run = await hcql(["web", "--port", String(port)]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`port ${port} is already in use (--port 0 picks a free one)`);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
