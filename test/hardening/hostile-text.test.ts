import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { openTerminal } from "../support/pty.js";
import { json, scriptedServer } from "../support/scripted-server.js";
import { CRASH, runCliInUtc } from "./processes.js";

/**
 * Chat text is written by outsiders: customer names, emails, messages, agent and department names.
 * Whatever it holds, nothing of it may drive the terminal: every human-facing output (the table,
 * `.open`, errors, the banner) goes through the one sanitizer.
 */

const KEY = "hostile-text-key-5d1e";
const NOW = 1_750_000_000;

/** Each payload carries a marker that must never reach the screen inside an escape sequence. */
const HOSTILE = {
  title: "\u001b]0;PWNED-TITLE\u0007",
  clear: "\u001b[2J\u001b[3J\u001b[H",
  csi8: "\u009b2J\u009b31m",
  rtl: "\u202eexe.txt",
  isolate: "\u2067nimda\u2069",
  nul: "a\u0000b",
  hyperlink: "\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\",
  zeroWidth: "ad\u200bmin",
  osc52: "\u001b]52;c;cm0gLXJmIH4=\u0007",
};
const ALL = Object.values(HOSTILE).join(" ");

/**
 * What the screen must never receive from chat text: no control, bidi or zero-width character, and
 * for text shown to a person (not JSON, which keeps the text as escaped data) not even the sequences'
 * contents.
 */
function expectNothingHostile(raw: string, data = false): void {
  expect(raw).not.toMatch(/[\u0080-\u009f]/);
  expect(raw).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);
  expect(raw).not.toContain("\u0000");
  expect(raw).not.toContain("\u001b]");
  expect(raw).not.toContain("\u001b[3J");
  if (data) return;
  expect(raw).not.toContain("PWNED-TITLE");
  expect(raw).not.toContain("evil.example");
}

const agent = { id: 77, name: `Agent ${ALL}`, email: `agent${HOSTILE.csi8}@x.io`, role: "agent" };

let emulator: Emulator;
let rejecting: Awaited<ReturnType<typeof scriptedServer>>;

beforeAll(async () => {
  emulator = await startEmulator({
    keys: [KEY],
    anchor: NOW,
    rateLimit: false,
    data: {
      agents: [agent],
      departments: [{ id: 9, name: `Dept ${ALL}`, agents: [77] }],
      chats: [
        {
          chat: {
            id: 424242,
            status: "pending",
            createdAt: NOW - 3600,
            lastMessageAt: NOW - 60,
            lastMessageText: `Hello ${ALL}`,
            customer: { id: 1, name: `Customer ${ALL}`, email: `c${HOSTILE.rtl}@x.io`, userId: HOSTILE.nul },
            assignee: agent,
            agents: [agent],
            department: { id: 9, name: `Dept ${ALL}` },
          },
        },
      ],
    },
  });
  rejecting = await scriptedServer([
    json(400, { errors: [{ code: `invalid_value${HOSTILE.title}`, message: `status ${ALL} is bad` }] }),
  ]);
});

afterAll(async () => {
  await Promise.all([emulator?.close(), rejecting?.close()]);
});

describe("hostile chat text never reaches the terminal", () => {
  it("the shell's table and .open show the text, not its controls", async () => {
    const t = openTerminal({
      env: { NO_COLOR: "1", HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url },
      columns: 200,
    });
    await t.waitFor("hcql> ");
    t.line("status = pending limit 5");
    await t.waitFor(/chat 1 of 1 · /);
    t.line(".open 424242");
    await t.waitFor("last message text");
    await t.waitFor("hcql> ");
    expectNothingHostile(t.raw);
    expect(t.text).toContain("Customer");
    expect(t.text).toMatch(/click/);
    expect(t.text).toContain("admin");
  });

  it.each(["table", "csv", "json", "ndjson"])("hcql run --format %s", async (format) => {
    const run = await runCliInUtc(["run", "--format", format, "--now", String(NOW), "limit 5"], {
      env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url },
    });
    expect(run.code).toBe(0);
    expectNothingHostile(run.stdout + run.stderr, format === "json" || format === "ndjson");
  });

  it("an API error's code and message are shown made safe, by run and the shell", async () => {
    const env = { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: rejecting.url };
    const run = await runCliInUtc(["run", "status = pending"], { env });
    expect(run.code).toBe(3);
    expect(run.stderr).not.toMatch(CRASH);
    expect(run.stderr).toContain("status Customer".slice(0, 6));
    expectNothingHostile(run.stdout + run.stderr);
    const t = openTerminal({ env: { NO_COLOR: "1", ...env } });
    await t.waitFor("hcql> ");
    t.line("status = pending");
    await t.waitFor(/is bad/);
    await t.waitFor("hcql> ");
    expectNothingHostile(t.raw);
  });

  it("the banner shows the account's URL without user, password or query", async () => {
    const url = emulator.url.replace("http://", "http://someone:PASSWORD123@");
    const t = openTerminal({ env: { NO_COLOR: "1", HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: url } });
    await t.waitFor(`account at ${emulator.url}`);
    expect(t.raw).not.toContain("PASSWORD123");
  });
});
