import { describe, expect, it } from "vitest";
import { unemulatedFields } from "../../src/emulator/search.js";
import { emulator, FIXTURE, get, post, searchIds } from "./helpers.js";

/**
 * The fixture, by chat id (— = missing):
 *
 * id status            created closed rating  assignee agents  dept customer email             userId tags          updated
 *  1 pending (3)       1000    —      —       10       10,11   100  500      Ann@Example.com   u-1    Paid,VIP      1500
 *  2 closed (6)        2000    2500   great   11       11      —    501      —                 U-2    Paid          2600
 *  3 closed (6)        3000    3100   poor    —        —       101  502      bob@example.org   —      —             3100
 *  4 new (1)           2000    —      —       —        —       —    500      Ann@Example.com   u-1    Paid,VIP      2000
 *  5 on hold (4)       4000    —      —       12       12,10   100  503      чат@пример.рф     user-5 Lead          4600
 *  6 closed (6)        5000    5200   average 10       10      101  504      ZED@example.com   —      VIP,Trial     5300
 *  7 empty (7)         6000    —      —       —        —       —    505      —                 —      —             6000
 *  8 no communication  7000    —      —       11       11      102  506      x@y.z             u-8    Churned       7100
 *  9 opened (2)        1000    —      —       12       12      100  507      ann@example.com   U-9    vip           1000
 */

type Case = readonly [field: string, operator: string, value: unknown, expected: readonly number[]];

const CASES: readonly Case[] = [
  // integer
  ["chats.assignee", "=", 10, [1, 6]],
  ["chats.assignee", "=", "10", [1, 6]],
  ["chats.assignee", "=", 999, []],
  ["chats.assignee", "!=", 10, [2, 5, 8, 9]],
  ["chats.assignee", ">", 10, [2, 5, 8, 9]],
  ["chats.assignee", "<", 11, [1, 6]],
  ["chats.assignee", ">=", 11, [2, 5, 8, 9]],
  ["chats.assignee", "<=", 11, [1, 2, 6, 8]],
  ["chats.agents", "=", 10, [1, 5, 6]],
  ["chats.agents", "=", 999, []],
  ["chats.agents", "!=", 10, [2, 3, 4, 7, 8, 9]],
  ["chats.agents", ">", 11, [5, 9]],
  ["chats.agents", "<", 11, [1, 5, 6]],
  ["chats.agents", ">=", 12, [5, 9]],
  ["chats.agents", "<=", 10, [1, 5, 6]],
  ["chats.department", "=", 100, [1, 5, 9]],
  ["chats.department", "!=", 100, [3, 6, 8]],
  ["chats.department", ">", 100, [3, 6, 8]],
  ["chats.department", "<", 101, [1, 5, 9]],
  ["chats.department", ">=", 101, [3, 6, 8]],
  ["chats.department", "<=", 101, [1, 3, 5, 6, 9]],
  ["chats.customer", "=", 500, [1, 4]],
  ["chats.customer", "!=", 500, [2, 3, 5, 6, 7, 8, 9]],
  ["chats.customer", ">", 505, [8, 9]],
  ["chats.customer", "<", 501, [1, 4]],
  ["chats.customer", ">=", 506, [8, 9]],
  ["chats.customer", "<=", 501, [1, 2, 4]],
  // date
  ["chats.createdAt", "=", 2000, [2, 4]],
  ["chats.createdAt", "=", "2000", [2, 4]],
  ["chats.createdAt", "!=", 2000, [1, 3, 5, 6, 7, 8, 9]],
  ["chats.createdAt", ">", 5000, [7, 8]],
  ["chats.createdAt", "<", 2000, [1, 9]],
  ["chats.createdAt", ">=", 6000, [7, 8]],
  ["chats.createdAt", "<=", 1000, [1, 9]],
  ["chats.updatedAt", "=", 3100, [3]],
  ["chats.updatedAt", "!=", 1000, [1, 2, 3, 4, 5, 6, 7, 8]],
  ["chats.updatedAt", ">", 5000, [6, 7, 8]],
  ["chats.updatedAt", "<", 1500, [9]],
  ["chats.updatedAt", ">=", 6000, [7, 8]],
  ["chats.updatedAt", "<=", 1500, [1, 9]],
  ["chats.closedAt", "=", 2500, [2]],
  ["chats.closedAt", "!=", 2500, [3, 6]],
  ["chats.closedAt", ">", 3000, [3, 6]],
  ["chats.closedAt", "<", 3100, [2]],
  ["chats.closedAt", ">=", 3100, [3, 6]],
  ["chats.closedAt", "<=", 5200, [2, 3, 6]],
  // status: codes in, names out
  ["chats.status", "=", "3", [1]],
  ["chats.status", "=", 6, [2, 3, 6]],
  ["chats.status", "!=", "6", [1, 4, 5, 7, 8, 9]],
  ["chats.status", "~", "6", [2, 3, 6]],
  ["chats.status", "!~", "6", [1, 4, 5, 7, 8, 9]],
  ["chats.status", "=", "4", [5]],
  // rating: missing never matches
  ["chats.rating", "=", "great", [2]],
  ["chats.rating", "=", "Great", []],
  ["chats.rating", "=", "excellent", []],
  ["chats.rating", "!=", "great", [3, 6]],
  ["chats.rating", "~", "AV", [6]],
  ["chats.rating", "!~", "p", [2, 6]],
  // string: = exact, ~ case-insensitive substring, missing never matches
  ["chats.customer.email", "=", "ann@example.com", [9]],
  ["chats.customer.email", "=", "nobody@example.com", []],
  ["chats.customer.email", "!=", "ann@example.com", [1, 3, 4, 5, 6, 8]],
  ["chats.customer.email", "~", "EXAMPLE.COM", [1, 4, 6, 9]],
  ["chats.customer.email", "~", "ПРИМЕР", [5]],
  ["chats.customer.email", "!~", "example", [5, 8]],
  ["chats.customer.userId", "=", "u-1", [1, 4]],
  ["chats.customer.userId", "!=", "u-1", [2, 5, 8, 9]],
  ["chats.customer.userId", "~", "U-", [1, 2, 4, 8, 9]],
  ["chats.customer.userId", "!~", "u-", [5]],
  // tags: every listed tag, exact
  ["chats.customer.tagsData", "=", [{ name: "Paid" }], [1, 2, 4]],
  ["chats.customer.tagsData", "=", [{ name: "Paid" }, { name: "VIP" }], [1, 4]],
  ["chats.customer.tagsData", "=", [{ name: "VIP" }], [1, 4, 6]],
  ["chats.customer.tagsData", "=", [{ name: "Unknown" }], []],
];

const sorted = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);

describe("search meaning, on the hand-written fixture", () => {
  it("covers every filterable field of the shared table", () => {
    expect(unemulatedFields()).toEqual([]);
  });

  it.each(CASES.map((c) => [`${c[0]} ${c[1]} ${JSON.stringify(c[2])}`, c] as const))("%s", async (_, c) => {
    const emu = await emulator({ data: FIXTURE });
    const [field, operator, value, expected] = c;
    expect(sorted(await searchIds(emu, { filter: [{ field, operator, value }] }))).toEqual(expected);
  });

  it.each([
    [
      "OR",
      {
        comparison: "OR",
        filter: [
          { field: "chats.status", operator: "=", value: "6" },
          { field: "chats.customer.tagsData", operator: "=", value: [{ name: "Lead" }] },
        ],
      },
      [2, 3, 5, 6],
    ],
    [
      "AND",
      {
        comparison: "AND",
        filter: [
          { field: "chats.status", operator: "=", value: "6" },
          { field: "chats.rating", operator: "!=", value: "great" },
        ],
      },
      [3, 6],
    ],
    [
      "no comparison means AND",
      {
        filter: [
          { field: "chats.assignee", operator: "=", value: 10 },
          { field: "chats.status", operator: "=", value: "6" },
        ],
      },
      [6],
    ],
    ["an empty filter", { filter: [] }, [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ["no filter", {}, [1, 2, 3, 4, 5, 6, 7, 8, 9]],
  ])("%s", async (_, body, expected) => {
    const emu = await emulator({ data: FIXTURE });
    expect(sorted(await searchIds(emu, body))).toEqual(expected);
  });

  it("returns chats as the API shows them, status as a name", async () => {
    const emu = await emulator({ data: FIXTURE });
    const { json } = await post(emu, "/chats/search", {
      filter: [{ field: "chats.status", operator: "=", value: "4" }],
    });
    expect(json).toEqual({
      data: [
        {
          id: 5,
          closedBy: null,
          lastCustomerMessageAt: 4400,
          status: "on hold",
          closedAt: null,
          rating: null,
          createdAt: 4000,
          lastMessageAt: 4500,
          snoozedUntil: null,
          lastMessageText: null,
          lastMessageId: null,
          lastCommunicatedAgentId: null,
          agents: [
            { id: 12, name: "Agent 12", email: null, role: "agent" },
            { id: 10, name: "Agent 10", email: null, role: "agent" },
          ],
          customer: { id: 503, name: null, email: "чат@пример.рф", userId: "user-5" },
          assignee: { id: 12, name: "Agent 12", email: null, role: "agent" },
          department: { id: 100, name: "Dept 100" },
        },
      ],
      meta: { total: 1 },
    });
  });
});

describe("sort: missing values last in both orders, ties by id ascending", () => {
  it.each([
    ["(no sort)", {}, [8, 7, 6, 5, 3, 2, 4, 1, 9]],
    ["order ASC without sort", { order: "ASC" }, [1, 9, 2, 4, 3, 5, 6, 7, 8]],
    ["chats.createdAt ASC", { sort: "chats.createdAt", order: "ASC" }, [1, 9, 2, 4, 3, 5, 6, 7, 8]],
    ["chats.createdAt without order", { sort: "chats.createdAt" }, [1, 9, 2, 4, 3, 5, 6, 7, 8]],
    ["chats.createdAt DESC", { sort: "chats.createdAt", order: "DESC" }, [8, 7, 6, 5, 3, 2, 4, 1, 9]],
    ["chats.closedAt ASC", { sort: "chats.closedAt", order: "ASC" }, [2, 3, 6, 1, 4, 5, 7, 8, 9]],
    ["chats.closedAt DESC", { sort: "chats.closedAt", order: "DESC" }, [6, 3, 2, 1, 4, 5, 7, 8, 9]],
    ["closedAt desc (bare, lower case)", { sort: "closedAt", order: "desc" }, [6, 3, 2, 1, 4, 5, 7, 8, 9]],
    ["chats.lastMessageAt ASC", { sort: "chats.lastMessageAt", order: "ASC" }, [9, 1, 2, 3, 5, 6, 8, 4, 7]],
    ["chats.lastMessageAt DESC", { sort: "chats.lastMessageAt", order: "DESC" }, [8, 6, 5, 3, 2, 1, 9, 4, 7]],
    [
      "chats.lastCustomerMessageAt ASC",
      { sort: "chats.lastCustomerMessageAt", order: "ASC" },
      [9, 1, 3, 5, 6, 2, 4, 7, 8],
    ],
    [
      "lastCustomerMessageAt DESC",
      { sort: "lastCustomerMessageAt", order: "DESC" },
      [6, 5, 3, 1, 9, 2, 4, 7, 8],
    ],
  ])("%s", async (_, body, expected) => {
    const emu = await emulator({ data: FIXTURE });
    expect(await searchIds(emu, { filter: [], ...body })).toEqual(expected);
  });

  it.each([
    ["/chats?sort=closedAt&order=desc", [6, 3, 2, 1, 4, 5, 7, 8, 9]],
    ["/chats?sort=chats.lastMessageAt&limit=3&offset=6", [8, 4, 7]],
    ["/chats", [8, 7, 6, 5, 3, 2, 4, 1, 9]],
  ])("GET %s", async (path, expected) => {
    const emu = await emulator({ data: FIXTURE });
    const { status, json } = await get(emu, path);
    expect(status).toBe(200);
    expect((json as { data: { id: number }[] }).data.map((c) => c.id)).toEqual(expected);
    expect((json as { meta: unknown }).meta).toEqual({ total: 9 });
  });
});

describe("paging", () => {
  it("limit and offset cut one page; meta.total counts every match", async () => {
    const emu = await emulator({ data: FIXTURE });
    const { json } = await post(emu, "/chats/search", { filter: [], limit: 2, offset: 3 });
    expect((json as { data: { id: number }[] }).data.map((c) => c.id)).toEqual([5, 3]);
    expect((json as { meta: unknown }).meta).toEqual({ total: 9 });
    expect(await searchIds(emu, { filter: [], offset: 9 })).toEqual([]);
    expect(await searchIds(emu, { filter: [], offset: 1_000_000 })).toEqual([]);
  });

  it.each([
    ["createdAt DESC", {}],
    ["closedAt ASC", { sort: "chats.closedAt", order: "ASC" }],
    ["lastCustomerMessageAt DESC", { sort: "chats.lastCustomerMessageAt", order: "DESC" }],
  ])("paging through every chat by %s yields each exactly once", async (_, sort) => {
    const emu = await emulator({ chats: 250, seed: 3 });
    const seen: number[] = [];
    for (let offset = 0; offset < 250; offset += 37) {
      const { json } = await post(emu, "/chats/search", { filter: [], ...sort, limit: 37, offset });
      const page = json as { data: { id: number }[]; meta: { total: number } };
      expect(page.meta.total).toBe(250);
      seen.push(...page.data.map((c) => c.id));
    }
    expect(seen).toHaveLength(250);
    expect(sorted(seen)).toEqual(sorted(emu.dataset.chats.map((r) => r.chat.id)));
  });

  it("the default limit is 100", async () => {
    const emu = await emulator({ chats: 250, seed: 3 });
    expect(await searchIds(emu, {})).toHaveLength(100);
  });
});
