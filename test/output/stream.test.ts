import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Chat } from "../../src/language/api.js";
import { formatChats } from "../../src/output/index.js";
import { chatStream } from "../../src/output/stream.js";
import type { TableOptions } from "../../src/output/table.js";
import { chat, NOW } from "./fixtures.js";

const PLAIN: TableOptions = { color: false, now: NOW, timeZone: "UTC" };

const CHATS: Chat[] = [
  chat({ id: 1 }),
  chat({ id: 22, status: "closed", rating: "poor", lastMessageText: '=cmd|"x"\r\nsecond line' }),
  chat({ id: 333, lastMessageText: "naïve \u202e reversed \u0085 next", customer: null }),
  chat({ id: 4, assignee: null, lastMessageText: null }),
];

/** Every way of cutting the chats into consecutive batches (empty batches included). */
const batches = fc.array(fc.integer({ min: 0, max: CHATS.length }), { maxLength: 6 }).map((cuts) => {
  const points = [0, ...cuts.sort((a, b) => a - b), CHATS.length];
  return points.slice(1).map((end, i) => CHATS.slice(points[i], end));
});

/** What the stream writes for the batches, then its end. */
function streamed(format: "json" | "ndjson" | "csv" | "table", parts: readonly Chat[][], table = PLAIN) {
  const stream = chatStream(format, table);
  return parts.map((part) => stream.page(part)).join("") + stream.end();
}

describe("chatStream: written whole, what formatChats writes", () => {
  it.each(["json", "ndjson", "csv"] as const)("%s, however the chats are cut into batches", (format) => {
    fc.assert(
      fc.property(batches, (parts) => {
        expect(streamed(format, parts)).toBe(formatChats(CHATS, format, PLAIN));
      }),
    );
  });

  it.each(["json", "ndjson", "csv", "table"] as const)("%s with no chats", (format) => {
    expect(streamed(format, [[], []])).toBe(formatChats([], format, PLAIN));
  });

  it("table, in one batch", () => {
    expect(streamed("table", [CHATS], { ...PLAIN, width: 100 })).toBe(
      formatChats(CHATS, "table", { ...PLAIN, width: 100 }),
    );
  });
});

describe("chatStream: nothing before the first chat", () => {
  it.each(["json", "ndjson", "csv", "table"] as const)("%s writes nothing for empty batches", (format) => {
    const stream = chatStream(format, PLAIN);
    expect([stream.page([]), stream.page([]), stream.cut(true), stream.cut(false)]).toEqual(["", "", "", ""]);
  });
});

describe("chatStream: output cut short", () => {
  it("json is left open, or closed when asked", () => {
    const open = chatStream("json", PLAIN);
    const written = open.page(CHATS.slice(0, 2));
    expect(written.startsWith('[\n  {\n    "id": 1,')).toBe(true);
    expect(written.endsWith('"department": null\n  }')).toBe(true);
    expect(open.cut(false)).toBe("");
    expect(() => JSON.parse(written)).toThrow(SyntaxError);
    const closed = chatStream("json", PLAIN);
    expect(closed.page(CHATS.slice(0, 2)) + closed.cut(true)).toBe(
      formatChats(CHATS.slice(0, 2), "json", PLAIN),
    );
  });

  it.each(["ndjson", "csv", "table"] as const)("%s adds nothing, closed or not", (format) => {
    const stream = chatStream(format, PLAIN);
    stream.page(CHATS);
    expect([stream.cut(false), stream.cut(true)]).toEqual(["", ""]);
  });

  it("csv writes its header once, with the first chat", () => {
    const stream = chatStream("csv", PLAIN, { columns: ["id", "status"] });
    expect([
      stream.page([]),
      stream.page(CHATS.slice(0, 1)),
      stream.page(CHATS.slice(1, 2)),
      stream.end(),
    ]).toEqual(["", "id,status\r\n1,pending\r\n", "22,closed\r\n", ""]);
  });
});

describe("chatStream: a table streams with the first batch's widths", () => {
  const first = [chat({ id: 1, lastMessageText: "short", customer: { id: 5, name: "Al", email: null } })];
  const later = [
    chat({
      id: 123456,
      rating: "great",
      lastMessageText: "a much longer message than the first batch had",
      customer: { id: 6, name: "Bartholomew Longname", email: "bart@example.com" },
      assignee: { id: 9, name: "王小明", email: null, role: "agent" },
    }),
  ];

  it("later cells are cut with … to the widths of the first batch; ids stay whole", () => {
    const stream = chatStream("table", {
      ...PLAIN,
      columns: ["id", "customer", "assignee", "message", "rating"],
    });
    expect(stream.page(first)).toBe(
      ["ID  CUSTOMER  ASSIGNEE  LAST MESSAGE  RATING", " 1  Al        Kosta     short         —", ""].join(
        "\n",
      ),
    );
    expect(stream.page([])).toBe("");
    expect(stream.page(later)).toBe("123456  Barthol…  王小明    a much long…  great\n");
    expect(stream.end()).toBe("");
  });

  it("no chats: the empty-result message at the end", () => {
    const stream = chatStream("table", PLAIN);
    expect(stream.page([]) + stream.end()).toBe("No chats match.\n");
  });
});
