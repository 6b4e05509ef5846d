import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import stringWidth from "string-width";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { KEYS, openTerminal, screenLines, stripAnsi, Terminal } from "../support/pty.js";

/** `hcql run` at a real terminal: the table fitted to its width, colour, the footer, progress. */

const NOW = ["--now", "1750000000", "--tz", "UTC"];
let emulator: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startEmulator({ anchor: 1_750_000_000, rateLimit: false });
  env = { HELPCRUNCH_API_KEY: emulator.key, HELPCRUNCH_API_URL: emulator.url };
});

afterAll(async () => {
  await emulator.close();
});

async function runAt(columns: number, args: readonly string[], extraEnv: Record<string, string> = {}) {
  const terminal = new Terminal({
    columns,
    args: ["run", ...NOW, ...args],
    env: { ...env, ...extraEnv },
    holdAfterExit: true,
  });
  try {
    const code = await terminal.exit();
    return {
      code,
      raw: terminal.raw,
      lines: stripAnsi(terminal.raw)
        .split("\n")
        .filter((l) => l !== ""),
    };
  } finally {
    terminal.kill();
  }
}

describe.concurrent("hcql run on a terminal", () => {
  it.each([70, 100, 160])("a table fitted to %i columns, with a footer", async (columns) => {
    const { code, lines } = await runAt(columns, ["limit 8"], { NO_COLOR: "1" });
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^\s+ID {2}STATUS /);
    expect(lines).toHaveLength(10);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
    // The time depends on the machine's load: "84 ms" or "1.1 s".
    expect(lines[9]).toMatch(/^chats 1–8 of 2,500 · 1 request · (\d+ ms|\d+\.\d s)$/);
  });

  it("colour by default, none with NO_COLOR", async () => {
    const coloured = await runAt(120, ["limit 3"]);
    expect(coloured.raw).toContain("\u001b[1m");
    const plain = await runAt(120, ["limit 3"], { NO_COLOR: "1" });
    expect(plain.raw).not.toContain("\u001b[");
  });

  it("--all shows its pages while fetching and erases them", async () => {
    const { code, raw } = await runAt(120, ["--all", "--format", "ndjson", "status = closed"], {
      NO_COLOR: "1",
    });
    expect(code).toBe(0);
    expect(raw).toMatch(/\r\u001b\[Kpage 1 of \d+ · 100 chats…/);
    expect(raw).toMatch(/\r\u001b\[Kpage 2 of \d+ · 200 chats…/);
    const total = emulator.dataset.chats.filter((r) => r.chat.status === "closed").length;
    const shown = screenLines(raw).filter((l) => l !== "");
    // What stays on the screen: the chats and the footer, no progress.
    expect(shown.slice(0, -1).every((line) => line.startsWith('{"id":'))).toBe(true);
    expect(shown).toHaveLength(total + 1);
    expect(shown.at(-1)).toMatch(
      new RegExp(
        `^chats 1–${total.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} · ${Math.ceil(total / 100)} requests · `,
      ),
    );
  });
});

/**
 * `hcql run --all` paced at one request a minute: the first page is written, the next one waits for the
 * rate limit, and the terminal says so while it waits (Ctrl-C then ends the run).
 */
describe.concurrent("hcql run --all waiting for the rate limit", () => {
  const WAITING = /^waiting \d+ s for the rate limit…$/;
  const ARGS = ["run", ...NOW, "--rate-limit", "1", "--all", "--format", "ndjson", "status = closed"];

  it("stdout to a file: the wait shows on the terminal after the first page is written", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "hcql-run-tty-")), "chats.ndjson");
    writeFileSync(file, "");
    const terminal = openTerminal({ args: ARGS, env, stdoutFile: file });
    const written = () => readFileSync(file, "utf8").split("\n").length - 1;
    await terminal.waitUntil(
      () => written() === 100 && WAITING.test(screenLines(terminal.raw).at(-1)!),
      "the first page in the file, and the wait on the screen",
    );
    terminal.write(KEYS.ctrlC);
    expect(await terminal.exit()).toBe(130);
    const pages = Math.ceil(emulator.dataset.chats.filter((r) => r.chat.status === "closed").length / 100);
    expect(terminal.raw).toContain(`\r\u001b[Kpage 1 of ${pages} · 100 chats…`);
    // The progress line, erased at the end, gives its place to what the run says.
    expect(screenLines(terminal.raw).filter((line) => line !== "")).toEqual([
      "hcql run: interrupted",
      "hcql run: the output is partial: 100 chats written before the interruption",
    ]);
  });

  it("stdout on the terminal too: the chats, then the wait on the line after them", async () => {
    const terminal = openTerminal({ args: ARGS, env });
    await terminal.waitUntil(() => {
      const lines = screenLines(terminal.raw);
      return WAITING.test(lines.at(-1)!) && lines.filter((l) => l.startsWith('{"id":')).length === 100;
    }, "the first page, then the wait");
    const lines = screenLines(terminal.raw);
    expect(lines.slice(0, 100).every((line) => line.startsWith('{"id":'))).toBe(true);
    expect(lines.slice(100, -1)).toEqual([]);
    terminal.write(KEYS.ctrlC);
    expect(await terminal.exit()).toBe(130);
  });

  it("in demo mode too: --rate-limit paces the built-in emulator's requests", async () => {
    const terminal = openTerminal({ args: ARGS, env: {} });
    await terminal.waitUntil(() => {
      const lines = screenLines(terminal.raw);
      return WAITING.test(lines.at(-1)!) && lines.filter((l) => l.startsWith('{"id":')).length === 100;
    }, "the first page, then the wait");
    terminal.write(KEYS.ctrlC);
    expect(await terminal.exit()).toBe(130);
  });
});
