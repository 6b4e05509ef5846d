import { existsSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateDataset, serializeDataset } from "../../src/emulator/index.js";
import { hcql, serve } from "../support/cli.js";

describe("hcql serve", () => {
  it("prints the URL, a key and a sample curl; answers; exits 0 on SIGTERM", async () => {
    const served = await serve(["--anchor", "1780000000", "--chats", "50", "--key", "k1"]);
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(served.firstLines).toContain("API key: k1");
    expect(served.firstLines).toContain(`curl -s -H 'Authorization: Bearer k1'`);
    const response = await fetch(`${served.url}/chats/search`, {
      method: "POST",
      headers: { authorization: "Bearer k1" },
      body: JSON.stringify({ filter: [], limit: 3 }),
    });
    const page = (await response.json()) as { data: unknown[]; meta: { total: number } };
    expect([response.status, page.data.length, page.meta.total]).toEqual([200, 3, 50]);
    const { code, stderr } = await served.stop("SIGTERM");
    expect(code).toBe(0);
    expect(stderr).toBe("POST /v1/chats/search 200\nstopped (SIGTERM)\n");
  });

  it.each([
    ["1200", "Data: 1,200 chats, 12 agents, 4 departments"],
    ["1", "Data: 1 chat, 12 agents, 4 departments"],
  ])("--chats %s: counts the data as the rest of hcql does", async (chats, line) => {
    const served = await serve(["--chats", chats]);
    expect(served.firstLines.split("\n")).toContain(line);
    expect((await served.stop("SIGTERM")).code).toBe(0);
  });

  it("exits 0 on SIGINT (Ctrl-C)", async () => {
    const served = await serve(["--chats", "10", "--quiet"]);
    expect((await fetch(`${served.url}/agents`, { headers: { authorization: "Bearer demo" } })).status).toBe(
      200,
    );
    expect(await served.stop("SIGINT")).toEqual({ code: 0, stderr: "stopped (SIGINT)\n" });
  });

  it("--export writes the dataset that --seed, --chats and --anchor generate, and --data serves it", async () => {
    const exported = await hcql([
      "serve",
      "--export",
      "-",
      "--seed",
      "4",
      "--chats",
      "30",
      "--anchor",
      "2026-06-01",
    ]);
    expect(exported.code).toBe(0);
    const expected = serializeDataset(
      generateDataset({ seed: 4, chats: 30, anchor: Date.UTC(2026, 5, 1) / 1000 }),
    );
    expect(exported.stdout).toBe(expected);

    const file = join(mkdtempSync(join(tmpdir(), "hcql-serve-")), "data.json");
    expect(
      await hcql(["serve", "--export", file, "--seed", "4", "--chats", "30", "--anchor", "1780272000"]),
    ).toEqual({ code: 0, stdout: "", stderr: `wrote 30 chats to ${file}\n` });
    expect(readFileSync(file, "utf8")).toBe(expected);
    const served = await serve(["--data", file, "--quiet"]);
    const response = await fetch(`${served.url}/chats?limit=100`, {
      headers: { authorization: "Bearer demo" },
    });
    const page = (await response.json()) as { meta: { total: number } };
    expect(page.meta.total).toBe(30);
    expect((await served.stop("SIGTERM")).code).toBe(0);
  });

  it.each([
    [["--chats", "1200"], "wrote 1,200 chats"],
    [["--chats", "1"], "wrote 1 chat"],
  ])("--export FILE %j says %j, as the other counts are written", async (args, said) => {
    const file = join(mkdtempSync(join(tmpdir(), "hcql-serve-")), "data.json");
    expect(await hcql(["serve", "--export", file, "--seed", "4", ...args])).toEqual({
      code: 0,
      stdout: "",
      stderr: `${said} to ${file}\n`,
    });
  });

  it.each([
    [["--port", "http"], "--port must be a whole number up to 65535, not 'http'"],
    [["--fail-rate", "2"], "--fail-rate must be a number from 0 to 1, not '2'"],
    [["--fail-rate", "0x1"], "--fail-rate must be a number from 0 to 1, not '0x1'"],
    [["--fail-rate", " .5"], "--fail-rate must be a number from 0 to 1, not ' .5'"],
    [["--faults", "500,boom"], "unknown fault 'boom'; the kinds are 500, 429, reset, malformed, delay"],
    [["--anchor", "last week"], "--anchor must be UNIX seconds or an ISO date-time, not 'last week'"],
    [
      ["--anchor", "0"],
      "--anchor must be from 31536000 (1971-01-01: the chats span the year before it) to 253402300799 (9999-12-31T23:59:59Z), not '0'",
    ],
    [
      ["--anchor", "99999999999999"],
      "--anchor must be from 31536000 (1971-01-01: the chats span the year before it) to 253402300799 (9999-12-31T23:59:59Z), not '99999999999999'",
    ],
    [["--data", "/nonexistent/data.json"], "cannot read /nonexistent/data.json: no such file"],
    // Read up to its bound, not until memory runs out.
    [
      ["--data", "/dev/zero"],
      "/dev/zero is larger than 536,870,888 bytes, the most a data file may hold (about 470,000 chats); serve more chats with --chats N",
    ],
    [["--export", "/nonexistent/data.json"], "cannot write /nonexistent/data.json: no such directory"],
    [["--chats", "-5"], "--chats must be a whole number up to 1000000, not '-5'"],
    [["--rate-limit", "-1"], "--rate-limit must be a whole number, not '-1'"],
    [
      ["--data", "x.json", "--seed", "2"],
      "--data serves the file's chats; --seed, --chats and --anchor generate chats instead",
    ],
    [["extra"], "unexpected argument 'extra'"],
  ])("usage error: %j", async (args, message) => {
    const run = await hcql(["serve", ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(`hcql serve: ${message}`);
  });

  it("a --data file larger than the bound is refused unread", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "hcql-serve-")), "huge.json");
    // Sparse: 600 MB that take no disk and would take seconds to read.
    writeFileSync(file, "");
    truncateSync(file, 600_000_000);
    const run = await hcql(["serve", "--data", file]);
    expect([run.code, run.stderr.split("\n")[0]]).toEqual([
      2,
      `hcql serve: ${file} is larger than 536,870,888 bytes, the most a data file may hold (about 470,000 chats); serve more chats with --chats N`,
    ]);
  });

  it("a --data file that begins with a byte order mark is served", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "hcql-serve-")), "bom.json");
    const dataset = generateDataset({ seed: 2, chats: 5, anchor: 1_780_000_000 });
    writeFileSync(file, `\uFEFF${serializeDataset(dataset)}`);
    const served = await serve(["--data", file, "--quiet"]);
    expect(served.firstLines.split("\n")).toContain("Data: 5 chats, 12 agents, 4 departments");
    expect((await served.stop("SIGTERM")).code).toBe(0);
  });

  it("--export of more than a megabyte (written in pieces) is the whole dataset file", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "hcql-serve-")), "data.json");
    const run = await hcql(["serve", "--export", file, "--chats", "3000", "--anchor", "1780000000"]);
    expect(run).toEqual({ code: 0, stdout: "", stderr: `wrote 3,000 chats to ${file}\n` });
    const expected = serializeDataset(generateDataset({ seed: 1, chats: 3000, anchor: 1_780_000_000 }));
    expect(expected.length).toBeGreaterThan(3 << 20);
    expect(readFileSync(file, "utf8")).toBe(expected);
  });

  it.skipIf(!existsSync("/dev/full"))(
    "--export to a full disk says so and exits 74, as output that cannot be written does",
    async () => {
      const run = await hcql(["serve", "--export", "/dev/full", "--chats", "3000"]);
      expect(run).toEqual({
        code: 74,
        stdout: "",
        stderr: "hcql serve: cannot write /dev/full: no space left on the device\n",
      });
    },
  );

  it("a --data file with a bad record is a usage error naming the value", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "hcql-serve-")), "bad.json");
    writeFileSync(
      file,
      JSON.stringify({ chats: [{ chat: { id: 1, status: "gone", createdAt: 1, customer: { id: 1 } } }] }),
    );
    const run = await hcql(["serve", "--data", file]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(
      `hcql serve: ${file}: chats[0].chat.status: unknown status "gone"; use one of "new", "opened", "pending", "on hold", "no communication", "closed", "empty"`,
    );
  });

  it("a port in use is a usage error", async () => {
    const served = await serve(["--chats", "5", "--quiet"]);
    const port = new URL(served.url).port;
    const run = await hcql(["serve", "--port", port, "--chats", "5"]);
    await served.stop("SIGTERM");
    expect([run.code, run.stderr.split("\n")[0]]).toEqual([
      2,
      `hcql serve: port ${port} is already in use; choose another with --port (0 picks a free one)`,
    ]);
  });
});
