import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import type { Chat } from "../../src/language/api.js";
import { width } from "../../src/output/text.js";
import { hcql, runCli } from "../support/cli.js";
import { forwardTo, json, type Reply, scriptedServer } from "../support/scripted-server.js";

/**
 * `hcql run --all` streams over real HTTP against the emulator: the output is exactly the buffered
 * output of the same chats (a table's columns fitted to the first page), it starts after the first
 * page, and a failure after two pages leaves those pages on stdout, said to be partial, exit 3.
 */

const NOW = 1_750_000_000;
const CLOCK = ["--now", String(NOW), "--tz", "UTC"];
const KEY = "stream-test-key";
const ENV = { HELPCRUNCH_API_KEY: KEY };
/** Chats of two bodies merged from two bodies, in lastMessageAt order (more than two pages). */
const MERGED =
  "(status = closed and tags = VIP) or rating = poor or status = pending sort by lastMessageAt asc";

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY], anchor: NOW, chats: 800, rateLimit: false });
});

afterAll(async () => {
  await emulator.close();
});

/** `hcql run` against `url` (the emulator unless given). */
function run(args: readonly string[], url = emulator.url) {
  return hcql(["run", ...CLOCK, "--api-url", url, ...args], { env: ENV });
}

/** A server that answers its first `pages` requests from the emulator, then 503 (retried at once, 6 times). */
async function failingAfter(context: TestContext, pages: number) {
  const unavailable = json(
    503,
    { errors: [{ code: "unavailable", message: "down" }] },
    { "retry-after": "0" },
  );
  const replies: Reply[] = [...Array.from({ length: pages }, () => forwardTo(emulator.url)), unavailable];
  const server = await scriptedServer(replies);
  context.onTestFinished(() => server.close());
  return server;
}

const FAILED = [
  ...[2, 3, 4, 5, 6].map((n) => `HTTP 503; retrying in 0 s (attempt ${n} of 6)`),
  "hcql run: the API failed with HTTP 503 after 6 attempts: down (unavailable): try again later",
  "hcql run: the output is partial: 200 chats written before the failure",
  "",
].join("\n");

describe.concurrent("hcql run --all: the buffered output, written as it arrives", () => {
  it.each(["json", "ndjson", "csv"])("%s, one body and merged bodies", async (format) => {
    for (const query of ["", MERGED]) {
      const [streamed, buffered] = await Promise.all([
        run(["--all", "--format", format, query]),
        run(["--format", format, `${query} limit 10000`]),
      ]);
      expect(streamed).toEqual({ code: 0, stdout: buffered.stdout, stderr: "" });
      expect(buffered.code).toBe(0);
    }
  });

  it("the merged query holds chats of both bodies, past one page", async () => {
    const r = await run(["--all", "--format", "json", MERGED]);
    const chats = JSON.parse(r.stdout) as Chat[];
    expect(chats.length).toBeGreaterThan(100);
    // From the first body (closed, VIP) and from the second (poor or pending).
    expect(chats.some((c) => c.status === "closed" && c.rating !== "poor")).toBe(true);
    expect(chats.some((c) => c.status === "pending")).toBe(true);
  });

  it("csv: the header once, then a row per chat", async () => {
    const r = await run(["--all", "--format", "csv", "--columns", "id", ""]);
    const lines = r.stdout.split("\r\n");
    expect(lines[0]).toBe("id");
    expect(lines.filter((line) => line === "id")).toHaveLength(1);
    expect(lines).toHaveLength(1 + 800 + 1);
    expect(lines.at(-1)).toBe("");
  });

  it("table: the first page's rows as a table of that page; later rows in its widths", async () => {
    const [streamed, firstPage] = await Promise.all([
      run(["--all", "--format", "table", ""]),
      run(["--format", "table", "limit 100"]),
    ]);
    expect(streamed.code).toBe(0);
    const lines = streamed.stdout.split("\n");
    expect(lines.slice(0, 101)).toEqual(firstPage.stdout.split("\n").slice(0, 101));
    expect(lines).toHaveLength(1 + 800 + 1);
    expect(lines.filter((line) => line.trimStart().startsWith("ID  STATUS"))).toHaveLength(1);
    const widest = Math.max(...lines.slice(0, 101).map(width));
    expect(Math.max(...lines.slice(101).map(width))).toBeLessThanOrEqual(widest);
    // Later messages longer than the first page's widest are cut to it.
    expect(lines.slice(101).some((line) => line.includes("…"))).toBe(true);
  });

  it("the first page is on stdout before the second page is answered", async (context) => {
    let firstOutput: () => void = () => {};
    const written = new Promise<void>((resolve) => {
      firstOutput = resolve;
    });
    // The second answer waits for output; if none comes within 10 s, a 404 fails the run.
    const afterOutput: Reply = (res, request) => {
      const timer = setTimeout(() => json(404, {})(res, request), 10_000);
      void written.then(() => {
        clearTimeout(timer);
        forwardTo(emulator.url)(res, request);
      });
    };
    const server = await scriptedServer([forwardTo(emulator.url), afterOutput, forwardTo(emulator.url)]);
    context.onTestFinished(() => server.close());
    const r = await runCli(
      ["run", ...CLOCK, "--api-url", server.url, "--all", "--format", "ndjson", "limit 250"],
      {
        env: ENV,
        started: (child) => child.stdout?.once("data", () => firstOutput()),
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")).toHaveLength(251);
    expect(server.seen).toHaveLength(3);
  });
});

describe.concurrent("hcql run --all: a server failing after 2 pages", () => {
  it.for(["ndjson", "csv", "table"])("%s: the 200 chats stay on stdout; exit 3", async (format, context) => {
    const server = await failingAfter(context, 2);
    const [r, whole] = await Promise.all([
      run(["--all", "--format", format, ""], server.url),
      run(["--all", "--format", format, ""]),
    ]);
    const firstRows = format === "csv" ? whole.stdout.split("\r\n") : whole.stdout.split("\n");
    const eol = format === "csv" ? "\r\n" : "\n";
    const header = format === "ndjson" ? 0 : 1;
    expect(r).toEqual({
      code: 3,
      stdout: `${firstRows.slice(0, header + 200).join(eol)}${eol}`,
      stderr: FAILED,
    });
    expect(server.seen).toHaveLength(2 + 6);
  });

  it("json: the array left open; --partial closes it", async (context) => {
    const [open, closed, first200] = await Promise.all([
      failingAfter(context, 2).then((server) => run(["--all", "--format", "json", ""], server.url)),
      failingAfter(context, 2).then((server) =>
        run(["--all", "--partial", "--format", "json", ""], server.url),
      ),
      run(["--format", "json", "limit 200"]),
    ]);
    expect(closed).toEqual({ code: 3, stdout: first200.stdout, stderr: FAILED });
    expect(open).toEqual({ code: 3, stdout: first200.stdout.slice(0, -"\n]\n".length), stderr: FAILED });
    expect(() => JSON.parse(open.stdout)).toThrow(SyntaxError);
    expect(JSON.parse(closed.stdout)).toHaveLength(200);
  });

  it("a failure of the first page: nothing on stdout, the reason on stderr", async (context) => {
    const server = await failingAfter(context, 0);
    const r = await run(["--all", "--partial", "--format", "json", ""], server.url);
    expect(r).toEqual({
      code: 3,
      stdout: "",
      stderr: FAILED.replace("hcql run: the output is partial: 200 chats written before the failure\n", ""),
    });
  });
});
