import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.js";
import { CLI } from "../support/cli.js";

function hcql(args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    input: options.input ?? "",
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("hcql fmt", () => {
  it("prints the canonical query", () => {
    expect(
      hcql(["fmt", "STATUS==pending && (Rating = GREAT || rating=poor) ORDER BY closedat desc"]),
    ).toEqual({
      code: 0,
      stdout: "status = pending and (rating = great or rating = poor) sort by closedAt desc\n",
      stderr: "",
    });
  });

  it("joins several arguments with spaces", () => {
    expect(hcql(["fmt", "status", "==", "4"])).toEqual({ code: 0, stdout: "status = on_hold\n", stderr: "" });
  });

  it("reads the query from stdin with -", () => {
    const input = "status = 1 # new ones\n  and tags = Paid\n";
    expect(hcql(["fmt", "-"], { input })).toEqual({
      code: 0,
      stdout: 'status = new and tags = "Paid"\n',
      stderr: "",
    });
  });

  it("keeps the comments with --keep-comments, each on a line of its own above the query", () => {
    const input = "status = 1 # new ones\n  and tags = 'Paid'\n";
    expect(hcql(["fmt", "--keep-comments", "-"], { input })).toEqual({
      code: 0,
      stdout: '# new ones\nstatus = new and tags = "Paid"\n',
      stderr: "",
    });
  });

  it("reads the query from a file with -f", () => {
    const file = join(mkdtempSync(join(tmpdir(), "hcql-fmt-")), "q.hcql");
    writeFileSync(file, "rating=GREAT limit 5");
    expect(hcql(["fmt", "-f", file])).toEqual({ code: 0, stdout: "rating = great limit 5\n", stderr: "" });
  });

  it("prints an empty query as nothing, and a comment alone as nothing (as itself with --keep-comments)", () => {
    expect(hcql(["fmt", ""])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(hcql(["fmt", "# nothing  "])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(hcql(["fmt", "--keep-comments", "# nothing  "])).toEqual({
      code: 0,
      stdout: "# nothing\n",
      stderr: "",
    });
  });

  it("exits 1 with the caret display on stderr on a syntax error", () => {
    expect(hcql(["fmt", "status = 5 or"])).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        "error[syntax]: expected a condition after 'or'",
        "  |",
        "1 | status = 5 or",
        "  |              ^",
        "",
      ].join("\n"),
    });
  });

  it("reports every syntax error", () => {
    const { code, stderr } = hcql(["fmt", "tags = limit and (a = 1"]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      [
        "error[syntax]: 'limit' is a keyword and cannot be a bare value",
        "  |",
        "1 | tags = limit and (a = 1",
        '  |        ^^^^^ tags = "limit"',
        "",
        "error[syntax]: expected ')' to close the '(' at 1:18",
        "  |",
        "1 | tags = limit and (a = 1",
        "  |                        ^",
        "",
      ].join("\n"),
    );
  });

  it.each<[Record<string, string>, boolean]>([
    [{}, false],
    [{ FORCE_COLOR: "1" }, true],
    [{ FORCE_COLOR: "0" }, false],
    [{ FORCE_COLOR: "1", NO_COLOR: "1" }, false],
  ])("colors the errors with %j: %s", (env, colored) => {
    const { code, stderr } = hcql(["fmt", "status ="], { env });
    expect(code).toBe(1);
    expect(stderr.includes("\u001b[")).toBe(colored);
    expect(stderr.replace(/\u001b\[\d+m/g, "")).toContain("error[syntax]: expected a value after '='");
  });

  it.each<[string[], RegExp]>([
    [["fmt", "--bogus", "x"], /^hcql fmt: unknown option '--bogus'/],
    [["fmt"], /^hcql fmt: missing query \(use - to read it from stdin\)/],
    [["fmt", "-f", "/nonexistent/q.hcql"], /^hcql fmt: cannot read \/nonexistent\/q\.hcql: no such file\n/],
    [["bogus"], /^hcql: unknown command 'bogus'/],
    [["toString"], /^hcql: unknown command 'toString'/],
    [["--bogus"], /^hcql: unknown option '--bogus'/],
  ])("exits 2 with usage on stderr for %j", (args, message) => {
    const { code, stdout, stderr } = hcql(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).toContain("Usage: hcql");
  });

  it.each([
    ["stauts = pendng and rating = bad", "status = pending and rating = poor"],
    ["show me pending chats from last week", "status = pending and createdAt > 1w ago"],
    ["STATUS in [new, closed] AND createdAt > 7days ago", "status in (new, closed) and createdAt > 7d ago"],
    [
      "select * from chats where status:pending sort createdAt desc",
      "status = pending sort by createdAt desc",
    ],
  ])("--fix %s: makes the fixes its diagnostics carry, round after round, then formats", (query, meant) => {
    expect(hcql(["fmt", "--fix", query])).toEqual({ code: 0, stdout: `${meant}\n`, stderr: "" });
  });

  it("--fix prints the query as fixed and says what no fix mends (exit 1)", () => {
    expect(hcql(["fmt", "--fix", "tags != Paid and rating = bad"])).toEqual({
      code: 1,
      stdout: 'tags != "Paid" and rating = poor\n',
      stderr: [
        "error[operator-not-allowed]: operator '!=' is not allowed for tags; it allows =, in",
        "  |",
        "1 | tags != Paid and rating = poor",
        "  |      ^^ the API cannot test that a customer lacks a tag",
        "",
      ].join("\n"),
    });
  });

  it("--fix reports the warnings the fixed query has, planner ones included, as hcql check does (exit 0)", () => {
    expect(hcql(["fmt", "--fix", "status = pending and stauts = new"])).toEqual({
      code: 0,
      stdout: "status = pending and status = new\n",
      stderr: [
        "warning[never-matches]: 'status = pending' together with 'status = new' can never match",
        "  |",
        "1 | status = pending and status = new",
        "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ the query matches no chat, so no request is sent",
        "",
      ].join("\n"),
    });
  });

  it("--fix on a query that still does not parse prints nothing and says why (exit 1)", () => {
    const run = hcql(["fmt", "--fix", "stauts = (("]);
    expect([run.code, run.stdout]).toEqual([1, ""]);
    expect(run.stderr).toContain("1 | status = ((");
    expect(run.stderr).toContain("error[syntax]: expected a value after '='");
  });

  it("shows its help on stdout", () => {
    const { code, stdout, stderr } = hcql(["fmt", "--help"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^Usage: hcql fmt \[options\] <query\.\.\.>/);
  });

  it("is listed in the main help, and --version prints the version", () => {
    const help = hcql(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}fmt +print a query in canonical form$/m);
    expect(hcql(["--version"])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });
});
