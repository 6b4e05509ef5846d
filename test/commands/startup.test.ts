import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI } from "../support/cli.js";

const RECORDER = fileURLToPath(new URL("../support/load-recorder.cjs", import.meta.url));

/** What a run of the CLI loaded: the script files (by name) and whether any ES module. */
function loadedBy(args: readonly string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ["-r", RECORDER, CLI, ...args], {
    env: { PATH: process.env.PATH ?? "", TZ: "UTC", ...env },
    input: "",
    encoding: "utf8",
  });
  const line = /\nLOADED (.*)\n/.exec(run.stderr)?.[1];
  if (line === undefined) throw new Error(`no load record; stderr: ${run.stderr}`);
  const { files, esModules } = JSON.parse(line) as { files: string[]; esModules: boolean };
  return { status: run.status, files: files.map((file) => basename(file)), esModules };
}

describe("what a command loads", () => {
  it.each<[string, string[]]>([
    ["compile", ["compile", "status = 5 or tags = 'Paid' sort by lastMessageAt asc limit 10"]],
    ["check", ["check", "status = 5"]],
    ["fmt", ["fmt", "status=5"]],
    ["explain", ["explain", "status = 5 or not rating = poor"]],
    ["a query with diagnostics", ["compile", "status = nope"]],
    ["--version", ["--version"]],
  ])("%s: the CLI's one CommonJS file, no ES module", (_, args) => {
    expect(loadedBy(args)).toEqual({ status: expect.any(Number), files: ["cli.cjs"], esModules: false });
  });

  it("a zone other than UTC needs nothing more", () => {
    const loaded = loadedBy(["compile", "--tz", "Europe/Berlin", "createdAt > 2024-01-01"]);
    expect(loaded).toEqual({ status: 0, files: ["cli.cjs"], esModules: false });
  });

  it.each([
    ["run", "--help"],
    ["serve", "--help"],
    ["--max-requests", "x"],
  ])("%s %s: the CLI's one CommonJS file, no ES module", (...args) => {
    expect(loadedBy(args)).toEqual({ status: expect.any(Number), files: ["cli.cjs"], esModules: false });
  });
});

describe("the code cache", () => {
  const QUERY = "status = 5 or tags = 'Paid' sort by lastMessageAt asc limit 10";

  /** `node dist/cli.cjs compile QUERY` with the CLI's files copied to a folder of its own. */
  function compileIn(prepare: (dist: string) => void) {
    const dist = mkdtempSync(join(tmpdir(), "hcql-cache-"));
    try {
      cpSync(dirname(CLI), dist, { recursive: true });
      prepare(dist);
      return spawnSync(process.execPath, [join(dist, "cli.cjs"), "compile", QUERY], {
        env: { PATH: process.env.PATH ?? "", TZ: "UTC" },
        encoding: "utf8",
      });
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  }

  it.each(["print", "all"])(
    "the cache the build made of the %s bundle is taken by V8 in a plain node, as hcql starts",
    (kind) => {
      const script = `const loader = require(${JSON.stringify(CLI)});
      const kind = ${JSON.stringify(kind)};
      process.stdout.write(loader.loadBundle(kind, true).cache);`;
      const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
      expect([run.stdout, run.stderr]).toEqual(["taken", ""]);
    },
  );

  it.each(["cli-print.cjs", "cli-all.cjs"])(
    "%s is the function CommonJS wraps a module in, in ASCII alone (the loader reads Latin-1)",
    (file) => {
      const source = readFileSync(join(dirname(CLI), file), "latin1");
      expect(source.startsWith("(function (exports, require, module, __filename, __dirname) {\n")).toBe(true);
      expect(source.endsWith("\n})\n")).toBe(true);
      expect(source.search(/[^\x00-\x7f]/)).toBe(-1);
    },
  );

  it.each([
    [[], "all"],
    [["--max-requests", "3"], "all"],
    [["run", "status = 3"], "all"],
    [["serve"], "all"],
    [["web"], "all"],
    [["help", "run"], "all"],
    [["--help", "repl"], "all"],
    [["-h", "web"], "all"],
    [["nope"], "all"],
    [["compile", "status = 3"], "print"],
    [["check", "x"], "print"],
    [["fmt"], "print"],
    [["explain", "x"], "print"],
    [["decompile"], "print"],
    [["--version"], "print"],
    [["version", "run"], "print"],
    [["--help"], "print"],
    [["help", "compile"], "print"],
    [["help", "nope"], "print"],
  ])("%j runs from the %s bundle", (argv, kind) => {
    const loader = createRequire(import.meta.url)(CLI) as { bundleFor(argv: readonly string[]): string };
    expect(loader.bundleFor(argv)).toBe(kind);
  });

  it.each([[["run", "status = 3"]], [["serve", "--help"]], [[]]])(
    "the printing commands' bundle holds no other command: %j there is an internal error, not a crash",
    (argv) => {
      const script = `require(${JSON.stringify(CLI)}).loadBundle("print").bundle.runCli(${JSON.stringify(argv)});`;
      const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", input: "" });
      expect([run.status, run.stdout, run.stderr]).toEqual([
        70,
        "",
        "hcql: unexpected error: this bundle holds the printing commands alone (dist/cli-print.cjs)\n",
      ]);
    },
  );

  it.each<[string, (dist: string) => void]>([
    ["missing", (dist) => rmSync(join(dist, "cli-print.cache"))],
    ["damaged", (dist) => writeFileSync(join(dist, "cli-print.cache"), "not a code cache")],
    ["made by another build", (dist) => writeFileSync(join(dist, "cli-print.cjs"), "\n", { flag: "a" })],
  ])("%s, it only costs the compile: the output is the same", (_, spoil) => {
    const intact = compileIn(() => {});
    const spoilt = compileIn(spoil);
    expect(intact.status).toBe(0);
    expect([spoilt.status, spoilt.stdout, spoilt.stderr]).toEqual([0, intact.stdout, ""]);
    expect(JSON.parse(intact.stdout)).toEqual({
      filter: [
        { field: "chats.status", operator: "=", value: "5" },
        { field: "chats.customer.tagsData", operator: "=", value: [{ name: "Paid" }] },
      ],
      comparison: "OR",
      sort: "chats.lastMessageAt",
      order: "ASC",
      limit: 10,
    });
  });
});

describe("how a printing command ends", () => {
  /**
   * A script that runs the printing commands' bundle as `hcql` does, its stderr a stream that hands
   * each text to the OS 300 ms after it is written: ending the process at once would lose it.
   */
  function withSlowStderr(argv: readonly string[], exitWhenDone: boolean) {
    const script = `const { Writable } = require("node:stream");
      const { writeSync } = require("node:fs");
      const slow = new Writable({
        write(chunk, _, done) {
          setTimeout(() => { writeSync(2, chunk); done(); }, 300);
        },
      });
      Object.defineProperty(process, "stderr", { value: slow });
      const { bundle } = require(${JSON.stringify(CLI)}).loadBundle("print", true);
      bundle.runCli(${JSON.stringify(argv)}, { exitWhenDone: ${exitWhenDone} });`;
    const run = spawnSync(process.execPath, ["-e", script], { env: { TZ: "UTC" }, encoding: "utf8" });
    return [run.status, run.stdout, run.stderr];
  }

  it.each([
    [["compile", "assignee = 1 and assignee = 2"], 0, "[]\n"],
    [["compile", "stauts = 1"], 1, ""],
  ])(
    "%j ends once its output is written, with the output, problems and exit code of a run left to end on its own",
    (argv, status, stdout) => {
      const ended = withSlowStderr(argv, true);
      expect(ended).toEqual(withSlowStderr(argv, false));
      expect(ended.slice(0, 2)).toEqual([status, stdout]);
      expect(ended[2]).toMatch(/^(warning\[never-matches\]|error\[unknown-field\])/);
    },
  );
});
