import { describe, expect, it } from "vitest";
import { format, parse } from "../../src/parser/index.js";
import { printQuery } from "../../src/testing/print.js";
import { stripSpans } from "../support/tree.js";

describe("printQuery (the varied spelling of the one printer)", () => {
  it("is the same text for the same seed", () => {
    const tree = parse("status = new and rating in (good, bad) sort by createdAt desc limit 5").query;
    expect(printQuery(tree, 7)).toBe(printQuery(tree, 7));
  });

  it.each([
    ["status = new count", 1],
    ["chats.Assignee = 3 count by chats.Assignee, CREATEDAT per WEEK limit 5", 2],
    ["count by department", 3],
  ])("prints `count` so that %s reads back as the same tree (seed %i)", (text, seed) => {
    const tree = parse(text).query;
    for (let s = seed; s < seed + 50; s++) {
      const printed = printQuery(tree, s);
      const again = parse(printed);
      expect(again.diagnostics).toEqual([]);
      expect(stripSpans(again.query)).toEqual(stripSpans(tree));
      // Its comments (the printer's varied spelling adds some) go above the canonical query.
      const lines = format(printed).split("\n");
      expect(lines.at(-1)).toBe(format(tree));
      expect(lines.slice(0, -1).every((line) => line.startsWith("#"))).toBe(true);
    }
  });

  it("keeps names, values and nesting as the tree holds them, where format canonicalises", () => {
    const tree = parse('chats.Assignee = 3 and (Status = "2" and rating = good)').query;
    expect(printQuery(tree, 0)).toBe('(chats.Assignee = 3) and (Status = "2" and rating == good)');
    expect(format(tree)).toBe("assignee = 3 and status = opened and rating = good");
  });
});

describe("printQuery called from plain JavaScript with the wrong arguments", () => {
  it.each([
    ["status = 1", "a string"],
    [undefined, "undefined"],
    [{ kind: "predicate" }, "an object"],
  ])("printQuery(%j): a TypeError, not an empty text", (tree, said) => {
    expect(() => printQuery(tree as unknown as Parameters<typeof printQuery>[0])).toThrow(
      new TypeError(`hcql: printQuery takes a query tree (queryTree's, or parse(text).query), not ${said}`),
    );
  });

  it("a seed that is not an integer: a RangeError quoting it", () => {
    expect(() => printQuery(parse("status = 1").query, "3" as unknown as number)).toThrow(
      new RangeError('printQuery: the seed must be an integer, not "3"'),
    );
  });
});
