import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { check, compile } from "../../src/compiler/index.js";
import { MAX_DIAGNOSTICS } from "../../src/language/diagnostics.js";
import { formatQuery } from "../../src/parser/format.js";
import { CLI } from "../support/cli.js";
import { CRASH, runCliInUtc } from "./processes.js";

/**
 * The limits: 64 KiB of text, depth 64, 8 requests, limit ≤ 10,000, 100 diagnostics. Past each,
 * a diagnostic, never a crash; hostile sizes (10,000 parentheses, 20,000 nots, 1 MB) end the same
 * way through the CLI's stdin, in bounded time and memory.
 */

const NOW = 1_750_000_000;
const parens = (n: number) => `${"(".repeat(n)}status = new${")".repeat(n)}`;
const nots = (n: number) => `${"not ".repeat(n)}status = new`;
const megabyte = "status = new or ".repeat(65_536).slice(0, 1024 * 1024);
const tooManyRequests =
  "(status = new or tags = a) and (rating = poor or tags = b) and (email ~ x or tags = c) and (userId ~ y or tags = d)";

function codes(text: string): string[] {
  return compile(text, { now: NOW }).diagnostics.map((d) => d.code);
}

describe("each limit, at it and one past it", () => {
  it.each([
    ["depth 64: 64 parentheses", parens(64), []],
    ["depth 65: 65 parentheses", parens(65), ["too-deep"]],
    ["depth 64: 64 nots", nots(64), []],
    ["depth 65: 65 nots", nots(65), ["too-deep"]],
    ["length 65,536", `status = new${" ".repeat(65_536 - 12)}`, []],
    ["length 65,537", `status = new${" ".repeat(65_537 - 12)}`, ["too-long"]],
    ["limit 10000", "limit 10000", []],
    ["limit 10001", "limit 10001", ["invalid-value"]],
    ["16 requests", tooManyRequests, ["plan-too-large"]],
  ])("%s", (_name, text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it("reports at most 100 diagnostics, then how many more", () => {
    const result = compile(`${"stauts = 1 and ".repeat(150)}stauts = 1`, { now: NOW });
    expect(result.diagnostics.length).toBe(MAX_DIAGNOSTICS + 1);
    expect(result.diagnostics.at(-1)).toMatchObject({
      code: "too-many-diagnostics",
      message: "51 more problems not shown",
    });
  });

  // The parse goes on after each: thousands of stretches it skips, each a slip or an error of its own.
  it.each([
    ["sort by a limit 5 desc ", "unexpected 'desc'"],
    ["status = 1 ) and ", "')' has no matching '('"],
    ["status:pending ", "':' is no operator in 'status:pending': a field and its value are joined by '='"],
    ["1 2 3 and ", "unexpected '1'"],
    ["status = 1 -- a\n", "a comment starts with '#', not '--'"],
    ["status = 1 /* a */ ", "a comment starts with '#', not '/*'"],
    ["count by status sort by count desc ", "'sort by count desc' cannot be used with count"],
    ["count by createdAt daily, ", "unexpected word 'daily'"],
    ["status pending and ", "expected an operator after 'status'"],
    ["tags = “VIP” or ", "“VIP” is in typographic quotes: a string is written in straight quotes"],
    ["status in [new, closed] and ", "a list is written in parentheses, not '[…]'"],
    ["email = *@x.com and ", "unexpected characters '*@'"],
    [
      "createdAt between 2026-01-01 - 2026-02-01 and ",
      "a '-' between two dates is no range: a range is written 'between … and …'",
    ],
    ["show me the pending chats and ", "expected an operator after 'show'"],
    ["~  customer.tags assignee  and ", "unexpected '~'"],
  ])("64 KiB of %j: the first 100 problems in text order, then how many more", (piece, first) => {
    const text = piece.repeat(Math.ceil(65_536 / piece.length)).slice(0, 65_536);
    const { diagnostics } = compile(text, { now: NOW });
    expect(diagnostics[0]!.message).toBe(first);
    expect(diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS + 1);
    const starts = diagnostics.slice(0, -1).map((d) => d.span.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("a plan of 8 requests is allowed, 9 are not", () => {
    const eight = "(status = new or tags = a) and (rating = poor or tags = b) and (email ~ x or tags = c)";
    expect(compile(eight, { now: NOW }).requests).toHaveLength(8);
    expect(compile(eight, { now: NOW, maxRequests: 7 }).diagnostics.map((d) => d.code)).toEqual([
      "plan-too-large",
    ]);
  });
});

const HOSTILE: [string, string, string][] = [
  ["10,000 nested parentheses", parens(10_000), "too-deep"],
  ["16,000 nested nots (64,000 characters)", nots(16_000), "too-deep"],
  ["20,000 nested nots (80,000 characters)", nots(20_000), "too-long"],
  ["a 1 MB query", megabyte, "too-long"],
];

describe("hostile sizes in the library", () => {
  it.each(HOSTILE)("%s: compile, check and format end in a diagnostic", (_name, text, code) => {
    const compiled = compile(text, { now: NOW });
    expect(compiled.ok).toBe(false);
    expect(compiled.diagnostics.map((d) => d.code)).toEqual([code]);
    const span = compiled.diagnostics[0]!.span;
    expect(span.end).toBeLessThanOrEqual(text.length);
    expect(check(text, { now: NOW }).diagnostics).toEqual(compiled.diagnostics);
    expect(formatQuery(text).text).toBeUndefined();
  });
});

describe("hostile sizes through the CLI's stdin", () => {
  // A small heap: input that made memory grow with its nesting would end in an out-of-memory crash.
  const nodeArgs = ["--max-old-space-size=128", "--stack-size=984"];
  const cases = HOSTILE.filter(([name]) => !name.startsWith("16,000")).flatMap(([name, text, code]) =>
    ["compile", "check", "run"].map((command) => [`${command} - with ${name}`, command, text, code] as const),
  );
  it.concurrent.each(cases)(
    "%s: exit 1 with what is wrong, no crash",
    async (_name, command, text, code) => {
      const result = await runCliInUtc([command, "--now", String(NOW), "-"], { input: text, nodeArgs });
      expect(result.signal).toBeNull();
      // Too long to read whole, it is said to be longer than a query may be (its length is unknown).
      const said = code === "too-long" ? "stdin holds more than 65,536 characters" : `error[${code}]`;
      expect(result.stderr).toContain(said);
      expect(result.stderr).not.toMatch(CRASH);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      // The report fits on a screen: the line is cut around the problem, never printed whole.
      expect(result.stderr.length).toBeLessThan(4096);
    },
    120_000,
  );
});

describe("a query is read no further than the limit", () => {
  /**
   * Runs the CLI on a 128 MB heap with stdin on /dev/zero (an input that never ends) or on a pipe
   * that stays open and silent (a query that never comes).
   */
  function endless(
    args: readonly string[],
    stdin: "zero" | "silent",
  ): Promise<{ code: number | null; stderr: string }> {
    const zero = stdin === "zero" ? openSync("/dev/zero", "r") : undefined;
    return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--max-old-space-size=128", CLI, ...args], {
        env: { PATH: process.env.PATH ?? "", TZ: "UTC" },
        stdio: [zero ?? "pipe", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr!.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
      });
      child.stdin?.write("status = ");
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stderr }));
    }).finally(() => {
      if (zero !== undefined) closeSync(zero);
    });
  }

  it.each([
    ["compile -", ["compile", "-"]],
    ["check -", ["check", "-"]],
    ["fmt -", ["fmt", "-"]],
    ["explain -", ["explain", "-"]],
    ["run -", ["run", "--now", String(NOW), "-"]],
    ["run -f /dev/zero", ["run", "--now", String(NOW), "-f", "/dev/zero"]],
    ["compile -f /dev/zero", ["compile", "-f", "/dev/zero"]],
  ])(
    "%s on /dev/zero: read up to the limit, said to be longer than a query may be, exit 1",
    async (name, args) => {
      const { code, stderr } = await endless(args, "zero");
      const source = name.includes("-f") ? "/dev/zero" : "stdin";
      expect(stderr).toBe(
        `hcql ${args[0]}: ${source} holds more than 65,536 characters, the longest a query may be\n`,
      );
      expect(code).toBe(1);
    },
  );

  it("run --timeout bounds reading a query that never comes", async () => {
    const { code, stderr } = await endless(["run", "--timeout", "1", "-"], "silent");
    expect([code, stderr]).toEqual([3, "hcql run: no result within 1 s (--timeout)\n"]);
  });
});
