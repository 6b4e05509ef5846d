import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { hcql } from "../support/cli.js";
import { closedPort } from "../support/scripted-server.js";

const NOW = ["--now", "1593000000", "--tz", "UTC"];

/** Four chats: two assigned to Kosta (one of them also written in by Ann), one to Ann, one to nobody. */
const KOSTA = { id: 3129, name: "Kosta", email: "kosta@company.com", role: "admin" };
const ANN = { id: 3130, name: "Ann", email: "ann@company.com", role: "agent" };
const customer = (id: number) => ({ id, name: null, email: null, userId: null });
const DATA = [
  {
    chat: {
      id: 1,
      status: "closed",
      rating: "poor",
      createdAt: 1592870400,
      closedAt: 1592900000,
      agents: [KOSTA, ANN],
      assignee: KOSTA,
      customer: customer(1),
    },
  },
  {
    chat: {
      id: 2,
      status: "closed",
      rating: "great",
      createdAt: 1592874000,
      closedAt: 1592990000,
      agents: [KOSTA],
      assignee: KOSTA,
      customer: customer(2),
    },
  },
  {
    chat: {
      id: 3,
      status: "pending",
      createdAt: 1592697600,
      agents: [ANN],
      assignee: ANN,
      customer: customer(3),
    },
  },
  { chat: { id: 4, status: "new", createdAt: 1592960000, customer: customer(4) } },
];

let small: Emulator;
let big: Emulator;
let smallEnv: Record<string, string>;
let bigEnv: Record<string, string>;

beforeAll(async () => {
  small = await startEmulator({ data: DATA, keys: ["small-key"], rateLimit: false });
  big = await startEmulator({ anchor: 1_750_000_000, keys: ["big-key"], rateLimit: false });
  smallEnv = { HELPCRUNCH_API_KEY: small.key, HELPCRUNCH_API_URL: small.url };
  bigEnv = { HELPCRUNCH_API_KEY: big.key, HELPCRUNCH_API_URL: big.url };
});

afterAll(async () => {
  await small.close();
  await big.close();
});

describe("hcql run with count by (§10)", () => {
  it.each([
    ["count", "json", '{"total":4}\n'],
    [
      "count by assignee",
      "json",
      '{"total":4,"groups":[{"key":{"assignee":3129},"count":2},{"key":{"assignee":3130},"count":1},{"key":{"assignee":null},"count":1}]}\n',
    ],
    [
      "count by agents",
      "ndjson",
      '{"key":{"agents":3129},"count":2}\n{"key":{"agents":3130},"count":2}\n{"key":{"agents":null},"count":1}\n',
    ],
    ["status = closed count by rating", "csv", "rating,count\r\ngreat,1\r\npoor,1\r\n"],
    [
      "count by createdAt per day",
      "json",
      '{"total":4,"groups":[{"key":{"createdAt":"2020-06-21"},"count":1},{"key":{"createdAt":"2020-06-22"},"count":0},{"key":{"createdAt":"2020-06-23"},"count":2},{"key":{"createdAt":"2020-06-24"},"count":1}]}\n',
    ],
    [
      "count by status, closedAt per day limit 2",
      "json",
      '{"total":4,"groups":[{"key":{"status":"closed","closedAt":"2020-06-23"},"count":1},{"key":{"status":"closed","closedAt":"2020-06-24"},"count":1}]}\n',
    ],
  ])("%s (%s)", async (query, format, expected) => {
    const run = await hcql(["run", ...NOW, "--format", format, query], { env: smallEnv });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(expected);
    expect(run.code).toBe(0);
  });

  it("prints a table with names, counts and bars", async () => {
    const run = await hcql(["run", ...NOW, "--format", "table", "count by assignee"], { env: smallEnv });
    expect(run.stdout).toBe(
      [
        "ASSIGNEE  COUNT",
        `Kosta         2  ${"█".repeat(40)}`,
        `Ann           1  ${"█".repeat(20)}`,
        `—             1  ${"█".repeat(20)}`,
        "",
      ].join("\n"),
    );
    expect(run.code).toBe(0);
  });

  it("the total equals every chat run --all fetches", async () => {
    const all = await hcql(["run", "--format", "ndjson", "--all", "status != closed"], { env: bigEnv });
    const count = await hcql(["run", "--format", "json", "status != closed count"], { env: bigEnv });
    const chats = all.stdout.trim().split("\n").length;
    expect(chats).toBeGreaterThan(100);
    expect(JSON.parse(count.stdout)).toEqual({ total: chats });
  });

  it.each([
    ["table", "id", "count"],
    ["csv", "id", "count by status"],
    ["table", "id", "status = closed count by assignee limit 2"],
    // Columns that are none of the format's: still the count's message, in every format.
    ["csv", "status,count", "count by status"],
    ["table", "status,count", "count by status"],
    ["json", "status,count", "count by status"],
    ["ndjson", "count", "count"],
  ])(
    "--format %s --columns %s with %j is a usage error, before any request",
    async (format, columns, query) => {
      // Nothing listens at the API URL: a request sent would fail with exit 3.
      const env = {
        HELPCRUNCH_API_KEY: "k",
        HELPCRUNCH_API_URL: `http://127.0.0.1:${await closedPort()}/v1`,
      };
      const run = await hcql(["run", ...NOW, "--format", format, "--columns", columns, query], { env });
      expect([run.code, run.stdout, run.stderr.split("\n")[0]]).toEqual([
        2,
        "",
        "hcql run: --columns does not apply to a count: its columns are the groups of count by; leave --columns out",
      ]);
    },
  );

  it.each([
    ["count by tags", "invalid-group"],
    ["count by status sort by createdAt", "count-clause"],
  ])("%s is an error of the query (exit 1)", async (query, code) => {
    const run = await hcql(["run", ...NOW, query], { env: smallEnv });
    expect(run.stderr).toContain(`error[${code}]`);
    expect(run.code).toBe(1);
  });
});

describe("the shell with count by (§10)", () => {
  it("prints the rows in the session's format, explains what a count costs, has no .more", async () => {
    const run = await hcql([], {
      input: ".format json\ncount by status\n.explain count by status\n.more\n",
      env: { ...smallEnv, HOME: mkdtempSync(join(tmpdir(), "hcql-count-")), TZ: "UTC", NO_COLOR: "1" },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '{"total":4,"groups":[{"key":{"status":"closed"},"count":2},{"key":{"status":"new"},"count":1},{"key":{"status":"pending"},"count":1}]}',
    );
    expect(run.stderr).toMatch(/4 chats · 1 request · \d+ ms/);
    expect(run.stdout).toContain("Count: the chats by status.");
    expect(run.stdout).toContain(
      "a count fetches every page of the request (pages of 100 chats), so it costs at least 1 request",
    );
    expect(run.stderr).toContain(
      "no more results: the last query was a count, which shows all its rows at once",
    );
  });
});
