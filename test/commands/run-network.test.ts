import { describe, expect, it, type TestContext } from "vitest";
import type { Chat } from "../../src/language/api.js";
import { hcql, runCli } from "../support/cli.js";
import { closedPort, hang, json, page, type Reply, scriptedServer } from "../support/scripted-server.js";

/**
 * `hcql run` against an API that fails: every retry says why on stderr (stderr is a pipe here),
 * what retrying cannot fix fails at once, and a failure after some pages prints no partial result
 * unless --partial asks for it; with --all the chats written before it stay, said to be partial.
 */

const NOW = ["--now", "1593000000", "--tz", "UTC"];
const ENV = { HELPCRUNCH_API_KEY: "k" };

/** A scripted server, closed when the test ends (tests here run at the same time). */
async function serve(context: TestContext, replies: readonly Reply[]) {
  const server = await scriptedServer(replies);
  context.onTestFinished(() => server.close());
  return server;
}

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
/** Fails at once when retried: Retry-After 0 skips the backoff. */
const UNAVAILABLE = json(503, { errors: [{ code: "unavailable", message: "down" }] }, { "retry-after": "0" });
const FIVE_RETRIES = [2, 3, 4, 5, 6].map((n) => `HTTP 503; retrying in 0 s (attempt ${n} of 6)`);

describe.concurrent("hcql run: retries say why", () => {
  it("a 503, then an answer: the retry and its wait on stderr, the chats on stdout", async (context) => {
    const server = await serve(context, [json(503, {}), json(200, page([7], 1))]);
    const r = await hcql(["run", ...NOW, "--api-url", server.url, "limit 1"], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^HTTP 503; retrying in (0|0\.\d|1) s \(attempt 2 of 6\)\n$/);
    expect((JSON.parse(r.stdout) as Chat[]).map((c) => c.id)).toEqual([7]);
    expect(server.seen).toHaveLength(2);
  });

  it("a 429 is a wait for the rate limit, for as long as Retry-After says", async (context) => {
    const server = await serve(context, [json(429, {}, { "retry-after": "1" }), json(200, page([7], 1))]);
    const r = await hcql(["run", ...NOW, "--api-url", server.url, "limit 1"], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("rate limited: waiting 1 s (attempt 2 of 6)\n");
    expect(server.seen).toHaveLength(2);
  });

  it("no such host: one attempt, no retry", async () => {
    const r = await hcql(["run", ...NOW, "--api-url", "https://api.hcql-test.invalid/v1", "limit 1"], {
      env: ENV,
    });
    expect(r).toEqual({
      code: 3,
      stdout: "",
      stderr:
        "hcql run: could not reach api.hcql-test.invalid: no such host (ENOTFOUND): check the host name in the base URL\n",
    });
  });

  it("https to a plain HTTP port: one attempt, the TLS failure named", async (context) => {
    const server = await serve(context, [json(200, page([7], 1))]);
    const url = server.url.replace("http:", "https:");
    const r = await hcql(["run", ...NOW, "--api-url", url, "limit 1"], { env: ENV });
    expect(r).toEqual({
      code: 3,
      stdout: "",
      stderr: `hcql run: could not reach ${new URL(url).host}: the TLS handshake failed (ERR_SSL_WRONG_VERSION_NUMBER): does the server speak https? (use http:// for a plain HTTP server)\n`,
    });
    expect(server.seen).toHaveLength(0);
  });

  it.each([
    ["http://127.0.0.1:0/v1", "the base URL's port is 0, which no server can listen on"],
    ["http://127.0.0.1:70000/v1", "the base URL's port is past 65535, the highest there is"],
  ])("%s is refused before anything is sent: exit 2", async (url, message) => {
    const r = await hcql(["run", ...NOW, "--api-url", url, "limit 1"], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(`hcql run: ${message}`);
  });
});

describe("hcql run: a refused connection", () => {
  it("4 attempts, each retry said, given up well within 5 s", async () => {
    const port = await closedPort();
    let firstRetry: number | undefined;
    const r = await runCli(["run", ...NOW, "--api-url", `http://127.0.0.1:${port}/v1`, "limit 1"], {
      env: ENV,
      started: (child) => child.stderr?.once("data", () => (firstRetry = performance.now())),
    });
    const retrying = performance.now() - firstRetry!;
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        "connection refused; retrying in 0.2 s (attempt 2 of 4)",
        "connection refused; retrying in 0.5 s (attempt 3 of 4)",
        "connection refused; retrying in 1 s (attempt 4 of 4)",
        `hcql run: could not reach 127.0.0.1:${port}: connection refused (ECONNREFUSED) after 4 attempts: is the server running, and is the base URL's port right?`,
        "",
      ].join("\n"),
    );
    // From the first failure to the last: the waits add up to 1.7 s (starting node is not counted;
    // this process may see the first line late, so the lower bound is loose too).
    expect(retrying).toBeGreaterThan(1200);
    expect(retrying).toBeLessThan(5000);
  });
});

describe.concurrent("hcql run: a failure after some pages", () => {
  /** 350 matching chats; pages 1 and 2 arrive, page 3 on fails. */
  const failingFromPage3 = (context: TestContext) =>
    serve(context, [json(200, page(ids(1, 100), 350)), json(200, page(ids(101, 100), 350)), UNAVAILABLE]);
  const FAILED =
    "hcql run: the API failed with HTTP 503 after 6 attempts: down (unavailable): try again later";

  /** stderr: the retries, the failure, then `last`. */
  const failedThen = (last: string) => [...FIVE_RETRIES, FAILED, last, ""].join("\n");
  const WRITTEN = "hcql run: the output is partial: 200 chats written before the failure";

  /** The 200 chats of pages 1 and 2 as `--format json` prints a whole result of them. */
  const firstTwoPages = async (context: TestContext) => {
    const server = await serve(context, [
      json(200, page(ids(1, 100), 200)),
      json(200, page(ids(101, 100), 200)),
    ]);
    const whole = await hcql(["run", ...NOW, "--all", "--api-url", server.url, "status = pending"], {
      env: ENV,
    });
    expect(whole.code).toBe(0);
    return whole.stdout;
  };

  it("--all: the chats written stay, the JSON array left open; stderr says so; exit 3", async (context) => {
    const whole = await firstTwoPages(context);
    const server = await failingFromPage3(context);
    const r = await hcql(["run", ...NOW, "--all", "--api-url", server.url, "status = pending"], { env: ENV });
    expect(r.code).toBe(3);
    expect(whole.endsWith("\n  }\n]\n")).toBe(true);
    expect(r.stdout).toBe(whole.slice(0, -"\n]\n".length));
    expect(() => JSON.parse(r.stdout)).toThrow(SyntaxError);
    expect(r.stderr).toBe(failedThen(WRITTEN));
    expect(server.seen).toHaveLength(2 + 6);
  });

  it("--all --partial: the same, with the JSON array closed", async (context) => {
    const whole = await firstTwoPages(context);
    const server = await failingFromPage3(context);
    const r = await hcql(["run", ...NOW, "--all", "--partial", "--api-url", server.url, "status = pending"], {
      env: ENV,
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe(whole);
    expect((JSON.parse(r.stdout) as Chat[]).map((c) => c.id)).toEqual(ids(1, 200));
    expect(r.stderr).toBe(failedThen(WRITTEN));
  });

  it("without --all (limit 300): exit 3, how many chats arrived, nothing on stdout", async (context) => {
    const server = await failingFromPage3(context);
    const r = await hcql(["run", ...NOW, "--api-url", server.url, "status = pending limit 300"], {
      env: ENV,
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      failedThen(
        "hcql run: 200 chats were fetched before the failure; the partial result is not printed (--partial prints it)",
      ),
    );
  });

  it("without --all (limit 300), --partial: the chats that arrived, said to be partial, still exit 3", async (context) => {
    const whole = await firstTwoPages(context);
    const server = await failingFromPage3(context);
    const r = await hcql(
      ["run", ...NOW, "--partial", "--api-url", server.url, "status = pending limit 300"],
      { env: ENV },
    );
    expect(r.code).toBe(3);
    expect(r.stdout).toBe(whole);
    expect(r.stderr).toBe(
      failedThen("hcql run: the result printed is partial: 200 chats were fetched before the failure"),
    );
  });

  it("--timeout after some pages (limit 300): how many arrived; --partial prints them, still exit 3", async (context) => {
    const whole = await firstTwoPages(context);
    const hanging = () =>
      serve(context, [json(200, page(ids(1, 100), 350)), json(200, page(ids(101, 100), 350)), hang]);
    const run = async (flags: readonly string[]) => {
      const server = await hanging();
      return hcql(
        ["run", ...NOW, "--timeout", "1", ...flags, "--api-url", server.url, "status = pending limit 300"],
        { env: ENV },
      );
    };
    const [quiet, partial] = await Promise.all([run([]), run(["--partial"])]);
    const TIMED_OUT = "hcql run: no result within 1 s (--timeout)";
    expect(quiet).toEqual({
      code: 3,
      stdout: "",
      stderr: `${TIMED_OUT}\nhcql run: 200 chats were fetched before the failure; the partial result is not printed (--partial prints it)\n`,
    });
    expect(partial).toEqual({
      code: 3,
      stdout: whole,
      stderr: `${TIMED_OUT}\nhcql run: the result printed is partial: 200 chats were fetched before the failure\n`,
    });
  });

  it("hcql run --help lists every exit code, 74 for output that cannot be written too", async () => {
    const r = await hcql(["run", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /\nExit codes: 0 done, 1 the query has errors, 2 wrong usage, 3 the API or the network failed,\n74 the output could not be written \(a full disk\), 130 interrupted \(Ctrl-C\)\.\n$/,
    );
  });

  it("hcql run --help explains --all and --partial", async () => {
    const r = await hcql(["run", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        "  --all             fetch every matching chat when the query has no limit (default: 100); the",
        "                    chats are written page by page as they arrive",
        "  --partial         when the API fails after some pages, print the chats fetched so far (still",
        "                    exit 3, and say on stderr that the result is partial); default: print nothing.",
        "                    With --all the chats already written stay on stdout either way, stderr says",
        "                    the output is partial, and JSON's closing ] is written only with --partial",
      ].join("\n"),
    );
  });

  it("--partial when the first request fails: nothing to print, nothing said about it", async (context) => {
    const server = await serve(context, [json(404, {})]);
    const r = await hcql(["run", ...NOW, "--all", "--partial", "--api-url", server.url, "limit 1"], {
      env: ENV,
    });
    expect(r).toEqual({
      code: 3,
      stdout: "",
      stderr:
        "hcql run: POST /chats/search was not found (404): check the API base URL (HelpCrunch's is https://api.helpcrunch.com/v1)\n",
    });
  });

  it("a count: exit 3 saying how many chats were counted; --partial prints the partial count", async (context) => {
    const server = await failingFromPage3(context);
    const r = await hcql(["run", ...NOW, "--api-url", server.url, "count by status"], { env: ENV });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n").slice(-2)).toEqual([
      "hcql run: 200 chats were counted before the failure; the partial result is not printed (--partial prints it)",
      "",
    ]);
    const again = await failingFromPage3(context);
    const partial = await hcql(["run", ...NOW, "--partial", "--api-url", again.url, "count by status"], {
      env: ENV,
    });
    expect(partial.code).toBe(3);
    expect(partial.stdout).toBe('{"total":200,"groups":[{"key":{"status":"pending"},"count":200}]}\n');
    expect(partial.stderr.split("\n").slice(-2)).toEqual([
      "hcql run: the result printed is partial: 200 chats were counted before the failure",
      "",
    ]);
  });
});

describe.concurrent("hcql run --rate-limit", () => {
  it("paces the requests: at 1 a minute the second page waits; --timeout then leaves the first", async (context) => {
    const one = await serve(context, [json(200, page(ids(1, 100), 100))]);
    const firstPage = await hcql(["run", ...NOW, "--format", "ndjson", "--api-url", one.url, "limit 100"], {
      env: ENV,
    });
    const server = await serve(context, [
      json(200, page(ids(1, 100), 150)),
      json(200, page(ids(101, 50), 150)),
    ]);
    const r = await hcql(
      ["run", ...NOW, "--all", "--format", "ndjson", "--rate-limit", "1", "--timeout", "2"].concat([
        "--api-url",
        server.url,
        "status = pending",
      ]),
      { env: ENV },
    );
    expect(firstPage.stdout.split("\n")).toHaveLength(101);
    expect(r).toEqual({
      code: 3,
      stdout: firstPage.stdout,
      stderr: [
        "hcql run: no result within 2 s (--timeout)",
        "hcql run: the output is partial: 100 chats written before the failure",
        "",
      ].join("\n"),
    });
    expect(server.seen).toHaveLength(1);
  });

  it.each(["x", "1.5", "", "99999999"])("--rate-limit %j is a usage error", async (value) => {
    const r = await hcql(["run", ...NOW, "--rate-limit", value, "limit 1"], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(
      `hcql run: --rate-limit must be a whole number of requests per minute (0: no pacing), not '${value}'`,
    );
  });
});

describe("hcql run --all, interrupted", () => {
  it("Ctrl-C after the first page: it stays on stdout, said to be partial; exit 130", async (context) => {
    const one = await serve(context, [json(200, page(ids(1, 100), 100))]);
    const firstPage = await hcql(["run", ...NOW, "--format", "json", "--api-url", one.url, "limit 100"], {
      env: ENV,
    });
    const server = await serve(context, [json(200, page(ids(1, 100), 350)), hang]);
    const r = await runCli(
      ["run", ...NOW, "--all", "--format", "json", "--api-url", server.url, "status = pending"],
      {
        env: ENV,
        started: (child) =>
          child.stdout?.once("data", () => {
            const poll = setInterval(() => {
              if (server.seen.length < 2) return;
              clearInterval(poll);
              child.kill("SIGINT");
            }, 10);
          }),
      },
    );
    expect(r).toMatchObject({
      code: 130,
      stdout: firstPage.stdout.slice(0, -"\n]\n".length),
      stderr:
        "hcql run: interrupted\nhcql run: the output is partial: 100 chats written before the interruption\n",
    });
  });
});
