import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceTokenize } from "../../src/lexer/reference.js";
import { scan, TokenPool } from "../../src/lexer/scan.js";
import { Equals, Integer, Word } from "../../src/lexer/tokens.js";

/** The hand-written scanner against chevrotain's Lexer over the same token definitions. */

function shape(result: ReturnType<typeof scan>) {
  return {
    tokens: result.tokens.map((t) => [t.tokenType.name, t.image, t.startOffset, t.tokenTypeIdx]),
    comments: result.comments.map((t) => [t.tokenType.name, t.image, t.startOffset]),
    errors: result.errors,
  };
}

const CASES = [
  "",
  'status = 5 or tags = "Paid" sort by lastMessageAt asc limit 10',
  "a.b.c = 1 and in.x = 2 and and_x = 3 and ORDER by or orange",
  "createdAt > 2024-01-01T10:00 and closedAt < 2024-01-01t10:00:30Z and x = 2024-01-01T10:00+05:30",
  "2024-01-01T10:00+05 2024-01-01T10 2024-01-0 20245-01-01 2024-01-01abc",
  "7d 7days 7D 12_ 1d2 10m 5x 3months 1.5 007",
  '"a\\"b" \'c\\\'d\' "open \\',
  "\"unterminated 'with quote\nnext",
  "'a\\",
  "x <> 1 != 2 !~ 3 ! 4 == 5 = 6 >= 7 > 8 <= 9 < 10 ~ 11 && || , + - ( )",
  "a & b | c ; d @ e é 状态 😀 = 1",
  "# a comment\nstatus = new # another\r\n#",
  "\t\r\n  ",
  "&&& ||| &| |&",
  // Words met again, and words of one length and first letter that differ after it.
  "abc = 1 or abd = 2 or abc = 3 or Abc = 4 or abcdefghijklm = 5 or abcdefghijklm = 6 or b = b",
];

const ALPHABET = [
  ..." \t\r\n\"'\\#()!=<>~&|,+-_.:;@aAbBdDeEgGiInNoOrRsStTcCyYzZwWmhxé状😀0123456789",
  "and",
  "or",
  "order",
  "not",
  "in",
  "between",
  "contains",
  "sort",
  "by",
  "asc",
  "desc",
  "limit",
  "offset",
  "ago",
  "2024-01-01",
  "T10:00",
  ":30",
  "+05:30",
  "Z",
  "7d",
];

describe("scan", () => {
  it.each(CASES)("%j lexes as chevrotain's Lexer does", (text) => {
    expect(shape(scan(text))).toEqual(shape(referenceTokenize(text)));
  });

  it("agrees with chevrotain's Lexer on random text", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        expect(shape(scan(text))).toEqual(shape(referenceTokenize(text)));
      }),
      { numRuns: 20_000 },
    );
  });

  it("agrees with chevrotain's Lexer on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        expect(shape(scan(text))).toEqual(shape(referenceTokenize(text)));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe("TokenPool", () => {
  it("hands its tokens out again, emptied in between, and keeps at most its cap", () => {
    const pool = new TokenPool(2);
    const first = scan("a = 1", pool);
    expect(shape(first)).toEqual(shape(scan("a = 1")));
    const firstTokens = [...first.tokens];
    pool.release();
    // The two pooled tokens hold no text any more; the third (past the cap) was a token of its own.
    expect(firstTokens.map((t) => t.image)).toEqual(["", "", "1"]);
    const second = scan('b <= "x" # c', pool).tokens;
    expect(second[0]).toBe(firstTokens[0]);
    expect(second[1]).toBe(firstTokens[1]);
    expect(second[2]).not.toBe(firstTokens[2]);
    expect(second.map((t) => [t.image, t.startOffset, t.tokenType.name])).toEqual([
      ["b", 0, "Word"],
      ["<=", 2, "LessEq"],
      ['"x"', 5, "DoubleString"],
    ]);
  });

  it("writes each scan's tokens into its one list, and hands out a copy when fewer than the list holds", () => {
    const pool = new TokenPool(16);
    const long = scan("a = 1 or b = 2", pool).tokens;
    expect(long).toBe(pool.list);
    pool.release();
    const again = scan("c = 3 or d = 4", pool).tokens;
    expect(again).toBe(long);
    expect(again.map((t) => t.image)).toEqual(["c", "=", "3", "or", "d", "=", "4"]);
    pool.release();
    const short = scan("e = 5", pool).tokens;
    expect(short).not.toBe(long);
    expect(short.map((t) => t.image)).toEqual(["e", "=", "5"]);
    expect(pool.list).toHaveLength(7);
    pool.release();
  });

  it("lets go of its list after a scan that made tokens past its cap, so no text stays reachable", () => {
    const pool = new TokenPool(2);
    scan("a = 1", pool);
    expect(pool.list).toHaveLength(3);
    pool.release();
    expect(pool.list).toEqual([]);
    scan("b", pool);
    pool.release();
    expect(pool.list.map((t) => t.image)).toEqual([""]);
  });

  it("gives each taken token its new type and position", () => {
    const pool = new TokenPool(8);
    scan("x = 2", pool);
    pool.release();
    const [a, b, c] = scan("7 = y", pool).tokens;
    expect([a?.tokenType, a?.tokenTypeIdx, a?.startOffset]).toEqual([Integer, Integer.tokenTypeIdx, 0]);
    expect(b?.tokenType).toBe(Equals);
    expect([c?.tokenType, c?.image, c?.payload]).toEqual([Word, "y", undefined]);
  });
});
