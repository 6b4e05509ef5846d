import { describe, expect, it } from "vitest";
import { editorCommand } from "../../src/repl/edit-file.js";
import { DEFAULT_PAGER, pagerCommand, tallerThan } from "../../src/repl/pager.js";

describe("pager", () => {
  it.each([
    [{}, "less -SRFX"],
    [{ PAGER: "more" }, "more"],
    [{ PAGER: "less -R" }, "less -R"],
    [{ PAGER: "" }, undefined],
    [{ PAGER: "  " }, undefined],
  ])("%j pages with %j", (env, command) => {
    expect(pagerCommand(env)).toBe(command);
    expect(DEFAULT_PAGER).toBe("less -SRFX");
  });

  it.each([
    ["a\nb\nc", 4, false],
    ["a\nb\nc\nd", 4, true],
    ["a\nb\nc\nd\ne", 4, true],
    ["a", 1, true],
    ["a\nb", undefined, false],
  ])("%j on %s rows: taller is %s", (text, rows, taller) => {
    expect(tallerThan(text, rows)).toBe(taller);
  });
});

describe("editor", () => {
  it.each([
    [{ VISUAL: "code -w", EDITOR: "vi" }, "code -w"],
    [{ VISUAL: "", EDITOR: "nano" }, "nano"],
    [{ EDITOR: " vim " }, "vim"],
    [{}, undefined],
  ])("%j edits with %j", (env, command) => {
    expect(editorCommand(env)).toBe(command);
  });
});
