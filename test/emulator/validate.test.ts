import { describe, expect, it } from "vitest";
import { compile } from "../../src/compiler/index.js";
import { validateSearchBody } from "../../src/emulator/index.js";
import type { SearchBody } from "../../src/language/api.js";
import { emulator, FIXTURE, get, located, post } from "./helpers.js";

const item = (field: unknown, operator: unknown, value: unknown) => ({ field, operator, value });
/** An error as the body carries it ({code, message}) with its path from the X-Hcql-Error-Paths header. */
const err = (code: string, path: string, message: string) => ({ code, message, path });

describe("the seed page's examples", () => {
  it("single filter: status 3, limit 5, createdAt DESC", async () => {
    const emu = await emulator({ chats: 400, seed: 2 });
    const { status, json } = await post(emu, "/chats/search", {
      filter: [{ field: "chats.status", operator: "=", value: "3" }],
      limit: 5,
      offset: 0,
      sort: "chats.createdAt",
      order: "DESC",
    });
    const page = json as {
      data: { status: string; createdAt: number; id: number }[];
      meta: { total: number };
    };
    const pending = emu.dataset.chats
      .filter((r) => r.chat.status === "pending")
      .sort((a, b) => b.chat.createdAt - a.chat.createdAt || a.chat.id - b.chat.id);
    expect(status).toBe(200);
    expect(page.data.map((c) => c.id)).toEqual(pending.slice(0, 5).map((r) => r.chat.id));
    expect(page.data.every((c) => c.status === "pending")).toBe(true);
    expect(page.meta.total).toBe(pending.length);
  });

  it("multiple filters: status 5 OR tag Paid, sorted by the bare lastCustomerMessageAt", async () => {
    const emu = await emulator({ chats: 400, seed: 2 });
    const { status, json } = await post(emu, "/chats/search", {
      comparison: "OR",
      filter: [
        { field: "chats.status", operator: "=", value: "5" },
        { field: "chats.customer.tagsData", operator: "=", value: [{ name: "Paid" }] },
      ],
      limit: 10,
      offset: 0,
      sort: "lastCustomerMessageAt",
      order: "ASC",
    });
    const expected = emu.dataset.chats
      .filter((r) => r.chat.status === "no communication" || r.tags.includes("Paid"))
      .sort((a, b) => {
        const x = a.chat.lastCustomerMessageAt;
        const y = b.chat.lastCustomerMessageAt;
        if (x === y) return a.chat.id - b.chat.id;
        if (x === null) return 1;
        if (y === null) return -1;
        return x - y;
      });
    const page = json as { data: { id: number }[]; meta: { total: number } };
    expect(status).toBe(200);
    expect(page.data.map((c) => c.id)).toEqual(expected.slice(0, 10).map((r) => r.chat.id));
    expect(page.meta.total).toBe(expected.length);
  });

  it.each([
    ["comparison", { comparison: "XOR", filter: [] }, err("invalid_chat_value", "comparison", "comparison")],
    [
      "customer value is invalid",
      { filter: [item("chats.customer", "=", "Michael")] },
      err("invalid_chat_value", "filter[0].value", "customer value is invalid"),
    ],
    [
      "assignee value is invalid",
      { filter: [item("chats.assignee", "=", 31.5)] },
      err("invalid_chat_value", "filter[0].value", "assignee value is invalid"),
    ],
    [
      "status is not a valid integer",
      { filter: [item("chats.status", "=", "pending")] },
      err("invalid_value", "filter[0].value", "status is not a valid integer"),
    ],
    [
      "Field chats.customer.tagsDataff is invalid",
      { filter: [item("chats.customer.tagsDataff", "=", [{ name: "Paid" }])] },
      err("invalid_field", "filter[0].field", "Field chats.customer.tagsDataff is invalid"),
    ],
    [
      "Operator ~~~~ is invalid",
      { filter: [item("chats.customer.email", "~~~~", "x")] },
      err("invalid_operator", "filter[0].operator", "Operator ~~~~ is invalid"),
    ],
  ])("400: %s", async (_, body, error) => {
    const emu = await emulator();
    expect(located(await post(emu, "/chats/search", body))).toEqual({ status: 400, errors: [error] });
  });

  it("400: Invalid chat ID", async () => {
    const emu = await emulator();
    expect(await get(emu, "/chats/abc")).toMatchObject({
      status: 400,
      json: { errors: [{ code: "invalid_chat_value", message: "Invalid chat ID" }] },
    });
  });

  it("reports every problem of a body at once, in body order", async () => {
    const emu = await emulator();
    const answer = await post(emu, "/chats/search", {
      comparison: "XOR",
      filter: [
        item("chats.status", "=", "3"),
        item("chats.customer.tagsDataff", "~~~~", 1),
        item("chats.status", "=", "pending"),
        item("chats.createdAt", "~", "2020-06-18"),
      ],
      limit: 500,
      offset: -1,
      sort: "chats.updatedAt",
      order: "UP",
    });
    expect(located(answer)).toEqual({
      status: 400,
      errors: [
        err("invalid_field", "filter[1].field", "Field chats.customer.tagsDataff is invalid"),
        err("invalid_operator", "filter[1].operator", "Operator ~~~~ is invalid"),
        err("invalid_value", "filter[2].value", "status is not a valid integer"),
        err("invalid_operator", "filter[3].operator", "Operator ~ is invalid"),
        err("invalid_value", "filter[3].value", "createdAt is not a valid integer"),
        err("invalid_chat_value", "comparison", "comparison"),
        err(
          "invalid_value",
          "sort",
          "sort must be one of chats.createdAt, chats.closedAt, chats.lastMessageAt, chats.lastCustomerMessageAt (the chats. prefix is optional)",
        ),
        err("invalid_value", "order", "order must be ASC or DESC"),
        err("invalid_value", "limit", "limit must be an integer from 1 to 100"),
        err("invalid_value", "offset", "offset must be an integer of 0 or more"),
      ],
    });
  });
});

const INVALID: readonly (readonly [string, unknown, readonly object[]])[] = [
  [
    "status 8",
    { filter: [item("chats.status", "=", 8)] },
    [err("invalid_value", "filter[0].value", "status is not a valid integer")],
  ],
  [
    "status 0",
    { filter: [item("chats.status", "=", "0")] },
    [err("invalid_value", "filter[0].value", "status is not a valid integer")],
  ],
  [
    "status ' 3'",
    { filter: [item("chats.status", "=", " 3")] },
    [err("invalid_value", "filter[0].value", "status is not a valid integer")],
  ],
  [
    "status > 3",
    { filter: [item("chats.status", ">", "3")] },
    [err("invalid_operator", "filter[0].operator", "Operator > is invalid")],
  ],
  [
    "tags !=",
    { filter: [item("chats.customer.tagsData", "!=", [{ name: "Paid" }])] },
    [err("invalid_operator", "filter[0].operator", "Operator != is invalid")],
  ],
  [
    "agents ~",
    { filter: [item("chats.agents", "~", 3129)] },
    [err("invalid_operator", "filter[0].operator", "Operator ~ is invalid")],
  ],
  [
    "operator 7",
    { filter: [item("chats.agents", 7, 3129)] },
    [err("invalid_operator", "filter[0].operator", "Operator 7 is invalid")],
  ],
  [
    "agents 'x'",
    { filter: [item("chats.agents", "=", "x")] },
    [err("invalid_value", "filter[0].value", "agents is not a valid integer")],
  ],
  [
    "department 1.5",
    { filter: [item("chats.department", "=", 1.5)] },
    [err("invalid_value", "filter[0].value", "department is not a valid integer")],
  ],
  [
    "createdAt '2020-06-24'",
    { filter: [item("chats.createdAt", ">", "2020-06-24")] },
    [err("invalid_value", "filter[0].value", "createdAt is not a valid integer")],
  ],
  [
    "closedAt 1.5",
    { filter: [item("chats.closedAt", ">", 1.5)] },
    [err("invalid_value", "filter[0].value", "closedAt is not a valid integer")],
  ],
  [
    "rating 1",
    { filter: [item("chats.rating", "=", 1)] },
    [err("invalid_value", "filter[0].value", "rating is not a valid string")],
  ],
  [
    "email null",
    { filter: [item("chats.customer.email", "=", null)] },
    [err("invalid_value", "filter[0].value", "customer.email is not a valid string")],
  ],
  [
    "userId 42",
    { filter: [item("chats.customer.userId", "=", 42)] },
    [err("invalid_value", "filter[0].value", "customer.userId is not a valid string")],
  ],
  ...[[], ["Paid"], [{ name: 1 }], [{}], "Paid", { name: "Paid" }].map(
    (value) =>
      [
        `tags ${JSON.stringify(value)}`,
        { filter: [item("chats.customer.tagsData", "=", value)] },
        [
          err(
            "invalid_value",
            "filter[0].value",
            'customer.tagsData is not a valid list of tags (expected [{"name": "..."}, ...])',
          ),
        ],
      ] as const,
  ),
  [
    "bare field name",
    { filter: [item("status", "=", "3")] },
    [err("invalid_field", "filter[0].field", "Field status is invalid")],
  ],
  [
    "sort-only field",
    { filter: [item("chats.lastMessageAt", ">", 1)] },
    [err("invalid_field", "filter[0].field", "Field chats.lastMessageAt is invalid")],
  ],
  [
    "field 12",
    { filter: [item(12, "=", 1)] },
    [err("invalid_field", "filter[0].field", "Field 12 is invalid")],
  ],
  [
    "empty item",
    { filter: [{}] },
    [
      err("invalid_field", "filter[0].field", "Field is missing in filter[0]"),
      err("invalid_operator", "filter[0].operator", "Operator is missing in filter[0]"),
      err("invalid_value", "filter[0].value", "Value is missing in filter[0]"),
    ],
  ],
  [
    "item not an object",
    { filter: ["chats.status = 3"] },
    [err("invalid_value", "filter[0]", "filter[0] must be an object {field, operator, value}")],
  ],
  [
    "extra key in an item",
    { filter: [{ ...item("chats.status", "=", "3"), negate: true }] },
    [
      err(
        "invalid_value",
        "filter[0].negate",
        "filter[0] has an unknown key negate; a filter item takes field, operator, value",
      ),
    ],
  ],
  [
    "filter not an array",
    { filter: { field: "chats.status" } },
    [err("invalid_value", "filter", "filter must be an array of {field, operator, value} items")],
  ],
  [
    "unknown parameter",
    { filters: [] },
    [
      err(
        "invalid_value",
        "filters",
        "Unknown parameter filters; expected one of filter, comparison, sort, order, limit, offset",
      ),
    ],
  ],
  [
    "comparison null",
    { comparison: null, filter: [] },
    [err("invalid_chat_value", "comparison", "comparison")],
  ],
  ["limit 0", { limit: 0 }, [err("invalid_value", "limit", "limit must be an integer from 1 to 100")]],
  ["limit 101", { limit: 101 }, [err("invalid_value", "limit", "limit must be an integer from 1 to 100")]],
  ["limit 2.5", { limit: 2.5 }, [err("invalid_value", "limit", "limit must be an integer from 1 to 100")]],
  [
    "limit 'ten'",
    { limit: "ten" },
    [err("invalid_value", "limit", "limit must be an integer from 1 to 100")],
  ],
  ["offset -1", { offset: -1 }, [err("invalid_value", "offset", "offset must be an integer of 0 or more")]],
  ["order 1", { order: 1 }, [err("invalid_value", "order", "order must be ASC or DESC")]],
];

describe("validation", () => {
  it.each(INVALID)("400: %s", async (_, body, errors) => {
    const emu = await emulator();
    expect(located(await post(emu, "/chats/search", body))).toEqual({ status: 400, errors });
  });

  it.each([
    ["limit as digits", { limit: "2" }, 2],
    ["offset as digits", { offset: "7", limit: 100 }, 2],
    ["negative department", { filter: [item("chats.department", "=", -1)] }, 0],
    ["negative seconds", { filter: [item("chats.createdAt", ">", "-86400")], limit: 100 }, 9],
    ["integer status", { filter: [item("chats.status", "=", 6)] }, 3],
    ["status ~ digits", { filter: [item("chats.status", "~", "6")] }, 3],
    ["comparison with one item", { comparison: "OR", filter: [item("chats.status", "=", "6")] }, 3],
  ])("200: %s", async (_, body, count) => {
    const emu = await emulator({ data: FIXTURE });
    const { status, json } = await post(emu, "/chats/search", body);
    expect([status, (json as { data: unknown[] }).data.length]).toEqual([200, count]);
  });

  it.each([
    ["and", "comparison"],
    ["Or", "comparison"],
    [" AND", "comparison"],
    [1, "comparison"],
  ])("comparison %j is refused, even with an empty filter", async (comparison, message) => {
    const emu = await emulator();
    for (const filter of [[], [item("chats.status", "=", "6")]]) {
      expect(located(await post(emu, "/chats/search", { comparison, filter }))).toEqual({
        status: 400,
        errors: [err("invalid_chat_value", "comparison", message)],
      });
    }
  });

  it.each([
    [
      [{ name: "Paid", foo: 1 }],
      ["filter[0].value[0].foo", "filter[0].value[0] has an unknown key foo; a tag takes only name"],
    ],
    [
      [{ name: "Paid" }, { name: "VIP", color: "red" }],
      ["filter[0].value[1].color", "filter[0].value[1] has an unknown key color; a tag takes only name"],
    ],
  ])("a tag item with extra keys is refused: %j", async (value, [path, message]) => {
    const emu = await emulator();
    const answer = await post(emu, "/chats/search", {
      filter: [item("chats.customer.tagsData", "=", value)],
    });
    expect(located(answer)).toEqual({ status: 400, errors: [err("invalid_value", path!, message!)] });
  });

  it("lists at most 100 errors, then says how many more there were", async () => {
    const emu = await emulator();
    const filter = Array.from({ length: 20_000 }, () => item("chats.status", "=", "x"));
    const answer = await post(emu, "/chats/search", { filter });
    const { errors } = located(answer);
    expect(errors).toHaveLength(101);
    expect(errors[99]).toEqual(err("invalid_value", "filter[99].value", "status is not a valid integer"));
    expect(errors[100]).toEqual({ code: "invalid_request", message: "19900 more errors not listed" });
    expect(JSON.stringify(answer.json).length).toBeLessThan(8_000);
  });

  it.each([
    [
      "/chats?limit=0&foo=1",
      [
        err("invalid_value", "foo", "Unknown parameter foo; expected one of sort, order, limit, offset"),
        err("invalid_value", "limit", "limit must be an integer from 1 to 100"),
      ],
    ],
    ["/chats?limit=1&limit=2", [err("invalid_value", "limit", "limit is given more than once")]],
    [
      "/chats?sort=updatedAt",
      [
        err(
          "invalid_value",
          "sort",
          "sort must be one of chats.createdAt, chats.closedAt, chats.lastMessageAt, chats.lastCustomerMessageAt (the chats. prefix is optional)",
        ),
      ],
    ],
  ])("GET %s", async (path, errors) => {
    const emu = await emulator();
    expect(located(await get(emu, path))).toEqual({ status: 400, errors });
  });
});

describe("bodies that are not a search", () => {
  it.each([
    ["{", /^Request body is not valid JSON: /],
    ["", /^Request body is not valid JSON: /],
    ["[]", /^Request body must be a JSON object$/],
    ["null", /^Request body must be a JSON object$/],
    ['"filter"', /^Request body must be a JSON object$/],
  ])("400 invalid_request: %j", async (body, message) => {
    const emu = await emulator();
    const { status, json } = await post(emu, "/chats/search", body);
    expect(status).toBe(400);
    expect(json).toEqual({ errors: [{ code: "invalid_request", message: expect.stringMatching(message) }] });
  });

  it("400 invalid_request: bytes that are not UTF-8", async () => {
    const emu = await emulator();
    const { status, json } = await post(emu, "/chats/search", new Uint8Array([0x7b, 0xff, 0x7d]));
    expect([status, json]).toEqual([
      400,
      { errors: [{ code: "invalid_request", message: "Request body is not valid UTF-8" }] },
    ]);
  });

  it("413 for a body over 1 MiB; exactly 1 MiB is read", async () => {
    const emu = await emulator();
    const base = JSON.stringify({ filter: [], limit: 1 });
    const exact = base + " ".repeat(1024 * 1024 - base.length);
    expect((await post(emu, "/chats/search", exact)).status).toBe(200);
    expect(await post(emu, "/chats/search", `${exact} `)).toEqual({
      status: 413,
      headers: expect.anything(),
      json: { errors: [{ code: "request_too_large", message: "Request body is larger than 1048576 bytes" }] },
    });
  });
});

describe("validateSearchBody called directly", () => {
  it("takes hcql's own SearchBody as it is (the README's testing example, typed)", () => {
    const compiled = compile("status = pending or tags = Paid", { now: 1_750_000_000 });
    if (!compiled.ok) throw new Error("does not compile");
    const bodies: readonly SearchBody[] = compiled.requests;
    expect(bodies.map((body) => validateSearchBody(body).ok)).toEqual([true]);
  });

  it.each([[null], [[]], ["filter"], [3], [undefined]])(
    "%j, not an object: refused as the API refuses it, not thrown",
    (body) => {
      expect(validateSearchBody(body)).toEqual({
        ok: false,
        errors: [{ code: "invalid_request", message: "Request body must be a JSON object" }],
      });
    },
  );
});

describe("prototype keys are plain data", () => {
  it.each([
    [
      '{"__proto__": {"limit": 1}, "filter": []}',
      [
        err(
          "invalid_value",
          "__proto__",
          "Unknown parameter __proto__; expected one of filter, comparison, sort, order, limit, offset",
        ),
      ],
    ],
    [
      '{"constructor": {"prototype": {"polluted": true}}}',
      [
        err(
          "invalid_value",
          "constructor",
          "Unknown parameter constructor; expected one of filter, comparison, sort, order, limit, offset",
        ),
      ],
    ],
    [
      '{"filter": [{"field": "__proto__", "operator": "constructor", "value": {"__proto__": {"polluted": true}}}]}',
      [
        err("invalid_field", "filter[0].field", "Field __proto__ is invalid"),
        err("invalid_operator", "filter[0].operator", "Operator constructor is invalid"),
      ],
    ],
    [
      '{"filter": [{"field": "chats.customer.tagsData", "operator": "=", "value": [{"__proto__": {"name": "Paid"}}]}]}',
      [
        err(
          "invalid_value",
          "filter[0].value",
          'customer.tagsData is not a valid list of tags (expected [{"name": "..."}, ...])',
        ),
      ],
    ],
    [
      '{"sort": "constructor", "order": "__proto__"}',
      [
        err(
          "invalid_value",
          "sort",
          "sort must be one of chats.createdAt, chats.closedAt, chats.lastMessageAt, chats.lastCustomerMessageAt (the chats. prefix is optional)",
        ),
        err("invalid_value", "order", "order must be ASC or DESC"),
      ],
    ],
    [
      '{"filter": [{"field": "chats.status", "operator": "=", "value": "3", "__proto__": {"field": "x"}}]}',
      [
        err(
          "invalid_value",
          "filter[0].__proto__",
          "filter[0] has an unknown key __proto__; a filter item takes field, operator, value",
        ),
      ],
    ],
  ])("%s", async (body, errors) => {
    const emu = await emulator();
    expect(located(await post(emu, "/chats/search", body))).toEqual({ status: 400, errors });
    const probe: Record<string, unknown> = {};
    expect([probe.polluted, probe.limit, probe.name, probe.field]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("GET /v1/chats/__proto__ and /v1/chats/constructor are invalid ids", async () => {
    const emu = await emulator();
    for (const id of ["__proto__", "constructor"]) {
      expect((await get(emu, `/chats/${id}`)).json).toEqual({
        errors: [{ code: "invalid_chat_value", message: "Invalid chat ID" }],
      });
    }
  });
});
