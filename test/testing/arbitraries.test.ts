import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decompile } from "../../src/compiler/decompile.js";
import { compile } from "../../src/compiler/index.js";
import { generateDataset, parseDataset, validateSearchBody } from "../../src/emulator/index.js";
import type { Expr, Query } from "../../src/parser/index.js";
import { parse } from "../../src/parser/parse.js";
import { filterItem, searchBody } from "../../src/testing/body.js";
import { chat, chatRecord, chatRecords } from "../../src/testing/chat.js";
import { printQuery } from "../../src/testing/print.js";
import { type QueryArbitraryOptions, queryCase, queryText, queryTree } from "../../src/testing/query.js";
import { stripSpans } from "../support/tree.js";

const NOW = 1_750_000_000;
const records = generateDataset({ chats: 120, seed: 3, anchor: NOW }).chats;

describe("query arbitraries", () => {
  it.each([
    ["without records", {}],
    ["with records", { records }],
    ["deep and wide", { records, maxDepth: 5, maxOperands: 4 }],
    ["with counts", { records, counts: true }],
  ])("queryText %s: every query passes the checker (only plan-too-large may refuse it)", (_, options) => {
    fc.assert(
      fc.property(queryText(options), fc.constantFrom("UTC", "Europe/Berlin"), (text, timeZone) => {
        const { diagnostics } = compile(text, { now: NOW, timeZone });
        const errors = diagnostics.filter((d) => d.severity === "error" && d.code !== "plan-too-large");
        expect(errors).toEqual([]);
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it.each([
    ["", {}],
    [" (with counts)", { counts: true }],
  ])("queryCase%s: the text parses back to the tree", (_, options) => {
    fc.assert(
      fc.property(queryCase({ records, ...options }), ({ tree, text }) => {
        const parsed = parse(text);
        expect(parsed.diagnostics).toEqual([]);
        expect(stripSpans(parsed.query)).toEqual(stripSpans(tree));
      }),
      { numRuns: 400, seed: 43 },
    );
  });

  it("printQuery: every spelling of a tree compiles to the same requests", () => {
    fc.assert(
      fc.property(queryTree({ records, maxDepth: 2 }), fc.integer(), fc.integer(), (tree, a, b) => {
        const one = compile(printQuery(tree, a), { now: NOW, maxRequests: 64 });
        const other = compile(printQuery(tree, b), { now: NOW, maxRequests: 64 });
        expect(other.requests).toEqual(one.requests);
      }),
      { numRuns: 300, seed: 44 },
    );
  });

  it("a failing property shrinks to a small query: an and/or gives way to the operand that fails", () => {
    const predicates = (e: Expr): Expr[] =>
      e.kind === "and" || e.kind === "or"
        ? e.operands.flatMap(predicates)
        : e.kind === "not"
          ? predicates(e.operand)
          : [e];
    const rated = (tree: Query) =>
      tree.condition !== undefined &&
      predicates(tree.condition).some((p) => "field" in p && /rating/i.test(p.field.name));
    const sizes = Array.from({ length: 20 }, (_, i) => {
      const found = fc.check(
        fc.property(queryTree({ maxDepth: 4 }), (tree) => !rated(tree)),
        { seed: i + 1, numRuns: 1000 },
      );
      return predicates(found.counterexample![0].condition!).length;
    });
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
  });

  it("with counts: count alone, count by up to three groups, dates per a unit; never sort or offset beside them", () => {
    const trees = fc.sample(queryTree({ records, counts: true }), { numRuns: 1000, seed: 49 });
    const counted = trees.filter((tree) => tree.count !== undefined);
    const groups = counted.map((tree) => tree.count!.groups.length);
    expect(new Set(groups)).toEqual(new Set([0, 1, 2, 3]));
    expect(counted.some((tree) => tree.count!.groups.some((g) => g.unit !== undefined))).toBe(true);
    expect(counted.some((tree) => tree.limit !== undefined)).toBe(true);
    expect(counted.filter((tree) => tree.sort !== undefined || tree.offset !== undefined)).toEqual([]);
    expect(counted.length).toBeGreaterThan(300);
    expect(counted.length).toBeLessThan(700);
    const plain = fc.sample(queryTree({ records }), { numRuns: 500, seed: 49 });
    expect(plain.filter((tree) => tree.count !== undefined)).toEqual([]);
  });

  it("covers the forms the suite relies on", () => {
    const texts = fc.sample(queryText({ records }), { numRuns: 2000, seed: 45 }).join("\n").toLowerCase();
    for (const form of [
      " not in (",
      " between ",
      " not between ",
      " contains ",
      " ago",
      "now - ",
      "today + ",
      "yesterday",
      "t00",
      "z ",
      "tags",
      "status",
      "rating",
      "sort by",
      "order by",
      " desc",
      "&&",
      "||",
      "! ",
      "<>",
      "==",
      "'",
      "# a comment",
    ]) {
      expect(texts, form).toContain(form);
    }
    expect(texts).toMatch(/limit [1-9][0-9]{2,}/);
    expect(texts).toMatch(/[0-9]{4}-[0-9]{2}-[0-9]{2}t[0-9:]+[+-][0-9]{2}:[0-9]{2}/);
    expect(texts).toMatch(/ -[0-9]+[smhdw]/);
  });
});

describe("body arbitraries", () => {
  it.each(["hcql", "api"] as const)("searchBody %s: the API accepts every body", (scope) => {
    fc.assert(
      fc.property(searchBody({ scope, records }), (body) => {
        const v = validateSearchBody(body as unknown as Record<string, unknown>);
        expect(v.ok ? [] : v.errors).toEqual([]);
      }),
      { numRuns: 300, seed: 46 },
    );
  });

  it("searchBody hcql: every body decompiles to HCQL", () => {
    fc.assert(
      fc.property(searchBody({ records }), (body) => {
        const result = decompile(body);
        expect(result.ok ? "" : result.error).toBe("");
      }),
      { numRuns: 300, seed: 47 },
    );
  });
});

describe("chat arbitraries", () => {
  it("chatRecords: the emulator loads them unchanged", () => {
    fc.assert(
      fc.property(chatRecords({ maxLength: 8 }), (rs) => {
        expect(parseDataset(JSON.parse(JSON.stringify(rs))).chats).toEqual(rs);
      }),
      { numRuns: 100, seed: 48 },
    );
  });
});

describe("the arbitraries keep to their options", () => {
  /** The widest `and`/`or` and the longest `in` list of a tree, and its limit. */
  function widths(tree: Query): { junction: number; list: number; limit: number | undefined } {
    let junction = 0;
    let list = 0;
    const walk = (expr: Expr): void => {
      if (expr.kind === "and" || expr.kind === "or") {
        junction = Math.max(junction, expr.operands.length);
        expr.operands.forEach(walk);
      } else if (expr.kind === "not") walk(expr.operand);
      else if (expr.kind === "in") list = Math.max(list, expr.values.length);
    };
    if (tree.condition !== undefined) walk(tree.condition);
    const limit = tree.limit?.value;
    return { junction, list, limit: limit?.kind === "integer" ? Number(limit.text) : undefined };
  }

  function widest(options: QueryArbitraryOptions) {
    const trees = fc.sample(queryTree(options), { numRuns: 2000, seed: 7 }).map(widths);
    return {
      junction: Math.max(...trees.map((t) => t.junction)),
      list: Math.max(...trees.map((t) => t.list)),
      limit: Math.max(...trees.map((t) => t.limit ?? 0)),
    };
  }

  it.each([
    [{}, 3],
    [{ maxOperands: 2 }, 2],
    [{ maxOperands: 5 }, 5],
  ])("%j: and/or operands and in values reach the most and no further", (options, most) => {
    const { junction, list } = widest({ maxDepth: 2, ...options });
    expect([junction, list]).toEqual([most, most]);
  });

  it("maxOperands 1: no and/or, and in lists of one value", () => {
    const { junction, list } = widest({ maxDepth: 2, maxOperands: 1 });
    expect([junction, list]).toEqual([0, 1]);
  });

  it("maxLimit: limits up to it", () => {
    expect(widest({ maxLimit: 3 }).limit).toBe(3);
  });

  it.each([
    [{ maxLimit: 0 }, "maxLimit must be an integer from 1 to 10000, not 0"],
    [{ maxLimit: 10_001 }, "maxLimit must be an integer from 1 to 10000, not 10001"],
    [{ maxOffset: -1 }, "maxOffset must be an integer of at least 0, not -1"],
    [{ maxOperands: 0 }, "maxOperands must be an integer from 1 to 16, not 0"],
    [{ maxOperands: 2.5 }, "maxOperands must be an integer from 1 to 16, not 2.5"],
    [{ maxOperands: 17 }, "maxOperands must be an integer from 1 to 16, not 17"],
    [{ maxDepth: -1 }, "maxDepth must be an integer from 0 to 16, not -1"],
    [{ maxDepth: "3" }, 'maxDepth must be an integer from 0 to 16, not "3"'],
    [{ maxDepth: 1e9 }, "maxDepth must be an integer from 0 to 16, not 1000000000"],
  ])("queryTree(%j): a RangeError naming the option", (options, message) => {
    expect(() => queryTree(options as QueryArbitraryOptions)).toThrow(new RangeError(message));
    expect(() => queryText(options as QueryArbitraryOptions)).toThrow(new RangeError(message));
  });

  const BAD_RANGES: readonly (readonly [string, () => unknown, string])[] = [
    [
      "chatRecords({minLength: 5, maxLength: 2})",
      () => chatRecords({ minLength: 5, maxLength: 2 }),
      "chatRecords: minLength (5) must be at most maxLength (2)",
    ],
    [
      "chatRecords({minLength: -1})",
      () => chatRecords({ minLength: -1 }),
      "minLength must be an integer of at least 0, not -1",
    ],
    [
      "chatRecords({maxLength: 1.5})",
      () => chatRecords({ maxLength: 1.5 }),
      "maxLength must be an integer of at least 0, not 1.5",
    ],
    [
      "searchBody({maxItems: -1})",
      () => searchBody({ maxItems: -1 }),
      "maxItems must be an integer of at least 0, not -1",
    ],
    [
      "searchBody({maxItems: 1.5})",
      () => searchBody({ maxItems: 1.5 }),
      "maxItems must be an integer of at least 0, not 1.5",
    ],
    [
      'searchBody({scope: "API"})',
      () => searchBody({ scope: "API" as "api" }),
      'scope must be "hcql" or "api", not "API"',
    ],
    [
      'filterItem({scope: "all"})',
      () => filterItem({ scope: "all" as "api" }),
      'scope must be "hcql" or "api", not "all"',
    ],
    [
      "chat({from: 2e9, to: 1e9})",
      () => chat({ from: 2e9, to: 1e9 }),
      "chat: from (2000000000) must be before to (1000000000)",
    ],
    [
      "chatRecord({from: 5, to: 5})",
      () => chatRecord({ from: 5, to: 5 }),
      "chatRecord: from (5) must be before to (5)",
    ],
    [
      'chatRecord({from: "0"})',
      () => chatRecord({ from: "0" as unknown as number }),
      'from must be an integer (UNIX seconds), not "0"',
    ],
  ];

  it.each(BAD_RANGES)("%s: a RangeError naming the options", (_name, call, message) => {
    expect(call).toThrow(new RangeError(message));
  });
});
