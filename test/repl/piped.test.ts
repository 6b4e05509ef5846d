import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { hcql } from "../support/cli.js";
import { closedPort, json, scriptedServer } from "../support/scripted-server.js";

/**
 * The shell reading lines from a pipe: every line runs in order; stdout holds only what the lines ask
 * for (chats, bodies, listings), and remarks, problems and diagnostics go to stderr, as hcql run's do.
 */

const KEY = "piped-key";
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY], chats: 400, anchor: 1_750_000_000 });
});

afterAll(async () => {
  await emulator?.close();
});

function shell(
  lines: readonly string[],
  home = mkdtempSync(join(tmpdir(), "hcql-piped-")),
  url = emulator.url,
) {
  return hcql([], {
    input: `${lines.join("\n")}\n`,
    env: {
      HOME: home,
      TZ: "UTC",
      NO_COLOR: "1",
      HELPCRUNCH_API_KEY: KEY,
      HELPCRUNCH_API_URL: url,
    },
  });
}

function ids(ndjson: string): number[] {
  return ndjson
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => (JSON.parse(l) as { id: number }).id);
}

describe("the shell on piped input", () => {
  it("compiles with the page size and time zone of the session", async () => {
    const run = await shell([
      ".compile status = pending",
      ".limit 5",
      ".tz Europe/Berlin",
      ".compile createdAt = 2020-06-24",
    ]);
    expect(run.code).toBe(0);
    const bodies = run.stdout
      .split(/\n(?=\{)/)
      .filter((chunk) => chunk.startsWith("{"))
      .map((chunk) => JSON.parse(chunk.slice(0, chunk.lastIndexOf("}") + 1)));
    expect(bodies).toEqual([
      { filter: [{ field: "chats.status", operator: "=", value: "3" }], limit: 20 },
      {
        filter: [
          { field: "chats.createdAt", operator: ">=", value: 1592949600 },
          { field: "chats.createdAt", operator: "<", value: 1593036000 },
        ],
        comparison: "AND",
        limit: 5,
      },
    ]);
    expect(run.stderr).toContain("page size: 5");
    expect(run.stderr).toContain("time zone: Europe/Berlin");
    expect(run.stderr).toContain(`account at ${emulator.url}`);
  });

  it("pages with .more exactly like one larger page, and runs a query typed over two lines", async () => {
    const query = "status = closed sort by createdAt desc";
    const run = await shell([
      ".format ndjson",
      ".limit 2",
      query,
      ".more",
      `${query} limit 4`,
      "status in (new,",
      "pending) limit 1",
    ]);
    expect(run.code).toBe(0);
    const all = ids(run.stdout);
    expect(all).toHaveLength(9);
    expect(all.slice(0, 4)).toEqual(all.slice(4, 8));
    expect(run.stderr).toMatch(/chats 1–2 of [\d,]+ · 1 request · .* · \.more for the next page/);
    expect(run.stderr).toMatch(/chats 3–4 of [\d,]+ · 1 request · /);
  });

  it(".columns lists, chooses and resets the columns of the table and of CSV", async () => {
    const run = await shell([
      ".columns",
      ".columns id,stauts",
      ".columns id, created",
      ".columns",
      "sort by createdAt asc limit 2",
      ".columns reset",
      ".format csv",
      ".columns id,status",
      "sort by createdAt asc limit 1",
      ".format json",
      ".columns id",
    ]);
    expect(run.code).toBe(1);
    // What the lines ask for: the columns shown, the chats.
    const lines = run.stdout.split("\n");
    expect(lines.slice(0, 2)).toEqual([
      "table columns: id, status, created, customer, assignee, message, sent, rating",
      "table columns: id, created",
    ]);
    expect(lines[2]).toMatch(/^ +ID {2}CREATED$/);
    expect(lines[3]).toMatch(/^ *\d+ {2}\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(lines.slice(5)).toEqual(["id,status\r", expect.stringMatching(/^\d+,[a-z_ ]+\r$/), ""]);
    // What is said about them, on stderr.
    expect(run.stderr.split("\n").slice(2)).toEqual([
      "not shown: closed, department (.columns a,b,c chooses; .columns reset gives the default)",
      "error: unknown table column 'stauts'; the table columns are: id, status, created, closed, customer, assignee, department, message, sent, rating",
      "table columns: id, created",
      "not shown: status, closed, customer, assignee, department, message, sent, rating (.columns a,b,c chooses; .columns reset gives the default)",
      expect.stringMatching(/^chats 1–2 of 400 · 1 request · \d+ ms$/),
      "table columns: id, status, created, customer, assignee, message, sent, rating",
      "format: csv",
      "csv columns: id, status",
      expect.stringMatching(/^chat 1 of 400 · 1 request · \d+ ms$/),
      "format: json",
      "error: the json format has no columns to choose (table and csv have)",
      "",
    ]);
  });

  it("saves queries privately and runs them by name", async () => {
    const home = mkdtempSync(join(tmpdir(), "hcql-piped-"));
    const run = await shell(
      [
        ".save fresh status = new limit 1",
        ".save broken stauts = new",
        ".saved",
        ".format ndjson",
        ".run fresh",
        ".run nope",
      ],
      home,
    );
    // `.save broken` is the first line that fails: a query error.
    expect(run.code).toBe(1);
    const file = join(home, ".config", "hcql", "queries.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ fresh: "status = new limit 1" });
    expect(run.stderr).toContain("saved 'fresh' (.run fresh)");
    expect(run.stderr).toContain("unknown field 'stauts'");
    expect(run.stderr).toContain("not saved: fix the query first");
    expect(run.stdout).toContain("fresh  status = new limit 1");
    expect(ids(run.stdout)).toHaveLength(1);
    expect(run.stderr).toContain("error: no saved query 'nope' (.saved lists them)");
  });

  it(".open shows one chat in detail, times in the session zone", async () => {
    const record = emulator.dataset.chats[0]!;
    const run = await shell([`.open ${record.chat.id}`]);
    expect(run.code).toBe(0);
    const created = new Date(record.chat.createdAt * 1000).toISOString().slice(0, 16).replace("T", " ");
    expect(run.stdout).toContain(String(record.chat.id));
    expect(run.stdout).toContain(`${created} (${record.chat.createdAt})`);
    expect(run.stdout).toContain(record.chat.customer.email ?? "(no name)");
  });

  it(".open prints the chat as JSON when the format is json or ndjson", async () => {
    const id = emulator.dataset.chats[0]!.chat.id;
    const run = await shell([".format ndjson", `.open ${id}`, ".format json", `.open ${id}`]);
    expect(run.code).toBe(0);
    const [line, ...pretty] = run.stdout.split("\n");
    expect(JSON.parse(line!)).toMatchObject({ id });
    expect(JSON.parse(pretty.join("\n"))).toEqual(JSON.parse(line!));
  });

  it(".more says why there is nothing more", async () => {
    const newChats = emulator.dataset.chats.filter((r) => r.chat.status === "new").length;
    const run = await shell([
      ".more",
      "status = pending limit 2",
      ".more",
      "customer = 1",
      ".more",
      ".limit 500",
      "status = new",
      ".more",
      "status = new limit 1",
      ".tz Europe/Paris",
      ".more",
      ".limit 2",
      "status = new",
      ".tz Europe/Paris",
      ".more",
      ".tz Europe/Berlin",
      ".more",
    ]);
    expect(run.code).toBe(0);
    const notes = (run.stdout + run.stderr)
      .split("\n")
      .filter((l) => l.startsWith("no more results") || l.startsWith("paging ended"));
    expect(notes).toEqual([
      "no more results: run a query first",
      "no more results: the last query has its own limit, so it showed all it asked for",
      "no more results: no chat matches the last query",
      `no more results: all ${newChats} matching chats are shown`,
      "no more results: the last query has its own limit, so it showed all it asked for",
      "paging ended: the time zone changed, and with it the days the query's dates mean; run the query again for its next page",
    ]);
  });

  it.each([
    [
      "not JSON",
      (dir: string) => writeFileSync(join(dir, "queries.json"), "{"),
      "is not valid JSON: fix or remove it",
    ],
    [
      "a list",
      (dir: string) => writeFileSync(join(dir, "queries.json"), "[]"),
      "must hold a JSON object of name → query",
    ],
    ["a folder", (dir: string) => mkdirSync(join(dir, "queries.json")), "(EISDIR)"],
  ])(
    "a saved queries file that is %s is said as it is, not as an unexpected error",
    async (_, make, said) => {
      const home = mkdtempSync(join(tmpdir(), "hcql-piped-"));
      const dir = join(home, ".config", "hcql");
      mkdirSync(dir, { recursive: true });
      make(dir);
      const run = await shell([".saved", ".compile status = new"], home);
      expect(run.code).toBe(1);
      const problem = run.stderr.split("\n").find((line) => line.startsWith("error:"));
      expect(problem).toContain(said);
      expect(problem).toContain(join(dir, "queries.json"));
      expect(problem).not.toContain("unexpected");
      expect(run.stdout).toContain('"filter"');
    },
  );

  it(".limit writes the page size with its digits grouped, as its error does", async () => {
    const run = await shell([".limit 10000", ".limit"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("page size: 10,000 (for queries without a limit)\n");
    expect(run.stdout).toContain("page size: 10,000\n");
  });

  it("lives on after errors of the query, of the command and of the API", async () => {
    const run = await shell([
      "stauts = 1",
      ".format xml",
      ".limit 0",
      ".tz Mars/Olympus",
      ".open 1",
      ".open abc",
      ".frobnicate",
      ".compile rating = poor",
    ]);
    // Every line ran; the first that failed (`stauts = 1`, a query error) decides the exit code.
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[unknown-field]: unknown field 'stauts'");
    expect(run.stderr).toContain("error: unknown format 'xml'; use table, json, ndjson or csv");
    expect(run.stderr).toContain("error: the page size must be a whole number from 1 to 10,000, not '0'");
    expect(run.stderr).toContain("error: unknown time zone 'Mars/Olympus'");
    expect(run.stderr).toContain("error: there is no chat 1");
    expect(run.stderr).toContain("error: .open takes a chat id (a number), not 'abc'");
    expect(run.stderr).toContain("error: unknown command '.frobnicate': .help lists the commands");
    // Only the body .compile asked for is on stdout.
    expect(run.stdout).toBe(
      '{\n  "filter": [\n    {"field":"chats.rating","operator":"=","value":"poor"}\n  ],\n  "limit": 20\n}\n',
    );
  });

  it("shows a 400 of the API on the query, with carets under the predicate it blames", async () => {
    const server = await scriptedServer([
      (res, req) =>
        req.url.endsWith("/chats/search")
          ? json(400, { errors: [{ code: "invalid_value", message: "status is not a valid integer" }] })(
              res,
              req,
            )
          : json(200, { data: [] })(res, req),
    ]);
    try {
      const run = await shell(["rating = poor and status = new", ".limit 3"], undefined, server.url);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(
        [
          "error[invalid-value]: the API rejected this: status is not a valid integer",
          "  |",
          "1 | rating = poor and status = new",
          "  |                   ^^^^^^^^^^^^",
        ].join("\n"),
      );
      expect(run.stderr).toContain("page size: 3");
    } finally {
      await server.close();
    }
  });
});

describe("the exit code of piped input, as hcql run's", () => {
  let refusing: Awaited<ReturnType<typeof scriptedServer>>;
  beforeAll(async () => {
    refusing = await scriptedServer([json(401, { errors: [{ code: "invalid_token", message: "no" }] })]);
  });
  afterAll(async () => {
    await refusing?.close();
  });

  it.each<[string, readonly string[], "emulator" | "refusing", number, number]>([
    // [lines, API, exit code, chats printed]
    ["every line runs", ["status = new limit 1", ".format json"], "emulator", 0, 1],
    ["a query error", ["stauts = 1", "status = new limit 1"], "emulator", 1, 1],
    ["a command error", [".format xml", "status = new limit 1"], "emulator", 1, 1],
    ["a warning alone", ["status = new and status = closed"], "emulator", 0, 0],
    ["an API failure", ["status = new limit 1"], "refusing", 3, 0],
    ["the first failure decides", ["stauts = 1", "status = new limit 1"], "refusing", 1, 0],
  ])("%s: %j against the %s API exits %i", async (_name, lines, api, code, chats) => {
    const url = api === "emulator" ? emulator.url : refusing.url;
    const run = await shell([".format ndjson", ...lines], undefined, url);
    expect(run.code).toBe(code);
    expect(ids(run.stdout)).toHaveLength(chats);
  });

  it("a refused connection: each retry says why on stderr, then the error; exit 3", async () => {
    const port = await closedPort();
    const run = await shell(["status = new limit 1"], undefined, `http://127.0.0.1:${port}/v1`);
    expect(run.code).toBe(3);
    expect(run.stderr.split("\n").slice(2)).toEqual([
      "connection refused; retrying in 0.2 s (attempt 2 of 4)",
      "connection refused; retrying in 0.5 s (attempt 3 of 4)",
      "connection refused; retrying in 1 s (attempt 4 of 4)",
      `error: could not reach 127.0.0.1:${port}: connection refused (ECONNREFUSED) after 4 attempts: is the server running, and is the base URL's port right?`,
      "",
    ]);
    expect(run.stdout).toBe("");
  });

  it("--stop-on-error stops at the first line that fails", async () => {
    const run = await hcql(["--stop-on-error"], {
      input: ".format ndjson\nstatus = new limit 1\nstauts = 1\nstatus = new limit 2\n",
      env: {
        HOME: mkdtempSync(join(tmpdir(), "hcql-piped-")),
        TZ: "UTC",
        HELPCRUNCH_API_KEY: KEY,
        HELPCRUNCH_API_URL: emulator.url,
      },
    });
    expect(run.code).toBe(1);
    expect(ids(run.stdout)).toHaveLength(1);
    expect(run.stderr).toContain("unknown field 'stauts'");
  });
});

describe("the shell and hcql run agree", () => {
  it("an API URL without a key is refused by both, with the same message (exit 2)", async () => {
    const env = { HOME: mkdtempSync(join(tmpdir(), "hcql-piped-")), HELPCRUNCH_API_URL: emulator.url };
    const message =
      "an API URL (HELPCRUNCH_API_URL) needs an API key: set HELPCRUNCH_API_KEY or pass --api-key (hcql serve accepts 'demo')";
    const shellRun = await hcql([], { input: "status = new\n", env });
    const run = await hcql(["run", "status = new"], { env });
    expect(shellRun).toMatchObject({ code: 2, stdout: "" });
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(shellRun.stderr).toContain(`hcql: ${message}`);
    expect(run.stderr).toContain(`hcql run: ${message}`);
  });
});

describe("a name written where an id goes", () => {
  it("the first query naming an agent is told the id (the account's names are fetched for it)", async () => {
    const run = await shell(["assignee = Kosta", "department = support or status = new"]);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n").filter((line) => line.includes(" is "))).toEqual([
      "  |            ^^^^^ 'Kosta' is agent 3129",
      "  |              ^^^^^^^ 'support' is department 101 (Support)",
    ]);
  });

  it("a name no agent has is told so, with the agent it is nearest to when one is near", async () => {
    const run = await shell(['assignee = "Maria Garcia"', "assignee = Kotsa", ".fix"]);
    expect(run.stderr.split("\n").filter((line) => line.includes(" named "))).toEqual([
      "  |            ^^^^^^^^^^^^^^ no agent is named 'Maria Garcia'",
      "  |            ^^^^^ no agent is named 'Kotsa'; did you mean agent 3129 (Kosta)?",
    ]);
    expect(run.stdout).toContain("assignee = 3129");
  });
});

describe(".fix", () => {
  it("runs the last query as its diagnostics' fixes make it, after a tip that says so", async () => {
    const run = await shell([".format ndjson", "stauts = closed and rating = bad limit 1", ".fix", ".fix"]);
    expect(run.code).toBe(1);
    const [echoed, ...chats] = run.stdout.trimEnd().split("\n");
    expect(echoed).toBe("status = closed and rating = poor limit 1");
    expect(
      chats
        .map((line) => JSON.parse(line) as { status: string; rating: string })
        .map((c) => [c.status, c.rating]),
    ).toEqual([["closed", "poor"]]);
    expect(run.stderr.split("\n").filter((line) => /^(tip|nothing)/.test(line))).toEqual([
      "tip: .fix runs it as status = closed and rating = poor limit 1",
      "nothing to fix: the last query ran as written, or no fix its diagnostics suggest makes it run",
    ]);
  });

  it("offers nothing when the fixes leave the query failing, or before any query", async () => {
    const run = await shell([".fix", "tags != vip or rating = bad", ".fix"]);
    expect(run.stderr).not.toContain("tip:");
    expect(run.stderr.split("\n").filter((line) => line.startsWith("nothing"))).toEqual([
      "nothing to fix: run a query first",
      "nothing to fix: the last query ran as written, or no fix its diagnostics suggest makes it run",
    ]);
  });
});

describe("a tag that finds nothing", () => {
  it("after a search found chats with VIP, `tags = vip` finding none names it", async () => {
    const run = await shell([".format ndjson", "tags = VIP limit 1", "tags = vip"]);
    expect(run.code).toBe(0);
    expect(ids(run.stdout)).toHaveLength(1);
    expect(run.stderr.split("\n").filter((line) => line.startsWith("tip:"))).toEqual([
      'tip: "vip" is not a known tag; did you mean "VIP"? (tags match exactly, letter case too)',
    ]);
  });

  it("a tag no search has found chats with gets no tip (an account's tags are not listed)", async () => {
    const run = await shell([".format ndjson", "tags = vip"]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("tip:");
  });
});

describe("the cap on request bodies", () => {
  const query =
    "(status = new or rating = poor) and (tags = a or assignee = 1) and (department = 1 or customer = 2) and (rating = great or tags = b)";

  it(".maxrequests raises it; the shell says by how much a query needs", async () => {
    const run = await shell([
      ".format ndjson",
      query,
      ".maxrequests 12",
      query,
      ".maxrequests",
      ".maxrequests 0",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[plan-too-large]: the query needs 12 requests; the limit is 8");
    expect(run.stderr).toContain(".maxrequests 12 lets it run (.explain shows what the query costs)");
    expect(run.stdout).toContain("request bodies per query: 12\n");
    expect(run.stderr).toMatch(/no chats · 12 requests · /);
  });

  it.each(["0", "1001", "-1", "2.5", "ten"])(
    ".maxrequests %s: the range it takes, and the cap unchanged",
    async (arg) => {
      const run = await shell([`.maxrequests ${arg}`, ".maxrequests"]);
      expect(run.code).toBe(1);
      // After the greeting, the one problem.
      expect(run.stderr.split("\n").slice(2)).toEqual([
        `error: .maxrequests takes a whole number from 1 to 1,000 (the most request bodies a query may become), not '${arg}'`,
        "",
      ]);
      expect(run.stdout).toBe("request bodies per query: 8\n");
    },
  );

  it("advises the cap after .compile and .explain too, and to narrow a query no allowed cap plans", async () => {
    // 1,024 requests: planned, but more than the most .maxrequests allows.
    const beyond = Array.from({ length: 10 }, (_, i) => `(agents = ${i} or email ~ "x${i}")`).join(" and ");
    // Too many alternatives to plan at all.
    const huge = ["assignee", "department", "customer", "agents"]
      .map((field) => `${field} in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)`)
      .join(" and ");
    const run = await shell([`.compile ${query}`, `.explain ${query}`, beyond, huge]);
    const advice = ".maxrequests 12 lets it run (.explain shows what the query costs)";
    expect(run.stderr.split(advice).length - 1).toBe(2);
    expect(run.stderr).toContain("error[plan-too-large]: the query needs 1024 requests; the limit is 8");
    expect(run.stderr).toContain("error[plan-too-large]: the query expands to 10,000 AND-groups");
    const narrow =
      "no cap allowed (at most 1000) plans it: narrow the query or split it into several (.explain shows what it costs)";
    expect(run.stderr.split(narrow).length - 1).toBe(2);
    expect(run.stderr).not.toContain(".maxrequests 1024");
  });

  it("tells a limit over 10,000 how to fetch every match instead (§6)", async () => {
    const run = await shell(["status = new limit 10001", ".compile limit 10001", "limit 0"]);
    expect(run.code).toBe(1);
    const advice = "to fetch more than 10,000 chats, leave the limit out: hcql run --all fetches every match";
    expect(run.stderr.split(advice).length - 1).toBe(2);
  });

  it.each([
    [[], 1, "--max-requests 12 lets it run (hcql explain shows what the query costs)"],
    [["--max-requests", "12"], 0, ""],
  ])("hcql run %j", async (flags, code, shown) => {
    const run = await hcql(["run", "--format", "json", ...flags, query], {
      env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url, TZ: "UTC" },
    });
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(shown);
    if (code === 0) expect(JSON.parse(run.stdout)).toEqual([]);
  });
});

describe("commands without the dot, and did-you-mean", () => {
  it("input that ends inside a query runs what there is: its problem is shown and the shell exits 1", async () => {
    const run = await shell(["status = new limit 1", "status in (new,"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[syntax]: expected ')' to close the '(' at 1:11");
  });

  it("@name runs a saved query, as hcql run takes one; a pasted hcql command line is told apart", async () => {
    const run = await shell([
      ".format ndjson",
      ".save mine status = new limit 1",
      "@mine",
      "@nothing",
      "hcql run 'status = new'",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n").filter((l) => l.startsWith("error"))).toEqual([
      "error: no saved query 'nothing' (.saved lists them)",
      "error: this is hcql's shell: type the query alone (hcql run is for a terminal's prompt)",
    ]);
    expect(run.stdout).toMatch(/"status":"new"/);
  });

  it("a saved query's name typed alone is told how to run it, after the query's errors", async () => {
    const run = await shell([".save mine status = new limit 1", "mine", "notsaved"]);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n").filter((l) => l.startsWith("tip"))).toEqual([
      "tip: 'mine' is a saved query: @mine runs it",
    ]);
    expect(run.stderr).toContain("error[unknown-field]: unknown field 'mine'");
  });

  it("a command's argument left out or misspelt is said so", async () => {
    const run = await shell([
      ".save status = pending",
      ".save tags in (a)",
      ".save mine not status = closed",
      ".open",
      ".run min",
      ".run nothing",
      ".save café status = new",
      ".run mine extra",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n").filter((l) => l.startsWith("error"))).toEqual([
      "error: usage: .save <name> <query>: the query comes after a name ('status' reads as one)",
      "error: usage: .save <name> <query>: the query comes after a name ('tags' reads as one)",
      "error: usage: .open <id> (the ID column of a result)",
      "error: no saved query 'min'; did you mean 'mine'? (.saved lists them)",
      "error: no saved query 'nothing' (.saved lists them)",
      "error: a name is ASCII letters (a–z, A–Z), digits, '_', '.' or '-', not 'café'",
      "error: .run takes one name, not 'mine extra' (.saved lists them)",
    ]);
    expect(run.stderr).toContain("saved 'mine' (.run mine)");
  });

  it("help and quit do what they say; lines after quit do not run; unknown commands in turn", async () => {
    const run = await shell([
      ".format ndjson",
      "help",
      ".quit",
      ".hlep",
      ".frobnicate",
      "status = new limit 1",
      "quit",
      "status = new limit 2",
    ]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(
      "Type a query and press Enter; Tab completes, Ctrl-R searches the history, Ctrl-C cancels.",
    );
    expect(run.stderr.split("\n").slice(2)).toEqual([
      "format: ndjson",
      "error: unknown command '.quit': did you mean .exit? (.help lists the commands)",
      "error: unknown command '.hlep': did you mean .help? (.help lists the commands)",
      "error: unknown command '.frobnicate': .help lists the commands",
      expect.stringMatching(/^chat 1 of [\d,]+ · 1 request · \d+ ms$/),
      "",
    ]);
    expect(ids(run.stdout)).toHaveLength(1);
  });

  it("help me (in any case and spacing) points to .help and .fields, clear to Ctrl-L, instead of a query's diagnostics", async () => {
    const run = await shell(["help me", "  HELP   Me; ", "clear"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n").slice(2)).toEqual([
      "type .help for the commands, .fields for the fields",
      "type .help for the commands, .fields for the fields",
      "Ctrl-L clears the screen",
      "",
    ]);
  });

  it("a dot alone, or before a space, is named as typed (node's REPL reads no name there)", async () => {
    const run = await shell([".", ". format", ".null"]);
    expect(run.stderr.split("\n").filter((l) => l.startsWith("error"))).toEqual([
      "error: unknown command '.': .help lists the commands",
      "error: unknown command '.': .help lists the commands",
      "error: unknown command '.null': .help lists the commands",
    ]);
  });

  it("a command that takes nothing says so when given something, instead of doing what it was not asked", async () => {
    const run = await shell([".more 5", ".demo now", ".saved x", ".fields all", ".edit q.hcql"]);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n").filter((l) => l.startsWith("error"))).toEqual([
      "error: .more takes nothing, not '5'",
      "error: .demo takes nothing, not 'now'",
      "error: .saved takes nothing, not 'x'",
      "error: .fields takes nothing, not 'all'",
      "error: .edit takes nothing, not 'q.hcql'",
    ]);
    expect(run.stdout).toBe("");
  });

  it("a line of comments alone runs nothing, as a blank line does; a comment inside a query stays", async () => {
    const run = await shell([
      ".format ndjson",
      "# poor ratings, newest first",
      "   # indented",
      "rating = poor limit 1  # the newest",
      "status = closed and",
      "# only the poor ones",
      "rating = poor limit 2",
    ]);
    expect(run.code).toBe(0);
    const chats = run.stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { status: string; rating: string });
    expect(chats.map((c) => [c.status, c.rating])).toEqual([
      ["closed", "poor"],
      ["closed", "poor"],
      ["closed", "poor"],
    ]);
  });

  it.each(["exit", "quit", "EXIT", "quit;"])("%s leaves the shell", async (word) => {
    const run = await shell([".format ndjson", word, "status = new limit 1"]);
    expect(run.code).toBe(0);
    expect(ids(run.stdout)).toEqual([]);
  });
});

describe(".key on piped input", () => {
  /** The shell with no key at start: the demo, until `.key` switches. */
  function demoShell(lines: readonly string[]) {
    return hcql([], {
      input: `${lines.join("\n")}\n`,
      env: { HOME: mkdtempSync(join(tmpdir(), "hcql-piped-")), TZ: "UTC", NO_COLOR: "1" },
    });
  }

  it("takes the key from the line after it, which never runs nor shows, and the lines after run", async () => {
    const run = await demoShell([`.key ${emulator.url}`, KEY, ".format ndjson", "count"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"total":400}\n');
    expect(run.stderr).toContain(`using your account at ${emulator.url} (.demo goes back to the demo data)`);
    expect(run.stderr).not.toContain(KEY);
  });

  it("with a URL that cannot be one: the key's line is still its answer, and a later .key takes its own", async () => {
    const run = await demoShell([
      ".key ftp://x/v1",
      "wrong-key",
      `.key ${emulator.url}`,
      KEY,
      ".format ndjson",
      "count",
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('{"total":400}\n');
    expect(run.stderr).toContain("error: the base URL must start with https:// or http://, not ftp://");
    expect(run.stderr).toContain(`using your account at ${emulator.url} (.demo goes back to the demo data)`);
    expect(run.stderr).not.toContain("wrong-key");
  });

  it("as the last line: no key, nothing changed", async () => {
    const run = await demoShell([".format ndjson", "count", `.key ${emulator.url}`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"total":2500}\n');
    expect(run.stderr).toContain("no key entered; nothing changed");
  });
});

describe("saved queries", () => {
  it(".save refuses to replace one on piped input, .save! replaces it, .unsave forgets it", async () => {
    const home = mkdtempSync(join(tmpdir(), "hcql-piped-"));
    const run = await shell(
      [
        ".save mine status = new limit 1",
        ".save mine status = closed",
        ".save! mine status = new limit 2",
        ".saved",
        ".unsave mine",
        ".unsave mine",
        ".save other rating = poor",
      ],
      home,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("mine  status = new limit 2\n");
    expect(
      run.stderr
        .split("\n")
        .slice(2)
        .filter((l) => l !== ""),
    ).toEqual([
      "saved 'mine' (.run mine)",
      "error: 'mine' is already saved (as: status = new limit 1); .save! mine <query> replaces it",
      "saved 'mine' (.run mine)",
      "forgot 'mine'",
      "error: no saved query 'mine' (.saved lists them)",
      "saved 'other' (.run other)",
    ]);
    const file = join(home, ".config", "hcql", "queries.json");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ other: "rating = poor" });
  });

  it("hcql run @NAME runs a saved query; an unknown name is a usage error", async () => {
    const home = mkdtempSync(join(tmpdir(), "hcql-piped-"));
    await shell([".save two status = closed sort by createdAt desc limit 2"], home);
    const env = { HOME: home, TZ: "UTC", HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url };
    const run = await hcql(["run", "--format", "ndjson", "@two"], { env });
    const direct = await hcql(
      ["run", "--format", "ndjson", "status = closed sort by createdAt desc limit 2"],
      { env },
    );
    expect(run.code).toBe(0);
    expect(ids(run.stdout)).toHaveLength(2);
    expect(ids(run.stdout)).toEqual(ids(direct.stdout));
    const unknown = await hcql(["run", "@nope"], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      `hcql run: no saved query 'nope' in ${join(home, ".config", "hcql", "queries.json")} (save one in the shell: .save nope <query>)`,
    );
  });

  it("hcql run NAME without its @ fails as a query, and a tip says how to run the saved one", async () => {
    const home = mkdtempSync(join(tmpdir(), "hcql-piped-"));
    await shell([".save two status = closed limit 2"], home);
    const env = { HOME: home, TZ: "UTC", HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url };
    const run = await hcql(["run", "two"], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[unknown-field]: unknown field 'two'");
    expect(run.stderr.split("\n").filter((l) => l.includes("tip"))).toEqual([
      "hcql run: tip: 'two' is a saved query: hcql run @two runs it",
    ]);
    expect((await hcql(["run", "three"], { env })).stderr).not.toContain("tip");
  });
});

describe("what the shell asks the API for", () => {
  it("answers queries without fetching agents or departments (completion fetches them when it first asks)", async () => {
    const log: string[] = [];
    const logged = await startEmulator({
      keys: [KEY],
      chats: 50,
      anchor: 1_750_000_000,
      onRequest: (entry) => log.push(`${entry.method} ${entry.path} ${entry.status}`),
    });
    try {
      const run = await shell(["status = new limit 1", "status = closed limit 1"], undefined, logged.url);
      expect(run.code).toBe(0);
      expect(log).toEqual(["POST /v1/chats/search 200", "POST /v1/chats/search 200"]);
    } finally {
      await logged.close();
    }
  });
});
