import { describe, expect, it } from "vitest";
import { width } from "../../src/output/index.js";
import { formatChatDetail, formatFields } from "../../src/repl/detail.js";
import { chat } from "../output/fixtures.js";

describe(".fields", () => {
  it("wraps OPERATORS and ALSO to stay within 80 columns, keeping SORT and ALSO", () => {
    const lines = formatFields(false, 80).split("\n");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines.slice(0, 7)).toEqual([
      "FIELD                  TYPE     OPERATORS       SORT  ALSO",
      "assignee               integer  = != > < >= <=        chats.assignee",
      "                                in not in",
      "                                between",
      "                                not between",
      "agents                 integer  = != in not in        chats.agents",
      "department             integer  = != > < >= <=        chats.department",
    ]);
    expect(lines).toContain("                                                      chats.customer.tagsData");
  });

  it("puts the other names under a field when ALSO has no room for a whole name (60 columns)", () => {
    const lines = formatFields(false, 60).split("\n");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines.slice(0, 7)).toEqual([
      "FIELD                  TYPE     OPERATORS               SORT",
      "assignee               integer  = != > < >= <= in",
      "                                not in between",
      "                                not between",
      "                       also: chats.assignee",
      "agents                 integer  = != in not in",
      "                       also: chats.agents",
    ]);
    const tags = lines.indexOf("tags                   tag      = in");
    expect(lines.slice(tags, tags + 4)).toEqual([
      "tags                   tag      = in",
      "                       also: tag, tagsData, customer.tags,",
      "                             customer.tagsData, chats.",
      "                             customer.tagsData",
    ]);
    expect(lines).toContain("createdAt              date     = != > < >= <= in       yes");
    expect(lines).toContain("                       also: chats.lastCustomerMessageAt");
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

describe(".open at a terminal's width", () => {
  const agents = [
    { id: 3129, name: "Kosta", email: "kosta@company.com", role: "agent" },
    { id: 3140, name: "Zoë Müller", email: "zoe.mueller@company.com", role: "agent" },
    { id: 3171, name: "王芳", email: "wang.fang@company.com", role: "agent" },
  ];

  it("wraps a long value at spaces, its later lines under its first", () => {
    const detail = formatChatDetail(
      chat({ agents, lastMessageText: "Hello, could you please tell me when my order will arrive? Thanks" }),
      { color: false, timeZone: "UTC", width: 60 },
    );
    const lines = detail.split("\n");
    const at = lines.findIndex((l) => l.startsWith("agents"));
    expect(lines.slice(at, at + 3)).toEqual([
      "agents              Kosta <kosta@company.com> #3129, Zoë",
      "                    Müller <zoe.mueller@company.com> #3140,",
      "                    王芳 <wang.fang@company.com> #3171",
    ]);
    expect(lines.slice(-2)).toEqual([
      "last message text   Hello, could you please tell me when my",
      "                    order will arrive? Thanks",
    ]);
    for (const line of lines) expect(width(line)).toBeLessThan(60);
  });

  it("leaves lines whole without a width", () => {
    const detail = formatChatDetail(chat({ agents }), { color: false, timeZone: "UTC" });
    expect(detail).toContain(
      "agents              Kosta <kosta@company.com> #3129, Zoë Müller <zoe.mueller@company.com> #3140, 王芳 <wang.fang@company.com> #3171",
    );
  });
});

describe(".open's closed by", () => {
  const agent = { id: 4012, name: "Ana", email: "ana@example.com", role: "agent" };
  const line = (overrides: Record<string, unknown>) =>
    formatChatDetail(chat(overrides), { color: false, timeZone: "UTC" })
      .split("\n")
      .find((l) => l.startsWith("closed by"));

  it.each([
    [
      "an agent of the chat: named as the other people are",
      { closedBy: 4012, agents: [agent] },
      "closed by           Ana <ana@example.com> #4012",
    ],
    [
      "its assignee",
      { closedBy: 4012, assignee: agent, agents: [] },
      "closed by           Ana <ana@example.com> #4012",
    ],
    ["someone else: the id alone", { closedBy: 7, agents: [agent] }, "closed by           #7"],
    ["nobody", { closedBy: null }, "closed by           —"],
  ])("%s", (_name, overrides, expected) => {
    expect(line(overrides)).toBe(expected);
  });
});
