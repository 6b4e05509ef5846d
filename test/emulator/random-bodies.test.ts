import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIELDS, OPERATORS } from "../../src/language/fields.js";
import { type Answer, emulator, post } from "./helpers.js";

/** Random bodies, mostly near-valid: never a 500, always JSON, errors always well-formed. */

const fieldName = fc.oneof(
  fc.constantFrom(...FIELDS.map((f) => f.name)),
  fc.constantFrom("status", "chats.", "__proto__", "constructor", "toString", ""),
  fc.string(),
);
const operator = fc.oneof(
  fc.constantFrom(...OPERATORS),
  fc.constantFrom("==", "in", "~~~~", ""),
  fc.string(),
);
const value = fc.oneof(
  fc.integer({ min: -5, max: 10_000_000 }),
  fc.constantFrom("3", "great", "Paid", "", "1592962538", "pending"),
  fc.array(fc.record({ name: fc.oneof(fc.constantFrom("Paid", "VIP"), fc.string()) }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const item = fc.oneof(
  { weight: 5, arbitrary: fc.record({ field: fieldName, operator, value }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const body = fc.record(
  {
    filter: fc.oneof(
      { weight: 5, arbitrary: fc.array(item, { maxLength: 5 }) },
      fc.jsonValue({ maxDepth: 1 }),
    ),
    comparison: fc.oneof(fc.constantFrom("AND", "OR", "or", "XOR"), fc.jsonValue({ maxDepth: 0 })),
    sort: fc.oneof(fc.constantFrom("chats.createdAt", "closedAt", "chats.updatedAt"), fc.string()),
    order: fc.oneof(fc.constantFrom("ASC", "desc", "up"), fc.jsonValue({ maxDepth: 0 })),
    limit: fc.oneof(fc.integer({ min: -1, max: 102 }), fc.jsonValue({ maxDepth: 0 })),
    offset: fc.oneof(fc.integer({ min: -1, max: 3000 }), fc.jsonValue({ maxDepth: 0 })),
  },
  { requiredKeys: [] },
);

function wellFormed({ status, json }: Answer): boolean {
  if (status === 200) {
    const page = json as { data?: unknown; meta?: { total?: unknown } };
    return Array.isArray(page.data) && page.data.length <= 100 && Number.isInteger(page.meta?.total);
  }
  const errors = (json as { errors?: unknown }).errors;
  return (
    status === 400 &&
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((e) => typeof e.code === "string" && typeof e.message === "string")
  );
}

describe("random bodies", () => {
  it("are answered 200 or 400 with well-formed JSON", async () => {
    const emu = await emulator({ chats: 300, rateLimit: false });
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        expect(wellFormed(await post(emu, "/chats/search", JSON.stringify(b)))).toBe(true);
      }),
      { numRuns: 300, seed: 20_240_601 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json()), async (text) => {
        expect(wellFormed(await post(emu, "/chats/search", text))).toBe(true);
      }),
      { numRuns: 150, seed: 20_240_602 },
    );
  });

  it("a valid body's page holds the matches in order", async () => {
    const emu = await emulator({ chats: 300, rateLimit: false });
    const validItem = fc.constantFrom(
      { field: "chats.status", operator: "=", value: "6" },
      { field: "chats.rating", operator: "!=", value: "poor" },
      { field: "chats.customer.tagsData", operator: "=", value: [{ name: "Paid" }] },
      { field: "chats.assignee", operator: ">", value: 4000 },
      { field: "chats.customer.email", operator: "~", value: "EXAMPLE" },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(validItem, { maxLength: 3 }),
        fc.constantFrom("AND", "OR"),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 310 }),
        async (filter, comparison, limit, offset) => {
          const { json } = await post(emu, "/chats/search", {
            filter,
            comparison,
            limit,
            offset,
            sort: "chats.closedAt",
            order: "DESC",
          });
          const page = json as {
            data: { id: number; closedAt: number | null }[];
            meta: { total: number };
          };
          expect(page.data.length).toBe(Math.max(0, Math.min(limit, page.meta.total - offset)));
          for (let i = 1; i < page.data.length; i++) {
            const [a, b] = [page.data[i - 1]!, page.data[i]!];
            const inOrder =
              a.closedAt === b.closedAt
                ? a.id < b.id
                : b.closedAt === null || (a.closedAt !== null && a.closedAt > b.closedAt);
            expect(inOrder).toBe(true);
          }
        },
      ),
      { numRuns: 100, seed: 20_240_603 },
    );
  });
});
