import { describe, expect, it } from "vitest";
import { listCompletions } from "../../src/repl/list.js";

describe("listCompletions", () => {
  it("aligns each column's details, whatever the length of the names before them", () => {
    const items = [
      { text: "assignee", detail: "agent id" },
      { text: "agents", detail: "agent id" },
      { text: "customer", detail: "id" },
      { text: "createdAt", detail: "date" },
      { text: "not" },
      { text: "(" },
    ];
    expect(listCompletions(items, 70, false).split("\n")).toEqual([
      "assignee   agent id  agents     agent id  customer   id",
      "createdAt  date      not                  (",
    ]);
  });

  it("lists items without details in columns as wide as the longest", () => {
    expect(listCompletions([{ text: "=" }, { text: "!=" }, { text: "not in" }], 30, false)).toBe(
      "=       !=      not in",
    );
  });

  it("counts wide characters as two columns", () => {
    const items = [
      { text: "3129", detail: "Kosta" },
      { text: "3171", detail: "王芳" },
      { text: "4031", detail: "田中 優希" },
    ];
    expect(listCompletions(items, 40, false).split("\n")).toEqual([
      "3129  Kosta      3171  王芳",
      "4031  田中 優希",
    ]);
  });
});
