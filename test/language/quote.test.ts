import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quote } from "../../src/language/quote.js";
import { tokenize } from "../../src/lexer/index.js";
import { stringValue } from "../../src/lexer/lexer.js";

describe("quote: a value in double quotes", () => {
  it.each([
    ["Paid", '"Paid"'],
    ['say "hi"', '"say \\"hi\\""'],
    ["back\\slash", '"back\\\\slash"'],
    ["two\nlines\tand a tab", '"two\\nlines\\tand a tab"'],
    ["bell\u0007", '"bell\\u0007"'],
    ["\u2028", '"\\u2028"'],
    ["\ud800 alone", '"\\ud800 alone"'],
    ["王芳 🙂", '"王芳 🙂"'],
  ])("%j → %s", (value, expected) => {
    expect(quote(value)).toBe(expected);
  });

  it("is read back by the lexer as the value itself, whatever the value", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (value) => {
        const { tokens, diagnostics } = tokenize(quote(value));
        expect(diagnostics).toEqual([]);
        expect(tokens).toHaveLength(1);
        expect(stringValue(tokens[0]!)).toBe(value);
      }),
    );
  });
});
