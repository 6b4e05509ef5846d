import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { CRASH, runCliInUtc } from "./processes.js";

/**
 * Ways to give the API key that keep it out of `ps` (a file, stdin, the environment), a warning when
 * it is given on the command line, and messages that say what is wrong with a key or URL without
 * showing either.
 */

const KEY = "sk-key-flags-4c9e1b7a2d";
const NOW = "1750000000";
const WARNING =
  "hcql run: warning: --api-key shows the key to other users of this machine (ps); set HELPCRUNCH_API_KEY, or use --api-key-file FILE or --api-key - (stdin)\n";

let emulator: Emulator;
const folder = mkdtempSync(join(tmpdir(), "hcql-key-"));

beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY], chats: 50, anchor: Number(NOW), rateLimit: false });
  writeFileSync(join(folder, "key"), `${KEY}\nsecond line ignored\n`);
  writeFileSync(join(folder, "empty"), "\n");
  writeFileSync(join(folder, "accented"), "sk-clé-1\n");
});

afterAll(() => emulator?.close());

function run(args: readonly string[], input?: string, env: Record<string, string> = {}) {
  return runCliInUtc(["run", "--now", NOW, "--format", "json", ...args], {
    env: { HELPCRUNCH_API_URL: emulator.url, ...env },
    ...(input === undefined ? {} : { input }),
  });
}

describe("giving the key", () => {
  it("--api-key K works and warns once that ps shows it", async () => {
    const r = await run(["--api-key", KEY, "limit 2"]);
    expect([r.code, r.stderr]).toEqual([0, WARNING]);
    expect(JSON.parse(r.stdout)).toHaveLength(2);
  });

  it.each([
    ["--api-key-file FILE", () => ["--api-key-file", join(folder, "key"), "limit 2"], undefined],
    ["--api-key - (stdin)", () => ["--api-key", "-", "limit 2"], `${KEY}\n`],
  ])("%s works without a warning", async (_name, args, input) => {
    const r = await run(args(), input);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(JSON.parse(r.stdout)).toHaveLength(2);
  });

  it.each([
    [
      "--api-key - with the query on stdin",
      () => ["--api-key", "-", "-"],
      "hcql run: --api-key - reads the key from stdin, which the query or input already uses",
    ],
    [
      "both --api-key and --api-key-file",
      () => ["--api-key", KEY, "--api-key-file", join(folder, "key"), "limit 1"],
      "hcql run: give either --api-key or --api-key-file, not both",
    ],
    [
      "a missing key file",
      () => ["--api-key-file", join(folder, "nope"), "limit 1"],
      `hcql run: cannot read ${join(folder, "nope")}: no such file`,
    ],
    [
      "an empty key file",
      () => ["--api-key-file", join(folder, "empty"), "limit 1"],
      `hcql run: no API key in ${join(folder, "empty")} (expected it on the first line)`,
    ],
    [
      "a key with a non-ASCII character",
      () => ["--api-key-file", join(folder, "accented"), "limit 1"],
      "hcql run: the API key contains a non-ASCII character (U+00E9) at character 6 of 8: check how it was copied",
    ],
  ])("%s is a usage error saying what is wrong", async (_name, args, message) => {
    const r = await run(args());
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(message);
    expect(r.stderr).not.toMatch(CRASH);
  });

  it("the shell takes --api-key-file, and refuses --api-key - (its input is stdin)", async () => {
    const shell = await runCliInUtc(["--api-key-file", join(folder, "key"), "--format", "json"], {
      env: { HELPCRUNCH_API_URL: emulator.url },
      input: "limit 1\n",
    });
    expect(shell.code).toBe(0);
    expect(JSON.parse(shell.stdout)).toHaveLength(1);
    const refused = await runCliInUtc(["--api-key", "-"], { input: `${KEY}\n` });
    expect(refused.code).toBe(2);
    expect(refused.stderr.split("\n")[0]).toBe(
      "hcql: --api-key - reads the key from stdin, which the query or input already uses",
    );
  });
});

describe("a key and a URL swapped", () => {
  it("says the URL is not a URL without showing what it holds", async () => {
    const r = await runCliInUtc(["run", "limit 1"], {
      env: { HELPCRUNCH_API_KEY: emulator.url, HELPCRUNCH_API_URL: KEY },
    });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(
      "hcql run: the base URL is not a URL (expected e.g. https://api.helpcrunch.com/v1; is the API key in its place?)",
    );
    expect(r.stderr).not.toContain(KEY);
    expect(r.stderr).not.toContain(emulator.url);
  });
});
