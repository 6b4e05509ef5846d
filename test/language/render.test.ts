import { describe, expect, it } from "vitest";
import { compile } from "../../src/compiler/index.js";
import { type Diagnostic, diagnostic } from "../../src/language/diagnostics.js";
import {
  excerptWidth,
  lineColFromIndex,
  renderDiagnostic,
  renderDiagnostics,
} from "../../src/language/render.js";
import { parse } from "../../src/parser/index.js";

function unknown(text: string, start: number, end: number, hint?: string): Diagnostic {
  return diagnostic("unknownField", { start, end }, [text.slice(start, end).replace(/\n/g, " ")], hint);
}

/** The lines below the header (which a width may wrap): from the gutter's first line on, without it. */
function excerptOf(rendered: string): string[] {
  const lines = rendered.split("\n");
  return lines.slice(lines.findIndex((line) => /^ *\|$/.test(line)) + 1);
}

describe("renderDiagnostic", () => {
  it("shows the line with a caret under the span and the hint after it", () => {
    const text = "stauts = 1";
    expect(renderDiagnostic(text, unknown(text, 0, 6, "did you mean 'status'?"))).toBe(
      [
        "error[unknown-field]: unknown field 'stauts'",
        "  |",
        "1 | stauts = 1",
        "  | ^^^^^^ did you mean 'status'?",
      ].join("\n"),
    );
  });

  it.each<[string, number, number, string[]]>([
    ["status = 5 or", 13, 13, ["1 | status = 5 or", "  |              ^"]],
    ["status = 5", 7, 8, ["1 | status = 5", "  |        ^"]],
    ["a = 1 and\nstauts = 2", 10, 16, ["2 | stauts = 2", "  | ^^^^^^"]],
    ["a = 1 and\r\nstauts = 2", 11, 17, ["2 | stauts = 2", "  | ^^^^^^"]],
    ["a = 1\n", 6, 6, ["2 |", "  | ^"]],
    ["\tstauts = 1", 1, 7, ["1 |     stauts = 1", "  |     ^^^^^^"]],
    ["a\tb = 1", 2, 3, ["1 | a   b = 1", "  |     ^"]],
    ["状态 = 1 and stauts = 2", 11, 17, ["1 | 状态 = 1 and stauts = 2", "  |              ^^^^^^"]],
    ["状态 = 1", 0, 2, ["1 | 状态 = 1", "  | ^^^^"]],
    ["😀 = 1 and x = 2", 11, 12, ["1 | 😀 = 1 and x = 2", "  |            ^"]],
    ["👍🏽 = 1", 0, 4, ["1 | 👍🏽 = 1", "  | ^^"]],
    ["a\u0000b = 1", 1, 2, ["1 | a\u2400b = 1", "  |  ^"]],
    ["x = \ud800", 4, 5, ["1 | x = \ufffd", "  |     ^"]],
    ['tags = "\u202eabc" and y', 19, 20, ['1 | tags = "\ufffdabc" and y', "  |                    ^"]],
    ["\u2067x\u2069 = 1", 1, 2, ["1 | \ufffdx\ufffd = 1", "  |  ^"]],
  ])("lines up %j at %i-%i", (text, start, end, lines) => {
    const rendered = renderDiagnostic(text, unknown(text, start, end)).split("\n");
    expect(rendered.slice(2)).toEqual(lines);
  });

  it("widens the gutter for two-digit line numbers and shows every line of a span over several lines", () => {
    const text = `${"x = 1\n".repeat(9)}a = (1\nor b = 2`;
    const rendered = renderDiagnostic(text, unknown(text, 59, 69));
    expect(rendered.split("\n")).toEqual([
      "error[unknown-field]: unknown field '1 or b = 2'",
      "   |",
      "10 | a = (1",
      "   |      ^",
      "11 | or b = 2",
      "   | ^^^^^^^^",
    ]);
  });

  it("elides the middle of a long span", () => {
    const text = "a = 1\nb = 2\nc = 3\nd = 4\ne = 5";
    const rendered = renderDiagnostic(text, unknown(text, 4, 29))
      .split("\n")
      .slice(2);
    expect(rendered).toEqual([
      "1 | a = 1",
      "  |     ^",
      "2 | b = 2",
      "  | ^^^^^",
      "...",
      "5 | e = 5",
      "  | ^^^^^",
    ]);
  });

  it("cuts a line wider than maxWidth around the span, with … where it was cut", () => {
    const text = `${"a = 1 or ".repeat(20)}stauts = 2 or ${"b = 2 or ".repeat(20)}c = 3`;
    const start = text.indexOf("stauts");
    const rendered = excerptOf(renderDiagnostic(text, unknown(text, start, start + 6), { maxWidth: 40 }));
    expect(rendered).toEqual(["1 | …or a = 1 or stauts = 2 or b = 2 or b =…", "  |              ^^^^^^"]);
    expect(excerptOf(renderDiagnostic(text, unknown(text, 0, 1), { maxWidth: 20 }))).toEqual([
      "1 | a = 1 or a = 1 or …",
      "  | ^",
    ]);
    const end = text.length;
    expect(excerptOf(renderDiagnostic(text, unknown(text, end, end), { maxWidth: 20 }))).toEqual([
      "1 | … or b = 2 or c = 3",
      "  |                    ^",
    ]);
  });

  it.each([
    [
      "after the carets when it fits",
      40,
      ["1 | status = 1 or ratng = great", "  |               ^^^^^ a hint of some words"],
    ],
    [
      "below them, wrapped, when a width is given and it does not fit",
      24,
      ["1 | …s = 1 or ratng = great", "  |           ^^^^^", "  | a hint of some words"],
    ],
    ["wrapped at spaces", 12, ["1 | …or ratng =…", "  |     ^^^^^", "  | a hint of", "  | some words"]],
  ] as const)("puts the hint %s", (_, maxWidth, expected) => {
    const text = "status = 1 or ratng = great";
    const d = { ...unknown(text, 14, 19), hint: "a hint of some words" };
    expect(excerptOf(renderDiagnostic(text, d, { maxWidth }))).toEqual(expected);
  });

  it("keeps the carets inside the window when the span is wider than it", () => {
    const text = `tags = "${"x".repeat(200)}"`;
    const rendered = excerptOf(renderDiagnostic(text, unknown(text, 7, text.length), { maxWidth: 30 }));
    expect(rendered).toEqual([`1 | tags = "${"x".repeat(20)}…`, `  |        ${"^".repeat(21)}`]);
  });

  it("lays out only the part of a huge line around the span", () => {
    const text = "status = new or ".repeat(65_536).slice(0, 1024 * 1024);
    const rendered = renderDiagnostics(text, parse(text).diagnostics, { maxWidth: 40 }).split("\n");
    expect(rendered).toEqual([
      "error[too-long]: the query is 1,048,576",
      "  characters long; the limit is 65,536",
      "  |",
      "1 | …us = new or status = new or status = n…",
      `  |              ${"^".repeat(26)}`,
    ]);
    const long = `${"a = 1 or ".repeat(1000)}stauts = 2`;
    expect(excerptOf(renderDiagnostic(long, unknown(long, 9000, 9006), { maxWidth: 40 }))).toEqual([
      "1 | … a = 1 or a = 1 or a = 1 or stauts = 2",
      "  |                              ^^^^^^",
    ]);
  });

  it("wraps the message at spaces to a width when one is given (a terminal's), never mid-word", () => {
    const text = "rating = grat";
    const d = diagnostic(
      "unknownRating",
      { start: 9, end: 13 },
      ["grat", "great, average, poor"],
      "did you mean 'great'?",
    );
    expect(renderDiagnostic(text, d, { maxWidth: excerptWidth(60) }).split("\n")).toEqual([
      "error[invalid-value]: unknown rating 'grat'; ratings",
      "  are great, average, poor",
      "  |",
      "1 | rating = grat",
      "  |          ^^^^ did you mean 'great'?",
    ]);
    // Without a width (not a terminal), one line as before.
    expect(renderDiagnostic(text, d).split("\n")[0]).toBe(
      "error[invalid-value]: unknown rating 'grat'; ratings are great, average, poor",
    );
  });

  it("shows a warning as a warning", () => {
    const d = diagnostic("neverMatches", { start: 0, end: 3 }, ["this"]);
    expect(renderDiagnostic("a=1", d).split("\n")[0]).toBe("warning[never-matches]: this can never match");
  });

  it("colors with ANSI codes when asked, or with the functions given", () => {
    const text = "stauts = 1";
    const colored = renderDiagnostic(text, unknown(text, 0, 6), { color: true });
    expect(colored).toContain("\u001b[31m");
    expect(colored.replace(/\u001b\[\d+m/g, "")).toBe(renderDiagnostic(text, unknown(text, 0, 6)));
    const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`;
    const custom = renderDiagnostic(text, unknown(text, 0, 6), {
      color: { bold: tag("b"), red: tag("r"), yellow: tag("y"), blue: tag("u"), cyan: tag("c") },
    });
    expect(custom.split("\n")).toEqual([
      "<b><r>error[unknown-field]</r></b><b>: unknown field 'stauts'</b>",
      "<u>  |</u>",
      "<u>1 |</u> stauts = 1",
      "<u>  |</u> <r>^^^^^^</r>",
    ]);
  });

  it.each([
    [
      "status = \u001b[31mnew",
      [
        "error[syntax]: unexpected characters '\u241b['",
        "  |",
        "1 | status = \u241b[31mnew",
        '  |          ^^ quote it: "\\u001b[31mnew"',
        "",
        "error[invalid-value]: unknown status '\u241b[31mnew'; statuses are new (1), opened (2), pending (3), on_hold (4), no_communication (5), closed (6), empty (7)",
      ],
    ],
    [
      'tags = "a" and x\u202e\u0007 = 1',
      [
        "error[syntax]: expected a condition after 'and'",
        "  |",
        '1 | tags = "a" and x\ufffd\u2407 = 1',
        "  |                ^^^",
        "",
        "error[syntax]: unexpected characters '\ufffd\u2407'",
        "  |",
        '1 | tags = "a" and x\ufffd\u2407 = 1',
        '  |                 ^^ quote it: "x\ufffd\\u0007"',
      ],
    ],
  ])("shows the control characters of %j's messages as it shows the line's", (text, lines) => {
    const rendered = renderDiagnostics(text, compile(text, { now: 0 }).diagnostics);
    expect(rendered.split("\n").slice(0, lines.length)).toEqual(lines);
    expect(rendered).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });

  it("renders every parse diagnostic of a query, separated by blank lines", () => {
    const text = "(a = 1 and\n  b = ";
    expect(renderDiagnostics(text, parse(text).diagnostics)).toBe(
      [
        "error[syntax]: expected a value after '='",
        "  |",
        "2 |   b =",
        "  |       ^",
        "",
        "error[syntax]: expected ')' to close the '(' at 1:1",
        "  |",
        "2 |   b =",
        "  |       ^",
      ].join("\n"),
    );
  });
});

describe("lineColFromIndex", () => {
  it.each<[string, number, [number, number]]>([
    ["abc", 0, [1, 1]],
    ["abc", 3, [1, 4]],
    ["a\nbc", 2, [2, 1]],
    ["a\nbc", 1, [1, 2]],
    ["a\n\nb", 3, [3, 1]],
    ["abc", 99, [1, 4]],
  ])("%j at %i", (text, index, [line, column]) => {
    expect(lineColFromIndex(text, index)).toEqual({ line, column });
  });
});
