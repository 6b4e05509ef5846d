import { describe, expect, it } from "vitest";
import { check } from "../../src/compiler/index.js";
import { parseRecord } from "../../src/emulator/dataset-file.js";
import { evaluate, truth } from "../../src/testing/reference.js";

const DAY = 86_400;
const kosta = { id: 3129, name: "Kosta", email: null, role: "admin" };
const donald = { id: 6668, name: "Donald", email: null, role: "admin" };

/** Four chats chosen so that missing values, ties and whole days all matter. */
const RECORDS = [
  {
    chat: {
      id: 1,
      status: "pending",
      createdAt: 1000,
      lastMessageAt: 5000,
      agents: [kosta],
      assignee: kosta,
      customer: { id: 11, email: "Mike@Example.com" },
    },
    tags: ["VIP"],
  },
  {
    chat: {
      id: 2,
      status: "closed",
      rating: "poor",
      createdAt: 2000,
      closedAt: 3000,
      customer: { id: 12 },
    },
  },
  {
    chat: {
      id: 3,
      status: "closed",
      rating: "great",
      createdAt: 2000,
      closedAt: 2500,
      lastMessageAt: 5000,
      agents: [kosta, donald],
      assignee: donald,
      department: { id: 101, name: "Support" },
      customer: { id: 13, email: "zoe@example.org", userId: "u-1" },
    },
    tags: ["Paid", "VIP"],
  },
  {
    chat: {
      id: 4,
      status: "new",
      createdAt: 2 * DAY + 100,
      lastMessageAt: 4000,
      agents: [donald],
      customer: { id: 14, email: "x@y.z" },
    },
    tags: ["Paid"],
  },
].map((r, i) => parseRecord(r, `records[${i}]`));

function ids(query: string, defaultLimit?: number): number[] {
  const { checked, diagnostics } = check(query, { now: 10 * DAY });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return evaluate(checked!, RECORDS, defaultLimit === undefined ? {} : { defaultLimit });
}

describe("evaluate: three-valued logic", () => {
  it.each([
    ["closedAt > 2600", [2]],
    // unknown (an open chat's closedAt) never matches, negated or not
    ["not closedAt > 2600", [3]],
    ["not not closedAt > 2600", [2]],
    ["closedAt > 2600 or status = pending", [2, 1]],
    ["not (closedAt > 2600 and status = closed)", [4, 3, 1]],
    ["not (closedAt > 2600 or status = pending)", [3]],
    ["rating != great", [2]],
    ["department != 101", []],
    ["assignee != 3129", [3]],
    ['email != "x@y.z"', [3, 1]],
  ])("%s", (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });
});

describe("evaluate: strings, sets and tags", () => {
  it.each([
    ["email ~ EXAMPLE", [3, 1]],
    ["email !~ example", [4]],
    ['email = "mike@example.com"', []],
    ['email = "Mike@Example.com"', [1]],
    ['userId contains "U-"', [3]],
    ["agents = 3129", [3, 1]],
    ["agents != 3129", [4, 2]],
    ["not agents = 3129", [4, 2]],
    ["tags = VIP", [3, 1]],
    ["tags = Paid and tags = VIP", [3]],
    ["tags in (Paid, VIP)", [4, 3, 1]],
    ["status in (new, pending)", [4, 1]],
    ["status not in (new, pending)", [2, 3]],
  ])("%s", (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });
});

describe("evaluate: whole days (UTC)", () => {
  it.each([
    ["createdAt = 1970-01-03", [4]],
    ["createdAt > 1970-01-01", [4]],
    ["createdAt >= 1970-01-01", [4, 2, 3, 1]],
    ["createdAt < 1970-01-03", [2, 3, 1]],
    ["createdAt <= 1970-01-01", [2, 3, 1]],
    ["createdAt != 1970-01-01", [4]],
    ["createdAt between 1970-01-01 and 1970-01-03", [4, 2, 3, 1]],
    ["createdAt not between 1970-01-02 and 1970-01-05", [2, 3, 1]],
    ["not createdAt = 1970-01-01", [4]],
  ])("%s", (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });
});

describe("evaluate: order, offset and limit", () => {
  it.each([
    ["", [4, 2, 3, 1]],
    ["sort by lastMessageAt", [4, 1, 3, 2]],
    ["sort by lastMessageAt desc", [1, 3, 4, 2]],
    ["sort by closedAt desc limit 2", [2, 3]],
    ["sort by closedAt", [3, 2, 1, 4]],
    ["offset 1 limit 2", [2, 3]],
    ["offset 9", []],
  ])("%s", (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it("a default limit applies only when the query has none", () => {
    expect([ids("", 2), ids("limit 3", 2)]).toEqual([
      [4, 2],
      [4, 2, 3],
    ]);
  });

  // A count's limit keeps rows of counts (§10): the chats it counts are every match.
  it.each([
    ["count", [4, 2, 3, 1]],
    ["status = closed count by rating limit 1", [2, 3]],
    ["count by assignee limit 1", [4, 2, 3, 1]],
  ])("%s: every chat the count counts, whatever its limit or the default limit", (query, expected) => {
    expect([ids(query), ids(query, 1)]).toEqual([expected, expected]);
  });
});

describe("truth", () => {
  it.each([
    ["closedAt > 2600", [undefined, true, false, undefined]],
    ["not closedAt > 2600", [undefined, false, true, undefined]],
    ["closedAt > 2600 or status = pending", [true, true, false, undefined]],
    ["closedAt > 2600 and status = pending", [undefined, false, false, false]],
  ])("%s", (query, expected) => {
    const { checked } = check(query);
    expect(RECORDS.map((r) => truth(checked!.condition!, r))).toEqual(expected);
  });
});

describe("evaluate called from plain JavaScript with the wrong arguments", () => {
  const checked = check("status = pending", { now: 1_750_000_000 }).checked!;

  it.each([
    [
      "no checked query (a compile that failed)",
      () => evaluate(undefined as unknown as typeof checked, []),
      "hcql: evaluate takes a checked query (compile(text).checked of a query that compiled), not undefined",
    ],
    [
      "query text",
      () => evaluate("status = pending" as unknown as typeof checked, []),
      "hcql: evaluate takes a checked query (compile(text).checked of a query that compiled), not a string",
    ],
    [
      "records that are not an array",
      () => evaluate(checked, undefined as unknown as []),
      "hcql: evaluate takes the chat records as an array, not undefined",
    ],
    [
      "options that are a number",
      () => evaluate(checked, [], 10 as unknown as object),
      "hcql: evaluate takes its options as an object, not a number",
    ],
  ])("%s: a TypeError", (_name, call, message) => {
    expect(call).toThrow(new TypeError(message));
  });

  it.each([
    [0, "defaultLimit must be an integer from 1 to 10000, not 0"],
    [-1, "defaultLimit must be an integer from 1 to 10000, not -1"],
    [2.5, "defaultLimit must be an integer from 1 to 10000, not 2.5"],
    [Number.NaN, "defaultLimit must be an integer from 1 to 10000, not NaN"],
    [10_001, "defaultLimit must be an integer from 1 to 10000, not 10001"],
  ])(
    "defaultLimit %s: a RangeError naming it, as compile's, even when the query has a limit",
    (defaultLimit, message) => {
      expect(() => evaluate(checked, [], { defaultLimit })).toThrow(new RangeError(message));
      const limited = check("status = closed limit 5").checked!;
      expect(() => evaluate(limited, [], { defaultLimit })).toThrow(new RangeError(message));
    },
  );
});
