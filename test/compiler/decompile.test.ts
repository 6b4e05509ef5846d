import { describe, expect, it } from "vitest";
import { decompile } from "../../src/compiler/decompile.js";
import { compile } from "../../src/compiler/index.js";
import { COMPILE_EXAMPLES, EXAMPLE_NOW } from "./examples.data.js";
import { options } from "./helpers.js";

function text(body: unknown): string {
  const result = decompile(body);
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

function error(body: unknown): string {
  const result = decompile(body);
  if (result.ok) throw new Error(`decompiled to ${result.text}`);
  return result.error;
}

const status = (value: unknown) => ({ field: "chats.status", operator: "=", value });

describe("decompile gives back what compile produced", () => {
  const produced = COMPILE_EXAMPLES.flatMap((c) =>
    compile(c.query, { now: EXAMPLE_NOW, ...c.options }).requests.map((body) => [c.query, body] as const),
  );
  it.each(produced)("%s", (_query, body) => {
    const again = compile(text(body), options());
    expect(again.diagnostics).toEqual([]);
    expect(JSON.stringify(again.requests)).toBe(JSON.stringify([body]));
  });

  it.each([
    ['{"filter":[]}', ""],
    [
      '{"filter":[{"field":"chats.status","operator":"=","value":"5"},{"field":"chats.customer.tagsData","operator":"=","value":[{"name":"Paid"}]}],"comparison":"OR","sort":"chats.lastMessageAt","order":"ASC","limit":10}',
      'status = no_communication or tags = "Paid" sort by lastMessageAt limit 10',
    ],
    [
      '{"filter":[{"field":"chats.rating","operator":"=","value":"great"},{"field":"chats.assignee","operator":"=","value":3129}],"comparison":"AND","sort":"chats.closedAt","order":"DESC","limit":50,"offset":100}',
      "rating = great and assignee = 3129 sort by closedAt desc limit 50 offset 100",
    ],
    [
      '{"filter":[{"field":"chats.customer.email","operator":"~","value":"@example.com"},{"field":"chats.customer.userId","operator":"!~","value":"x\\"y\\\\z\\n\\u0001"}],"comparison":"AND"}',
      'email contains "@example.com" and userId not contains "x\\"y\\\\z\\n\\u0001"',
    ],
    [
      '{"filter":[{"field":"chats.status","operator":"=","value":"1"},{"field":"chats.customer.tagsData","operator":"=","value":[{"name":"VIP"},{"name":"Paid"}]}],"comparison":"OR"}',
      'status = new or tags = "VIP" and tags = "Paid"',
    ],
    [
      '{"filter":[{"field":"chats.createdAt","operator":">=","value":1592956800},{"field":"chats.createdAt","operator":"<","value":1593043200}],"comparison":"AND"}',
      "createdAt >= 1592956800 and createdAt < 1593043200",
    ],
  ])("%s", (json, expected) => {
    expect(text(JSON.parse(json))).toBe(expected);
    expect(JSON.stringify(compile(expected, options()).requests)).toBe(`[${json}]`);
  });

  it("a several-body plan's lone tag conjunction: the same chats in another body, the one exception", () => {
    const plan = compile("(tags = a and tags = b) or (tags = c and status = new)", options());
    const lone = plan.requests[1]!;
    expect(JSON.stringify(lone)).toBe(
      '{"filter":[{"field":"chats.customer.tagsData","operator":"=","value":[{"name":"a"},{"name":"b"}]}],"sort":"chats.createdAt","order":"DESC","limit":100}',
    );
    expect(text(lone)).toBe('tags = "a" and tags = "b" sort by createdAt desc limit 100');
    expect(JSON.stringify(compile(text(lone), options()).requests)).toBe(
      '[{"filter":[{"field":"chats.customer.tagsData","operator":"=","value":[{"name":"a"}]},{"field":"chats.customer.tagsData","operator":"=","value":[{"name":"b"}]}],"comparison":"AND","sort":"chats.createdAt","order":"DESC","limit":100}]',
    );
  });
});

describe("hand-written bodies within HCQL", () => {
  it.each([
    [{ filter: [status(3)] }, "status = pending"],
    [{ filter: [status("4")] }, "status = on_hold"],
    [
      { filter: [status(3)], sort: "lastMessageAt", order: "desc" },
      "status = pending sort by lastMessageAt desc",
    ],
    [{ filter: [status(3)], sort: "chats.createdAt", order: "asc" }, "status = pending sort by createdAt"],
    [{ filter: [status(3)], sort: "closedAt" }, "status = pending sort by closedAt"],
    [{ filter: [status(3)], comparison: "OR" }, "status = pending"],
    [{ filter: [status(3), status(1)], comparison: "or" }, "status = pending or status = new"],
    [{ filter: [status(3), status(1)] }, "status = pending and status = new"],
    [{}, ""],
    [{ limit: 5 }, "limit 5"],
    [{ offset: 0 }, "offset 0"],
    [
      {
        filter: [
          { field: "chats.customer.tagsData", operator: "=", value: [{ name: "A" }, { name: "B" }] },
          status(1),
        ],
        comparison: "AND",
      },
      'tags = "A" and tags = "B" and status = new',
    ],
    [{ filter: [{ field: "chats.assignee", operator: ">", value: "3129" }] }, "assignee > 3129"],
    [
      { filter: [{ field: "chats.createdAt", operator: "<=", value: "1592956800" }] },
      "createdAt <= 1592956800",
    ],
    [{ filter: [{ field: "chats.rating", operator: "!=", value: "poor" }] }, "rating != poor"],
    [{ filter: [{ field: "chats.agents", operator: "!=", value: 7 }] }, "agents != 7"],
    [{ filter: [{ field: "chats.customer", operator: "=", value: 8740723 }] }, "customer = 8740723"],
    [{ filter: [{ field: "chats.department", operator: "<", value: 2 }] }, "department < 2"],
    [{ filter: [{ field: "chats.updatedAt", operator: "!=", value: 0 }] }, "updatedAt != 0"],
    [{ filter: [{ field: "chats.closedAt", operator: ">", value: 1 }] }, "closedAt > 1"],
    [{ filter: [{ field: "chats.customer.email", operator: "=", value: "" }] }, 'email = ""'],
  ])("%j", (body, expected) => {
    expect(text(body)).toBe(expected);
    expect(compile(expected, options()).ok).toBe(true);
  });
});

describe("bodies outside HCQL", () => {
  it.each([
    [null, "the body must be a JSON object"],
    [[], "the body must be a JSON object, not an array: decompile each body of a plan's requests on its own"],
    [
      [{ filter: [] }],
      "the body must be a JSON object, not an array: decompile each body of a plan's requests on its own",
    ],
    ["x", "the body must be a JSON object"],
    [{ filter: {} }, "filter must be an array"],
    [
      { filter: [status(1), status(2), { field: "chats.foo", operator: "=", value: 1 }] },
      "filter[2]: unknown field 'chats.foo'",
    ],
    [
      { filter: [{ field: "chats.customer.tagData", operator: "=", value: [{ name: "a" }] }] },
      "filter[0]: unknown field 'chats.customer.tagData'; did you mean 'chats.customer.tagsData'?",
    ],
    // The API knows its fields by their full names only, and matches ratings exactly as written.
    [
      { filter: [{ field: "assignee", operator: "=", value: 1 }] },
      "filter[0]: the API does not know the field 'assignee'; it is written 'chats.assignee'",
    ],
    [
      { filter: [{ field: "customer.tags", operator: "=", value: [{ name: "a" }] }] },
      "filter[0]: the API does not know the field 'customer.tags'; it is written 'chats.customer.tagsData'",
    ],
    [
      { filter: [{ field: "chats.rating", operator: "=", value: "POOR" }] },
      'filter[0]: rating takes great, average or poor, not "POOR"',
    ],
    [
      { filter: [{ field: "chats.status", operator: "~", value: "1" }] },
      "filter[0]: operator '~' is not allowed for status in HCQL; it allows =, !=",
    ],
    [
      { filter: [{ field: "chats.customer.tagsData", operator: "!=", value: [{ name: "A" }] }] },
      "filter[0]: operator '!=' is not allowed for tags in HCQL; it allows =",
    ],
    [
      { filter: [{ field: "chats.agents", operator: ">", value: 1 }] },
      "filter[0]: operator '>' is not allowed for agents in HCQL; it allows =, !=",
    ],
    [
      { filter: [{ field: "chats.status", operator: "LIKE", value: "1" }] },
      'filter[0]: unknown operator "LIKE"',
    ],
    [{ filter: [status(8)] }, "filter[0]: status takes a status code from 1 to 7, not 8"],
    [{ filter: [status("pending")] }, 'filter[0]: status takes a status code from 1 to 7, not "pending"'],
    [
      { filter: [{ field: "chats.assignee", operator: "=", value: -1 }] },
      "filter[0]: assignee takes a non-negative integer, not -1",
    ],
    [
      { filter: [{ field: "chats.assignee", operator: "=", value: 1.5 }] },
      "filter[0]: assignee takes a non-negative integer, not 1.5",
    ],
    [
      { filter: [{ field: "chats.createdAt", operator: "=", value: "18 Jun 2020" }] },
      'filter[0]: createdAt takes UNIX seconds (an integer from -62167219200 to 253402300799, the years 0 to 9999), not "18 Jun 2020"',
    ],
    // Before the year 0 no date-time can write it.
    [
      { filter: [{ field: "chats.createdAt", operator: ">", value: -62_167_219_201 }] },
      "filter[0]: createdAt takes UNIX seconds (an integer from -62167219200 to 253402300799, the years 0 to 9999), not -62167219201",
    ],
    // After the year 9999 neither: compile refuses such a date too.
    [
      { filter: [{ field: "chats.createdAt", operator: ">", value: 304_150_000_000 }] },
      "filter[0]: createdAt takes UNIX seconds (an integer from -62167219200 to 253402300799, the years 0 to 9999), not 304150000000",
    ],
    [
      { filter: [{ field: "chats.createdAt", operator: ">", value: -99_999_999_999_999 }] },
      "filter[0]: createdAt takes UNIX seconds (an integer from -62167219200 to 253402300799, the years 0 to 9999), not -99999999999999",
    ],
    [
      { filter: [{ field: "chats.rating", operator: "=", value: "good" }] },
      'filter[0]: rating takes great, average or poor, not "good"',
    ],
    [
      { filter: [{ field: "chats.customer.email", operator: "=", value: 5 }] },
      "filter[0]: email takes a string, not 5",
    ],
    [
      { filter: [{ field: "chats.customer.tagsData", operator: "=", value: [] }] },
      'filter[0]: tags takes a non-empty array of {"name": string}, not []',
    ],
    [
      { filter: [{ field: "chats.customer.tagsData", operator: "=", value: "A" }] },
      'filter[0]: tags takes a non-empty array of {"name": string}, not "A"',
    ],
    [
      { filter: [{ field: "chats.customer.tagsData", operator: "=", value: [{ name: 1 }] }] },
      'filter[0]: tags takes a non-empty array of {"name": string}, not [{"name":1}]',
    ],
    [
      { filter: [{ field: "chats.lastMessageAt", operator: ">", value: 1 }] },
      "filter[0]: 'chats.lastMessageAt' can only be sorted by, not filtered on",
    ],
    [{ filter: [{ field: 3, operator: "=", value: 1 }] }, "filter[0].field must be a string"],
    [{ filter: [{ field: "chats.status", value: "1" }] }, "filter[0]: missing 'operator'"],
    [{ filter: [7] }, "filter[0] must be a JSON object"],
    [{ filter: [{ ...status(1), extra: 1 }] }, "filter[0]: unknown key 'extra'"],
    [{ comparison: "XOR" }, 'comparison must be AND or OR, not "XOR"'],
    [{ sort: "chats.email" }, 'sort: cannot sort by "chats.email"'],
    [
      { sort: "chats.createdAd" },
      "sort: cannot sort by \"chats.createdAd\"; did you mean 'chats.createdAt'?",
    ],
    [{ sort: "closedat2" }, "sort: cannot sort by \"closedat2\"; did you mean 'chats.closedAt'?"],
    [{ sort: 5 }, "sort must be a string"],
    [{ sort: "createdAt", order: "up" }, 'order must be ASC or DESC, not "up"'],
    [{ order: "ASC" }, "order without sort"],
    [{ limit: 0 }, "limit must be an integer from 1 to 100, not 0"],
    [{ limit: 101 }, "limit must be an integer from 1 to 100, not 101"],
    [{ offset: -1 }, "offset must be a non-negative integer, not -1"],
    [{ filter: [], where: 1 }, "body: unknown key 'where'"],
  ])("%j", (body, message) => {
    expect(error(body)).toBe(message);
  });

  it.each([
    ['{"__proto__": {"filter": 1}}', "body: unknown key '__proto__'"],
    [
      '{"filter": [{"field": "chats.status", "operator": "=", "value": "1", "constructor": 1}]}',
      "filter[0]: unknown key 'constructor'",
    ],
    [
      '{"filter": [{"field": "constructor", "operator": "=", "value": 1}]}',
      "filter[0]: unknown field 'constructor'",
    ],
    [
      '{"filter": [{"field": "__proto__", "operator": "toString", "value": 1}]}',
      "filter[0]: unknown field '__proto__'",
    ],
  ])("%s is harmless", (json, message) => {
    expect(error(JSON.parse(json))).toBe(message);
    expect(({} as Record<string, unknown>).filter).toBeUndefined();
  });

  // A message is read in a terminal: what the body's text would do there is shown escaped.
  it.each([
    [
      { filter: [{ field: "chats.customer.email\u001b[2J", operator: "~", value: "x" }] },
      "filter[0]: unknown field 'chats.customer.email\\u001b[2J'; did you mean 'chats.customer.email'?",
    ],
    [{ filter: [], "\u001b]0;title\u0007": 1 }, "body: unknown key '\\u001b]0;title\\u0007'"],
    [
      { filter: [{ field: "chats.status", operator: "=", value: "1", "a\u202eb\u009b": 1 }] },
      "filter[0]: unknown key 'a\\u202eb\\u009b'",
    ],
    [
      { filter: [{ field: "chats.status", operator: "=\u2066", value: "1" }] },
      'filter[0]: unknown operator "=\\u2066"',
    ],
  ])("%j: its control characters escaped", (body, message) => {
    expect(error(body)).toBe(message);
  });

  it("a body without own keys reads nothing inherited", () => {
    expect(text(Object.create({ filter: [status(1)], limit: 3 }))).toBe("");
  });
});

describe("decompile never throws", () => {
  const throwing = {
    get filter(): never {
      throw new Error("getter threw");
    },
  };
  const trapped = new Proxy(
    {},
    {
      ownKeys() {
        throw new Error("trap threw");
      },
    },
  );
  it.each([
    [
      "a BigInt value",
      { filter: [{ field: "chats.assignee", operator: "=", value: 3n }] },
      "filter[0]: assignee takes a non-negative integer, not 3n",
    ],
    [
      "a limit of 1e400",
      JSON.parse('{"limit": 1e400}'),
      "limit must be an integer from 1 to 100, not Infinity",
    ],
    [
      "a date of -1e400",
      JSON.parse('{"filter": [{"field": "chats.createdAt", "operator": ">", "value": -1e400}]}'),
      "filter[0]: createdAt takes UNIX seconds (an integer from -62167219200 to 253402300799, the years 0 to 9999), not -Infinity",
    ],
    ["an offset of NaN", { offset: Number.NaN }, "offset must be a non-negative integer, not NaN"],
    ["a throwing getter", throwing, "the body cannot be read as JSON data: getter threw"],
    ["a Proxy whose trap throws", trapped, "the body cannot be read as JSON data: trap threw"],
    ["a sparse filter", { filter: new Array(1_000_000) }, "filter[0] must be a JSON object"],
    [
      "a body past the query limit",
      {
        filter: Array.from({ length: 20_000 }, (_, i) => ({
          field: "chats.assignee",
          operator: "=",
          value: i,
        })),
        comparison: "OR",
      },
      "the body decompiles to 388,886 characters of HCQL, over the query limit of 65,536",
    ],
  ])("%s", (_name, body, message) => {
    expect(error(body)).toBe(message);
  });
});

describe("dates before 1970 decompile to UTC date-times", () => {
  it.each([
    ["closedAt != 1969-07-20", "closedAt < 1969-07-20T00:00:00Z or closedAt >= 1969-07-21T00:00:00Z"],
    ["createdAt > 30000d ago", "createdAt > 1943-04-27T15:06:40Z"],
    ["createdAt >= 0000-01-01T00:00:00Z", "createdAt >= 0000-01-01T00:00:00Z"],
  ])("%s", (query, expected) => {
    const body = compile(query, { now: 1_750_000_000 }).requests[0];
    expect(text(body)).toBe(expected);
    expect(compile(expected, { now: 1_750_000_000 }).requests).toEqual([body]);
  });
});
