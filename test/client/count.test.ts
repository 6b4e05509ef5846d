import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countChats, GROUPABLE_IN_CHATS } from "../../src/client/count.js";
import { createClient, type HelpCrunchClient } from "../../src/client/index.js";
import { compile } from "../../src/compiler/index.js";
import { type Emulator, generateDataset, startEmulator } from "../../src/emulator/index.js";
import { GROUP_FIELDS } from "../../src/language/fields.js";
import { inProcessClient } from "../support/in-process-client.js";
import { abortedAtOnce, BAD_CONCURRENCY, PLAN_NOW, rejection } from "./helpers.js";

describe("countChats: what it groups by", () => {
  it("reads a value from the chats for every field the table lets count by group by, and for no other", () => {
    expect([...GROUPABLE_IN_CHATS].sort()).toEqual(GROUP_FIELDS.map((field) => field.name).sort());
  });

  it("keys a status by the formatter's name however the chat object spells it (on hold, onhold)", async () => {
    const spellings = ["on hold", "onhold", "On Hold", "pending"];
    const records = generateDataset({ seed: 3, chats: 4, anchor: PLAN_NOW }).chats.map((record, i) => ({
      ...record,
      chat: { ...record.chat, status: spellings[i]! },
    }));
    const result = await countChats(inProcessClient(records), compile("count by status", { now: PLAN_NOW }));
    expect(result.rows).toEqual([
      { keys: ["on_hold"], count: 3 },
      { keys: ["pending"], count: 1 },
    ]);
  });
});

describe("countChats: its options and signal, over real HTTP", () => {
  let emulator: Emulator;
  let client: HelpCrunchClient;

  beforeAll(async () => {
    emulator = await startEmulator({ anchor: PLAN_NOW, rateLimit: false, chats: 300 });
    client = createClient({ apiKey: emulator.key, baseUrl: emulator.url, requestsPerMinute: 0 });
  });

  afterAll(async () => {
    await emulator.close();
  });

  const counted = (text: string) => compile(text, { now: PLAN_NOW, timeZone: "UTC" });

  it.each(
    BAD_CONCURRENCY.flatMap(([concurrency, message]) =>
      ["count by status", "count"].map((text) => [text, concurrency, message] as const),
    ),
  )("%s, concurrency %s: a RangeError, as client.search gives", async (text, concurrency, message) => {
    const error = await rejection(() => countChats(client, counted(text), { concurrency }));
    expect([error, (error as Error).message]).toEqual([expect.any(RangeError), message]);
  });

  it.each(["count by status", "count"])(
    "%s, an already aborted signal: cancelled, as the client says, with the reason as cause; nothing sent",
    async (text) => {
      const { error, reason, sent } = await abortedAtOnce((scripted, signal) =>
        countChats(scripted, counted(text), { signal }),
      );
      expect([error.kind, error.message, error.cause, sent]).toEqual([
        "cancelled",
        "POST /chats/search was cancelled",
        reason,
        0,
      ]);
    },
  );

  it("a valid concurrency counts every chat", async () => {
    const result = await countChats(client, counted("count by status"), { concurrency: 1 });
    expect(result.total).toBe(300);
  });
});
