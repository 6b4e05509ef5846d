import { existsSync } from "node:fs";
import { decompile as decompileBody } from "../compiler/index.js";
import { API_MAX_BODY_BYTES, groupDigits } from "../language/index.js";
import { sanitizeLine } from "../text/index.js";
import {
  EXIT,
  parseFlags,
  readAtMost,
  readFileAtMost,
  type TextCommand,
  type TextIO,
  UsageError,
  write,
} from "./common.js";

const USAGE = `Usage: hcql decompile [FILE | -]
       hcql decompile '<JSON>'

Reads a POST /v1/chats/search body as JSON (from FILE, from stdin without FILE or with -,
or the argument itself when it starts with { or [) and prints HCQL text with the same
meaning. An array of bodies (what hcql compile prints for a several-request plan) gives one
line per body. Invalid JSON or a body HCQL cannot express exits 1 with a message naming the
part (filter[2]: ...).`;

/**
 * Characters of JSON read at most: room for a plan's bodies, each at the API's limit and pretty
 * printed. More is no plan (and `/dev/zero` never ends).
 */
const MAX_JSON_LENGTH = 32 * API_MAX_BODY_BYTES;

/** An argument that is a body itself, as compile takes its query: no file name starts with { or [. */
const JSON_ARGUMENT = /^\s*[{[]/;

/** Where the JSON comes from, as messages name it, and its text (at most one character too long). */
async function readJson(argument: string | undefined, io: TextIO): Promise<{ source: string; json: string }> {
  if (argument === undefined || argument === "-") {
    return { source: "stdin", json: await readAtMost(io.stdin, MAX_JSON_LENGTH + 1) };
  }
  if (JSON_ARGUMENT.test(argument)) return { source: "the argument", json: argument };
  return { source: argument, json: await readFileAtMost(argument, MAX_JSON_LENGTH + 1) };
}

/** For JSON given as the argument that is a file's name after all: how to read the file. */
function fileHint(argument: string | undefined): string {
  if (argument === undefined || !JSON_ARGUMENT.test(argument) || !existsSync(argument)) return "";
  return `; to read the file ${sanitizeLine(argument)}, give its path: ./${sanitizeLine(argument)}`;
}

export const decompile: TextCommand = {
  usage: USAGE,
  async run(argv, io) {
    const { positionals } = parseFlags(argv, {});
    if (positionals.length > 1) throw new UsageError("give at most one FILE");
    const { source, json } = await readJson(positionals[0], io);
    if (json.length > MAX_JSON_LENGTH) {
      const most = groupDigits(MAX_JSON_LENGTH);
      write(
        io.stderr,
        `hcql decompile: ${source} holds more than ${most} characters, more than a plan's bodies`,
      );
      return EXIT.diagnostics;
    }
    if (json.trim() === "") {
      write(io.stderr, `hcql decompile: ${source} is empty: expected a request body (JSON)`);
      return EXIT.diagnostics;
    }
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (error) {
      // Node's message quotes the input: one line, with what a terminal must not run made harmless.
      write(
        io.stderr,
        `hcql decompile: ${source} is not valid JSON: ${sanitizeLine((error as Error).message)}${fileHint(positionals[0])}`,
      );
      return EXIT.diagnostics;
    }
    const bodies = Array.isArray(value) ? value : [value];
    if (bodies.length === 0) {
      // `[]` is a plan that sends nothing and matches no chat; the empty query would mean all chats.
      write(io.stderr, "hcql decompile: no body to decompile ([] is a plan that matches no chat)");
      return EXIT.diagnostics;
    }
    const lines: string[] = [];
    for (const [i, body] of bodies.entries()) {
      const result = decompileBody(body);
      if (!result.ok) {
        const where = Array.isArray(value) ? `body ${i}: ` : "";
        write(io.stderr, `hcql decompile: ${where}${result.error}`);
        return EXIT.diagnostics;
      }
      lines.push(result.text);
    }
    write(io.stdout, `${lines.join("\n")}\n`);
    return EXIT.ok;
  },
};
