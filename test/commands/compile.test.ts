import { describe, expect, it } from "vitest";
import { COMPILE_EXAMPLES, EXAMPLE_NOW } from "../compiler/examples.data.js";
import { hcql } from "../support/cli.js";

const CLOCK = ["--now", String(EXAMPLE_NOW)];

describe("hcql compile: the spec's examples", () => {
  it.concurrent.for(COMPILE_EXAMPLES.map((c) => [c.query, c] as const))("%s", async ([, c], { expect }) => {
    const run = await hcql(["compile", ...CLOCK, "--tz", c.options?.timeZone ?? "UTC", "--", c.query]);
    expect(run.stderr).toEqual(c.bodies?.length === 0 ? expect.stringContaining("never-matches") : "");
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    if (c.body !== undefined) {
      expect(run.stdout).toBe(`${JSON.stringify(c.body, null, 2)}\n`);
    } else {
      expect(Array.isArray(printed)).toBe(true);
      const sorted = (bodies: unknown[]) => bodies.map((b) => JSON.stringify(b)).sort();
      expect(sorted(printed)).toEqual(sorted(c.bodies!));
    }
  });
});

describe("hcql compile", () => {
  it("prints one body as an object, several as an array, none as []", async () => {
    const one = await hcql(["compile", "--tz", "UTC", "status = new"]);
    expect(one).toEqual({
      code: 0,
      stdout:
        '{\n  "filter": [\n    {\n      "field": "chats.status",\n      "operator": "=",\n      "value": "1"\n    }\n  ]\n}\n',
      stderr: "",
    });
    const several = await hcql([
      "compile",
      "--tz",
      "UTC",
      "--compact",
      "status in (new, opened) and department = 12",
    ]);
    expect(several.stdout).toBe(
      '[{"filter":[{"field":"chats.status","operator":"=","value":"1"},{"field":"chats.department","operator":"=","value":12}],"comparison":"AND","sort":"chats.createdAt","order":"DESC","limit":100},{"filter":[{"field":"chats.status","operator":"=","value":"2"},{"field":"chats.department","operator":"=","value":12}],"comparison":"AND","sort":"chats.createdAt","order":"DESC","limit":100}]\n',
    );
    const none = await hcql(["compile", "--tz", "UTC", "status = new and status = closed"]);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe("[]\n");
    expect(none.stderr).toContain(
      "warning[never-matches]: 'status = new' together with 'status = closed' can never match",
    );
  });

  it("joins arguments and reads stdin with -", async () => {
    expect((await hcql(["compile", "--compact", "status", "=", "pending"])).stdout).toBe(
      '{"filter":[{"field":"chats.status","operator":"=","value":"3"}]}\n',
    );
    expect((await hcql(["compile", "--compact", "-"], { input: "rating = poor # unhappy\n" })).stdout).toBe(
      '{"filter":[{"field":"chats.rating","operator":"=","value":"poor"}]}\n',
    );
  });

  it("renders errors on stderr and exits 1", async () => {
    const run = await hcql(["compile", "stauts = 1"]);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "error[unknown-field]: unknown field 'stauts'\n  |\n1 | stauts = 1\n  | ^^^^^^ did you mean 'status'?\n",
    });
  });

  it.each([
    // --now as an ISO date-time: wall clock in the session zone, or with its own offset.
    [["--tz", "Europe/Berlin", "--now", "2025-06-15T17:06:40"], 1749395200],
    [["--tz", "UTC", "--now", "2025-06-15T15:06:40Z"], 1749395200],
    [["--tz", "Asia/Tokyo", "--now", "2025-06-15T17:06:40+02:00"], 1749395200],
    [["--now", "1750000000"], 1749395200],
  ])("%j", async (flags, value) => {
    const run = await hcql(["compile", "--compact", ...flags, "createdAt > 7d ago"]);
    expect(run.stdout).toBe(`{"filter":[{"field":"chats.createdAt","operator":">","value":${value}}]}\n`);
  });

  it.each([
    [["--tz", "Europe/Berlin"], 1592949600],
    [["--tz", "America/New_York"], 1592971200],
    [[], 1592956800],
  ])("--tz %j, and TZ from the environment", async (flags, start) => {
    const env = flags.length === 0 ? { TZ: "UTC" } : { TZ: "Asia/Tokyo" };
    const run = await hcql(["compile", "--compact", ...flags, "createdAt >= 2020-06-24"], { env });
    expect(run.stdout).toBe(`{"filter":[{"field":"chats.createdAt","operator":">=","value":${start}}]}\n`);
    const fromEnv = await hcql(["compile", "--compact", "createdAt >= 2020-06-24"], {
      env: { TZ: "Europe/Berlin" },
    });
    expect(fromEnv.stdout).toContain("1592949600");
  });

  it.each([
    [["--tz", "Mars/Base", "status = new"], "unknown time zone 'Mars/Base'"],
    [["--now", "yesterday", "status = new"], "--now must be UNIX seconds or an ISO date-time"],
    [["--now", "2021-02-30T10:00", "status = new"], "February 2021 has 28 days"],
    [["--bogus", "status = new"], "unknown option '--bogus'"],
    [[], "missing query"],
  ])("%j is a usage error (exit 2)", async (args, message) => {
    const run = await hcql(["compile", ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
  });
});
