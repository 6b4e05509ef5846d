import { describe, expect, it } from "vitest";
import { shouldColor } from "../../src/output/color.js";
import { CSV_COLUMNS, formatCsv } from "../../src/output/csv.js";
import { formatDuration, formatFooter } from "../../src/output/footer.js";
import { FORMAT_NAMES, formatChats, isOutputFormat, unknownFormatMessage } from "../../src/output/index.js";
import { formatJson, formatNdjson } from "../../src/output/json.js";
import { parseCsv } from "./csv-parse.js";
import { chat, NOW } from "./fixtures.js";

const A = chat();
const B = chat({
  id: 12,
  status: "closed",
  rating: "poor",
  closedAt: 1592999999,
  closedBy: 3129,
  lastMessageText: 'She said "no",\r\nthen left; =1+1',
  customer: { id: 1, name: "王小明", email: null, userId: "u-1" },
  assignee: null,
  agents: [
    { id: 3129, name: "Kosta", email: "k@c.com", role: "admin" },
    { id: 44, name: "Ann", email: "a@c.com", role: "agent" },
  ],
  department: { id: 12, name: "Sales" },
});

describe("json", () => {
  it.each([
    ["8-bit CSI", "a\u009b2Jb", "a\\u009b2Jb"],
    ["DEL and C1", "\u007f\u0085\u009c", "\\u007f\\u0085\\u009c"],
    ["RTL override", "fdp\u202eexe", "fdp\\u202eexe"],
    ["line separator", "a\u2028b", "a\\u2028b"],
    ["ESC (JSON's own escape)", "\u001b[2J", "\\u001b[2J"],
  ])("escapes %s, keeping the same value", (_name, text, escaped) => {
    const one = chat({ lastMessageText: text });
    for (const out of [formatJson([one]), formatNdjson([one])]) {
      expect(out).toContain(`"lastMessageText":${out.includes('": ') ? " " : ""}"${escaped}"`);
      expect(JSON.parse(out.startsWith("[") ? out : `[${out}]`)).toEqual([one]);
    }
  });

  it("is a pretty array of the chats as they are", () => {
    expect(JSON.parse(formatJson([A, B]))).toEqual([A, B]);
    expect(formatJson([])).toBe("[]");
    expect(formatJson([A]).split("\n")[1]).toBe("  {");
  });

  it("ndjson has one compact chat per line", () => {
    const lines = formatNdjson([A, B]).split("\n");
    expect(lines).toEqual([JSON.stringify(A), JSON.stringify(B)]);
    expect(formatNdjson([])).toBe("");
  });
});

describe("csv", () => {
  it("is RFC 4180 with a header and flattened people, read back exactly", () => {
    const records = parseCsv(formatCsv([A, B]));
    expect(records[0]).toEqual(CSV_COLUMNS);
    const rows = records.slice(1).map((r) => Object.fromEntries(r.map((v, i) => [CSV_COLUMNS[i], v])));
    expect(rows).toEqual([
      {
        id: "5215537",
        status: "pending",
        rating: "",
        createdAt: "2020-06-24T01:35:38Z",
        lastMessageAt: "2020-06-24T09:56:17Z",
        lastCustomerMessageAt: "2020-06-24T01:35:37Z",
        closedAt: "",
        closedBy: "",
        snoozedUntil: "",
        lastMessageId: "9575496",
        lastMessageText: "May I know how crucial is this for you?",
        lastCommunicatedAgentId: "3129",
        "customer.id": "8740723",
        "customer.name": "Michael",
        "customer.email": "mike.nike@hellomail.com",
        "customer.userId": "",
        "assignee.id": "3129",
        "assignee.name": "Kosta",
        "assignee.email": "kosta@company.com",
        "assignee.role": "admin",
        "department.id": "",
        "department.name": "",
        agents: "",
      },
      {
        id: "12",
        status: "closed",
        rating: "poor",
        createdAt: "2020-06-24T01:35:38Z",
        lastMessageAt: "2020-06-24T09:56:17Z",
        lastCustomerMessageAt: "2020-06-24T01:35:37Z",
        closedAt: "2020-06-24T11:59:59Z",
        closedBy: "3129",
        snoozedUntil: "",
        lastMessageId: "9575496",
        lastMessageText: 'She said "no",\r\nthen left; =1+1',
        lastCommunicatedAgentId: "3129",
        "customer.id": "1",
        "customer.name": "王小明",
        "customer.email": "",
        "customer.userId": "u-1",
        "assignee.id": "",
        "assignee.name": "",
        "assignee.email": "",
        "assignee.role": "",
        "department.id": "12",
        "department.name": "Sales",
        agents: "3129 44",
      },
    ]);
  });

  it("quotes a field with a bare line feed", () => {
    const text = formatCsv([chat({ lastMessageText: "one\ntwo" })]);
    expect(parseCsv(text)[1]![10]).toBe("one\ntwo");
  });

  it.each([
    ['=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\n=1"],
    ["safe = text", "safe = text"],
    ["a\u001b]0;title\u0007b \u009b2J\u202eevil", "ab evil"],
  ])("escapes the text cell %j (OWASP: a leading ' and no terminal controls)", (text, cell) => {
    const csv = formatCsv([
      chat({ lastMessageText: text, customer: { id: 1, name: text, email: null, userId: null } }),
    ]);
    const row = parseCsv(csv)[1]!;
    expect([row[10], row[13]]).toEqual([cell, cell]);
    expect(row[0]).toBe("5215537");
  });

  it("writes cells raw when asked (--csv-raw)", () => {
    const text = "=1+2\u001b[31m";
    const row = parseCsv(formatCsv([chat({ lastMessageText: text })], { raw: true }))[1]!;
    expect(row[10]).toBe(text);
  });

  it("has only the header for no chats", () => {
    expect(formatCsv([])).toBe(`${CSV_COLUMNS.join(",")}\r\n`);
  });
});

describe("formatChats", () => {
  const table = { color: false, now: NOW, timeZone: "UTC" };
  it.each([
    ["json", "[]\n"],
    ["ndjson", ""],
    ["csv", `${CSV_COLUMNS.join(",")}\r\n`],
    ["table", "No chats match.\n"],
  ] as const)("%s with no chats", (format, expected) => {
    expect(formatChats([], format, table)).toBe(expected);
  });

  it.each([
    ["json", true],
    ["ndjson", true],
    ["csv", true],
    ["table", true],
    ["yaml", false],
    ["JSON", false],
  ])("%s is a format: %s", (name, expected) => {
    expect(isOutputFormat(name)).toBe(expected);
  });

  it("the formats, as a sentence names them", () => {
    expect(FORMAT_NAMES).toBe("table, json, ndjson or csv");
  });

  it("what the CLI and the shell say of a name that is not a format", () => {
    expect(unknownFormatMessage("xml")).toBe("unknown format 'xml'; use table, json, ndjson or csv");
  });
});

describe("footer", () => {
  it.each([
    [
      { shown: 20, total: 2244, totalExact: true, requests: 1, elapsedMs: 84 },
      "chats 1–20 of 2,244 · 1 request · 84 ms",
    ],
    [
      { shown: 3, offset: 3, total: 364, totalExact: true, requests: 1, elapsedMs: 15 },
      "chats 4–6 of 364 · 1 request · 15 ms",
    ],
    [
      { shown: 100, total: 312, totalExact: false, requests: 3, elapsedMs: 1284 },
      "chats 1–100 of at least 312 · 3 requests · 1.3 s",
    ],
    [{ shown: 1, total: 1, totalExact: true, requests: 1, elapsedMs: 5.4 }, "chat 1 of 1 · 1 request · 5 ms"],
    [
      { shown: 1, offset: 363, total: 364, totalExact: true, requests: 2, elapsedMs: 5 },
      "chat 364 of 364 · 2 requests · 5 ms",
    ],
    [{ shown: 0, total: 0, totalExact: true, requests: 0, elapsedMs: 0 }, "no chats · 0 requests · 0 ms"],
    [
      { shown: 0, offset: 400, total: 364, totalExact: true, requests: 1, elapsedMs: 9 },
      "no chats (of 364) · 1 request · 9 ms",
    ],
    [
      { shown: 10000, offset: 1000, total: 1234567, totalExact: true, requests: 100, elapsedMs: 83_500 },
      "chats 1,001–11,000 of 1,234,567 · 100 requests · 1 min 24 s",
    ],
  ])("%j", (stats, expected) => {
    expect(formatFooter(stats)).toBe(expected);
  });

  it.each([
    [999, "999 ms"],
    [1000, "1.0 s"],
    [59_949, "59.9 s"],
    [120_000, "2 min 0 s"],
  ])("%i ms", (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe("shouldColor", () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ TERM: "dumb" }, true, false],
    [{ NO_COLOR: "1" }, true, false],
    [{ NO_COLOR: "" }, true, true],
    [{ FORCE_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "" }, false, true],
    [{ FORCE_COLOR: "0" }, true, false],
    [{ FORCE_COLOR: "false" }, true, false],
    [{ NO_COLOR: "1", FORCE_COLOR: "1" }, true, false],
  ])("%j on a TTY: %s", (env, isTTY, expected) => {
    expect(shouldColor(env, isTTY)).toBe(expected);
  });
});
