import { describe, expect, it } from "vitest";
import { compile, fixQuery } from "../../src/compiler/index.js";
import { bodies, options } from "./helpers.js";

type Problem = [code: string, start: number, end: number, message: string, hint?: string];

function problems(query: string): Problem[] {
  return compile(query, options()).diagnostics.map((d) => {
    const p: Problem = [d.code, d.span.start, d.span.end, d.message];
    if (d.hint !== undefined) p.push(d.hint);
    return p;
  });
}

function groups(query: string): string {
  const result = compile(query, options());
  if (!result.ok) throw new Error(`${query}: ${JSON.stringify(result.diagnostics)}`);
  const count = result.plan.count!;
  return `${count.groups.map((g) => `${g.field.name}${g.unit ? `/${g.unit}` : ""}`).join(", ")} | rows ${count.rows}`;
}

describe("count: checking (§10)", () => {
  it.each([
    ["count", " | rows undefined"],
    ["count by status", "chats.status | rows undefined"],
    [
      "count by Assignee, RATING, chats.department limit 5",
      "chats.assignee, chats.rating, chats.department | rows 5",
    ],
    ["count by agents", "chats.agents | rows undefined"],
    ["count by createdAt per HOUR", "chats.createdAt/hour | rows undefined"],
    [
      "count by closedAt per day, lastMessageAt per week",
      "chats.closedAt/day, chats.lastMessageAt/week | rows undefined",
    ],
    ["count by lastCustomerMessageAt per month", "chats.lastCustomerMessageAt/month | rows undefined"],
    ["count by chats.createdAt per year", "chats.createdAt/year | rows undefined"],
  ])("%s", (query, expected) => {
    expect(groups(query)).toBe(expected);
  });

  it.each<[string, Problem[]]>([
    [
      "count by tags",
      [
        [
          "invalid-group",
          9,
          13,
          "cannot count by tags: the API's chat objects do not carry it; count by one of assignee, agents, department, createdAt, closedAt, status, rating, lastMessageAt, lastCustomerMessageAt",
        ],
      ],
    ],
    [
      "count by email",
      [
        [
          "invalid-group",
          9,
          14,
          "cannot count by email: it has a value per customer, which makes no useful group; count by one of assignee, agents, department, createdAt, closedAt, status, rating, lastMessageAt, lastCustomerMessageAt",
        ],
      ],
    ],
    [
      "count by status per day",
      [
        [
          "invalid-group",
          9,
          23,
          "status is not a date: only dates are counted per hour, day, week, month or year",
          "count by status",
        ],
      ],
    ],
    [
      "count by createdAt",
      [
        [
          "invalid-group",
          9,
          18,
          "createdAt is a date: say per which unit to count it (hour, day, week, month or year)",
          "count by createdAt per day",
        ],
      ],
    ],
    [
      "count by createdAt per weak",
      [
        [
          "invalid-group",
          23,
          27,
          "unknown unit 'weak'; units are hour, day, week, month or year",
          "did you mean 'week'?",
        ],
      ],
    ],
    [
      "count by status, rating, assignee, department, agents",
      [["invalid-group", 35, 53, "a count has at most 3 groups, not 5"]],
    ],
    ["count by status, STATUS", [["invalid-group", 17, 23, "status is already a group of this count"]]],
    ["count by stauts", [["unknown-field", 9, 15, "unknown field 'stauts'", "did you mean 'status'?"]]],
    [
      "count by status sort by createdAt",
      [
        [
          "count-clause",
          16,
          33,
          "'sort by' cannot be used with count",
          "a count orders its rows by count, largest first (a date alone: by time)",
        ],
      ],
    ],
    [
      "count offset 10",
      [
        [
          "count-clause",
          6,
          15,
          "'offset' cannot be used with count",
          "a count has no offset; limit N keeps the N largest rows",
        ],
      ],
    ],
    [
      "count by createdAt per month offset 2",
      [
        [
          "count-clause",
          29,
          37,
          "'offset' cannot be used with count",
          "a count has no offset; limit N keeps the first N rows in time order",
        ],
      ],
    ],
    ["count limit 0", [["invalid-value", 12, 13, "limit must be between 1 and 10,000, not 0"]]],
  ])("%s", (query, expected) => {
    expect(problems(query)).toEqual(expected);
  });

  it.each([
    ["count by status per day, createdAt limit 3", "count by status, createdAt per day limit 3"],
    ["count by department per week", "count by department"],
    ["count by closedAt per weak", "count by closedAt per week"],
  ])("%s: the fixes make it %s", (query, fixed) => {
    expect(fixQuery(query, options())).toEqual({ text: fixed, diagnostics: [] });
  });
});

describe("count: request bodies fetch every chat in pages of 100, no query limit", () => {
  it.each([
    ["count", '[{"filter":[],"limit":100}]'],
    [
      "status = new count by assignee limit 3",
      '[{"filter":[{"field":"chats.status","operator":"=","value":"1"}],"limit":100}]',
    ],
    [
      "status = new or rating = poor count",
      '[{"filter":[{"field":"chats.status","operator":"=","value":"1"},{"field":"chats.rating","operator":"=","value":"poor"}],"comparison":"OR","limit":100}]',
    ],
    [
      "(status = new and assignee = 1) or rating = poor count by status limit 500",
      '[{"filter":[{"field":"chats.status","operator":"=","value":"1"},{"field":"chats.assignee","operator":"=","value":1}],"comparison":"AND","sort":"chats.createdAt","order":"DESC","limit":100},{"filter":[{"field":"chats.rating","operator":"=","value":"poor"}],"sort":"chats.createdAt","order":"DESC","limit":100}]',
    ],
  ])("%s", (query, expected) => {
    expect(bodies(query)).toBe(expected);
  });

  it("ignores the shell's page size", () => {
    expect(bodies("count", { defaultLimit: 20 })).toBe('[{"filter":[],"limit":100}]');
  });
});
