import { createTokenInstance, EOF, type IOrAlt, type IToken, type TokenType } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/lexer/lexer.js";
import { ALL_TOKENS } from "../../src/lexer/tokens.js";
import { computeLookaheadTable, lookaheadFunctions } from "../../src/parser/lookahead.js";
import { LOOKAHEAD_TABLE } from "../../src/parser/lookahead-table.js";
import { type HcqlParser, hcqlParser, MAX_LOOKAHEAD, validatedParser } from "../../src/parser/parser.js";
import { gatedAlternations } from "../../src/parser/recorded.js";
import { RECORDED_GRAMMAR } from "../../src/parser/recorded-table.js";
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
    type Decide = (this: unknown, gates?: IOrAlt<unknown>[]) => number | boolean | undefined;
    const functionsOf = (parser: HcqlParser) =>
      (parser as unknown as { lookAheadFuncsCache: Map<number, Decide> }).lookAheadFuncsCache;
    const ours = functionsOf(hcqlParser());
    const theirs = functionsOf(llk);
    const ruleIndexes = (llk as unknown as { fullRuleNameToShort: Record<string, number> })
      .fullRuleNameToShort;
    const gated = gatedAlternations(RECORDED_GRAMMAR);
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

    it("the parser has a function for each decision chevrotain has one for, under the same key", () => {
      expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    });

    it("refuses a table naming a token or a rule the grammar does not have", () => {
      expect(() =>
        lookaheadFunctions({ "query/Option/0": [[["Nope"]]] }, ALL_TOKENS, ruleIndexes, gated),
      ).toThrow("lookahead table names an unknown token 'Nope'");
      expect(() =>
        lookaheadFunctions({ "nope/Option/0": [[["Word"]]] }, ALL_TOKENS, ruleIndexes, gated),
      ).toThrow("lookahead table names an unknown rule 'nope'");
    });

    it.each(Object.keys(LOOKAHEAD_TABLE))("%s", (key) => {
      const made = lookaheadFunctions({ [key]: LOOKAHEAD_TABLE[key]! }, ALL_TOKENS, ruleIndexes, gated);
      const [[chevrotainKey, decide]] = [...made] as [[number, Decide]];
      const reference = theirs.get(chevrotainKey)!;
      expect(ours.get(chevrotainKey)).toBeDefined();
      const alternatives = LOOKAHEAD_TABLE[key]!.length;
      // Gates open, and each alternative's gate closed in turn (read only where the grammar has gates).
      const gateSets: IOrAlt<unknown>[][] = [
        Array.from({ length: alternatives }, () => ({ ALT: () => undefined, GATE: () => true })),
        ...Array.from({ length: alternatives }, (_, closed) =>
          Array.from({ length: alternatives }, (_, i) => ({
            ALT: () => undefined,
            GATE: () => i !== closed,
          })),
        ),
      ];
      for (const next of pairs) {
        for (const gates of gateSets) {
          expect(decide.call(reading(next), gates)).toBe(reference.call(reading(next), gates));
        }
      }
    });
  });
});
