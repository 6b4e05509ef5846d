import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { executePlan } from "../../src/client/execute.js";
import type { Plan } from "../../src/compiler/types.js";
import { type ChatRecord, generateDataset } from "../../src/emulator/index.js";
import type { Chat, FilterItem, SearchBody, SortOrder } from "../../src/language/api.js";
import { STATUSES } from "../../src/language/values.js";
import { inProcessClient } from "../support/in-process-client.js";

/**
 * The merge is exact for any bodies, sort, offset and limit: executePlan gives the same ids as
 * filtering the whole dataset by the union of the bodies, ordering it and cutting offset and limit.
 * Pages are served in-process by the emulator's own search (no HTTP), so many cases run quickly.
 */

const DATA = generateDataset({ seed: 3, chats: 600, anchor: 1_750_000_000 });
const RECORDS = DATA.chats;

const client = inProcessClient(RECORDS);

type Predicate = { item: FilterItem; holds: (r: ChatRecord) => boolean };

/** The API's status names by code (1 to 7). */
const STATUS_NAMES = STATUSES.map((s) => s.apiName);
const predicate: fc.Arbitrary<Predicate> = fc.oneof(
  fc.integer({ min: 1, max: 7 }).map(
    (code): Predicate => ({
      item: { field: "chats.status", operator: "=", value: String(code) },
      holds: (r: ChatRecord) => r.chat.status === STATUS_NAMES[code - 1],
    }),
  ),
  fc.constantFrom("great", "average", "poor").map(
    (rating): Predicate => ({
      item: { field: "chats.rating", operator: "=", value: rating },
      holds: (r: ChatRecord) => r.chat.rating === rating,
    }),
  ),
  fc.constantFrom(...DATA.agents.map((a) => a.id)).map(
    (id): Predicate => ({
      item: { field: "chats.assignee", operator: "=", value: id },
      holds: (r: ChatRecord) => r.chat.assignee?.id === id,
    }),
  ),
  fc.constantFrom(...DATA.departments.map((d) => d.id)).map(
    (id): Predicate => ({
      item: { field: "chats.department", operator: "!=", value: id },
      holds: (r: ChatRecord) => r.chat.department !== null && r.chat.department.id !== id,
    }),
  ),
);

const conjunction = fc.array(predicate, { minLength: 1, maxLength: 2 });
const sortField = fc.constantFrom("createdAt", "lastMessageAt", "lastCustomerMessageAt", "closedAt");
const order = fc.constantFrom<SortOrder>("ASC", "DESC");

/** The API's order, written again by hand: missing values last in both orders, ties by id. */
function byOrder(field: string, direction: SortOrder) {
  return (a: Chat, b: Chat) => {
    const x = a[field as keyof Chat] as number | null;
    const y = b[field as keyof Chat] as number | null;
    if (x === y) return a.id - b.id;
    if (x === null) return 1;
    if (y === null) return -1;
    return direction === "ASC" ? x - y : y - x;
  };
}

describe("executePlan merge (property)", () => {
  it("equals the brute-force answer for any bodies, sort, offset and limit", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(conjunction, { minLength: 2, maxLength: 4 }),
        sortField,
        order,
        fc.integer({ min: 0, max: 700 }),
        fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
        fc.boolean(),
        async (conjunctions, field, direction, offset, limit, all) => {
          const wanted = limit ?? (all ? Number.POSITIVE_INFINITY : 100);
          const bodies: SearchBody[] = conjunctions.map((c) => ({
            filter: c.map((p) => p.item),
            ...(c.length > 1 ? { comparison: "AND" as const } : {}),
            sort: `chats.${field}`,
            order: direction,
            limit: Math.min(100, offset + wanted),
          }));
          const plan = {
            bodies,
            origins: [],
            sort: { field: `chats.${field}`, order: direction },
            offset,
            limit,
            limitExplicit: limit !== undefined,
            merge: true,
          } as unknown as Plan;
          const result = await executePlan(client, { plan }, { all });
          const union = RECORDS.filter((r) => conjunctions.some((c) => c.every((p) => p.holds(r))))
            .map((r) => r.chat)
            .sort(byOrder(field, direction));
          const expected = union.slice(offset, offset + wanted).map((c) => c.id);
          expect(result.chats.map((c) => c.id)).toEqual(expected);
          if (result.totalExact) expect(result.total).toBe(union.length);
          else expect(result.total).toBeLessThanOrEqual(union.length);
          expect(result.total).toBeGreaterThanOrEqual(Math.min(union.length, offset + expected.length));
        },
      ),
      { numRuns: 150 },
    );
  });
});
