import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decompile } from "../../src/compiler/decompile.js";
import { compile } from "../../src/compiler/index.js";
import { generateDataset, parseDataset, validateSearchBody } from "../../src/emulator/index.js";
import { parse } from "../../src/parser/parse.js";
import { searchBody } from "../../src/testing/body.js";
import { chatRecords } from "../../src/testing/chat.js";
import { printQuery } from "../../src/testing/print.js";
import { queryCase, queryText, queryTree } from "../../src/testing/query.js";
import { stripSpans } from "../support/tree.js";

const NOW = 1_750_000_000;
const records = generateDataset({ chats: 120, seed: 3, anchor: NOW }).chats;

describe("query arbitraries", () => {
  it.each([
    ["without records", {}],
    ["with records", { records }],
    ["deep and wide", { records, maxDepth: 5, maxOperands: 4 }],
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

  it("queryCase: the text parses back to the tree", () => {
    fc.assert(
      fc.property(queryCase({ records }), ({ tree, text }) => {
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
