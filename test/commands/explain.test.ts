import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../src/compiler/index.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { evaluate } from "../../src/testing/reference.js";
import { hcql } from "../support/cli.js";

const NOW = ["--now", "1750000000", "--tz", "UTC"];

describe("hcql explain", () => {
  it("explains a several-request query: why, merge, each body with its sources", async () => {
    const r = await hcql(["explain", ...NOW, "status in (new, opened) and department = 12 limit 10"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(
      r.stdout,
    ).toBe(`2 requests: the API joins a body's filters with one AND or one OR; this query is an OR of 2 AND-groups, so it runs 2 requests (one per AND-group) and merges them

Order: createdAt descending (the default order), missing values last, ties by chat id ascending.
Paging: each request asks for its first 10 chats in one page (limit 10).
Merge: the results of the 2 requests are merged: deduplicated by chat id, ordered by createdAt descending (the default order), missing values last, ties by chat id ascending, then offset 0 and limit 10 are applied to the merged list.
Clock: now = 1750000000 (2025-06-15T15:06:40Z), time zone UTC.

Request 1 of 2 (an AND-group): POST /v1/chats/search
{
  "filter": [
    {"field":"chats.status","operator":"=","value":"1"},
    {"field":"chats.department","operator":"=","value":12}
  ],
  "comparison": "AND",
  "sort": "chats.createdAt",
  "order": "DESC",
  "limit": 10
}
  filter[0] ← status in (new, opened)
  filter[1] ← department = 12

Request 2 of 2 (an AND-group): POST /v1/chats/search
{
  "filter": [
    {"field":"chats.status","operator":"=","value":"2"},
    {"field":"chats.department","operator":"=","value":12}
  ],
  "comparison": "AND",
  "sort": "chats.createdAt",
  "order": "DESC",
  "limit": 10
}
  filter[0] ← status in (new, opened)
  filter[1] ← department = 12
`);
  });

  it("--tz shows dates in the session zone", async () => {
    const r = await hcql([
      "explain",
      "--now",
      "2025-06-15T12:00",
      "--tz",
      "Asia/Kolkata",
      "createdAt = today",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Dates:\n  today = the day from 1749925800 (2025-06-15T00:00:00+05:30) to 1750012200 (2025-06-16T00:00:00+05:30), end excluded\n",
    );
  });

  it("a never-matching query: no request, the warning on stderr, exit 0", async () => {
    const r = await hcql(["explain", ...NOW, "status = new and status = closed"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 3)).toEqual([
      "no request: no part of the query can match, so it returns no chats without asking the API",
      "Written as alternatives (an OR of AND-groups), the condition has 1 AND-group: 1 dropped as never matching.",
      "Dropped: 'status = new' together with 'status = closed' can never match.",
    ]);
    expect(r.stderr).toMatch(/^warning\[never-matches\]/);
  });

  it("an item a 'not' negates says so beside its source, as the body's '!=' does", async () => {
    const r = await hcql(["explain", ...NOW, "not (status = new or rating = poor) and assignee = 3"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout.split("\n").slice(-4)).toEqual([
      "  filter[0] ← not status = new",
      "  filter[1] ← not rating = poor",
      "  filter[2] ← assignee = 3",
      "",
    ]);
  });

  it("--json prints the structured explanation", async () => {
    const r = await hcql(["explain", ...NOW, "--json", "rating = poor or status = 1 and assignee = 3"]);
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout);
    expect([e.ok, e.shape, e.requestCount, e.requests.map((q: { role: string }) => q.role)]).toEqual([
      true,
      "several",
      2,
      ["group", "singles"],
    ]);
  });

  it("a query with errors: carets on stderr, nothing on stdout, exit 1", async () => {
    const r = await hcql(["explain", ...NOW, "stauts = 1"]);
    expect([r.code, r.stdout]).toEqual([1, ""]);
    expect(r.stderr).toContain("error[unknown-field]");
  });

  it("a plan too large: the count and how to narrow it", async () => {
    const query =
      "(status = 1 or status = 2 or status = 3) and (assignee = 1 or assignee = 2 or assignee = 3)";
    const r = await hcql(["explain", ...NOW, query]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[plan-too-large]: the query needs 9 requests; the limit is 8");
    expect(r.stderr).toContain("out of the parentheses");
    expect(r.stderr).toMatch(/\n--max-requests 9 lets it run\n$/);
  });

  it.each([
    [["explain", ...NOW], "missing query"],
    [["explain", "--tz", "Mars/Olympus", "status = 1"], "unknown time zone 'Mars/Olympus'"],
    [["explain", "--bogus", "status = 1"], "unknown option '--bogus'"],
  ])("%j is a usage error", async (args, message) => {
    const r = await hcql(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe("hcql run: the contract's several-request examples agree with the reference evaluator", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ chats: 400, seed: 5, anchor: 1_750_000_000, rateLimit: false });
  });
  afterAll(async () => {
    await emu.close();
  });

  it.each([
    "(status = pending and assignee = 3129) or rating = poor or tags = VIP offset 30 limit 150",
    "status in (new, opened) and department = 102 limit 10",
    "status in (new, opened, pending) and (department = 101 or tags = Paid) sort by lastMessageAt desc limit 40",
    "status = new and status = closed",
  ])("%s", async (query) => {
    const r = await hcql(["run", ...NOW, "--format", "json", query], {
      env: { HELPCRUNCH_API_KEY: emu.key, HELPCRUNCH_API_URL: emu.url },
    });
    expect(r.code).toBe(0);
    const checked = compile(query, { now: 1_750_000_000 }).checked!;
    const expected = evaluate(checked, emu.dataset.chats, { defaultLimit: 100 });
    if (!query.includes("closed")) expect(expected.length).toBeGreaterThan(0);
    expect((JSON.parse(r.stdout) as { id: number }[]).map((c) => c.id)).toEqual(expected);
  });
});
