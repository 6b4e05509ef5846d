import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decompile } from "../../src/compiler/decompile.js";
import { compile } from "../../src/compiler/index.js";
import type { SearchBody } from "../../src/language/api.js";
import { format } from "../../src/parser/format.js";
import { NOW } from "./helpers.js";

/**
 * The API's table, written out here from helpcrunch-api.md (not read from src/language): each field's
 * JSON type, the operators the API accepts for that type, and the JSON values it takes.
 */
const API_FIELDS: Record<string, "integer" | "date" | "status" | "rating" | "string" | "tag"> = {
  "chats.assignee": "integer",
  "chats.agents": "integer",
  "chats.department": "integer",
  "chats.customer": "integer",
  "chats.createdAt": "date",
  "chats.updatedAt": "date",
  "chats.closedAt": "date",
  "chats.status": "status",
  "chats.rating": "rating",
  "chats.customer.email": "string",
  "chats.customer.userId": "string",
  "chats.customer.tagsData": "tag",
};
const API_OPERATORS = {
  integer: ["=", "!=", ">", "<", ">=", "<="],
  date: ["=", "!=", ">", "<", ">=", "<="],
  status: ["=", "!=", "~", "!~"],
  rating: ["=", "!=", "~", "!~"],
  string: ["=", "!=", "~", "!~"],
  tag: ["="],
};
const SORTS = ["chats.createdAt", "chats.lastCustomerMessageAt", "chats.lastMessageAt", "chats.closedAt"];
const KEY_ORDER = ["filter", "comparison", "sort", "order", "limit", "offset"];

/** Problems of a body against the API's table; empty when valid. */
function validate(body: SearchBody): string[] {
  const problems: string[] = [];
  const keys = Object.keys(body);
  const expectedOrder = KEY_ORDER.filter((k) => keys.includes(k));
  if (keys.join() !== expectedOrder.join()) problems.push(`key order ${keys.join()}`);
  if (!Array.isArray(body.filter)) return [...problems, "filter"];
  if ((body.comparison !== undefined) !== body.filter.length >= 2) problems.push("comparison presence");
  if (body.comparison !== undefined && body.comparison !== "AND" && body.comparison !== "OR")
    problems.push("comparison");
  for (const [i, item] of body.filter.entries()) {
    const type = API_FIELDS[item.field];
    if (type === undefined) {
      problems.push(`filter[${i}].field`);
      continue;
    }
    if (!API_OPERATORS[type].includes(item.operator)) problems.push(`filter[${i}].operator`);
    const v = item.value as unknown;
    const ok =
      type === "integer" || type === "date"
        ? Number.isSafeInteger(v)
        : type === "status"
          ? typeof v === "string" && /^[1-7]$/.test(v)
          : type === "rating"
            ? v === "great" || v === "average" || v === "poor"
            : type === "string"
              ? typeof v === "string"
              : Array.isArray(v) &&
                v.length > 0 &&
                v.every((t) => typeof t === "object" && t !== null && typeof t.name === "string");
    if (!ok) problems.push(`filter[${i}].value`);
  }
  if (body.sort !== undefined && !SORTS.includes(body.sort)) problems.push("sort");
  if ((body.sort === undefined) !== (body.order === undefined)) problems.push("sort/order");
  if (body.order !== undefined && body.order !== "ASC" && body.order !== "DESC") problems.push("order");
  if (body.limit !== undefined && !(Number.isInteger(body.limit) && body.limit >= 1 && body.limit <= 100))
    problems.push("limit");
  if (body.offset !== undefined && !(Number.isInteger(body.offset) && body.offset >= 0))
    problems.push("offset");
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Generated valid queries

const small = fc.integer({ min: 0, max: 12 }).map(String);
const dateValue = fc.oneof(
  fc.integer({ min: 1590000000, max: 1600000000 }).map(String),
  fc.integer({ min: 1, max: 28 }).map((d) => `2020-06-${String(d).padStart(2, "0")}`),
  fc
    .tuple(
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 0, max: 23 }),
      fc.constantFrom("", "Z", "+02:00"),
    )
    .map(([d, h, z]) => `2020-06-${String(d).padStart(2, "0")}T${String(h).padStart(2, "0")}:30${z}`),
  fc.constantFrom("now", "today", "yesterday", "now - 7d", "today + 1h", "3d ago", "-12h", "yesterday - 1w"),
);
const statusValue = fc.constantFrom(
  "new",
  "open",
  "pending",
  '"on hold"',
  "closed",
  "3",
  '"5"',
  "7",
  "RESOLVED",
);
const ratingValue = fc.constantFrom("great", "average", "POOR", '"poor"');
const textValue = fc.oneof(
  fc.constantFrom('"a@x.com"', "bob", "42", '"x\\"y"', '""', '"Ünï"'),
  fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
);
const tagValue = fc.constantFrom('"Paid"', "VIP", '"A"', "B", "7");

interface FieldGen {
  names: string[];
  value: fc.Arbitrary<string>;
  forms: string[];
  negatable: boolean;
}
const FIELD_GENS: FieldGen[] = [
  {
    names: ["assignee", "department", "customer"],
    value: small,
    forms: ["=", "!=", ">", "<", ">=", "<=", "in", "not in", "between", "not between"],
    negatable: true,
  },
  { names: ["agents"], value: small, forms: ["=", "!=", "in", "not in"], negatable: true },
  {
    names: ["createdAt", "updatedAt", "closedAt"],
    value: dateValue,
    forms: ["=", "!=", ">", "<", ">=", "<=", "in", "not in", "between", "not between"],
    negatable: true,
  },
  {
    names: ["status", "Status", "chats.status"],
    value: statusValue,
    forms: ["=", "!=", "==", "<>", "in", "not in"],
    negatable: true,
  },
  { names: ["rating"], value: ratingValue, forms: ["=", "!=", "in", "not in"], negatable: true },
  {
    names: ["email", "userId", "customer.email"],
    value: textValue,
    forms: ["=", "!=", "~", "!~", "contains", "not contains", "in", "not in"],
    negatable: true,
  },
  { names: ["tags", "tag"], value: tagValue, forms: ["=", "in"], negatable: false },
];

/** A predicate; `negated` (under an odd number of `not`s) leaves out the fields that cannot be negated. */
const predicate = (negatable: boolean) =>
  fc
    .constantFrom(...FIELD_GENS.filter((g) => !negatable || g.negatable))
    .chain((g) =>
      fc.tuple(
        fc.constantFrom(...g.names),
        fc.constantFrom(...g.forms),
        fc.array(g.value, { minLength: 1, maxLength: 3 }),
      ),
    )
    .map(([name, form, values]) => {
      if (form === "in" || form === "not in") return `${name} ${form} (${values.join(", ")})`;
      if (form === "between" || form === "not between")
        return `${name} ${form} ${values[0]} and ${values.at(-1)}`;
      return `${name} ${form} ${values[0]}`;
    });

/** A condition; under an odd number of `not`s only negatable fields appear. */
const condition = fc.letrec<{ plain: string; negated: string }>((tie) => ({
  plain: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    predicate(false),
    fc
      .tuple(tie("plain"), fc.constantFrom(" and ", " or ", " && ", " || "), tie("plain"))
      .map(([a, op, b]) => `(${a}${op}${b})`),
    tie("negated").map((e) => `not ${e}`),
    tie("plain").map((e) => `not not ${e}`),
  ),
  negated: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    predicate(true),
    fc
      .tuple(tie("negated"), fc.constantFrom(" and ", " or "), tie("negated"))
      .map(([a, op, b]) => `(${a}${op}${b})`),
    tie("plain").map((e) => `! ${e}`),
  ),
})).plain;

const clauses = fc
  .tuple(
    fc.option(
      fc.tuple(
        fc.constantFrom("createdAt", "closedAt", "lastMessageAt", "chats.lastCustomerMessageAt"),
        fc.constantFrom("", " asc", " desc"),
      ),
    ),
    fc.option(fc.integer({ min: 1, max: 10_000 })),
    fc.option(fc.integer({ min: 0, max: 500 })),
  )
  .map(([sort, limit, offset]) =>
    [
      sort && `sort by ${sort[0]}${sort[1]}`,
      limit !== null && `limit ${limit}`,
      offset !== null && `offset ${offset}`,
    ]
      .filter(Boolean)
      .join(" "),
  );

const query = fc
  .tuple(fc.option(condition, { freq: 8 }), clauses)
  .map(([c, k]) => [c ?? "", k].filter((s) => s !== "").join(" "));

const OPTIONS = { now: NOW, timeZone: "Europe/Berlin", maxRequests: 64 };
/** `npm run fuzz` sets HCQL_FUZZ_RUNS for long runs. */
const RUNS = { numRuns: Number(process.env.HCQL_FUZZ_RUNS ?? 400) };

describe("generated valid queries", () => {
  it("compile without throwing, and every body passes the API's table", () => {
    fc.assert(
      fc.property(query, (q) => {
        const result = compile(q, OPTIONS);
        const errors = result.diagnostics.filter((d) => d.severity === "error");
        expect(errors.filter((d) => d.code !== "plan-too-large")).toEqual([]);
        for (const body of result.requests) expect(validate(body)).toEqual([]);
        if (result.ok) expect(result.requests.length).toBeLessThanOrEqual(64);
      }),
      RUNS,
    );
  });

  it("decompile round trip: every compiled body comes back", () => {
    fc.assert(
      fc.property(query, (q) => {
        for (const body of compile(q, OPTIONS).requests) {
          const text = decompile(body);
          expect(text.ok).toBe(true);
          if (!text.ok) return;
          const again = compile(text.text, OPTIONS);
          expect(again.ok).toBe(true);
          const only = body.filter[0]?.value;
          const lone = body.filter.length === 1 && Array.isArray(only) && only.length > 1;
          if (lone) {
            // One item holding several tags, alone: HCQL writes it as separate tags (same meaning).
            expect(again.requests[0]!.filter.map((i) => i.value)).toEqual(
              (body.filter[0]!.value as { name: string }[]).map((t) => [t]),
            );
          } else expect(JSON.stringify(again.requests)).toBe(JSON.stringify([body]));
        }
      }),
      RUNS,
    );
  });

  it("compile(format(q)) equals compile(q)", () => {
    fc.assert(
      fc.property(query, (q) => {
        const direct = compile(q, OPTIONS);
        const formatted = compile(format(q), OPTIONS);
        expect(JSON.stringify(formatted.requests)).toBe(JSON.stringify(direct.requests));
        expect(formatted.diagnostics.map((d) => d.code)).toEqual(direct.diagnostics.map((d) => d.code));
      }),
      RUNS,
    );
  });
});

/** Fragments of HCQL, valid or not, so that random strings reach the checker's partial-tree paths. */
const fragment = fc.constantFrom(
  "status",
  "stauts",
  "tags",
  "createdAt",
  "lastMessageAt",
  "email",
  "assignee",
  "=",
  "!=",
  ">",
  "~",
  " in ",
  " not ",
  " between ",
  " and ",
  " or ",
  "(",
  ")",
  ",",
  " new ",
  " 3 ",
  ' "x" ',
  " 2020-06-24 ",
  " 2021-02-30 ",
  " now - 7d ",
  " 7d ago ",
  " today ",
  " sort by ",
  " limit 0 ",
  " offset 5 ",
  " @ ",
  '"',
  " ",
);

describe("any text", () => {
  it("compiles without throwing; diagnostics are in source order, inside the text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fragment, { maxLength: 30 }).map((a) => a.join("")),
          fc.string(),
        ),
        (text) => {
          const result = compile(text, OPTIONS);
          const starts = result.diagnostics.map((d) => d.span.start);
          expect(starts).toEqual([...starts].sort((a, b) => a - b));
          for (const d of result.diagnostics) {
            expect(d.span.start).toBeGreaterThanOrEqual(0);
            expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
            expect(d.span.end).toBeLessThanOrEqual(text.length);
          }
          expect(result.ok).toBe(!result.diagnostics.some((d) => d.severity === "error"));
          if (!result.ok) expect(result.requests).toEqual([]);
        },
      ),
      RUNS,
    );
  });
});
