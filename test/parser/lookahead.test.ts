import { createTokenInstance, EOF, type IOrAlt, type IToken, type Rule, type TokenType } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/lexer/lexer.js";
import { ALL_TOKENS } from "../../src/lexer/tokens.js";
import { computeLookaheadTable, PrecomputedLookahead } from "../../src/parser/lookahead.js";
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

  describe("each decision, on every pair of next tokens, as chevrotain decides it", () => {
    const rules = llk.getGAstProductions() as Record<string, Rule>;
    const fromTable = new PrecomputedLookahead(LOOKAHEAD_TABLE, ALL_TOKENS, MAX_LOOKAHEAD);
    // With an empty table every decision falls back to chevrotain's own LL(k) strategy.
    const chevrotain = new PrecomputedLookahead({}, ALL_TOKENS, MAX_LOOKAHEAD);
    const types: TokenType[] = [...ALL_TOKENS, EOF];
    const pairs = types.flatMap((first) => types.map((second) => [token(first), token(second)] as const));

    function token(type: TokenType): IToken {
      return createTokenInstance(type, type.name, 0, 0, 0, 0, 0, 0);
    }
    /** A parser as a lookahead function sees it (chevrotain's own read LA_FAST). */
    function reading(next: readonly IToken[]) {
      const LA = (offset: number) => next[offset - 1] ?? token(EOF);
      return { LA, LA_FAST: LA };
    }

    it.each(Object.keys(LOOKAHEAD_TABLE))("%s", (key) => {
      const [ruleName, production, occurrence] = key.split("/") as [string, string, string];
      const rule = rules[ruleName]!;
      const prodOccurrence = Number(occurrence);
      if (production === "Alternation") {
        const options = { prodOccurrence, rule, maxLookahead: MAX_LOOKAHEAD, dynamicTokensEnabled: false };
        const alternatives = LOOKAHEAD_TABLE[key]!.length;
        // Gates open, and each alternative's gate closed in turn.
        const gateSets: IOrAlt<unknown>[][] = [
          Array.from({ length: alternatives }, () => ({ ALT: () => undefined, GATE: () => true })),
          ...Array.from({ length: alternatives }, (_, closed) =>
            Array.from({ length: alternatives }, (_, i) => ({
              ALT: () => undefined,
              GATE: () => i !== closed,
            })),
          ),
        ];
        for (const hasPredicates of [false, true]) {
          const ours = fromTable.buildLookaheadForAlternation({ ...options, hasPredicates });
          const theirs = chevrotain.buildLookaheadForAlternation({ ...options, hasPredicates });
          for (const next of pairs) {
            for (const gates of hasPredicates ? gateSets : [undefined]) {
              expect(ours.call(reading(next), gates)).toBe(theirs.call(reading(next), gates));
            }
          }
        }
      } else {
        const options = {
          prodOccurrence,
          rule,
          prodType: production as "Option",
          maxLookahead: MAX_LOOKAHEAD,
          dynamicTokensEnabled: false,
        };
        const ours = fromTable.buildLookaheadForOptional(options);
        const theirs = chevrotain.buildLookaheadForOptional(options);
        for (const next of pairs) expect(ours.call(reading(next))).toBe(theirs.call(reading(next)));
      }
    });
  });
});
