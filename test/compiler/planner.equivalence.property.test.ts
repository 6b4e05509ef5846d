import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executePlan, type PlanClient } from "../../src/client/execute.js";
import { createClient, type HelpCrunchClient } from "../../src/client/index.js";
import { compile, zoneEngine } from "../../src/compiler/index.js";
import type { CompileResult } from "../../src/compiler/types.js";
import { type ChatRecord, type Emulator, generateDataset, startEmulator } from "../../src/emulator/index.js";
import { PAGE_SIZE } from "../../src/language/values.js";
import { queryText } from "../../src/testing/query.js";
import { evaluate } from "../../src/testing/reference.js";
import { inProcessClient } from "../support/in-process-client.js";

/**
 * The planner's proof: for generated queries (nested and/or/not, in, between, contains, every date
 * form, tags, sort, offset, limits over 100), compile → executePlan → client → emulator returns exactly
 * the ids, in order, that the reference evaluator computes from the query as written. HCQL_FUZZ_RUNS
 * sets the number of queries (`npm run fuzz` runs 50,000).
 */

const RUNS = Number(process.env.HCQL_FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.HCQL_FUZZ_SEED ?? 20_251_125);
/** Generous: about 30 ms a query over HTTP on 2 cores, so never the limit of a healthy run. */
const TIMEOUT_MS = Math.max(600_000, RUNS * 100);
const NOW = 1_750_000_000;
const MAX_REQUESTS = 12;
const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"] as const;

let emu: Emulator;
let client: HelpCrunchClient;
let records: readonly ChatRecord[];

beforeAll(async () => {
  const generated = generateDataset({ chats: 300, seed: 11, anchor: NOW });
  const data = { ...generated, chats: [...generated.chats, ...boundaryRecords(generated.chats)] };
  emu = await startEmulator({ data, rateLimit: false });
  records = emu.dataset.chats;
  client = createClient({ apiKey: emu.key, baseUrl: emu.url, requestsPerMinute: 0, retries: 0 });
});

afterAll(async () => {
  await emu.close();
});

/**
 * Copies of some chats whose times sit exactly on, or one second before, the start of a day in one of
 * ZONES, so that whole days and `today - 1d` are tested at their edges.
 */
function boundaryRecords(chats: readonly ChatRecord[]): ChatRecord[] {
  return Array.from({ length: 30 }, (_, i) => {
    const base = chats[(i * 37) % chats.length]!;
    const zone = zoneEngine(ZONES[i % ZONES.length]!);
    const date = zone.dateOf(base.chat.createdAt);
    const edge = zone.startOfDay(date) - (i % 3 === 0 ? 1 : 0);
    const closedAt = base.chat.closedAt === null ? null : zone.startOfDay(zone.dateOf(base.chat.closedAt));
    return {
      chat: { ...base.chat, id: 9_000_000 + i, createdAt: edge, closedAt },
      tags: base.tags,
      updatedAt: zone.startOfDay(zone.dateOf(base.updatedAt)),
    };
  });
}

/**
 * A case: the query, the session zone, whether to fetch every match when it has no limit, and
 * sometimes a page size for queries without a limit (the REPL's `.limit N`).
 */
function cases() {
  return fc.record({
    text: queryText({ records, maxLimit: 400, maxOffset: 350 }),
    timeZone: fc.constantFrom(...ZONES),
    all: fc.boolean(),
    defaultLimit: fc.option(fc.integer({ min: 1, max: 250 }), { nil: undefined, freq: 4 }),
  });
}

type Case = ReturnType<typeof cases> extends fc.Arbitrary<infer T> ? T : never;

/** Compiles; a query too large for MAX_REQUESTS is skipped, any other error fails. */
function compiled({ text, timeZone, defaultLimit }: Case): CompileResult {
  const options = { now: NOW, timeZone, maxRequests: MAX_REQUESTS };
  const result = compile(text, defaultLimit === undefined ? options : { ...options, defaultLimit });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors.filter((d) => d.code !== "plan-too-large")).toEqual([]);
  fc.pre(result.ok);
  return result;
}

async function agrees(planClient: PlanClient, c: Case): Promise<void> {
  const result = compiled(c);
  const checked = result.checked!;
  const got = await executePlan(planClient, result, { all: c.all, concurrency: 4 });
  // `all` fetches every match of a query without a limit of its own, a default limit or not.
  const defaultLimit = c.all ? undefined : (c.defaultLimit ?? PAGE_SIZE);
  const expected = evaluate(checked, records, defaultLimit === undefined ? {} : { defaultLimit });
  expect(got.chats.map((c) => c.id)).toEqual(expected);
  if (got.totalExact) {
    const everyMatch = evaluate({ ...checked, limit: undefined, offset: undefined }, records);
    expect(got.total).toBe(everyMatch.length);
  }
}

describe("plans agree with the reference evaluator", () => {
  it(
    `over real HTTP against the emulator (${RUNS} queries)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(cases(), (c) => agrees(client, c)),
        { numRuns: RUNS, seed: SEED },
      );
    },
    TIMEOUT_MS,
  );

  it(
    `with the emulator's search in-process (${RUNS * 3} queries)`,
    async () => {
      const planClient = inProcessClient(records);
      await fc.assert(
        fc.asyncProperty(cases(), (c) => agrees(planClient, c)),
        { numRuns: RUNS * 3, seed: SEED + 1 },
      );
    },
    TIMEOUT_MS,
  );
});
