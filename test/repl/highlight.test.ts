import { describe, expect, it } from "vitest";
import { compile } from "../../src/compiler/index.js";
import { highlight, type Palette, rejectedSpans } from "../../src/repl/highlight.js";
import { stripAnsi } from "../support/pty.js";

/** A palette that shows each class by name, so the expectations read as text. */
const tag =
  (name: string) =>
  (text: string): string =>
    `<${name}>${text}</${name}>`;
const NAMED: Palette = {
  keyword: tag("k"),
  field: tag("f"),
  word: tag("w"),
  operator: tag("o"),
  string: tag("s"),
  number: tag("n"),
  date: tag("d"),
  comment: tag("c"),
  error: tag("E"),
};

describe("highlight", () => {
  it.each([
    ["status = pending", "<f>status</f> <o>=</o> <w>pending</w>"],
    [
      "STATUS != 3 AND not rating = poor",
      "<f>STATUS</f> <o>!=</o> <n>3</n> <k>AND</k> <k>not</k> <f>rating</f> <o>=</o> <w>poor</w>",
    ],
    ['email contains "@x.com"', '<f>email</f> <k>contains</k> <s>"@x.com"</s>'],
    ["createdAt > 7d ago", "<f>createdAt</f> <o>></o> <d>7d</d> <k>ago</k>"],
    [
      "createdAt between 2020-06-01 && 2020-06-30T10:00Z",
      "<f>createdAt</f> <k>between</k> <d>2020-06-01</d> <o>&&</o> <d>2020-06-30T10:00Z</d>",
    ],
    ["(tags = a || tags = 'b')", "(<f>tags</f> <o>=</o> <w>a</w> <o>||</o> <f>tags</f> <o>=</o> <s>'b'</s>)"],
    [
      "sort by closedAt desc limit 5",
      "<k>sort</k> <k>by</k> <f>closedAt</f> <k>desc</k> <k>limit</k> <n>5</n>",
    ],
    ["status = new # the new ones", "<f>status</f> <o>=</o> <w>new</w> <c># the new ones</c>"],
    ['email = "open', '<f>email</f> <o>=</o> <E>"open</E>'],
    ["createdAt > 7days", "<f>createdAt</f> <o>></o> <E>7days</E>"],
    ["status = new $ rating", "<f>status</f> <o>=</o> <w>new</w> <E>$</E> <f>rating</f>"],
    ["", ""],
  ])("%s", (line, expected) => {
    expect(highlight(line, true, NAMED)).toBe(expected);
  });

  it("paints an invalid token red with the default colours", () => {
    expect(highlight("status = new $", true)).toContain("\x1b[31m\x1b[4m$");
  });

  it.each(["status = pending and tags = 'x' # c", 'email = "open', "a $ b", "x".repeat(300)])(
    "keeps the text: %s",
    (line) => {
      expect(stripAnsi(highlight(line, true))).toBe(line);
    },
  );

  // Colour codes beside an escape of the line's own would join the sequence it starts.
  it.each(["\u001b=", "status = \u001b[31mpending", "tags = \u009bx"])(
    "leaves a line holding an escape as typed: %j",
    (line) => {
      expect(highlight(line, true)).toBe(line);
    },
  );

  it("writes no escape codes without colour (NO_COLOR, no terminal)", () => {
    expect(highlight("status = pending and createdAt > 7d ago $", false)).toBe(
      "status = pending and createdAt > 7d ago $",
    );
  });
});

describe("what the checker rejects, painted as errors", () => {
  it.each([
    ["stauts = 1", "<E>stauts</E> <o>=</o> <n>1</n>"],
    ["rating = grate", "<f>rating</f> <o>=</o> <E>grate</E>"],
    ["status = new)", "<f>status</f> <o>=</o> <w>new</w><E>)</E>"],
    [
      "status = new and assignee = abc",
      "<f>status</f> <o>=</o> <w>new</w> <k>and</k> <f>assignee</f> <o>=</o> <E>abc</E>",
    ],
    // Unfinished, not wrong: nothing at the end of the line is painted.
    ["status =", "<f>status</f> <o>=</o>"],
    ["status = new and ", "<f>status</f> <o>=</o> <w>new</w> <k>and</k> "],
    ["status = new", "<f>status</f> <o>=</o> <w>new</w>"],
  ])("%s", (line, expected) => {
    const spans = rejectedSpans(line, compile(line, { now: 1_750_000_000 }).diagnostics);
    expect(highlight(line, true, NAMED, spans)).toBe(expected);
  });
});
