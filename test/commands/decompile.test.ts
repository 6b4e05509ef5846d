import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, hcql } from "../support/cli.js";

const BODY =
  '{"filter":[{"field":"chats.status","operator":"=","value":"5"},{"field":"chats.customer.tagsData","operator":"=","value":[{"name":"Paid"}]}],"comparison":"OR","sort":"chats.lastMessageAt","order":"ASC","limit":10}';

describe("hcql decompile", () => {
  it("reads a body from stdin", async () => {
    expect(await hcql(["decompile"], { input: BODY })).toEqual({
      code: 0,
      stdout: 'status = no_communication or tags = "Paid" sort by lastMessageAt limit 10\n',
      stderr: "",
    });
    expect((await hcql(["decompile", "-"], { input: BODY })).code).toBe(0);
  });

  it("reads a body from a file", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "hcql-")), "body.json");
    writeFileSync(file, BODY);
    expect((await hcql(["decompile", file])).stdout).toBe(
      'status = no_communication or tags = "Paid" sort by lastMessageAt limit 10\n',
    );
  });

  it.each([BODY, `  ${BODY}\n`, `[${BODY}]`])("reads a body given as the argument: %s", async (json) => {
    expect(await hcql(["decompile", json])).toEqual({
      code: 0,
      stdout: 'status = no_communication or tags = "Paid" sort by lastMessageAt limit 10\n',
      stderr: "",
    });
  });

  it.each([
    ['{"filter": [', "hcql decompile: the argument is not valid JSON: "],
    [
      '{"filter":[{"field":"chats.foo","operator":"=","value":1}]}',
      "hcql decompile: filter[0]: unknown field 'chats.foo'",
    ],
  ])("names the argument as what is wrong: %s", async (json, message) => {
    const run = await hcql(["decompile", json]);
    expect([run.code, run.stdout]).toEqual([1, ""]);
    expect(run.stderr.startsWith(message)).toBe(true);
  });

  it("reads a file whose name starts with { or [ given as a path; the bare name, read as JSON, says so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hcql-"));
    writeFileSync(join(dir, "[1].json"), BODY);
    for (const path of [join(dir, "[1].json"), "./[1].json"]) {
      expect((await hcql(["decompile", path], { cwd: dir })).code).toBe(0);
    }
    expect(await hcql(["decompile", "[1].json"], { cwd: dir })).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "hcql decompile: the argument is not valid JSON: Unexpected non-whitespace character after JSON at position 3; to read the file [1].json, give its path: ./[1].json\n",
    });
  });

  it("gives one line per body of an array, and round-trips through compile", async () => {
    const compiled = await hcql([
      "compile",
      "--tz",
      "UTC",
      "(status = pending and assignee = 3129) or rating = poor",
    ]);
    const run = await hcql(["decompile"], { input: compiled.stdout });
    expect(run.stdout).toBe(
      "status = pending and assignee = 3129 sort by createdAt desc limit 100\nrating = poor sort by createdAt desc limit 100\n",
    );
  });

  it.each([
    ["{not json", "stdin is not valid JSON"],
    // Node's message quotes the input: on one line, its line breaks shown.
    [
      "garbage\nand more\n",
      `stdin is not valid JSON: Unexpected token 'g', "garbage ⏎ and more ⏎ " is not valid JSON\n`,
    ],
    [
      '{"filter":[{"field":"chats.status","operator":"=","value":"1"},{"field":"chats.foo","operator":"=","value":1}]}',
      "filter[1]: unknown field 'chats.foo'",
    ],
    [
      '{"filter":[{"field":"chats.status","operator":"~","value":"1"}]}',
      "filter[0]: operator '~' is not allowed for status",
    ],
    ['[{"filter":[]},{"filter":5}]', "body 1: filter must be an array"],
    ["[]", "no body to decompile"],
    // Nothing came (the command before it in a pipeline printed nothing): said so, not as bad JSON.
    ["", "hcql decompile: stdin is empty: expected a request body (JSON)\n"],
    [" \n", "hcql decompile: stdin is empty: expected a request body (JSON)\n"],
  ])("%j exits 1", async (input, message) => {
    const run = await hcql(["decompile"], { input });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
  });

  it.each([[["a.json", "b.json"]], [["/nonexistent/body.json"]], [["--bogus"]]])(
    "%j exits 2",
    async (args) => {
      expect((await hcql(["decompile", ...args])).code).toBe(2);
    },
  );
});

describe("hcql decompile reads no more than a plan's bodies may be", () => {
  /** Runs decompile with stdin on /dev/zero, which never ends. */
  function onZero(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
    const zero = openSync("/dev/zero", "r");
    return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--max-old-space-size=128", CLI, "decompile", ...args], {
        env: { PATH: process.env.PATH ?? "" },
        stdio: [zero, "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr!.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stderr }));
    }).finally(() => closeSync(zero));
  }

  it.each([
    ["stdin", []],
    ["/dev/zero", ["/dev/zero"]],
  ])("%s on /dev/zero: exit 1, said to be too long", async (source, args) => {
    expect(await onZero(args)).toEqual({
      code: 1,
      stderr: `hcql decompile: ${source} holds more than 33,554,432 characters, more than a plan's bodies\n`,
    });
  });

  it("a body saved with a byte order mark reads as the body", async () => {
    expect(await hcql(["decompile"], { input: `\ufeff${BODY}` })).toEqual({
      code: 0,
      stdout: 'status = no_communication or tags = "Paid" sort by lastMessageAt limit 10\n',
      stderr: "",
    });
  });
});
