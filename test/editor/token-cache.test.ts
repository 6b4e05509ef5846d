import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TokenCache } from "../../src/editor/token-cache.js";
import { tokenize } from "../../src/lexer/index.js";
import { textEdit } from "../support/arbitraries.js";

/** What a test compares: each piece's type, offset and text. */
function pieces(lexed: {
  tokens: readonly { tokenType: { name: string }; startOffset: number; image: string }[];
}) {
  return lexed.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image]);
}

function fresh(text: string) {
  const { tokens, comments } = tokenize(text);
  return { tokens: pieces({ tokens }), comments: pieces({ tokens: comments }) };
}

function cached(cache: TokenCache, text: string) {
  const { tokens, comments } = cache.read(text);
  return { tokens: pieces({ tokens }), comments: pieces({ tokens: comments }) };
}

describe("TokenCache", () => {
  it("reads after an edit what lexing the whole text reads", () => {
    fc.assert(
      fc.property(textEdit, ({ before, after }) => {
        const cache = new TokenCache();
        cache.read(before);
        expect(cached(cache, after)).toEqual(fresh(after));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["a number, then its unit typed after a space", "createdAt > 3 ", "createdAt > 3 days"],
    ["a date growing into a date and time", "createdAt > 2026-11-01", "createdAt > 2026-11-01T10:00"],
    ["a string closed", 'tags = "Pa', 'tags = "Paid" or status = 1'],
    ["a comment opened in the middle", "status = 1 or status = 2", "status = 1 # or status = 2"],
    ["a keyword typed letter by letter", "status = 1 an", "status = 1 and"],
    ["a list in brackets closed", "status in [new, clo", "status in [new, closed]"],
    [
      "a condition typed after a list in brackets",
      "status in [a, b] and tags = x",
      "status in [a, b] and tags = xy",
    ],
    [
      "a bracket in a string, then a list closed",
      'tags = "a[b" or status in {new, c',
      'tags = "a[b" or status in {new, c}',
    ],
  ])("%s", (_, before, after) => {
    const cache = new TokenCache();
    cache.read(before);
    expect(cached(cache, after)).toEqual(fresh(after));
  });

  it("typing at the end of a long line lexes only the end again", () => {
    const line = "status = 1 or ".repeat(200);
    const cache = new TokenCache();
    const first = { tokens: [...cache.read(`${line}st`).tokens] };
    const second = cache.read(`${line}sta`);
    // The word typed and the one before it are read again; the 599 before are kept as they were.
    expect(second.tokens).toHaveLength(first.tokens.length);
    const kept = second.tokens.filter((t, i) => t === first.tokens[i]);
    expect(kept).toHaveLength(first.tokens.length - 2);
    expect(second.tokens.slice(-2).map((t) => t.image)).toEqual(["or", "sta"]);
  });
});
