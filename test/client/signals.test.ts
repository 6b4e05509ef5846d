import { getEventListeners } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countChats } from "../../src/client/count.js";
import { executePlan } from "../../src/client/execute.js";
import { createClient, type HelpCrunchClient } from "../../src/client/index.js";
import { streamPlan } from "../../src/client/stream.js";
import { compile } from "../../src/compiler/index.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { item, PLAN_NOW, plan } from "./helpers.js";

/** One signal for every call of a long-running program (its shutdown): the calls leave nothing on it. */

let emulator: Emulator;
let client: HelpCrunchClient;

beforeAll(async () => {
  emulator = await startEmulator({ anchor: PLAN_NOW, chats: 300, rateLimit: false });
  client = createClient({ apiKey: emulator.key, baseUrl: emulator.url, requestsPerMinute: 0 });
});

afterAll(async () => {
  await emulator.close();
});

/** The signals Node keeps for a source of `AbortSignal.any`, never removed on Node 20 (0 when none). */
function dependants(signal: AbortSignal): number {
  const key = Object.getOwnPropertySymbols(signal).find((s) => s.description === "kDependantSignals");
  const set = key === undefined ? undefined : (signal as unknown as Record<symbol, unknown>)[key];
  return (set as { size?: number } | undefined)?.size ?? 0;
}

describe("a long-lived signal given to many calls", () => {
  it("holds no listener and no signal of theirs once they end", async () => {
    const shutdown = new AbortController();
    const { signal } = shutdown;
    const two = plan(
      [{ filter: [item("chats.status", "=", "3")] }, { filter: [item("chats.status", "=", "5")] }],
      {
        limit: 150,
      },
    );
    const counted = compile("count by status", { now: PLAN_NOW });
    for (let i = 0; i < 5; i++) {
      await executePlan(client, two, { signal });
      for await (const _ of streamPlan(client, two, { signal })) {
      }
      await countChats(client, counted, { signal });
      await client.searchBody({ filter: [] }, { signal });
      await client.search([{ filter: [] }, { filter: [] }], { signal });
    }
    expect(getEventListeners(signal, "abort")).toEqual([]);
    expect(dependants(signal)).toBe(0);
  });
});
