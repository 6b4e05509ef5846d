import { describe, expect, it } from "vitest";
import { formatChatDetail, formatFields } from "../../src/repl/detail.js";
import { chat } from "../output/fixtures.js";

describe(".fields", () => {
  it("wraps OPERATORS and ALSO to stay within 60 columns, keeping SORT and ALSO", () => {
    const lines = formatFields(false, 60).split("\n");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines.slice(0, 7)).toEqual([
      "FIELD                  TYPE     OPERATORS     SORT  ALSO",
      "assignee               integer  = != > < >=         chats.",
      "                                <= in not in        assignee",
      "                                between",
      "                                not between",
      "agents                 integer  = != in             chats.",
      "                                not in              agents",
    ]);
    expect(lines).toContain("createdAt              date     = != > < >=   yes   chats.");
  });

  it.each([60, 80, 100, 120])("fits in %i columns", (columns) => {
    for (const line of formatFields(false, columns).split("\n")) {
      expect(line.length).toBeLessThanOrEqual(columns);
    }
  });

  it("is one line per field when it fits", () => {
    const lines = formatFields(false).split("\n");
    expect(lines[0]).toBe(
      "FIELD                  TYPE     OPERATORS                                     SORT  ALSO",
    );
    expect(lines[5]).toBe(
      "createdAt              date     = != > < >= <= in not in between not between  yes   chats.createdAt",
    );
    expect(lines).toHaveLength(15);
  });
});

describe(".open", () => {
  it("indents the continuation lines of a message under its first line", () => {
    const detail = formatChatDetail(
      chat({ lastMessageText: "Hello,\r\nthe order 42\n\n  is late\u001b[2J " }),
      {
        color: false,
        timeZone: "UTC",
      },
    );
    expect(detail.split("\n").slice(-5)).toEqual([
      "snoozed until       —",
      "last message text   Hello,",
      "                    the order 42",
      "",
      "                      is late",
    ]);
  });
});
