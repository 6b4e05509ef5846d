import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hcql } from "../support/cli.js";

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
