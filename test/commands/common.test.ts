import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { fileProblem, parseFlags, UsageError, writeQueryProblems } from "../../src/commands/common.js";
import { compile } from "../../src/compiler/index.js";

const OPTIONS = {
  count: { type: "string" },
  file: { type: "string", short: "f" },
  all: { type: "boolean" },
} as const;

/** What parseFlags reads from the arguments, or the usage error it throws. */
function parsed(argv: readonly string[]) {
  try {
    const { values, positionals } = parseFlags(argv, OPTIONS);
    return { values: { ...values }, positionals };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { usage: error.message };
  }
}

describe("parseFlags", () => {
  it.each<[string[], ReturnType<typeof parsed>]>([
    [["--count", "-1", "q"], { values: { count: "-1" }, positionals: ["q"] }],
    [["--count=-1", "q"], { values: { count: "-1" }, positionals: ["q"] }],
    [["-f", "-x"], { values: { file: "-x" }, positionals: [] }],
    [["-f-x"], { values: { file: "-x" }, positionals: [] }],
    [["--file", "-"], { values: { file: "-" }, positionals: [] }],
    [["--count", "3", "--all", "-"], { values: { count: "3", all: true }, positionals: ["-"] }],
    // After --, nothing is an option or an option's value.
    [["--all", "--", "--count", "-1"], { values: { all: true }, positionals: ["--count", "-1"] }],
    [["--count", "--all"], { usage: "option --count needs a value" }],
    [["--count", "--bogus"], { usage: "option --count needs a value" }],
    [["--count", "-f"], { usage: "option --count needs a value" }],
    [["--count", "--"], { usage: "option --count needs a value" }],
    [["-f"], { usage: "option -f needs a value" }],
    [["--file"], { usage: "option --file needs a value" }],
    [["--all=yes"], { usage: "option --all takes no value" }],
    [["--bogus"], { usage: "unknown option '--bogus'" }],
    // A misspelt option: the nearest one, as for a command.
    [["--cont", "3"], { usage: "unknown option '--cont'; did you mean '--count'?" }],
    [["--fil=q.hcql"], { usage: "unknown option '--fil'; did you mean '--file'?" }],
    [["--ALL"], { usage: "unknown option '--ALL'; did you mean '--all'?" }],
    // A clause of the query given as an option: how the query says it.
    [["--limit", "5", "q"], { usage: "unknown option '--limit'; the query says it: '… limit 5'" }],
    [["q", "--offset=20"], { usage: "unknown option '--offset'; the query says it: '… offset 20'" }],
    [["--sort", "createdAt"], { usage: "unknown option '--sort'; the query says it: '… sort by createdAt'" }],
    [["--limit"], { usage: "unknown option '--limit'; the query says it: '… limit …'" }],
  ])("%j", (argv, expected) => {
    expect(parsed(argv)).toEqual(expected);
  });

  it.each([
    [["--base-url", "http://x/v1"], "unknown option '--base-url'; did you mean '--api-url'?"],
    [["--token=k"], "unknown option '--token'; did you mean '--api-key'?"],
    [["--timezone", "UTC"], "unknown option '--timezone'; did you mean '--tz'?"],
    [["--output", "csv"], "unknown option '--output'; did you mean '--format'?"],
  ])("%j: another tool's name for the option, offered", (argv, usage) => {
    const options = {
      "api-url": { type: "string" },
      "api-key": { type: "string" },
      tz: { type: "string" },
      format: { type: "string" },
    } as const;
    expect(() => parseFlags(argv, options)).toThrow(new UsageError(usage));
  });

  it("offers no synonym a command does not have (decompile has no --api-url)", () => {
    expect(() => parseFlags(["--base-url", "x"], { file: { type: "string" } })).toThrow(
      new UsageError("unknown option '--base-url'"),
    );
  });

  it("says nothing of a query to a command that reads none (no -f FILE: the shell, web, serve)", () => {
    expect(() => parseFlags(["--limit", "5"], { all: { type: "boolean" } })).toThrow(
      new UsageError("unknown option '--limit'"),
    );
  });
});

describe("fileProblem", () => {
  const failure = (code: string | undefined, message = "the stream ended") =>
    Object.assign(new Error(message), code === undefined ? {} : { code });

  it.each<[string | undefined, "read" | "write", string]>([
    ["ENOENT", "read", "no such file"],
    ["EACCES", "read", "permission denied"],
    ["EISDIR", "read", "it is a directory"],
    ["EMFILE", "read", "EMFILE"],
    ["ENOENT", "write", "no such directory"],
    ["EACCES", "write", "permission denied"],
    ["ENOSPC", "write", "no space left on the device"],
    [undefined, "read", "the stream ended"],
  ])("%s, %s: %s", (code, doing, said) => {
    expect(fileProblem(failure(code), doing)).toBe(said);
  });
});

describe("writeQueryProblems", () => {
  /** What it writes on stderr for `query` compiled at a fixed clock, `explain` naming the explaining command. */
  async function written(query: string, explain?: string): Promise<string> {
    let text = "";
    const stderr = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    const result = compile(query, { now: 0, timeZone: "UTC" });
    await writeQueryProblems(query, result, { stderr, env: { NO_COLOR: "1" } }, explain);
    return text;
  }

  const NINE = "assignee in (1, 2, 3) and department in (1, 2, 3)";

  it("writes nothing for a query without problems", async () => {
    expect(await written("status = new", "hcql explain")).toBe("");
  });

  it("writes the diagnostics, then the cap that lets a plan too large run, naming explain when given", async () => {
    const named = await written(NINE, "hcql explain");
    expect(named).toMatch(/^error\[plan-too-large\]/);
    expect(named).toMatch(/\n--max-requests 9 lets it run \(hcql explain shows what the query costs\)\n$/);
    expect(await written(NINE)).toMatch(/\n--max-requests 9 lets it run\n$/);
  });
});
