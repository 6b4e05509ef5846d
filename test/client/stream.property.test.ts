import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { executePlan } from "../../src/client/execute.js";
import { type StreamedChats, streamPlan } from "../../src/client/stream.js";
import { compile } from "../../src/compiler/index.js";
import { generateDataset } from "../../src/emulator/index.js";
import type { Chat } from "../../src/language/api.js";
import { queryText } from "../../src/testing/query.js";
import { inProcessClient } from "../support/in-process-client.js";

/**
 * Streaming changes nothing but when the chats arrive: for generated queries (several bodies merged,
 * any sort, offset and limit), the chats streamPlan yields, batch after batch, are exactly those of
 * executePlan, in the same order. Pages come from the emulator's own search in-process.
 */

const NOW = 1_750_000_000;
const RECORDS = generateDataset({ seed: 5, chats: 700, anchor: NOW }).chats;
const client = inProcessClient(RECORDS);

async function collect(batches: AsyncIterable<StreamedChats>) {
  const chats: Chat[] = [];
  let last: StreamedChats | undefined;
  for await (const batch of batches) {
    chats.push(...batch.chats);
    last = batch;
  }
  return { chats, last: last! };
}

describe("streamPlan (property)", () => {
  it("yields executePlan's chats in executePlan's order", async () => {
    await fc.assert(
      fc.asyncProperty(
        queryText({ records: RECORDS, maxLimit: 400, maxOffset: 350 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 4 }),
        async (text, all, concurrency) => {
          const compiled = compile(text, { now: NOW, timeZone: "UTC", maxRequests: 12 });
          fc.pre(compiled.ok);
          const options = { all, concurrency };
          const buffered = await executePlan(client, compiled, options);
          const streamed = await collect(streamPlan(client, compiled, options));
          expect(streamed.chats).toEqual(buffered.chats);
          // Every body is asked for at least its first page (the merge needs every body's head).
          expect(streamed.last.requests).toBeGreaterThanOrEqual(compiled.plan.bodies.length);
          // Where both read every body to its end, the totals agree too.
          if (streamed.last.totalExact) expect(streamed.last.total).toBe(buffered.total);
          // Where the stream asked for every page executePlan did, it knows what executePlan knows.
          if (streamed.last.requests === buffered.requests) {
            expect([streamed.last.total, streamed.last.totalExact]).toEqual([
              buffered.total,
              buffered.totalExact,
            ]);
          }
        },
      ),
      { numRuns: 300, seed: 20_261_205 },
    );
  }, 120_000);
});
