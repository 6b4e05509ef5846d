import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executePlan } from "../../src/client/execute.js";
import { createClient } from "../../src/client/index.js";
import { compile } from "../../src/compiler/index.js";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../src/emulator/index.js";
import type { Chat } from "../../src/language/api.js";
import { openTerminal } from "../support/pty.js";
import { CRASH, runCliInUtc } from "./processes.js";

/**
 * Faults end to end: against an emulator that fails 30% of requests (500, 429, resets, cut-off
 * JSON, delays), queries return exactly the chats a clean emulator returns, or a clear error once
 * the retries are spent; the shell survives the same faults.
 */

const NOW = 1_750_000_000;
const KEY = "fault-suite-key-0c4d";
const DATA: EmulatorOptions = { keys: [KEY], seed: 11, chats: 900, anchor: NOW, rateLimit: false };

const QUERIES = [
  // One body, three pages.
  "status = closed sort by createdAt desc limit 250",
  // Several bodies merged, with an offset: nothing may be duplicated or dropped across pages.
  "status = closed or (tags = VIP and rating = poor) or (tags = Paid and rating = great) limit 150 offset 20",
  "rating = great or rating = poor sort by closedAt limit 130",
  "(status = pending or tags = Lead) and (assignee > 0 or rating = average) sort by createdAt desc limit 120",
];

let clean: Emulator;
let faulty: Emulator;
let slowFaulty: Emulator;
const expected = new Map<string, readonly Chat[]>();
/** The faults each faulty emulator injected, to be sure the runs met them. */
const injected = { faulty: new Set<string>(), slowFaulty: new Set<string>() };
/** For the report: faults injected (all of them survived when the tests pass) and ids compared. */
const tally = { faults: 0, ids: 0 };

beforeAll(async () => {
  clean = await startEmulator(DATA);
  // Delays under the CLI's 30 s per-attempt timeout (the CLI's tests), ...
  faulty = await startEmulator({
    ...DATA,
    failRate: 0.3,
    faultSeed: 5,
    faultDelayMs: [20, 80],
    onRequest: (entry) => {
      if (entry.fault === undefined) return;
      injected.faulty.add(entry.fault);
      tally.faults += 1;
    },
  });
  // ... and past the library client's 100 ms one (timeouts are retried too).
  slowFaulty = await startEmulator({
    ...DATA,
    failRate: 0.3,
    faultSeed: 6,
    faultDelayMs: [150, 300],
    onRequest: (entry) => {
      if (entry.fault === undefined) return;
      injected.slowFaulty.add(entry.fault);
      tally.faults += 1;
    },
  });
  const client = createClient({ apiKey: KEY, baseUrl: clean.url, requestsPerMinute: 0 });
  for (const query of QUERIES) {
    const compiled = compile(query, { now: NOW, timeZone: "UTC" });
    expected.set(query, (await executePlan(client, compiled)).chats);
  }
});

afterAll(async () => {
  await Promise.all([clean?.close(), faulty?.close(), slowFaulty?.close()]);
  console.info(
    `faults: ${tally.faults} injected and survived; ${tally.ids} chat ids compared with a clean run, 0 lost`,
  );
});

const ids = (chats: readonly { id: number }[]) => chats.map((c) => c.id);

/** A library client against the slow faulty emulator: a 100 ms timeout, retried up to 10 times. */
function retryingClient() {
  return createClient({
    apiKey: KEY,
    baseUrl: slowFaulty.url,
    requestsPerMinute: 0,
    timeoutMs: 100,
    retries: 10,
    retryBaseMs: 5,
    retryMaxMs: 40,
  });
}

describe("the library against 30% faults", () => {
  it("the clean answers are what the queries ask for", () => {
    expect(expected.get(QUERIES[0]!)).toHaveLength(250);
    expect(expected.get(QUERIES[1]!)).toHaveLength(150);
    for (const chats of expected.values()) expect(new Set(ids(chats)).size).toBe(chats.length);
  });

  it.each(QUERIES)("%s: exactly the clean chats, timeouts retried", async (query) => {
    const compiled = compile(query, { now: NOW, timeZone: "UTC" });
    const result = await executePlan(retryingClient(), compiled);
    expect(ids(result.chats)).toEqual(ids(expected.get(query)!));
    expect(result.chats).toEqual(expected.get(query));
    tally.ids += result.chats.length;
  });

  it("all matches of several bodies (--all) across many pages", async () => {
    const query = "status = closed or tags = VIP";
    const compiled = compile(query, { now: NOW, timeZone: "UTC" });
    const reference = await executePlan(
      createClient({ apiKey: KEY, baseUrl: clean.url, requestsPerMinute: 0 }),
      compiled,
      { all: true },
    );
    expect(reference.chats.length).toBeGreaterThan(300);
    const result = await executePlan(retryingClient(), compiled, { all: true });
    expect(ids(result.chats)).toEqual(ids(reference.chats));
    tally.ids += result.chats.length;
  });

  it("met every kind of fault on the way", () => {
    expect([...injected.slowFaulty].sort()).toEqual(["429", "500", "delay", "malformed", "reset"]);
  });
});

const env = (url: string) => ({ HELPCRUNCH_API_URL: url, HELPCRUNCH_API_KEY: KEY });
const RUN = ["run", "--format", "json", "--now", String(NOW), "--tz", "UTC"];

describe("hcql run against 30% faults", () => {
  it.concurrent.each(QUERIES)("%s: the same JSON as against a clean emulator", async (query) => {
    const [good, bad] = await Promise.all([
      runCliInUtc([...RUN, query], { env: env(clean.url) }),
      runCliInUtc([...RUN, query], { env: env(faulty.url) }),
    ]);
    expect(good.code).toBe(0);
    expect(bad.stderr).not.toMatch(CRASH);
    expect(bad.code).toBe(0);
    expect(JSON.parse(bad.stdout)).toEqual(JSON.parse(good.stdout));
    expect(ids(JSON.parse(bad.stdout) as Chat[])).toEqual(ids(expected.get(query)!));
    tally.ids += expected.get(query)!.length;
  });

  it("met faults on the way", () => {
    expect(injected.faulty.size).toBeGreaterThanOrEqual(3);
  });
});

describe("hcql run once the retries are spent", () => {
  const failing: Emulator[] = [];
  afterAll(async () => {
    await Promise.all(failing.map((e) => e.close()));
  });
  async function always(options: EmulatorOptions): Promise<Emulator> {
    const emulator = await startEmulator({ ...DATA, chats: 50, failRate: 1, ...options });
    failing.push(emulator);
    return emulator;
  }

  it("429 on every attempt: exit 3 naming the rate limit", async () => {
    const emulator = await always({ faults: ["429"], retryAfter: 0 });
    const result = await runCliInUtc([...RUN, "status = new"], { env: env(emulator.url) });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^hcql run: .*(429|rate limit)/im);
    expect(result.stderr).toMatch(/6 attempts/);
    expect(result.stderr).not.toMatch(CRASH);
  });

  it.each([
    ["500", { faults: ["500"] }, /500|server/i],
    ["reset", { faults: ["reset"] }, /network|reset|ECONNRESET|socket|terminated/i],
    ["malformed", { faults: ["malformed"] }, /JSON|malformed/i],
    ["delay", { faults: ["delay"], faultDelayMs: [10_000, 10_000] }, /no result within 1\.5 s/],
  ] as const)(
    "%s on every attempt, --timeout 1.5: exit 3 with the last failure",
    async (_name, options, why) => {
      const emulator = await always(options as EmulatorOptions);
      const result = await runCliInUtc([...RUN, "--timeout", "1.5", "status = new"], {
        env: env(emulator.url),
      });
      expect(result.code).toBe(3);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^hcql run: no result within 1\.5 s \(--timeout\)/m);
      expect(result.stderr).toMatch(why);
      expect(result.stderr).not.toMatch(CRASH);
    },
  );
});

describe("the shell against 30% faults", () => {
  it("answers each query and the prompt comes back each time", async () => {
    const t = openTerminal({ env: { ...env(faulty.url), NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    for (const [query, shown] of [
      ["status = closed sort by createdAt desc limit 150", /chats 1–150 of (at least )?[\d,]+ · /],
      ["status = closed or (tags = VIP and rating = poor) limit 120", /chats 1–120 of (at least )?[\d,]+ · /],
      ["rating = great limit 5", /chats 1–5 of (at least )?[\d,]+ · /],
      [".format json", /json/],
      ["tags = Paid limit 3", /"id": \d+/],
    ] as const) {
      t.line(query);
      await t.waitFor(shown, 60_000);
      await t.waitFor(/hcql> $/, 60_000);
    }
    t.line(".exit");
    expect(await t.exit()).toBe(0);
  }, 180_000);
});
