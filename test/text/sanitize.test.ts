import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeJsonText, sanitize, sanitizeLine } from "../../src/text/sanitize.js";

const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

/** Every C0 control but tab and the line ends, DEL and every C1 control. */
const CONTROLS = [...range(0x00, 0x1f), "\u007f", ...range(0x80, 0x9f)].filter(
  (c) => !"\t\n\r\u0085".includes(c),
);
const BIDI = [
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200e",
  "\u200f",
  "\u061c",
];
const INVISIBLE = [
  "\u200b",
  "\u2060",
  "\u2061",
  "\u2062",
  "\u2063",
  "\u2064",
  "\ufeff",
  "\u180e",
  "\u00ad",
  "\u115f",
  "\u3164",
  "\uffa0",
  "\u{e0041}",
];
/** What must never come out: controls, bidi controls, invisible characters. */
const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u115f\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]/u;

describe("every control character is removed", () => {
  it.each(CONTROLS.map((c) => [hex(c), c]))("%s", (_name, c) => {
    expect(sanitize(`a${c}\nb`)).toBe("a\nb");
    expect(sanitizeLine(`a${c} b`)).not.toMatch(UNSAFE);
  });
});

describe("escape sequences are removed whole", () => {
  it.each([
    ["OSC title, BEL", "a\u001b]0;owned\u0007b", "ab"],
    ["OSC title, ST", "a\u001b]2;owned\u001b\\b", "ab"],
    ["OSC 8 hyperlink", "\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\ here", "click here"],
    ["OSC 52 clipboard", "x\u001b]52;c;cm0gLXJmIH4K\u0007y", "xy"],
    ["8-bit OSC", "a\u009d0;owned\u009cb", "ab"],
    ["unterminated OSC", "a\u001b]0;owned", "a"],
    ["CSI clear screen and home", "\u001b[2J\u001b[Hhello", "hello"],
    ["CSI colour", "red \u001b[31mtext\u001b[0m", "red text"],
    ["CSI with intermediates", "a\u001b[1 qb", "ab"],
    ["CSI private mode", "a\u001b[?1049hb", "ab"],
    ["8-bit CSI", "a\u009b31mred\u009b0m", "ared"],
    ["8-bit CSI erase", "a\u009b2Jb", "ab"],
    ["DCS", "a\u001bPq#0;2;0;0;0\u001b\\b", "ab"],
    ["8-bit DCS", "a\u0090payload\u009cb", "ab"],
    ["APC", "a\u001b_payload\u001b\\b", "ab"],
    ["PM", "a\u001b^payload\u0007b", "ab"],
    ["SOS", "a\u001bXpayload\u001b\\b", "ab"],
    ["reset (ESC c)", "a\u001bcb", "ab"],
    ["charset (ESC ( 0)", "a\u001b(0b", "ab"],
    ["keypad (ESC =)", "a\u001b=b", "ab"],
    ["lone ESC at the end", "a\u001b", "a"],
    ["CR overwriting the line", "safe\rEVIL", "safe\nEVIL"],
    ["backspaces", "rm -rf /\b\b\b\b\b\b\b\bls", "rm -rf /ls"],
  ])("%s", (_name, input, expected) => {
    expect(sanitize(input)).toBe(expected);
  });
});

describe("bidi overrides, embeddings, isolates and marks are removed", () => {
  it.each(BIDI.map((c) => [hex(c), c]))("%s", (_name, c) => {
    expect(sanitize(`invoice${c}fdp.exe`)).toBe("invoicefdp.exe");
  });
});

describe("zero-width and invisible characters are removed", () => {
  it.each(INVISIBLE.map((c) => [hex(c), c]))("%s", (_name, c) => {
    expect(sanitize(`ad${c}min`)).toBe("admin");
  });

  it.each([
    ["ZWJ between letters", "ad\u200dmin", "admin"],
    ["ZWJ at the start", "\u200dadmin", "admin"],
    ["ZWNJ in Latin", "ad\u200cmin", "admin"],
    ["ZWNJ at the end", "admin\u200c", "admin"],
  ])("%s", (_name, input, expected) => {
    expect(sanitize(input)).toBe(expected);
  });
});

describe("what makes up a character is kept", () => {
  it.each([
    ["an emoji family (ZWJ)", "👩\u200d👩\u200d👧"],
    ["an emoji with a skin tone and ZWJ", "👩🏽\u200d💻"],
    ["a Persian word (ZWNJ)", "می\u200cخواهم"],
    ["a subdivision flag (tag characters)", "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}"],
    ["Arabic", "مرحبا، أحتاج إلى مساعدة"],
    ["CJK and accents", "王芳 Chloé Łukasz"],
    ["a tab and line breaks", "a\tb\nc"],
    ["variation selectors", "❤\ufe0f"],
  ])("%s", (_name, input) => {
    expect(sanitize(input)).toBe(input);
  });
});

describe("sanitizeLine", () => {
  it.each([
    ["Hi\nthere", "Hi ⏎ there"],
    ["Hi \r\n  there\r\n", "Hi ⏎ there"],
    ["a\tb", "a b"],
    ["bell\u0007 and \u0085 more", "bell and ⏎ more"],
    ["line\u2028separator", "line ⏎ separator"],
    ["many    spaces", "many spaces"],
  ])("%j", (input, expected) => {
    expect(sanitizeLine(input)).toBe(expected);
  });
});

describe("properties", () => {
  const hostile = fc.string({
    unit: fc.oneof(
      fc.constantFrom(
        ...CONTROLS,
        ...BIDI,
        ...INVISIBLE,
        "\u200c",
        "\u200d",
        "\u001b[",
        "\u001b]",
        "\u009b",
        "\r",
        "\n",
      ),
      fc.string({ unit: "grapheme", maxLength: 2 }),
    ),
    maxLength: 40,
  });

  it("nothing unsafe comes out, and sanitizing twice changes nothing", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const once = sanitize(text);
        expect(once).not.toMatch(UNSAFE);
        expect(once).not.toMatch(/\r/);
        expect(sanitize(once)).toBe(once);
        expect(sanitizeLine(text)).not.toMatch(/[\n\r\t]/);
      }),
      { numRuns: 2000 },
    );
  });

  it("escaped JSON is the same value and holds nothing unsafe", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const json = escapeJsonText(JSON.stringify({ text }));
        expect(JSON.parse(json)).toEqual({ text });
        expect(json).not.toMatch(/[\u007f-\u009f\u2028-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/);
      }),
      { numRuns: 2000 },
    );
  });
});
