import { describe, expect, it } from "vitest";
import type { CountResult } from "../../src/client/count.js";
import { bar, formatCountFooter, formatCountResult } from "../../src/output/count.js";

const BY_ASSIGNEE_AND_WEEK: CountResult = {
  total: 30,
  columns: [
    { name: "assignee", type: "integer", references: "agent", unit: undefined },
    { name: "createdAt", type: "date", references: undefined, unit: "week" },
  ],
  rows: [
    { keys: [3129, "2026-11-30"], count: 16 },
    { keys: [3130, "2026-11-30"], count: 8 },
    { keys: [null, "2026-11-23"], count: 1 },
  ],
  agentNames: new Map([[3129, "Anna Smith"]]),
  departmentNames: new Map(),
  requests: 2,
};

const ALONE: CountResult = {
  total: 1234,
  columns: [],
  rows: [],
  agentNames: new Map(),
  departmentNames: new Map(),
  requests: 13,
};

const PLAIN = { color: false };

describe("count output (§10)", () => {
  it("table: key columns with names where known, COUNT, bars scaled to the largest row", () => {
    expect(formatCountResult(BY_ASSIGNEE_AND_WEEK, "table", { color: false, width: 60 })).toBe(
      [
        "ASSIGNEE    CREATEDAT PER WEEK  COUNT",
        `Anna Smith  2026-11-30             16  ${"█".repeat(21)}`,
        `3130        2026-11-30              8  ${"█".repeat(10)}▌`,
        "—           2026-11-23              1  █▍",
        "",
      ].join("\n"),
    );
  });

  it("table: bars in colour on a terminal", () => {
    expect(formatCountResult(BY_ASSIGNEE_AND_WEEK, "table", { color: true, width: 60 })).toContain(
      `\x1b[36m${"█".repeat(21)}\x1b[39m`,
    );
  });

  it("json: total and groups keyed by short field names, ids and null as they are", () => {
    expect(formatCountResult(BY_ASSIGNEE_AND_WEEK, "json", PLAIN)).toBe(
      '{"total":30,"groups":[{"key":{"assignee":3129,"createdAt":"2026-11-30"},"count":16},{"key":{"assignee":3130,"createdAt":"2026-11-30"},"count":8},{"key":{"assignee":null,"createdAt":"2026-11-23"},"count":1}]}\n',
    );
  });

  it("ndjson: one group a line", () => {
    expect(formatCountResult(BY_ASSIGNEE_AND_WEEK, "ndjson", PLAIN)).toBe(
      [
        '{"key":{"assignee":3129,"createdAt":"2026-11-30"},"count":16}',
        '{"key":{"assignee":3130,"createdAt":"2026-11-30"},"count":8}',
        '{"key":{"assignee":null,"createdAt":"2026-11-23"},"count":1}',
        "",
      ].join("\n"),
    );
  });

  it("csv: the JSON key names, then count; null is an empty cell", () => {
    expect(formatCountResult(BY_ASSIGNEE_AND_WEEK, "csv", PLAIN)).toBe(
      "assignee,createdAt,count\r\n3129,2026-11-30,16\r\n3130,2026-11-30,8\r\n,2026-11-23,1\r\n",
    );
  });

  it.each([
    ["table", "1,234\n"],
    ["json", '{"total":1234}\n'],
    ["ndjson", '{"total":1234}\n'],
    ["csv", "count\r\n1234\r\n"],
  ] as const)("count alone, %s", (format, expected) => {
    expect(formatCountResult(ALONE, format, PLAIN)).toBe(expected);
  });

  it("table of a count that matched nothing", () => {
    expect(formatCountResult({ ...BY_ASSIGNEE_AND_WEEK, total: 0, rows: [] }, "table", PLAIN)).toBe(
      "No chats match.\n",
    );
  });

  it.each([
    [16, 16, 4, "████"],
    [1, 16, 4, "▎"],
    [1, 1000, 4, "▏"],
    [0, 16, 4, ""],
    [3, 8, 1, "▍"],
  ])("bar(%i of %i, %i columns) = %j", (count, largest, columns, expected) => {
    expect(bar(count, largest, columns)).toBe(expected);
  });

  it("footer: chats, requests, time", () => {
    expect(formatCountFooter({ total: 2500, requests: 26 }, 1234)).toBe("2,500 chats · 26 requests · 1.2 s");
    expect(formatCountFooter({ total: 1, requests: 1 }, 12)).toBe("1 chat · 1 request · 12 ms");
    expect(formatCountFooter({ total: 0, requests: 1 }, 12)).toBe("no chats · 1 request · 12 ms");
    expect(formatCountFooter({ total: 1, requests: 1 }, 84)).toBe("1 chat · 1 request · 84 ms");
  });
});
