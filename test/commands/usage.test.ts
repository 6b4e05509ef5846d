import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.js";
import { hcql } from "../support/cli.js";

/** Mistakes in how a command is called: one clear line, the one-line usage, and where the help is. */

describe("a usage error", () => {
  it.each<[string[], string, string]>([
    [
      ["run", "--bogus", "limit 1"],
      "hcql run: unknown option '--bogus'",
      "Usage: hcql run [options] <query>",
    ],
    [
      ["compile", "-x", "status = 1"],
      "hcql compile: unknown option '-x'",
      "Usage: hcql compile [options] <query>",
    ],
    [
      ["check", "--json=yes", "status = 1"],
      "hcql check: option --json takes no value",
      "Usage: hcql check [options] <query>",
    ],
    [
      ["explain", "status = 1", "--tz"],
      "hcql explain: option --tz needs a value",
      "Usage: hcql explain [options] <query>",
    ],
    [
      ["fmt"],
      "hcql fmt: missing query (use - to read it from stdin)",
      "Usage: hcql fmt [options] <query...>",
    ],
    [
      ["compile", "createdAt", ">", "-7d"],
      "hcql compile: '-7d' is not an option; a query that starts with '-' goes after --, or quote the whole query (hcql compile -- 'createdAt > -7d')",
      "Usage: hcql compile [options] <query>",
    ],
    [
      ["run", "--formt", "csv", "limit 1"],
      "hcql run: unknown option '--formt'; did you mean '--format'?",
      "Usage: hcql run [options] <query>",
    ],
    [["--bogus"], "hcql: unknown option '--bogus'", "Usage: hcql [repl] [options]"],
    [
      ["repl", "--format", "xml"],
      "hcql repl: unknown format 'xml'; use table, json, ndjson or csv",
      "Usage: hcql [repl] [options]",
    ],
  ])("%j: the message, the usage line and where the help is", async (args, message, usage) => {
    const run = await hcql(args);
    const command = args[0]!.startsWith("-") ? "repl" : args[0];
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: `${message}\n${usage}\nRun 'hcql ${command} --help' for its options.\n`,
    });
  });

  it.each([
    ["bogus", "hcql: unknown command 'bogus'"],
    // A misspelt command: the nearest one.
    ["rn", "hcql: unknown command 'rn'; did you mean 'run'?"],
    ["COMPILE", "hcql: unknown command 'COMPILE'; did you mean 'compile'?"],
    // A query given where the command goes: how to run it, quoted for a shell.
    ["status = new", "hcql: unknown command 'status = new'; to run a query: hcql run 'status = new'"],
    ["tags = 'a b'", `hcql: unknown command 'tags = 'a b''; to run a query: hcql run 'tags = '\\''a b'\\'''`],
  ])("an unknown command %j points at the list of commands", async (first, said) => {
    expect(await hcql([first])).toEqual({
      code: 2,
      stdout: "",
      stderr: `${said}\nUsage: hcql [command] [options]\nRun 'hcql --help' for the commands.\n`,
    });
  });

  it("a query given as several words: the words joined, as hcql run joins them", async () => {
    expect(await hcql(["status", "=", "pending", "limit", "5"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "hcql: unknown command 'status'; to run a query: hcql run 'status = pending limit 5'\nUsage: hcql [command] [options]\nRun 'hcql --help' for the commands.\n",
    });
  });

  it("a query that starts with '-' works after --", async () => {
    const run = await hcql(["compile", "--compact", "--now", "1750000000", "--", "createdAt", ">", "-7d"]);
    expect(run).toEqual({
      code: 0,
      stdout: '{"filter":[{"field":"chats.createdAt","operator":">","value":1749395200}]}\n',
      stderr: "",
    });
  });
});

describe("help and version as words", () => {
  it.each(["run", "fmt", "repl"])(
    "hcql help %s shows that command's help, as its --help does",
    async (name) => {
      const direct = await hcql([name, "--help"]);
      expect(direct.code).toBe(0);
      expect(await hcql(["help", name])).toEqual(direct);
    },
  );

  it("hcql version prints the version, as hcql --version does", async () => {
    expect(await hcql(["version"])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });
});

describe("-f FILE", () => {
  const file = join(mkdtempSync(join(tmpdir(), "hcql-usage-")), "query.hcql");
  writeFileSync(file, "stauts = new\n");

  it.each<[string[], number, string]>([
    [["compile", "--compact"], 1, "unknown field 'stauts'"],
    [["check", "--json"], 1, '"code": "unknown-field"'],
    [["explain"], 1, "unknown field 'stauts'"],
    [["fmt"], 0, "stauts = new"],
  ])("hcql %j -f FILE reads the query from the file", async (args, code, shown) => {
    const run = await hcql([...args, "-f", file]);
    expect(run.code).toBe(code);
    expect(run.stdout + run.stderr).toContain(shown);
  });

  it("with a query as well is a usage error", async () => {
    const run = await hcql(["check", "-f", file, "status = 1"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^hcql check: give either -f FILE or a query, not both\n/);
  });
});

describe("the shell's options", () => {
  const env = () => ({ HOME: mkdtempSync(join(tmpdir(), "hcql-usage-")), TZ: "UTC" });

  it.each<[string[], string]>([
    [["--tz", "Asia/Tokyo"], "time zone: Asia/Tokyo"],
    [["repl", "--tz", "Asia/Tokyo"], "time zone: Asia/Tokyo"],
    [["--format", "csv"], "format: csv"],
    [["--max-requests", "20"], "request bodies per query: 20"],
  ])("hcql %j", async (args, shown) => {
    const run = await hcql(args, { input: ".tz\n.format\n.maxrequests\n", env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(shown);
  });

  it("--api-key and --api-url choose the account", async () => {
    const run = await hcql(["--api-key", "k", "--api-url", "http://127.0.0.1:9/v1"], {
      input: "",
      env: env(),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("account at http://127.0.0.1:9/v1");
  });

  it.each<[string[], string]>([
    [["--tz", "Mars/Base"], "hcql: unknown time zone 'Mars/Base'"],
    [["--max-requests", "0"], "hcql: --max-requests must be a whole number from 1 to 1000, not '0'"],
    [["--api-url", "http://127.0.0.1:9/v1"], "hcql: an API URL (--api-url) needs an API key"],
    [
      ["repl", "status = new"],
      "hcql repl: the shell takes no query ('status = new'); use hcql run for one query",
    ],
  ])("hcql %j is a usage error", async (args, message) => {
    const run = await hcql(args, { input: "", env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

/** The first line of each command's usage, as a usage error shows it. */
const USAGE_LINES: Record<string, string> = {
  run: "Usage: hcql run [options] <query>",
  check: "Usage: hcql check [options] <query>",
  compile: "Usage: hcql compile [options] <query>",
  explain: "Usage: hcql explain [options] <query>",
  fmt: "Usage: hcql fmt [options] <query...>",
  decompile: "Usage: hcql decompile [FILE | -]",
  serve: "Usage: hcql serve [options]",
  web: "Usage: hcql web [options]",
  repl: "Usage: hcql [repl] [options]",
};

/** What a usage error of `hcql <command>` prints: the message, the usage line and where the help is. */
function usageError(command: string, message: string) {
  return {
    code: 2,
    stdout: "",
    stderr: `hcql ${command}: ${message}\n${USAGE_LINES[command]}\nRun 'hcql ${command} --help' for its options.\n`,
  };
}

describe("an API URL the client cannot use", () => {
  it.each([
    ["run", ["status = new"]],
    ["web", []],
  ])("is a usage error of hcql %s, before any request", async (command, rest) => {
    const env = { HOME: mkdtempSync(join(tmpdir(), "hcql-usage-")), HELPCRUNCH_API_KEY: "k" };
    const run = await hcql([command, "--api-url", "ftp://example.com/v1", ...rest], { input: "", env });
    expect(run).toEqual(usageError(command, "the base URL must start with https:// or http://, not ftp://"));
  });
});

describe("--timeout takes decimal seconds, nothing else Number() reads", () => {
  it.each(["0x10", "0b1", " 5", "1e1", "Infinity"])("run --timeout %j: usage error", async (value) => {
    const run = await hcql(["run", "--timeout", value, "limit 1"]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(
      `hcql run: --timeout must be a number of seconds above 0 (at most 86400), not '${value}'`,
    );
  });
});

describe("a value that starts with '-'", () => {
  it.each<[string, string, string, string[], string]>([
    [
      "run",
      "--rate-limit",
      "-1",
      ["q"],
      "--rate-limit must be a whole number of requests per minute (0: no pacing), not '-1'",
    ],
    [
      "run",
      "--timeout",
      "-5",
      ["q"],
      "--timeout must be a number of seconds above 0 (at most 86400), not '-5'",
    ],
    ["run", "--format", "-json", ["q"], "unknown format '-json'; use table, json, ndjson or csv"],
    [
      "check",
      "--max-requests",
      "-2",
      ["q"],
      "--max-requests must be a whole number from 1 to 1000, not '-2'",
    ],
    [
      "compile",
      "--now",
      "-5",
      ["q"],
      "--now must be UNIX seconds or an ISO date-time such as 2020-06-24T12:00 or 2020-06-24T12:00Z, not '-5'",
    ],
    [
      "explain",
      "--tz",
      "-5",
      ["q"],
      "unknown time zone '-5' (did you mean Etc/GMT+5? IANA writes a fixed offset's sign the other way; a place's zone, such as Europe/Berlin, also keeps its summer time)",
    ],
    ["fmt", "--file", "-x", [], "cannot read -x: no such file"],
    ["serve", "--chats", "-5", [], "--chats must be a whole number up to 1000000, not '-5'"],
    ["serve", "--rate-limit", "-1", [], "--rate-limit must be a whole number, not '-1'"],
    ["web", "--port", "-1", [], "--port must be a whole number from 0 to 65535, not '-1'"],
    ["repl", "--max-requests", "-3", [], "--max-requests must be a whole number from 1 to 1000, not '-3'"],
  ])("hcql %s %s %s: the option's own message, as with =", async (command, option, value, rest, message) => {
    const spaced = await hcql([command, option, value, ...rest], { input: "" });
    const joined = await hcql([command, `${option}=${value}`, ...rest], { input: "" });
    expect(spaced).toEqual(usageError(command, message));
    expect(joined).toEqual(spaced);
  });

  it("a short option takes one too: -f -x reads the file '-x'", async () => {
    expect(await hcql(["fmt", "-f", "-x"])).toEqual(usageError("fmt", "cannot read -x: no such file"));
  });

  it.each<[string[], string]>([
    [["run", "--format", "--all", "q"], "option --format needs a value"],
    [["run", "--rate-limit", "--bogus", "q"], "option --rate-limit needs a value"],
    [["run", "--tz", "--", "q"], "option --tz needs a value"],
    [["run", "--timeout", "-f", "query.hcql"], "option --timeout needs a value"],
    [["fmt", "-f"], "option -f needs a value"],
    [["fmt", "--file"], "option --file needs a value"],
  ])("%j: an option, not a value, follows: the option needs one", async (args, message) => {
    expect(await hcql(args)).toEqual(usageError(args[0]!, message));
  });

  it("a query that starts with '-' after a whole option is still not an option", async () => {
    expect(await hcql(["compile", "--now", "1750000000", "-7d"])).toEqual(
      usageError(
        "compile",
        "'-7d' is not an option; a query that starts with '-' goes after --, or quote the whole query (hcql compile -- 'createdAt > -7d')",
      ),
    );
  });
});

describe("a file that cannot be read", () => {
  const folder = mkdtempSync(join(tmpdir(), "hcql-usage-"));

  it.each<[string[], string]>([
    [["run", "-f", "/nonexistent"], "cannot read /nonexistent: no such file"],
    [["decompile", "/nonexistent"], "cannot read /nonexistent: no such file"],
    [["check", "--file", "/nonexistent/q.hcql"], "cannot read /nonexistent/q.hcql: no such file"],
    [["run", "--api-key-file", "/nonexistent", "q"], "cannot read /nonexistent: no such file"],
    [["run", "-f", folder], `cannot read ${folder}: it is a directory`],
    [["decompile", folder], `cannot read ${folder}: it is a directory`],
    [["compile", "-f", folder], `cannot read ${folder}: it is a directory`],
  ])("hcql %j says why in words", async (args, message) => {
    expect(await hcql(args)).toEqual(usageError(args[0]!, message));
  });

  // root reads any file whatever its mode.
  it.skipIf(process.getuid?.() === 0)("one without permission: permission denied", async () => {
    const file = join(folder, "private.hcql");
    writeFileSync(file, "status = new", { mode: 0o000 });
    expect(await hcql(["run", "-f", file])).toEqual(
      usageError("run", `cannot read ${file}: permission denied`),
    );
    expect(await hcql(["decompile", file])).toEqual(
      usageError("decompile", `cannot read ${file}: permission denied`),
    );
  });
});

describe("an unknown format", () => {
  it.each([[["run", "--format", "xml", "q"]], [["repl", "--format", "xml"]], [["--format", "xml"]]])(
    "hcql %j: one wording",
    async (args) => {
      const command = args[0] === "--format" ? "repl" : args[0]!;
      const run = await hcql(args, { input: "" });
      const said = usageError(command, "unknown format 'xml'; use table, json, ndjson or csv");
      // The shell's options without a command are named `hcql`.
      expect(run).toEqual(
        args[0] === "--format" ? { ...said, stderr: said.stderr.replace("hcql repl:", "hcql:") } : said,
      );
    },
  );
});

describe("hcql run in demo mode (no key): a usage error alone, before the demo starts", () => {
  const TABLE_COLUMNS = "id, status, created, closed, customer, assignee, department, message, sent, rating";
  it.each<[string[], string]>([
    [
      ["--columns", "id,email", "limit 2", "--format", "table"],
      `--columns: unknown table column 'email'; the table columns are: ${TABLE_COLUMNS}`,
    ],
    [
      ["--format", "csv", "--columns", "id", "count by status"],
      "--columns does not apply to a count: its columns are the groups of count by; leave --columns out",
    ],
    [
      ["--now", "0", "limit 1"],
      "--now 0: the demo's chats span the year before --now, which must be 31536000 (1971-01-01) or later",
    ],
    [
      ["--tz", "Nowhere/Else", "limit 1"],
      "unknown time zone 'Nowhere/Else' (use an IANA name such as Europe/Berlin or UTC)",
    ],
  ])("hcql run %j", async (args, message) => {
    const config = mkdtempSync(join(tmpdir(), "hcql-usage-"));
    expect(await hcql(["run", ...args], { env: { XDG_CONFIG_HOME: config } })).toEqual(
      usageError("run", message),
    );
  });
});

describe("@NAME, a query saved in the shell, as every query command's query", () => {
  const config = mkdtempSync(join(tmpdir(), "hcql-saved-"));
  mkdirSync(join(config, "hcql"));
  writeFileSync(
    join(config, "hcql", "queries.json"),
    JSON.stringify({ waiting: "status = pending limit 3" }),
  );
  const env = { XDG_CONFIG_HOME: config };

  it.each([
    [
      ["compile", "--compact", "@waiting"],
      '{"filter":[{"field":"chats.status","operator":"=","value":"3"}],"limit":3}\n',
    ],
    [["check", "@waiting"], ""],
    [["explain", "@waiting"], expect.stringContaining("status = pending")],
  ])("hcql %j", async (args, stdout) => {
    const run = await hcql([...args.slice(0, 1), "--now", "1593000000", "--tz", "UTC", ...args.slice(1)], {
      env,
    });
    expect(run).toEqual({ code: 0, stdout, stderr: "" });
  });

  it("hcql fmt @waiting prints the saved query in canonical form", async () => {
    expect(await hcql(["fmt", "@waiting"], { env })).toEqual({
      code: 0,
      stdout: "status = pending limit 3\n",
      stderr: "",
    });
  });

  /** A saved query runs alone: more after its `@NAME` is shown under the name, with the text to write instead. */
  it.each([["run"], ["check"], ["fmt"]])("hcql %s @waiting and rating = poor", async (command) => {
    const args = command === "run" ? ["run", "--format", "json"] : [command];
    expect(await hcql([...args, "@waiting", "and", "rating", "=", "poor"], { env })).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        "error[syntax]: '@waiting' is a saved query, which runs alone: it cannot be part of a longer query",
        "  |",
        "1 | @waiting and rating = poor",
        "  | ^^^^^^^^ to add to it, write out its text instead: status = pending limit 3",
        "",
      ].join("\n"),
    });
  });

  it("hcql check --json '@waiting and rating = poor': the same problem as JSON on stdout", async () => {
    const run = await hcql(["check", "--json", "@waiting and rating = poor"], { env });
    expect([run.code, run.stderr, JSON.parse(run.stdout)]).toEqual([
      1,
      "",
      {
        diagnostics: [
          {
            code: "syntax",
            severity: "error",
            message: "'@waiting' is a saved query, which runs alone: it cannot be part of a longer query",
            span: { start: 0, end: 8 },
            hint: "to add to it, write out its text instead: status = pending limit 3",
          },
        ],
      },
    ]);
  });

  it("hcql check '@nope limit 3': a name saved nowhere", async () => {
    expect(await hcql(["check", "@nope limit 3"], { env })).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        "error[syntax]: '@nope' is a saved query, which runs alone: it cannot be part of a longer query",
        "  |",
        "1 | @nope limit 3",
        "  | ^^^^^ no query is saved as 'nope'",
        "",
      ].join("\n"),
    });
  });

  it("hcql explain @WAITING: the usage error, with the name it likely meant", async () => {
    expect(await hcql(["explain", "@WAITING"], { env })).toEqual(
      usageError(
        "explain",
        `no saved query 'WAITING' in ${join(config, "hcql", "queries.json")}; did you mean 'waiting'?`,
      ),
    );
  });

  it("hcql check @nope: the usage error", async () => {
    expect(await hcql(["check", "@nope"], { env })).toEqual(
      usageError(
        "check",
        `no saved query 'nope' in ${join(config, "hcql", "queries.json")} (save one in the shell: .save nope <query>)`,
      ),
    );
  });
});

describe("hcql run @NAME", () => {
  it("a name saved nowhere: the usage error alone, before demo mode starts", async () => {
    const config = mkdtempSync(join(tmpdir(), "hcql-usage-"));
    const run = await hcql(["run", "@nope"], { env: { XDG_CONFIG_HOME: config } });
    expect(run).toEqual(
      usageError(
        "run",
        `no saved query 'nope' in ${join(config, "hcql", "queries.json")} (save one in the shell: .save nope <query>)`,
      ),
    );
  });
});
