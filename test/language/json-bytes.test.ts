import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SearchBody } from "../../src/language/api.js";
import { jsonBytes } from "../../src/language/json-bytes.js";
import { searchBody } from "../../src/testing/body.js";

const utf8 = (body: unknown) => new TextEncoder().encode(JSON.stringify(body)).length;

/** Any UTF-16 code units: lone surrogates, control characters, quotes and backslashes among them. */
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });

const anyBody: fc.Arbitrary<SearchBody> = fc.record(
  {
    filter: fc.array(
      fc.record({
        field: anyUnits,
        operator: fc.constantFrom("=", "!=", ">", ">=", "<", "<=", "~", "!~"),
        value: fc.oneof(
          fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
          fc.constantFrom(0, -0, 9, 10, -10, 99, 100, 2 ** 53 - 1, -(2 ** 53) + 1, 2 ** 53, 1e21, 0.5, -1e-7),
          fc.double(),
          anyUnits,
          fc.array(fc.record({ name: fc.oneof(anyUnits, fc.string({ unit: "binary" })) }), { maxLength: 4 }),
        ),
      }),
      { maxLength: 6 },
    ),
    comparison: fc.constantFrom("AND" as const, "OR" as const),
    sort: fc.constant("chats.createdAt"),
    order: fc.constantFrom("ASC" as const, "DESC" as const),
    limit: fc.integer({ min: 1, max: 100 }),
    offset: fc.nat(),
  },
  { requiredKeys: ["filter"] },
);

describe("jsonBytes: the UTF-8 bytes of a body's JSON, counted without writing it", () => {
  it.each<[string, SearchBody]>([
    ["no filter", { filter: [] }],
    [
      "an escape and a pair",
      { filter: [{ field: "chats.customer.email", operator: "~", value: 'a"\\\n\u0001😀' }] },
    ],
    [
      "a lone surrogate",
      { filter: [{ field: "chats.customer.userId", operator: "=", value: "\ud800x\udc00" }] },
    ],
    [
      "tags",
      {
        filter: [{ field: "chats.customer.tagsData", operator: "=", value: [{ name: "王" }, { name: "é" }] }],
      },
    ],
  ])("%s", (_name, body) => {
    expect(jsonBytes(body)).toBe(utf8(body));
  });

  it("equals TextEncoder's count of JSON.stringify for any body", () => {
    fc.assert(
      fc.property(anyBody, (body) => jsonBytes(body) === utf8(body)),
      { numRuns: 500 },
    );
  });

  it("equals it for the bodies hcql/testing makes", () => {
    fc.assert(
      fc.property(searchBody(), (body) => jsonBytes(body) === utf8(body)),
      { numRuns: 300 },
    );
  });
});
