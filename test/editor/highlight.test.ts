import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highlight } from "../../src/editor/index.js";
import { textEdit } from "../support/arbitraries.js";

/** The spans written as `class:text`, one per span, so the expectations read as the line. */
function shown(text: string): string {
  return highlight(text)
    .map((s) => `${s.class}:${text.slice(s.start, s.end)}`)
    .join(" ");
}

describe("highlight", () => {
  it.each([
    ["status = pending", "field:status operator:= word:pending"],
    [
      "STATUS != 3 AND not rating = poor",
      "field:STATUS operator:!= number:3 keyword:AND keyword:not field:rating operator:= word:poor",
    ],
    ['email contains "@x.com"', 'field:email keyword:contains string:"@x.com"'],
    ["createdAt > 7d ago", "field:createdAt operator:> date:7d keyword:ago"],
    [
      "createdAt between 2020-06-01 && 2020-06-30T10:00Z",
      "field:createdAt keyword:between date:2020-06-01 operator:&& date:2020-06-30T10:00Z",
    ],
    [
      "(tags = a || tags = 'b')",
      "punctuation:( field:tags operator:= word:a operator:|| field:tags operator:= string:'b' punctuation:)",
    ],
    [
      "sort by closedAt desc limit 5",
      "keyword:sort keyword:by field:closedAt keyword:desc keyword:limit number:5",
    ],
    ["status = new # the new ones", "field:status operator:= word:new comment:# the new ones"],
    ['email = "open', 'field:email operator:= error:"open'],
    ["createdAt > 7days", "field:createdAt operator:> error:7days"],
    ["status = new $ rating", "field:status operator:= word:new error:$ field:rating"],
    [
      "status in (new, 1)",
      "field:status keyword:in punctuation:( word:new punctuation:, number:1 punctuation:)",
    ],
    ["count by createdAt per week", "keyword:count keyword:by field:createdAt keyword:per word:week"],
    ["", ""],
  ])("%s", (text, expected) => {
    expect(shown(text)).toBe(expected);
  });

  it("gives offsets into the text", () => {
    expect(highlight("rating = poor $$")).toEqual([
      { start: 0, end: 6, class: "field" },
      { start: 7, end: 8, class: "operator" },
      { start: 9, end: 13, class: "word" },
      { start: 14, end: 16, class: "error" },
    ]);
  });

  it("covers every character but whitespace, in order, without overlap", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        let at = 0;
        for (const span of highlight(text)) {
          expect(span.start).toBeGreaterThanOrEqual(at);
          expect(span.end).toBeGreaterThan(span.start);
          expect(text.slice(at, span.start).trim()).toBe("");
          at = span.end;
        }
        expect(text.slice(at).trim()).toBe("");
      }),
    );
  });
});

describe("highlight while typing", () => {
  /** A line's spans computed from nothing: after a call on a line that shares no start with it. */
  function fromScratch(text: string) {
    highlight("\u0001");
    return highlight(text);
  }

  it("gives after an edit the spans it gives the edited line from scratch", () => {
    fc.assert(
      fc.property(textEdit, ({ before, after }) => {
        const expected = fromScratch(after);
        highlight(before);
        expect(highlight(after)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    // A bracket that stops pairing glues to the word before it: `sort{` is then one error.
    ["!~sort{ status }", "!~sort{ status }$"],
    ["status = new{ a }", "status = new{ a }x"],
    ["tags in [a, b]", "tags in [a, b]]"],
  ])("%j, then %j: the spans of the second as from scratch", (before, after) => {
    const expected = fromScratch(after);
    highlight(before);
    expect(highlight(after)).toEqual(expected);
  });

  it("keystroke by keystroke, each line as from scratch", () => {
    const line =
      'status in (new, opened) and createdAt >= 2026-06-01T10:00 and closedAt < 3 days ago and (tags = "Paid" # why\n or rating = poor) sort by createdAt desc';
    const typed = Array.from({ length: line.length + 1 }, (_, n) => line.slice(0, n));
    const expected = typed.map(fromScratch);
    expect(typed.map((text) => highlight(text))).toEqual(expected);
  });

  it("a caller changing the spans it got does not change the next answer", () => {
    const spans = highlight("status = 1 and x");
    spans.length = 0;
    expect(highlight("status = 1 and xy")).toEqual(fromScratch("status = 1 and xy"));
  });
});
