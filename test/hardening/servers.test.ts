import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { chat, json, scriptedServer } from "../support/scripted-server.js";
import { CRASH, runCliInUtc } from "./processes.js";

/** What hcql run and the shell do with servers that misbehave, and with ids and flags at their edges. */

const KEY = "servers-test-key-83be";
const NOW = "1750000000";
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

let repeating: Awaited<ReturnType<typeof scriptedServer>>;
let emulator: Emulator;

beforeAll(async () => {
  // Ignores offset: the same 100 chats, and a total of a billion, on every page.
  repeating = await scriptedServer([
    json(200, { data: range(1, 100).map((id) => chat(id)), meta: { total: 1e9 } }),
  ]);
  emulator = await startEmulator({
    keys: [KEY],
    anchor: Number(NOW),
    rateLimit: false,
    data: [
      {
        chat: {
          id: 7,
          status: "pending",
          createdAt: Number(NOW) - 60,
          lastMessageText: '=HYPERLINK("http://evil.example")',
          customer: { id: 1, name: "@SUM(1+1)" },
        },
      },
    ],
  });
});

afterAll(async () => {
  await Promise.all([repeating?.close(), emulator?.close()]);
});

describe("a server that repeats the same page", () => {
  it("run --all stops at the repeat, says so, and exits 3; the first page stays on stdout", async () => {
    const r = await runCliInUtc(["run", "--all", "--format", "json", "--now", NOW, "status = pending"], {
      env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: repeating.url },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      "hcql run: the API sent a response to POST /chats/search that hcql cannot read (the page at offset 100 repeats chats already received, so paging would never end)\n" +
        "hcql run: the output is partial: 100 chats written before the failure\n",
    );
    // The JSON array is left open: no parser takes the first page for the whole result.
    expect(r.stdout.startsWith('[\n  {\n    "id": 1,\n')).toBe(true);
    expect(r.stdout.endsWith("\n  }")).toBe(true);
    expect(() => JSON.parse(r.stdout)).toThrow(SyntaxError);
    expect((JSON.parse(`${r.stdout}\n]`) as { id: number }[]).map((c) => c.id)).toEqual(range(1, 100));
    expect(repeating.seen).toHaveLength(2);
  });
});

describe("CSV formula injection", () => {
  it.each([
    [[], '"\'=HYPERLINK(""http://evil.example"")"', "'@SUM(1+1)"],
    [["--csv-raw"], '"=HYPERLINK(""http://evil.example"")"', "@SUM(1+1)"],
  ])("run --format csv %j", async (flags, message, name) => {
    const r = await runCliInUtc(["run", "--format", "csv", ...flags, "--now", NOW, "limit 1"], {
      env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url },
    });
    expect(r.code).toBe(0);
    const row = r.stdout.split("\r\n")[1]!;
    expect(row).toContain(`,${message},`);
    expect(row).toContain(`,${name},`);
  });
});

describe(".open with an id past 2^53", () => {
  it("is refused before any request, not sent as /chats/1e+21", async () => {
    const shell = await runCliInUtc([], {
      env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url },
      input: ".open 999999999999999999999\n.open 7\n",
    });
    expect(shell.stderr).toContain(
      "error: .open takes a chat id up to 9007199254740991, not 999999999999999999999",
    );
    expect(shell.stdout).toContain("@SUM(1+1)");
    expect(shell.stderr).not.toMatch(CRASH);
    expect(shell.code).toBe(1);
  });
});
