import { describe, expect, it } from "vitest";
import { stripAnsi, Terminal } from "../support/pty.js";

/** `hcql explain` at a real terminal: its sentences fitted to the width, the request bodies as they are. */

const QUERY = "(status = pending and assignee = 3129) or rating = poor";

describe("hcql explain on a terminal", () => {
  it.each([50, 80])("fits its sentences to %i columns", async (columns) => {
    const terminal = new Terminal({ columns, args: ["explain", "--now", "0", QUERY], holdAfterExit: true });
    try {
      expect(await terminal.exit()).toBe(0);
      const text = stripAnsi(terminal.raw).replaceAll("\r\n", "\n");
      const prose = text.slice(0, text.indexOf("Request 1 of 2")).split("\n");
      expect(prose[0]).toMatch(/^2 requests: the API joins/);
      for (const line of prose) expect(line.length).toBeLessThanOrEqual(columns);
      // Wrapped, not cut: the words are all there, and a terminal's user is told of --all.
      expect(prose.map((line) => line.trim()).join(" ")).toContain(
        "ties by chat id ascending, then offset 0 and limit 100 are applied to the merged list; with --all, no limit.",
      );
      expect(text).toContain('    {"field":"chats.assignee","operator":"=","value":3129}\n');
    } finally {
      terminal.kill();
    }
  });
});
