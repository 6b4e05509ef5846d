import { describe, expect, it } from "vitest";
import { EMPTY_RESULT, formatExpanded, formatTable, type TableOptions } from "../../src/output/table.js";
import { width } from "../../src/output/text.js";
import { chat, NOW } from "./fixtures.js";

const PLAIN: TableOptions = { color: false, now: NOW, timeZone: "UTC" };

const CHATS = [
  chat(),
  chat({
    id: 12,
    status: "closed",
    rating: "poor",
    lastMessageAt: 1592000000,
    lastMessageText: "你好，我的订单在哪里？🙂\n请尽快回复",
    customer: { id: 1, name: "王小明", email: null, userId: null },
    assignee: null,
  }),
  chat({
    id: 7,
    status: "on hold",
    rating: "great",
    lastMessageAt: null,
    lastMessageText: null,
    customer: { id: 2, name: null, email: null, userId: null },
    assignee: { id: 9, name: null, email: "zoë@example.com", role: "agent" },
  }),
];

const ESC = "\u001b[";

describe("formatTable", () => {
  it("lays out every column whole without a width", () => {
    expect(formatTable(CHATS, PLAIN)).toBe(
      [
        "     ID  STATUS   CREATED           CUSTOMER                           ASSIGNEE         LAST MESSAGE                             SENT                         RATING",
        "5215537  pending  2020-06-24 01:35  Michael <mike.nike@hellomail.com>  Kosta            May I know how crucial is this for you?  2 h ago · 2020-06-24 09:56   —",
        "     12  closed   2020-06-24 01:35  王小明                             —                你好，我的订单在哪里？🙂 ⏎ 请尽快回复    11 d ago · 2020-06-12 22:13  poor",
        "      7  on hold  2020-06-24 01:35  #2                                 zoë@example.com  —                                        —                            great",
      ].join("\n"),
    );
  });

  it("shrinks the text columns first, then shows times only relative", () => {
    expect(formatTable(CHATS, { ...PLAIN, width: 130 })).toBe(
      [
        "     ID  STATUS   CREATED   CUSTOMER                      ASSIGNEE         LAST MESSAGE                           SENT      RATING",
        "5215537  pending  10 h ago  Michael <mike.nike@hellomai…  Kosta            May I know how crucial is this for y…  2 h ago   —",
        "     12  closed   10 h ago  王小明                        —                你好，我的订单在哪里？🙂 ⏎ 请尽快回复  11 d ago  poor",
        "      7  on hold  10 h ago  #2                            zoë@example.com  —                                      —         great",
      ].join("\n"),
    );
  });

  it("then shrinks the text columns down to their minimum, cut with …", () => {
    expect(formatTable(CHATS, { ...PLAIN, width: 100 })).toBe(
      [
        "     ID  STATUS   CREATED   CUSTOMER              ASSIGNEE      LAST MESSAGE        SENT      RATING",
        "5215537  pending  10 h ago  Michael <mike.nike@…  Kosta         May I know how cr…  2 h ago   —",
        "     12  closed   10 h ago  王小明                —             你好，我的订单在…   11 d ago  poor",
        "      7  on hold  10 h ago  #2                    zoë@example…  —                   —         great",
      ].join("\n"),
    );
  });

  it.each([160, 130, 120, 100, 90, 80, 70, 60, 50, 40])("fits in %i columns", (columns) => {
    const many = [...CHATS, chat({ id: 99, lastMessageText: "x".repeat(300) })];
    const lines = formatTable(many, { ...PLAIN, width: columns }).split("\n");
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(width(line)).toBeLessThanOrEqual(columns);
    expect(lines[4]).toContain("…");
  });

  it("drops whole columns in a narrow terminal", () => {
    expect(formatTable(CHATS, { ...PLAIN, width: 50 })).toBe(
      [
        "     ID  STATUS   LAST MESSAGE            SENT",
        "5215537  pending  May I know how crucia…  2 h ago",
        "     12  closed   你好，我的订单在哪里…   11 d ago",
        "      7  on hold  —                       —",
      ].join("\n"),
    );
  });

  it("drops ASSIGNEE before RATING when some chat is rated", () => {
    expect(formatTable(CHATS, { ...PLAIN, width: 75 })).toBe(
      [
        "     ID  STATUS   CREATED   CUSTOMER         LAST MESSAGE  SENT      RATING",
        "5215537  pending  10 h ago  Michael <mike.…  May I know…   2 h ago   —",
        "     12  closed   10 h ago  王小明           你好，我的…   11 d ago  poor",
        "      7  on hold  10 h ago  #2               —             —         great",
      ].join("\n"),
    );
  });

  it("drops an empty RATING before ASSIGNEE when no chat of the page is rated", () => {
    const unrated = CHATS.map((c) => ({ ...c, rating: null }));
    expect(formatTable(unrated, { ...PLAIN, width: 75 })).toBe(
      [
        "     ID  STATUS   CREATED   CUSTOMER    ASSIGNEE     LAST MESSAGE  SENT",
        "5215537  pending  10 h ago  Michael <…  Kosta        May I know…   2 h ago",
        "     12  closed   10 h ago  王小明      —            你好，我的…   11 d ago",
        "      7  on hold  10 h ago  #2          zoë@exampl…  —             —",
      ].join("\n"),
    );
  });

  it("shows the chosen columns in the chosen order", () => {
    expect(formatTable(CHATS, { ...PLAIN, columns: ["created", "id", "rating"] })).toBe(
      [
        "CREATED                ID  RATING",
        "2020-06-24 01:35  5215537  —",
        "2020-06-24 01:35       12  poor",
        "2020-06-24 01:35        7  great",
      ].join("\n"),
    );
  });

  it("shows when a chat was closed and its department, when asked for", () => {
    const closed = chat({ id: 3, closedAt: 1592990000, department: { id: 101, name: "Support" } });
    expect(
      formatTable([closed, chat({ id: 4, closedAt: null, department: null })], {
        ...PLAIN,
        columns: ["id", "closed", "department"],
      }),
    ).toBe(
      ["ID  CLOSED            DEPARTMENT", " 3  2020-06-24 09:13  Support", " 4  —                 —"].join(
        "\n",
      ),
    );
  });

  it("aligns wide characters (CJK, emoji) by display width", () => {
    const wide = [
      chat({ id: 1, customer: { id: 1, name: "王小明", email: null, userId: null }, rating: "poor" }),
      chat({ id: 2, customer: { id: 2, name: "👩‍👩‍👧 family", email: null, userId: null }, rating: "poor" }),
      chat({ id: 3, customer: { id: 3, name: "Zoë", email: null, userId: null }, rating: "poor" }),
      chat({
        id: 4,
        customer: { id: 4, name: "ｆｕｌｌｗｉｄｔｈ", email: null, userId: null },
        rating: "poor",
      }),
    ];
    const lines = formatTable(wide, PLAIN).split("\n").slice(1);
    // Same text after the customer column and the same last column: every line is equally wide.
    expect(new Set(lines.map(width)).size).toBe(1);
    const ratingColumn = (line: string) => width(line.slice(0, line.lastIndexOf("poor")));
    expect(new Set(lines.map(ratingColumn)).size).toBe(1);
  });

  it("shows times in the session time zone", () => {
    const table = formatTable([chat()], { ...PLAIN, timeZone: "Asia/Tokyo" });
    expect(table).toContain("2 h ago · 2020-06-24 18:56");
  });

  it("never lets control characters from chat text reach the terminal", () => {
    const evil = chat({
      lastMessageText: "hi \u001b]0;owned\u0007 \u001b[2J",
      customer: { id: 1, name: "\u009bX", email: null, userId: null },
    });
    expect(formatTable([evil], PLAIN)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it("has no escape codes without colour, and colours with it", () => {
    expect(formatTable(CHATS, PLAIN)).not.toContain(ESC);
    const coloured = formatTable(CHATS, { ...PLAIN, color: true });
    expect(coloured).toContain(`${ESC}1m`); // bold header
    expect(coloured).toContain(`${ESC}33mpending`); // pending in yellow
    expect(coloured).toContain(`${ESC}31mpoor`); // poor in red
    // Colour changes nothing else: without the escapes it is the plain table.
    expect(coloured.replace(/\u001b\[\d+m/g, "")).toBe(formatTable(CHATS, PLAIN));
  });

  it.each([false, true])("says so when there are no chats (colour: %s)", (color) => {
    const text = formatTable([], { ...PLAIN, color });
    expect(text.replace(/\u001b\[\d+m/g, "")).toBe(EMPTY_RESULT);
    expect(EMPTY_RESULT).toBe("No chats match.");
  });
});

describe("formatExpanded", () => {
  it("shows each chat as a record of `name | value` lines, as psql's \\x", () => {
    expect(formatExpanded(CHATS.slice(0, 2), PLAIN)).toBe(
      [
        "-[ RECORD 1 ]-------------------------------------",
        "id       | 5215537",
        "status   | pending",
        "created  | 2020-06-24 01:35",
        "customer | Michael <mike.nike@hellomail.com>",
        "assignee | Kosta",
        "message  | May I know how crucial is this for you?",
        "sent     | 2 h ago · 2020-06-24 09:56",
        "rating   | —",
        "-[ RECORD 2 ]-------------------------------------",
        "id       | 12",
        "status   | closed",
        "created  | 2020-06-24 01:35",
        "customer | 王小明",
        "assignee | —",
        "message  | 你好，我的订单在哪里？🙂 ⏎ 请尽快回复",
        "sent     | 11 d ago · 2020-06-12 22:13",
        "rating   | poor",
      ].join("\n"),
    );
  });

  it("draws the title line as wide as the record, with the chosen columns", () => {
    const wide = formatExpanded([chat()], { ...PLAIN, columns: ["id", "customer"] }).split("\n");
    expect(wide).toEqual([
      "-[ RECORD 1 ]-------------------------------",
      "id       | 5215537",
      "customer | Michael <mike.nike@hellomail.com>",
    ]);
    const longNames = formatExpanded([chat()], { ...PLAIN, columns: ["id"] });
    expect(longNames).toBe("-[ RECORD 1 ]\nid | 5215537");
  });
});
