import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/lexer/lexer.js";
import { computeLookaheadTable } from "../../src/parser/lookahead.js";
import { LOOKAHEAD_TABLE } from "../../src/parser/lookahead-table.js";
import { type HcqlParser, hcqlParser, MAX_LOOKAHEAD, validatedParser } from "../../src/parser/parser.js";
import { anyText, tokenSoup } from "../support/arbitraries.js";
import { stripSpans } from "../support/tree.js";

/** The parser that validated the grammar decides with chevrotain's own LL(k) lookahead. */
const llk = validatedParser();

/** What a parser makes of a text: the tree and each syntax error with the token it stopped at. */
function parseWith(parser: HcqlParser, text: string) {
  parser.begin(text, tokenize(text).tokens);
  try {
    const query = parser.query();
    return {
      query,
      reported: parser.reported,
      errors: parser.errors.map((e) => [e.name, e.message, e.token.startOffset, e.token.image]),
    };
  } finally {
    parser.input = [];
  }
}

describe("precomputed lookahead", () => {
  it("the table is what chevrotain computes from the grammar (npm run grammar:lookahead writes it)", () => {
    const computed = computeLookaheadTable(Object.values(llk.getGAstProductions()), MAX_LOOKAHEAD);
    expect(LOOKAHEAD_TABLE).toEqual(computed);
  });

  it.each([
    "status = pending and (tags = 'Paid' or rating = poor) sort by lastMessageAt desc limit 20",
    "tags in ('a', 'b',) and not status in (1, 2)",
    "createdAt between -7d and today or createdAt > 3 days ago",
    "status = and or ( limit",
    "status in (1,, 2",
    "tags = sort",
    "",
  ])("decides as chevrotain's LL(k) on %j", (text) => {
    expect(parseWith(hcqlParser(), text)).toEqual(parseWith(llk, text));
  });

  it("decides as chevrotain's LL(k) on any text: same tree, same errors", () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup, anyText), (text) => {
        const fast = parseWith(hcqlParser(), text);
        const reference = parseWith(llk, text);
        expect(stripSpans(fast.query)).toEqual(stripSpans(reference.query));
        expect(fast).toEqual(reference);
      }),
      { numRuns: 1000 },
    );
  });
});
