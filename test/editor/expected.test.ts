import type { IToken } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assistTokens, expectedAfter } from "../../src/editor/expected.js";
import { tokenize } from "../../src/lexer/index.js";
import { parse } from "../../src/parser/index.js";
import { nextTokenPaths } from "../../src/parser/parser.js";
import { queryText } from "../../src/testing/query.js";

/** The answer for a text, with its sets as sorted lists (the token types by name). */
function expected(text: string) {
  const next = expectedAfter(tokenize(text).tokens);
  return {
    words: [...next.words].sort(),
    operator: next.operator,
    tokens: [...next.tokens].map((t) => t.name).sort(),
  };
}

function errorsBeforeEnd(text: string): number {
  return parse(text).diagnostics.filter((d) => d.code === "syntax" && d.span.start < text.length).length;
}

describe("expectedAfter", () => {
  it.each([
    [
      "",
      {
        words: ["field"],
        operator: undefined,
        tokens: ["Count", "LParen", "Limit", "NotOp", "Offset", "SortStart"],
      },
    ],
    ["status ", { words: [], operator: "plain", tokens: [] }],
    ["status not ", { words: [], operator: "negated", tokens: [] }],
    [
      "status = ",
      // The value's other tokens; a keyword stands there only to be reported (`tags = limit`).
      {
        words: ["value"],
        operator: undefined,
        tokens: [
          "BadDuration",
          "Date",
          "DateTime",
          "Duration",
          "Integer",
          "Keyword",
          "Minus",
          "StringLiteral",
        ],
      },
    ],
    // A second condition and a repeated or excluded clause are left out; `+`/`-` may follow a word.
    [
      "status = new ",
      {
        words: [],
        operator: undefined,
        tokens: ["AndOp", "Count", "Limit", "Minus", "Offset", "OrOp", "Plus", "SortStart"],
      },
    ],
    ["count by status limit 5 ", { words: [], operator: undefined, tokens: [] }],
    ["sort by createdAt ", { words: [], operator: undefined, tokens: ["Asc", "Desc", "Limit", "Offset"] }],
    ["count by createdAt per ", { words: ["unit"], operator: undefined, tokens: [] }],
  ])("%j", (text, answer) => {
    expect(expected(text)).toEqual(answer);
  });

  it("reads as deep as the parser does, no deeper", () => {
    expect(expected(`${"(".repeat(64)}status = new `).tokens).toContain("RParen");
    expect(expected(`${"(".repeat(65)}status = new `)).toEqual({
      words: [],
      operator: undefined,
      tokens: [],
    });
    expect(expected(`${"not ".repeat(65)}`)).toEqual({ words: [], operator: undefined, tokens: [] });
  });

  /** Where the grammar reads next: the token, and the rules around it (which call of each aside). */
  function places(tokens: IToken[]): string[] {
    const all = nextTokenPaths(tokens).map(
      (p) => `${p.nextTokenType.name}#${p.nextTokenOccurrence}@${p.ruleStack.join(">")}`,
    );
    return [...new Set(all)].sort();
  }

  it("reads with what is finished left out what reading every token reads", () => {
    const beginning = fc
      .tuple(queryText(), fc.nat())
      .map(([text, at]) => text.slice(0, at % (text.length + 1)))
      .filter((text) => errorsBeforeEnd(text) === 0);
    fc.assert(
      fc.property(beginning, (text) => {
        const tokens = tokenize(text).tokens;
        expect(places(assistTokens(tokens))).toEqual(places(tokens));
      }),
      { numRuns: 1500 },
    );
  });

  it("leaves out what is finished: operands before an and/or, values before a comma, closed groups", () => {
    const read = (text: string) =>
      assistTokens(tokenize(text).tokens)
        .map((t) => t.image)
        .join(" ");
    expect(read("a = 1 or b = 2 and c")).toBe("x = x and c");
    expect(read("a = 1 or (b = 2 and c")).toBe("x = x or ( x = x and c");
    expect(read("a = 1 or not (b = 2 or c = 3) and d")).toBe("x = x and d");
    expect(read("(a = 1 or (b = 2)) ")).toBe("( x = x )");
    expect(read("a = 1 and b in (1, 2, now - 7d, 3")).toBe("x = x and b in ( x , 3");
    expect(read("a = 1 and b in (1, 2) or c not in (")).toBe("x = x or c not in (");
    expect(read("a between 1 and 2 and b")).toBe("x = x and b");
    expect(read("a = 1 or b between 1 and 2")).toBe("x = x or b between 1 and 2");
    expect(read("status = new sort by createdAt")).toBe("status = new sort by createdAt");
    // An error in what is finished is left out with it: completion goes on after the next and/or.
    expect(read("a = = 1) or b")).toBe("x = x or b");
  });

  it("reads nothing after a run no query has: conditions side by side, hundreds of them", () => {
    expect(expected("status = new ".repeat(400))).toEqual({ words: [], operator: undefined, tokens: [] });
  });
});
