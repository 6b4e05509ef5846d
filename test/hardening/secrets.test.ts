import { randomUUID } from "node:crypto";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, HelpCrunchError } from "../../src/client/index.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { serve } from "../support/cli.js";
import { KEYS, openTerminal } from "../support/pty.js";
import { json, scriptedServer } from "../support/scripted-server.js";
import { CRASH, filesUnder, runCliInUtc } from "./processes.js";

/**
 * The API key never reaches history, output, errors, `.explain`, `util.inspect` or logs, and the
 * files the shell writes are private (0600). Each key is a long unique string searched for in every
 * byte shown and every file written.
 */

const secret = (label: string) => `${label}-${randomUUID()}-${randomUUID()}`.replace(/-/g, "");
const KEY = secret("right");
const WRONG = secret("wrong");
const NOW = 1_750_000_000;

let emulator: Emulator;
let otherKeyEmulator: Emulator;
/** An API that echoes the Authorization header in its 401 message, as a careless server might. */
let echoing: Awaited<ReturnType<typeof scriptedServer>>;

beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY], chats: 200, anchor: NOW, rateLimit: false });
  otherKeyEmulator = await startEmulator({ keys: ["someone-else"], chats: 20, anchor: NOW });
  echoing = await scriptedServer([
    (res, req) =>
      json(401, {
        errors: [{ code: "invalid_token", message: `token ${req.headers.authorization} is invalid` }],
      })(res, req),
  ]);
});

afterAll(async () => {
  await Promise.all([emulator?.close(), otherKeyEmulator?.close(), echoing?.close()]);
});

function expectNoSecret(where: string, bytes: string | Buffer, secrets: readonly string[]): void {
  const text = typeof bytes === "string" ? bytes : bytes.toString("latin1");
  for (const s of secrets) {
    if (text.includes(s)) throw new Error(`${where} holds the key ${s.slice(0, 8)}…`);
  }
}

describe("the library", () => {
  it("keeps the key out of inspect, JSON and errors (even when the API echoes it)", async () => {
    const client = createClient({ apiKey: KEY, baseUrl: echoing.url, retries: 0 });
    expectNoSecret("inspect(client)", inspect(client, { depth: 10, showHidden: true }), [KEY]);
    expectNoSecret("JSON.stringify(client)", JSON.stringify(client), [KEY]);
    const error = await client.searchBody({ filter: [], limit: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelpCrunchError);
    expect((error as HelpCrunchError).kind).toBe("unauthorized");
    expect(echoing.seen.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
    const e = error as HelpCrunchError;
    for (const [where, text] of [
      ["message", e.message],
      ["stack", e.stack ?? ""],
      ["inspect", inspect(e, { depth: 10, showHidden: true })],
      ["JSON", JSON.stringify(e)],
      ["String", String(e)],
      ["errors", JSON.stringify(e.errors)],
    ] as const) {
      expectNoSecret(`the error's ${where}`, text, [KEY]);
    }
  });
});

describe("hcql run", () => {
  const args = ["run", "--format", "json", "--now", String(NOW), "--tz", "UTC"];

  it.concurrent.each([
    ["the right key (--api-key)", (): string => emulator.url, 0],
    ["a key the account does not know (401)", (): string => otherKeyEmulator.url, 3],
    ["an API that echoes the key in its 401", (): string => echoing.url, 3],
    ["nothing listening", (): string => "http://127.0.0.1:9/v1", 3],
  ] as const)("%s: the key is nowhere in the output", async (_name, url, code) => {
    const result = await runCliInUtc([
      ...args,
      "--timeout",
      "5",
      "--api-key",
      KEY,
      "--api-url",
      url(),
      "status = new",
    ]);
    expect(result.code).toBe(code);
    expect(result.stderr).not.toMatch(CRASH);
    if (code === 3) expect(result.stderr).toMatch(/^hcql run: /m);
    expectNoSecret("stdout", result.stdout, [KEY]);
    expectNoSecret("stderr", result.stderr, [KEY]);
  });

  it("a 401 says the key was refused, without the key", async () => {
    const result = await runCliInUtc([...args, "status = new"], {
      env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: otherKeyEmulator.url },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/401|key|unauthori[sz]ed/i);
    expectNoSecret("stderr", result.stderr, [KEY]);
  });
});

describe("the shell", () => {
  const open = (env: Record<string, string>, home?: string) =>
    openTerminal({ env: { NO_COLOR: "1", ...env }, ...(home ? { home } : {}) });

  it("a scripted session with the key from the environment, from .key, right and wrong", async () => {
    // The key from the environment, right.
    const a = open({ HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url });
    await a.waitFor("hcql> ");
    a.line("status = closed limit 2");
    await a.waitFor(/chats 1–2 of [\d,]+ · /);
    a.line(".explain status = new or (tags = VIP and rating = poor)");
    await a.waitFor("2 requests");
    await a.waitFor(/hcql> $/);
    a.line(".save mine rating = great limit 1");
    await a.waitFor("saved 'mine'");
    a.line(".run mine");
    await a.waitFor(/chat 1 of [\d,]+ · /);
    a.line(".format json");
    a.line("status = new limit 1");
    await a.waitFor(/"id": \d+/);
    a.line(".help");
    await a.waitFor(".key");
    // A wrong key through .key: checked against the API, refused, the old key kept.
    a.line(".key");
    await a.waitFor("API key (not shown): ");
    a.line(WRONG);
    await a.waitFor("could not use the key");
    // Which account the searches still go to is said, not left to be found out.
    await a.waitFor(/searches still go to your account at\s+http:\/\/127\.0\.0\.1:\d+\/v1/);
    await a.waitFor(/hcql> $/);
    // The right key again through .key.
    a.line(".key");
    await a.waitFor("API key (not shown): ");
    a.line(KEY);
    await a.waitFor(`using your account at ${emulator.url}`);
    a.line("status = pending limit 1");
    await a.waitFor(/"id": \d+/);
    a.write(KEYS.ctrlD);
    expect(await a.exit()).toBe(0);

    // The key from the environment, wrong for the account (401), in the same home.
    const b = open({ HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: otherKeyEmulator.url }, a.home);
    await b.waitFor("hcql> ");
    b.line("status = new limit 1");
    await b.waitFor("the API key was rejected (401)");
    await b.waitFor("hcql> ");
    b.line(".explain status = new");
    await b.waitFor(/request/);
    await b.waitFor(/hcql> $/);
    b.write(KEYS.ctrlD);
    expect(await b.exit()).toBe(0);

    // An API that echoes the key in its 401 message.
    const c = open({ HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: echoing.url }, a.home);
    await c.waitFor("hcql> ");
    c.line("status = new limit 1");
    await c.waitFor("the API key was rejected (401)");
    await c.waitFor(/hcql> $/);
    c.write(KEYS.ctrlD);
    expect(await c.exit()).toBe(0);

    for (const t of [a, b, c]) expectNoSecret("the terminal", t.raw, [KEY, WRONG]);
    const files = filesUnder(a.home);
    expect(files.map((f) => f.path.slice(a.home.length)).sort()).toEqual([
      "/config/hcql/queries.json",
      "/state/hcql/history",
    ]);
    for (const file of files) {
      expectNoSecret(file.path, file.bytes, [KEY, WRONG]);
      expect(file.mode, file.path).toBe(0o600);
    }
    expect(files.find((f) => f.path.endsWith("history"))!.bytes.toString()).toContain(
      "status = closed limit 2",
    );
  }, 120_000);
});

describe("hcql serve's request log", () => {
  it("logs requests without the keys they carry, right or wrong", async () => {
    const served = secret("served");
    const { url, stop } = await serve(["--chats", "30", "--key", served]);
    let log = "";
    try {
      for (const key of [served, WRONG]) {
        await fetch(`${url}/chats/search`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}` },
          body: '{"limit": 1}',
        });
      }
      const run = await runCliInUtc([
        "run",
        "--format",
        "json",
        "--api-key",
        served,
        "--api-url",
        url,
        "limit 3",
      ]);
      expect(run.code).toBe(0);
      expectNoSecret("hcql run", run.stdout + run.stderr, [served]);
    } finally {
      log = (await stop("SIGTERM")).stderr;
    }
    expect(log).toMatch(/POST \/v1\/chats\/search 401/);
    expect(log).toMatch(/POST \/v1\/chats\/search 200/);
    expectNoSecret("the request log", log, [served, WRONG]);
  });
});
