import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
    [["--bogus"], "hcql: unknown option '--bogus'", "Usage: hcql [repl] [options]"],
    [
      ["repl", "--format", "xml"],
      "hcql repl: unknown format 'xml'; use table, json, ndjson, csv",
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

  it("a query that starts with '-' works after --", async () => {
    const run = await hcql(["compile", "--compact", "--now", "1750000000", "--", "createdAt", ">", "-7d"]);
    expect(run).toEqual({
      code: 0,
      stdout: '{"filter":[{"field":"chats.createdAt","operator":">","value":1749395200}]}\n',
      stderr: "",
    });
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
