import { describe, expect, it } from "vitest";
import { stripAnsi, Terminal } from "../support/pty.js";

/** The commands' text fitted to a narrow terminal at spaces, never cut mid-word by the terminal. */
describe("at a terminal 60 columns wide", () => {
  async function shown(args: readonly string[]): Promise<{ code: number; text: string }> {
    const terminal = new Terminal({ columns: 60, args, holdAfterExit: true });
    try {
      const code = await terminal.exit();
      return { code, text: stripAnsi(terminal.raw).replaceAll("\r\n", "\n") };
    } finally {
      terminal.kill();
    }
  }

  it("hcql check wraps a diagnostic's message at spaces", async () => {
    const { code, text } = await shown(["check", "rating = grat"]);
    expect(code).toBe(1);
    expect(text).toBe(
      [
        "error[invalid-value]: unknown rating 'grat'; ratings",
        "  are great, average, poor",
        "  |",
        "1 | rating = grat",
        "  |          ^^^^ did you mean 'great'?",
        "",
      ].join("\n"),
    );
  });

  it("hcql run's demo notice is wrapped at spaces", async () => {
    const { code, text } = await shown(["run", "--now", "1750000000", "--format", "ndjson", "limit 1"]);
    expect(code).toBe(0);
    expect(text.split("\n").slice(0, 2)).toEqual([
      "demo mode: searching 2,500 generated chats; set",
      "  HELPCRUNCH_API_KEY to search your account",
    ]);
  });

  it("hcql run's tip is wrapped at spaces", async () => {
    const { code, text } = await shown(["run", "--now", "1750000000", "--format", "ndjson", "tags = vip"]);
    expect(code).toBe(0);
    expect(
      text.split("\n").filter((line) => line.startsWith("hcql run: tip") || line.startsWith("  ")),
    ).toEqual([
      "  HELPCRUNCH_API_KEY to search your account",
      'hcql run: tip: "vip" is not a known tag; did you mean',
      '  "VIP"? (tags match exactly, letter case too)',
    ]);
  });

  it("hcql web's notice is wrapped at spaces", async () => {
    const terminal = new Terminal({ columns: 60, args: ["web", "--port", "0"] });
    try {
      await terminal.waitForRaw("Ctrl-C stops");
      const lines = stripAnsi(terminal.raw).replaceAll("\r\n", "\n").split("\n");
      expect(lines[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      expect(lines.slice(1, 3)).toEqual([
        "demo mode: 2,500 generated chats (set HELPCRUNCH_API_KEY to",
        "  search your account) · Ctrl-C stops",
      ]);
    } finally {
      terminal.kill();
    }
  });
});
