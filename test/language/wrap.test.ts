import { describe, expect, it } from "vitest";
import { wrapWords } from "../../src/language/wrap.js";

describe("wrapWords: text broken at spaces", () => {
  it.each([
    ["fits", "short and more", 20, "", ["short and more"]],
    ["broken before the word that does not fit", "short and more", 10, "", ["short and", "more"]],
    ["later lines indented", "one two three four", 9, "  ", ["one two", "  three", "  four"]],
    [
      "a word longer than a line stays whole",
      "a-single-word-longer-than-the-width and more",
      10,
      "  ",
      ["a-single-word-longer-than-the-width", "  and more"],
    ],
    ["two spaces are kept", "a  b c", 4, "", ["a  b", "c"]],
  ] as const)("%s", (_, text, width, indent, expected) => {
    expect(wrapWords(text, width, indent)).toEqual(expected);
  });
});
