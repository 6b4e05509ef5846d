import fc from "fast-check";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { pad, truncate, width } from "../../src/output/text.js";

describe("width", () => {
  it.each([
    ["abc", 3],
    ["王小明", 6],
    ["🙂", 2],
    ["👩‍👩‍👧", 2],
    ["é", 1],
    ["e\u0301", 1],
    ["Zoë Müller — “Paid”…", 20],
    ["soft\u00adhyphen", 10],
  ])("%s", (input, expected) => {
    expect(width(input)).toBe(expected);
  });

  // The one-column shortcut agrees with string-width, near its edges and beyond them.
  const near = fc.constantFrom(
    ..."aZ~ \u00a0\u00ac\u00ad\u00ae\u02ff\u0300\u0301\u200b\u200d\u2010\u2026\u2027\u2028\u2030\u205e\u205f\u2060王🙂\x1b\t\n",
  );
  // The code-point shortcut: letters of other scripts, wide characters and emoji, with what joins them.
  const scripts = fc.constantFrom(
    ..."Привет ёЁ҂҃҉ҊԯΆΎώ΅Ϗ שלוםא׳ مرحبا ءيً ـ ٰ王小明ぁゖゟァヺー가힣ễỹ⏎、。〪！？｡￥،\u3040\u9fff\ua000\u1100\u1161\u11a8🚚🔥🎉🙏🀄🇫🇷🏻\u200d\ufe0f\u20e3#♥⌚",
  );
  it("equals string-width for any text", () => {
    const text = fc.oneof(
      fc.string({ unit: near }),
      fc.string({ unit: scripts }),
      fc.string({ unit: "grapheme" }),
      fc.string(),
    );
    fc.assert(
      fc.property(text, (t) => width(t) === stringWidth(t)),
      { numRuns: 2000 },
    );
  });
  it("equals string-width for every code point the shortcut measures alone", () => {
    const differ: string[] = [];
    for (let code = 0x20; code <= 0x1ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const character = String.fromCodePoint(code);
      if (width(character) !== stringWidth(character)) differ.push(code.toString(16));
    }
    expect(differ).toEqual([]);
  });
});

describe("truncate", () => {
  it.each([
    ["hello world", 20, "hello world"],
    ["hello world", 11, "hello world"],
    ["hello world", 10, "hello wor…"],
    ["hello world", 7, "hello…"],
    ["王小明先生", 6, "王小…"],
    ["王小明先生", 5, "王小…"],
    ["ab🙂cd", 4, "ab…"],
    ["👩‍👩‍👧👩‍👩‍👧", 3, "👩‍👩‍👧…"],
    ["abc", 1, "…"],
    ["abc", 0, ""],
    ["Привет, мир", 8, "Привет,…"],
    ["مرحبا بكم", 6, "مرحبا…"],
    ["🚚🔥🎉", 5, "🚚🔥…"],
    ["王a🙏b", 4, "王a…"],
  ])("%s to %i", (input, max, expected) => {
    expect(truncate(input, max)).toBe(expected);
    expect(width(truncate(input, max))).toBeLessThanOrEqual(max);
  });
});

describe("pad", () => {
  it.each([
    ["ab", 4, false, "ab  "],
    ["ab", 4, true, "  ab"],
    ["王", 4, false, "王  "],
    ["toolong", 3, false, "toolong"],
  ])("%s to %i (right: %s)", (input, columns, right, expected) => {
    expect(pad(input, columns, right)).toBe(expected);
  });
});
