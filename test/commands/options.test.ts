import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/commands/common.js";
import { resolveNow, resolveTimeZone } from "../../src/commands/options.js";
import { hcql } from "../support/cli.js";

describe("resolveTimeZone", () => {
  it.each([
    ["UTC", "UTC"],
    ["Europe/Berlin", "Europe/Berlin"],
    ["America/Los_Angeles", "America/Los_Angeles"],
  ])("%s", (flag, expected) => {
    expect(resolveTimeZone(flag)).toBe(expected);
  });

  it.each(["Mars/Base", "Europe/Berln", " "])("%j is a usage error", (flag) => {
    expect(() => resolveTimeZone(flag)).toThrow(UsageError);
  });
});

describe("resolveNow", () => {
  it.each([
    ["1593000000", "UTC", 1593000000],
    ["2020-06-24T12:00Z", "Europe/Berlin", 1593000000],
    ["2020-06-24T12:00:30+02:00", "UTC", 1592992830],
    // Without an offset: wall-clock time in the session zone (UTC+2 in June).
    ["2020-06-24T12:00", "Europe/Berlin", 1592992800],
    ["2020-06-24T12:00", "UTC", 1593000000],
    // A date: its start in the session zone.
    ["2020-06-24", "Europe/Berlin", 1592949600],
    // 02:30 does not exist on 2021-03-28 in Berlin; "compatible" moves it forward to 03:30 CEST.
    ["2021-03-28T02:30", "Europe/Berlin", 1616895000],
  ])("%s in %s", (flag, zone, expected) => {
    expect(resolveNow(flag, zone)).toBe(expected);
  });

  it.each([
    ["yesterday", "--now must be UNIX seconds or an ISO date-time"],
    ["2020-02-30", "February 2020 has 29 days"],
    ["2020-06-24T25:00", "hour 25 does not exist"],
    ["-5", "--now must be"],
  ])("%s is a usage error", (flag, message) => {
    expect(() => resolveNow(flag, "UTC")).toThrow(UsageError);
    expect(() => resolveNow(flag, "UTC")).toThrow(message);
  });

  it("is the clock without the flag", () => {
    const before = Math.floor(Date.now() / 1000);
    const now = resolveNow(undefined, "UTC");
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });
});

describe("a query read from an empty stdin or FILE is refused, not run as the empty query (all chats)", () => {
  const dir = mkdtempSync(join(tmpdir(), "hcql-empty-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const emptyFile = file("empty.hcql", "");
  const blankFile = file("blank.hcql", " \n\t\n");
  const commentFile = file("comments.hcql", "# the query goes here\n  # later\n");
  const commands = ["run", "compile", "check", "explain"];

  it.each(
    commands.flatMap((command) => [
      [command, ["-"], "", "stdin is empty: expected a query"],
      [command, ["-"], "  \n\n", "stdin is empty: expected a query"],
      [command, ["-"], "# nothing yet\n", "stdin holds only comments: expected a query"],
      [command, ["-f", emptyFile], "", `${emptyFile} is empty: expected a query`],
      [command, ["-f", blankFile], "", `${blankFile} is empty: expected a query`],
      [command, ["-f", commentFile], "", `${commentFile} holds only comments: expected a query`],
    ]),
  )("hcql %s %j with input %j: exit 1", async (command, args, input, message) => {
    const run = await hcql([command, "--now", "1593000000", "--tz", "UTC", ...args], { input });
    expect(run).toEqual({ code: 1, stdout: "", stderr: `hcql ${command}: ${message}\n` });
  });

  it.each([
    ["an argument, even empty", ["compile", "--compact", ""], ""],
    ["stdin with a clause", ["compile", "--compact", "-"], "# all chats\nlimit 5\n"],
  ])("%s is the query as given", async (_name, args, input) => {
    const run = await hcql(args, { input });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ filter: [] });
  });
});
