import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatRecord, type Emulator, startEmulator } from "../../src/emulator/index.js";
import type { Chat } from "../../src/language/api.js";
import { CSV_COLUMNS } from "../../src/output/csv.js";
import { parseCsv } from "../output/csv-parse.js";
import { hcql } from "../support/cli.js";
import { closedPort, hang, json, scriptedServer } from "../support/scripted-server.js";

const ANCHOR = 1_750_000_000;
const NOW = ["--now", "1593000000", "--tz", "UTC"];

/** A small fixed account: three chats whose exact output the format tests spell out. */
const SMALL = [
  {
    chat: {
      id: 101,
      status: "pending",
      createdAt: 1592962538,
      lastCustomerMessageAt: 1592962537,
      lastMessageAt: 1592992577,
      lastMessageText: "May I know how crucial\nis this for you?",
      lastMessageId: 9575496,
      lastCommunicatedAgentId: 3129,
      agents: [{ id: 3129, name: "Kosta", email: "kosta@company.com", role: "admin" }],
      customer: { id: 8740723, name: "Michael", email: "mike.nike@hellomail.com", userId: null },
      assignee: { id: 3129, name: "Kosta", email: "kosta@company.com", role: "admin" },
      department: { id: 12, name: "Sales" },
    },
    tags: ["VIP"],
  },
  {
    chat: {
      id: 102,
      status: "closed",
      rating: "poor",
      closedAt: 1592960000,
      closedBy: 3129,
      createdAt: 1592900000,
      lastMessageAt: 1592950000,
      lastMessageText: "你好，我的订单在哪里？🙂",
      customer: { id: 2, name: "王小明", email: null, userId: "u-2" },
    },
  },
  {
    chat: {
      id: 103,
      status: "new",
      createdAt: 1592800000,
      lastMessageText: 'He said "hi", then left',
      customer: { id: 3, name: null, email: "zoë@example.com", userId: null },
    },
  },
];

/** What the API returns for SMALL, written out in full. */
const SMALL_CHATS = [
  {
    id: 101,
    closedBy: null,
    lastCustomerMessageAt: 1592962537,
    status: "pending",
    closedAt: null,
    rating: null,
    createdAt: 1592962538,
    lastMessageAt: 1592992577,
    snoozedUntil: null,
    lastMessageText: "May I know how crucial\nis this for you?",
    lastMessageId: 9575496,
    lastCommunicatedAgentId: 3129,
    agents: [{ id: 3129, name: "Kosta", email: "kosta@company.com", role: "admin" }],
    customer: { id: 8740723, name: "Michael", email: "mike.nike@hellomail.com", userId: null },
    assignee: { id: 3129, name: "Kosta", email: "kosta@company.com", role: "admin" },
    department: { id: 12, name: "Sales" },
  },
  {
    id: 102,
    closedBy: 3129,
    lastCustomerMessageAt: null,
    status: "closed",
    closedAt: 1592960000,
    rating: "poor",
    createdAt: 1592900000,
    lastMessageAt: 1592950000,
    snoozedUntil: null,
    lastMessageText: "你好，我的订单在哪里？🙂",
    lastMessageId: null,
    lastCommunicatedAgentId: null,
    agents: [],
    customer: { id: 2, name: "王小明", email: null, userId: "u-2" },
    assignee: null,
    department: null,
  },
  {
    id: 103,
    closedBy: null,
    lastCustomerMessageAt: null,
    status: "new",
    closedAt: null,
    rating: null,
    createdAt: 1592800000,
    lastMessageAt: null,
    snoozedUntil: null,
    lastMessageText: 'He said "hi", then left',
    lastMessageId: null,
    lastCommunicatedAgentId: null,
    agents: [],
    customer: { id: 3, name: null, email: "zoë@example.com", userId: null },
    assignee: null,
    department: null,
  },
];

let small: Emulator;
let big: Emulator;
let smallEnv: Record<string, string>;
let bigEnv: Record<string, string>;

beforeAll(async () => {
  small = await startEmulator({ data: SMALL, keys: ["small-key"], rateLimit: false });
  big = await startEmulator({ anchor: ANCHOR, keys: ["big-key"], rateLimit: false });
  smallEnv = { HELPCRUNCH_API_KEY: small.key, HELPCRUNCH_API_URL: small.url };
  bigEnv = { HELPCRUNCH_API_KEY: big.key, HELPCRUNCH_API_URL: big.url };
});

afterAll(async () => {
  await small.close();
  await big.close();
});

describe.concurrent("hcql run formats", () => {
  it("json: a pretty array of exactly the API's chats", async () => {
    const r = await hcql(["run", ...NOW, "--format", "json", "limit 10"], { env: smallEnv });
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toBe(`${JSON.stringify(SMALL_CHATS, null, 2)}\n`);
  });

  it("json is the default when stdout is not a terminal", async () => {
    const r = await hcql(["run", ...NOW, "status = new"], { env: smallEnv });
    expect(JSON.parse(r.stdout)).toEqual([SMALL_CHATS[2]]);
  });

  it("ndjson: one chat per line", async () => {
    const r = await hcql(["run", ...NOW, "--format", "ndjson", "sort by createdAt asc"], { env: smallEnv });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `${[...SMALL_CHATS]
        .reverse()
        .map((c) => JSON.stringify(c))
        .join("\n")}\n`,
    );
  });

  it("csv: parsed back, with flattened people", async () => {
    const r = await hcql(["run", ...NOW, "--format", "csv", "rating = poor or status = new"], {
      env: smallEnv,
    });
    expect(r.code).toBe(0);
    const [header, ...rows] = parseCsv(r.stdout);
    const records = rows.map((row) => Object.fromEntries(row.map((v, i) => [header![i], v])));
    expect(
      records.map((x) => [x.id, x.status, x["customer.name"], x["customer.email"], x.lastMessageText]),
    ).toEqual([
      ["102", "closed", "王小明", "", "你好，我的订单在哪里？🙂"],
      ["103", "new", "", "zoë@example.com", 'He said "hi", then left'],
    ]);
    expect(records[0]).toMatchObject({
      closedAt: "2020-06-24T00:53:20Z",
      closedBy: "3129",
      "customer.userId": "u-2",
    });
  });

  it("table: aligned columns, times in the session zone, no colour off a terminal", async () => {
    const r = await hcql(["run", ...NOW, "--format", "table", ""], { env: smallEnv });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        " ID  STATUS   CREATED           CUSTOMER                           ASSIGNEE  LAST MESSAGE                               SENT                         RATING",
        "101  pending  2020-06-24 01:35  Michael <mike.nike@hellomail.com>  Kosta     May I know how crucial ⏎ is this for you?  2 h ago · 2020-06-24 09:56   —",
        "102  closed   2020-06-23 08:13  王小明                             —         你好，我的订单在哪里？🙂                   13 h ago · 2020-06-23 22:06  poor",
        '103  new      2020-06-22 04:26  zoë@example.com                    —         He said "hi", then left                    —                            —',
        "",
      ].join("\n"),
    );
  });

  it("--columns chooses the table's columns and their order", async () => {
    const r = await hcql(["run", ...NOW, "--format", "table", "--columns", "created,id,status", ""], {
      env: smallEnv,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "CREATED            ID  STATUS",
        "2020-06-24 01:35  101  pending",
        "2020-06-23 08:13  102  closed",
        "2020-06-22 04:26  103  new",
        "",
      ].join("\n"),
    );
  });

  it("--columns chooses CSV's columns by their header names", async () => {
    const r = await hcql(["run", ...NOW, "--format", "csv", "--columns", "id, customer.name", ""], {
      env: smallEnv,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("id,customer.name\r\n101,Michael\r\n102,王小明\r\n103,\r\n");
  });

  it.each([
    [
      ["--format", "table", "--columns", "id,rate"],
      "--columns: unknown table column 'rate'; the table columns are: id, status, created, closed, customer, assignee, department, message, sent, rating",
    ],
    [["--format", "json", "--columns", "id"], "--columns: the json format has no columns to choose"],
    // Not a terminal and no --format: JSON, which the person did not choose.
    [
      ["--columns", "id,status"],
      "--columns: output that is not a terminal is JSON, which has no columns; add --format table or --format csv",
    ],
  ])("%j is a usage error naming the columns", async (flags, message) => {
    const r = await hcql(["run", ...NOW, ...flags, ""], { env: smallEnv });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")[0]).toBe(`hcql run: ${message}`);
  });

  it.each([
    [
      ["--format", "json", "--csv-raw"],
      "--csv-raw: the json format has no CSV cells; it goes with --format csv",
    ],
    [
      ["--format", "table", "--csv-raw"],
      "--csv-raw: the table format has no CSV cells; it goes with --format csv",
    ],
    // Not a terminal and no --format: JSON, which the person did not choose.
    [
      ["--csv-raw"],
      "--csv-raw: output that is not a terminal is JSON, which has no CSV cells; add --format csv",
    ],
  ])("%j is a usage error: the flag would change nothing", async (flags, message) => {
    const r = await hcql(["run", ...NOW, ...flags, ""], { env: smallEnv });
    expect([r.code, r.stdout, r.stderr.split("\n")[0]]).toEqual([2, "", `hcql run: ${message}`]);
  });

  it("table: FORCE_COLOR gives colour, NO_COLOR wins over it", async () => {
    const forced = await hcql(["run", ...NOW, "--format", "table", ""], {
      env: { ...smallEnv, FORCE_COLOR: "1" },
    });
    expect(forced.stdout).toContain("\u001b[33mpending");
    const none = await hcql(["run", ...NOW, "--format", "table", ""], {
      env: { ...smallEnv, FORCE_COLOR: "1", NO_COLOR: "1" },
    });
    expect(none.stdout).not.toContain("\u001b[");
    expect(none.stdout.split("\n")[1]).toContain("101  pending");
  });

  it.each(["json", "ndjson", "csv", "table"])("%s with no chats", async (format) => {
    const r = await hcql(["run", ...NOW, "--format", format, "status = empty"], { env: smallEnv });
    expect(r.code).toBe(0);
    const empty: Record<string, string> = {
      json: "[]\n",
      ndjson: "",
      csv: `${CSV_COLUMNS.join(",")}\r\n`,
      table: "No chats match.\n",
    };
    expect(r.stdout).toBe(empty[format]);
  });
});

/** Hand-written order of the API: createdAt desc unless told, missing values last, ties by id. */
function order(chats: Chat[], field: keyof Chat = "createdAt", direction: "asc" | "desc" = "desc"): Chat[] {
  return chats.sort((a, b) => {
    const x = a[field] as number | null;
    const y = b[field] as number | null;
    if (x === y) return a.id - b.id;
    if (x === null) return 1;
    if (y === null) return -1;
    return direction === "asc" ? x - y : y - x;
  });
}

function bruteForce(
  keep: (r: ChatRecord) => boolean,
  field?: keyof Chat,
  direction?: "asc" | "desc",
): number[] {
  const chats = big.dataset.chats.filter(keep).map((r) => r.chat);
  return order(chats, field, direction).map((c) => c.id);
}

const ids = (stdout: string) => (JSON.parse(stdout) as Chat[]).map((c) => c.id);

const EXAMPLE = "(status = pending and assignee = 3129) or rating = poor or tags = VIP";
const example = (r: ChatRecord) =>
  (r.chat.status === "pending" && r.chat.assignee?.id === 3129) ||
  r.chat.rating === "poor" ||
  r.tags.includes("VIP");

describe.concurrent("hcql run against the emulator", () => {
  it("limit 250 gives 250 distinct chats in order", async () => {
    const r = await hcql(["run", ...NOW, "limit 250"], { env: bigEnv });
    expect(r.code).toBe(0);
    expect(ids(r.stdout)).toEqual(bruteForce(() => true).slice(0, 250));
    expect(new Set(ids(r.stdout)).size).toBe(250);
  });

  it("--all gives every matching chat", async () => {
    const r = await hcql(["run", ...NOW, "--all", "status = closed"], { env: bigEnv });
    expect(r.code).toBe(0);
    const all = bruteForce((c) => c.chat.status === "closed");
    expect(all.length).toBeGreaterThan(100);
    expect(ids(r.stdout)).toEqual(all);
  });

  it("without --all and without a limit, one page of 100", async () => {
    const r = await hcql(["run", ...NOW, "status = closed"], { env: bigEnv });
    expect(ids(r.stdout)).toEqual(bruteForce((c) => c.chat.status === "closed").slice(0, 100));
  });

  it.each([
    [EXAMPLE, 0, 100],
    [`${EXAMPLE} limit 10`, 0, 10],
    [`${EXAMPLE} offset 95 limit 10`, 95, 10],
    [`${EXAMPLE} limit 250`, 0, 250],
    [`${EXAMPLE} offset 130 limit 120`, 130, 120],
    [`${EXAMPLE} offset 580 limit 100`, 580, 100],
  ])("%s merges to the brute-force ids", async (query, offset, limit) => {
    const r = await hcql(["run", ...NOW, query], { env: bigEnv });
    expect(r.code).toBe(0);
    expect(ids(r.stdout)).toEqual(bruteForce(example).slice(offset, offset + limit));
  });

  it.each([
    [`${EXAMPLE} sort by lastMessageAt asc offset 400 limit 150`, "lastMessageAt", "asc", 400, 150],
    [`${EXAMPLE} sort by closedAt desc offset 300 limit 300`, "closedAt", "desc", 300, 300],
  ] as const)("%s merges to the brute-force ids", async (query, field, direction, offset, limit) => {
    const r = await hcql(["run", ...NOW, query], { env: bigEnv });
    expect(ids(r.stdout)).toEqual(bruteForce(example, field, direction).slice(offset, offset + limit));
  });

  it.each([
    ["status in (new, opened) and department = 12 limit 10", 12],
    ["status in (new, opened) and department = 102 limit 10", 102],
    ["status in (new, opened) and department = 102 offset 20 limit 150", 102],
  ])("%s merges to the brute-force ids", async (query, department) => {
    const r = await hcql(["run", ...NOW, query], { env: bigEnv });
    expect(r.code).toBe(0);
    const offset = query.includes("offset 20") ? 20 : 0;
    const limit = query.includes("limit 150") ? 150 : 10;
    const expected = bruteForce(
      (c) => (c.chat.status === "new" || c.chat.status === "opened") && c.chat.department?.id === department,
    ).slice(offset, offset + limit);
    expect(ids(r.stdout)).toEqual(expected);
    if (department === 102) expect(expected.length).toBeGreaterThan(0);
  });

  it("reads the query from stdin and from a file", async () => {
    const fromStdin = await hcql(["run", ...NOW, "-"], {
      env: bigEnv,
      input: "status = pending\nlimit 5 # five",
    });
    const file = join(tmpdir(), `hcql-run-${process.pid}.hcql`);
    writeFileSync(file, "status = pending limit 5");
    const fromFile = await hcql(["run", ...NOW, "-f", file], { env: bigEnv });
    expect(fromStdin.code).toBe(0);
    expect(ids(fromStdin.stdout)).toEqual(bruteForce((c) => c.chat.status === "pending").slice(0, 5));
    expect(fromFile.stdout).toBe(fromStdin.stdout);
  });

  it("--api-key and --api-url flags work like the variables", async () => {
    const r = await hcql(["run", ...NOW, "--api-key", big.key, "--api-url", big.url, "limit 3"]);
    expect(r.code).toBe(0);
    expect(ids(r.stdout)).toEqual(bruteForce(() => true).slice(0, 3));
  });
});

describe.concurrent("hcql run problems", () => {
  it("a query with errors: exit 1 and carets on stderr", async () => {
    const r = await hcql(["run", ...NOW, "stauts = 1"], { env: bigEnv });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("error[unknown-field]");
    expect(r.stderr).toContain("1 | stauts = 1");
    expect(r.stderr).toContain("^^^^^^");
  });

  it.each([
    [["--format", "yaml", "limit 1"], "unknown format 'yaml'"],
    [["--timeout", "0", "limit 1"], "--timeout must be"],
    [["--tz", "Mars/Base", "limit 1"], "unknown time zone 'Mars/Base'"],
    [["--now", "yesterday", "limit 1"], "--now must be"],
    [
      ["--now", "999999999999999", "limit 1"],
      "--now must be at most 253402300799 UNIX seconds (9999-12-31T23:59:59Z), not '999999999999999'",
    ],
    [
      ["--now", "1750000000000", "limit 1"],
      "hcql run: --now 1750000000000 UNIX seconds is after the year 9999: dates are written in seconds, not milliseconds; did you mean '1750000000'?\n",
    ],
    [["--bogus", "limit 1"], "bogus"],
    [[], "missing query"],
  ])("usage %j: exit 2", async (args, message) => {
    const r = await hcql(["run", ...args], { env: bigEnv });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("Usage: hcql run");
  });

  it("a name where an agent's id goes: the account's agents give the id as a hint", async () => {
    const r = await hcql(["run", ...NOW, "assignee = Kosta"], { env: smallEnv });
    expect([r.code, r.stdout]).toEqual([1, ""]);
    expect(r.stderr).toContain("error[invalid-value]: assignee takes an integer id, not the word 'Kosta'");
    expect(r.stderr).toContain("^^^^^ 'Kosta' is agent 3129");
  });

  it("an API URL without a key is a usage error", async () => {
    const r = await hcql(["run", "limit 1"], { env: { HELPCRUNCH_API_URL: big.url } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("needs an API key");
  });

  it("a wrong key: exit 3, a clear message, the key printed nowhere", async () => {
    const key = "sk-wrong-4f9a2c7e1b";
    const r = await hcql(["run", ...NOW, "limit 1"], {
      env: { HELPCRUNCH_API_KEY: key, HELPCRUNCH_API_URL: big.url },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      "hcql run: the API key was rejected (401): set HELPCRUNCH_API_KEY or pass --api-key\n",
    );
    expect(r.stdout).toBe("");
    const flag = await hcql(["run", ...NOW, "--api-key", key, "--api-url", big.url, "limit 1"]);
    expect(flag.code).toBe(3);
    expect(flag.stderr + flag.stdout).not.toContain(key);
  });

  it("--timeout while retrying a refused connection: exit 3, saying what the last attempt met", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    // Refused connections are retried after 0.2, 0.5 and 1 s: 1.5 s ends the run in the last wait.
    const r = await hcql(["run", ...NOW, "--timeout", "1.5", "--api-url", url, "limit 1"], {
      env: { HELPCRUNCH_API_KEY: "k" },
    });
    expect(r.code).toBe(3);
    const lines = r.stderr.trimEnd().split("\n");
    const retries = lines.slice(0, -1);
    // On a quiet machine the timeout falls in the third wait; a slow start (a loaded machine) may
    // move it into an earlier one: the waits said are then the first ones, in order.
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries).toEqual(
      [
        "connection refused; retrying in 0.2 s (attempt 2 of 4)",
        "connection refused; retrying in 0.5 s (attempt 3 of 4)",
        "connection refused; retrying in 1 s (attempt 4 of 4)",
      ].slice(0, retries.length),
    );
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^hcql run: no result within 1\\.5 s \\(--timeout\\); the last attempt failed: could not reach 127\\.0\\.0\\.1:\\d+: connection refused \\(ECONNREFUSED\\) after ${retries.length} attempts?: is the server running, and is the base URL's port right\\?$`,
      ),
    );
  });

  it("--timeout gives up on an API that does not answer", async () => {
    const server = await scriptedServer([hang]);
    try {
      const r = await hcql(["run", ...NOW, "--timeout", "0.5", "--api-url", server.url, "limit 1"], {
        env: { HELPCRUNCH_API_KEY: "k" },
      });
      expect(r.code).toBe(3);
      expect(r.stderr).toBe("hcql run: no result within 0.5 s (--timeout)\n");
    } finally {
      await server.close();
    }
  });

  it("Ctrl-C stops the run: exit 130", async () => {
    const server = await scriptedServer([hang]);
    try {
      const r = await hcql(["run", ...NOW, "--api-url", server.url, "limit 1"], {
        env: { HELPCRUNCH_API_KEY: "k" },
        started: (child) => {
          const poll = setInterval(() => {
            if (server.seen.length === 0) return;
            clearInterval(poll);
            child.kill("SIGINT");
          }, 10);
        },
      });
      expect(r).toMatchObject({ code: 130, stdout: "", stderr: "hcql run: interrupted\n" });
    } finally {
      await server.close();
    }
  });

  it("a 400 for a filter item is shown under the predicate that made it", async () => {
    const server = await scriptedServer([
      json(400, { errors: [{ code: "filter[1].value", message: "assignee is not a valid integer" }] }),
    ]);
    try {
      const query = "status = pending and assignee = 3129";
      const r = await hcql(["run", ...NOW, "--api-url", server.url, query], {
        env: { HELPCRUNCH_API_KEY: "k" },
      });
      expect(r.code).toBe(3);
      expect(r.stderr).toBe(
        [
          "error[invalid-value]: the API rejected this: assignee is not a valid integer",
          "  |",
          "1 | status = pending and assignee = 3129",
          "  |                      ^^^^^^^^^^^^^^^",
          "hcql run: the API rejected POST /chats/search (400): assignee is not a valid integer (filter[1].value)",
          "",
        ].join("\n"),
      );
      expect(server.seen).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe.concurrent("hcql run demo mode", () => {
  // The demo's chats span the year before --now: before 1971 there is no such year.
  it.each([
    ["0", 0],
    ["1970-06-01T00:00Z", 13046400],
  ])("--now %s is a usage error, said before the demo starts", async (now, seconds) => {
    const r = await hcql(["run", "--now", now, "--format", "csv", "limit 1"]);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr.split("\n")[0]).toBe(
      `hcql run: --now ${seconds}: the demo's chats span the year before --now, which must be 31536000 (1971-01-01) or later`,
    );
  });

  it("without a key, searches generated chats in-process and says so", async () => {
    const r = await hcql(["run", ...NOW, "status = pending limit 5"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "demo mode: searching 2,500 generated chats; set HELPCRUNCH_API_KEY to search your account\n",
    );
    const chats = JSON.parse(r.stdout) as Chat[];
    expect(chats).toHaveLength(5);
    expect(chats.every((c) => c.status === "pending")).toBe(true);
  });

  it("a query that can never match sends nothing and starts no emulator", async () => {
    const r = await hcql(["run", ...NOW, "status = new and status = closed"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("[]\n");
    expect(r.stderr).toMatch(/^warning\[never-matches\]/);
    expect(r.stderr).not.toContain("demo mode");
  });

  it("a query with errors that names an agent: the demo's names give the id, demo mode is not said", async () => {
    const r = await hcql(["run", ...NOW, "assignee = Kosta"]);
    expect(r).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        "error[invalid-value]: assignee takes an integer id, not the word 'Kosta'",
        "  |",
        "1 | assignee = Kosta",
        "  |            ^^^^^ 'Kosta' is agent 3129",
        "",
      ].join("\n"),
    });
  });

  it.each([
    [
      "tags = vip",
      'hcql run: tip: "vip" is not a known tag; did you mean "VIP"? (tags match exactly, letter case too)',
    ],
    ["tags = Trail and status = new", 'hcql run: tip: "Trail" is not a known tag; did you mean "Trial"?'],
    [
      "tags in (vip, Paid) and createdAt < 2010-01-01 count",
      'hcql run: tip: "vip" is not a known tag; did you mean "VIP"? (tags match exactly, letter case too)',
    ],
  ])("%s finds nothing: a tip names the known tag it likely meant", async (query, tip) => {
    const r = await hcql(["run", ...NOW, query]);
    expect(r.code).toBe(0);
    expect(r.stderr.split("\n").filter((line) => line.includes("tip:"))).toEqual([tip]);
  });

  it.each([
    "tags = vip or status = pending limit 1",
    "tags = VIP and createdAt < 2010-01-01",
    "tags = Zebra",
  ])("%s: no tip (chats found, the tag is known, or nothing is near)", async (query) => {
    const r = await hcql(["run", ...NOW, query]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("tip:");
  });

  it("an empty HELPCRUNCH_API_KEY counts as none", async () => {
    const r = await hcql(["run", ...NOW, "limit 1"], { env: { HELPCRUNCH_API_KEY: "" } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("demo mode");
  });
});
