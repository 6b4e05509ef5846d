import stringWidth from "string-width";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { stripAnsi, Terminal } from "../support/pty.js";

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
    const { code, raw, lines } = await runAt(120, ["--all", "--format", "ndjson", "status = closed"], {
      NO_COLOR: "1",
    });
    expect(code).toBe(0);
    expect(raw).toMatch(/\r\u001b\[Kpage 1 of \d+ · 100 chats…/);
    expect(raw).toMatch(/\r\u001b\[Kpage 2 of \d+ · 200 chats…/);
    const total = emulator.dataset.chats.filter((r) => r.chat.status === "closed").length;
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^chats 1–${total.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} · ${Math.ceil(total / 100)} requests · `,
      ),
    );
  });
});
