import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { describeProgress, describeRetry, ProgressLine } from "../../src/app/progress.js";
import { type ErrorDetails, HelpCrunchError } from "../../src/client/errors.js";
import type { ExecuteProgress } from "../../src/client/execute.js";

type Retry = Extract<ExecuteProgress, { reason: "retry" }>;

function retry(details: Pick<ErrorDetails, "kind"> & Partial<ErrorDetails>, ms: number, attempt = 2): Retry {
  const error = new HelpCrunchError({ request: "POST /chats/search", host: "h", attempts: 1, ...details });
  return { type: "wait", reason: "retry", ms, error, attempt, attempts: 6 };
}

describe("describeRetry: why, and how long until the next attempt", () => {
  it.each<[string, Retry, string]>([
    [
      "refused",
      retry({ kind: "network", reason: "ECONNREFUSED" }, 200),
      "connection refused; retrying in 0.2 s (attempt 2 of 6)",
    ],
    [
      "a 503",
      retry({ kind: "server", status: 503 }, 1234, 3),
      "HTTP 503; retrying in 1.2 s (attempt 3 of 6)",
    ],
    ["no wait", retry({ kind: "server", status: 502 }, 0), "HTTP 502; retrying in 0 s (attempt 2 of 6)"],
    [
      "a timeout",
      retry({ kind: "timeout", timeoutMs: 30_000 }, 15_400),
      "timed out; retrying in 15 s (attempt 2 of 6)",
    ],
    [
      "a 429",
      retry({ kind: "rate-limited", status: 429 }, 3000),
      "rate limited: waiting 3 s (attempt 2 of 6)",
    ],
    [
      "a broken body",
      retry({ kind: "malformed-response", status: 200, reason: "the body is empty" }, 500),
      "unreadable response (the body is empty); retrying in 0.5 s (attempt 2 of 6)",
    ],
  ])("%s", (_, event, text) => {
    expect(describeRetry(event)).toBe(text);
    expect(describeProgress(event)).toBe(`${text}…`);
  });
});

function stream(tty: boolean) {
  const out = Object.assign(new PassThrough(), { isTTY: tty, columns: 80 });
  let written = "";
  out.on("data", (d: Buffer) => {
    written += d.toString("utf8");
  });
  return { out, written: () => written };
}

describe("ProgressLine", () => {
  const page: ExecuteProgress = { type: "page", pages: 1, expectedPages: 3, chats: 100 };
  const refused = retry({ kind: "network", reason: "ECONNREFUSED" }, 500, 3);

  it("without a terminal: no progress, but every retry on a line of its own", () => {
    const { out, written } = stream(false);
    const line = new ProgressLine(out);
    line.update(page);
    line.update({ type: "wait", reason: "rate-limit", ms: 2000 });
    line.update(refused);
    line.clear();
    expect(written()).toBe("connection refused; retrying in 0.5 s (attempt 3 of 6)\n");
  });

  it("on a terminal: the progress line is erased before a retry's line, which stays", () => {
    const { out, written } = stream(true);
    const line = new ProgressLine(out);
    line.update(page);
    line.update(refused);
    line.update(page);
    line.clear();
    expect(written()).toBe(
      [
        "\r\x1b[Kpage 1 of 3 · 100 chats…",
        "\r\x1b[K",
        "connection refused; retrying in 0.5 s (attempt 3 of 6)\n",
        "\r\x1b[Kpage 1 of 3 · 100 chats…",
        "\r\x1b[K",
      ].join(""),
    );
  });
});

describe("ProgressLine.aside: output written in the line's place", () => {
  const page: ExecuteProgress = { type: "page", pages: 2, expectedPages: 5, chats: 200 };
  const wait: ExecuteProgress = { type: "wait", reason: "rate-limit", ms: 60_000 };

  /** A line on a terminal with a clock the test moves. */
  function terminalLine() {
    const { out, written } = stream(true);
    const clock = { now: 0 };
    const line = new ProgressLine(out, () => clock.now);
    return { line, clock, written };
  }

  it("the line is erased before, and shown again after", async () => {
    const { line, written } = terminalLine();
    line.update(page);
    await line.aside(async () => {});
    expect(written()).toBe(
      ["\r\x1b[Kpage 2 of 5 · 200 chats…", "\r\x1b[K", "\r\x1b[Kpage 2 of 5 · 200 chats…"].join(""),
    );
  });

  it("a wait comes back with the time left of it", async () => {
    const { line, clock, written } = terminalLine();
    line.update(wait);
    clock.now = 15_000;
    await line.aside(async () => {});
    expect(written()).toBe(
      [
        "\r\x1b[Kwaiting 60 s for the rate limit…",
        "\r\x1b[K",
        "\r\x1b[Kwaiting 45 s for the rate limit…",
      ].join(""),
    );
  });

  it("a wait that is over does not come back", async () => {
    const { line, clock, written } = terminalLine();
    line.update(wait);
    clock.now = 60_000;
    await line.aside(async () => {});
    expect(written()).toBe(["\r\x1b[Kwaiting 60 s for the rate limit…", "\r\x1b[K"].join(""));
  });

  it("an update while the output is written is shown after it, not in the middle", async () => {
    const { line, written } = terminalLine();
    line.update(page);
    await line.aside(async () => {
      line.update(wait);
      expect(written()).toBe(["\r\x1b[Kpage 2 of 5 · 200 chats…", "\r\x1b[K"].join(""));
    });
    expect(written()).toBe(
      ["\r\x1b[Kpage 2 of 5 · 200 chats…", "\r\x1b[K", "\r\x1b[Kwaiting 60 s for the rate limit…"].join(""),
    );
  });

  it("after clear, nothing comes back", async () => {
    const { line, written } = terminalLine();
    line.update(page);
    line.clear();
    await line.aside(async () => {});
    expect(written()).toBe(["\r\x1b[Kpage 2 of 5 · 200 chats…", "\r\x1b[K"].join(""));
  });

  it("without a terminal, only the output", async () => {
    const { out, written } = stream(false);
    const line = new ProgressLine(out);
    line.update(wait);
    await line.aside(async () => {
      out.write("chats\n");
    });
    expect(written()).toBe("chats\n");
  });
});

describe("describeProgress: counts with their thousands separated, as the footer writes them", () => {
  it.each<[ExecuteProgress, string]>([
    [{ type: "page", pages: 114, expectedPages: 300, chats: 11_400 }, "page 114 of 300 · 11,400 chats…"],
    [
      { type: "page", pages: 1200, expectedPages: 1305, chats: 120_000 },
      "page 1,200 of 1,305 · 120,000 chats…",
    ],
  ])("%j", (event, text) => {
    expect(describeProgress(event)).toBe(text);
  });
});

describe("ProgressLine.placeholder: the shell's 'searching…'", () => {
  it("is shown while no event is", () => {
    const { out, written } = stream(true);
    new ProgressLine(out).placeholder("searching… (Ctrl-C cancels)");
    expect(written()).toBe("\r\x1b[Ksearching… (Ctrl-C cancels)");
  });

  it("does not hide a wait for the rate limit reported before it", () => {
    const { out, written } = stream(true);
    const line = new ProgressLine(out);
    line.update({ type: "wait", reason: "rate-limit", ms: 57_000 });
    line.placeholder("searching… (Ctrl-C cancels)");
    expect(written()).toBe("\r\x1b[Kwaiting 57 s for the rate limit…");
  });

  it("is shown again once the line was cleared (the next search)", () => {
    const { out, written } = stream(true);
    const line = new ProgressLine(out);
    line.update({ type: "page", pages: 1, expectedPages: 3, chats: 100 });
    line.clear();
    line.placeholder("searching…");
    expect(written()).toBe(["\r\x1b[Kpage 1 of 3 · 100 chats…", "\r\x1b[K", "\r\x1b[Ksearching…"].join(""));
  });
});
