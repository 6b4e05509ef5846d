import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLI } from "../support/cli.js";

/**
 * Output that cannot be written ends a command cleanly: a reader that stops early (`| head -c 10`,
 * EPIPE) quietly with 0, a full disk (`> /dev/full`, ENOSPC) with one line on stderr and 74. Never a
 * stack trace.
 */

const BODY = '{"filter":[{"field":"chats.status","operator":"=","value":"3"}],"limit":5}';
/** A query whose compiled and explained output is far larger than a pipe's buffer. */
const WIDE = Array.from({ length: 3_000 }, (_, i) => `assignee = ${i + 1}`).join(" or ");

interface Ended {
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs the CLI with stdout on `stdout` (a file descriptor, or a pipe closed after the first bytes). */
function runWith(args: readonly string[], stdout: number | "closed-early", input = ""): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? "", TZ: "UTC" },
      stdio: ["pipe", stdout === "closed-early" ? "pipe" : stdout, "pipe"],
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    // Like `head -c 10`: read the first bytes, then close the pipe.
    child.stdout?.once("data", () => child.stdout?.destroy());
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
    child.stdin!.on("error", () => {});
    child.stdin!.end(input);
  });
}

type Case = readonly [name: string, args: readonly string[], input: string];

const COMMANDS: readonly Case[] = [
  ["compile", ["compile", "--now", "1750000000", "-"], WIDE],
  ["explain", ["explain", "--now", "1750000000", "-"], WIDE],
  ["fmt", ["fmt", "-"], WIDE],
  ["check --json", ["check", "--json", "status = pendng"], ""],
  ["decompile", ["decompile", "-"], BODY],
  ["--help", ["--help"], ""],
  ["serve --export -", ["serve", "--export", "-", "--chats", "3000"], ""],
  ["run", ["run", "--now", "1750000000", "--format", "json", "limit 200"], ""],
];

describe("a reader that stops early (EPIPE)", () => {
  const large: Case[] = COMMANDS.filter(([name]) => name !== "check --json" && name !== "--help");
  it.each(large)("%s exits 0 without a word", async (_name, args, input) => {
    const ended = await runWith(args, "closed-early", input);
    expect(ended.stderr.replace(/^demo mode: .*\n/, "")).toBe("");
    expect(ended.code).toBe(0);
  });
});

describe.skipIf(!existsSync("/dev/full"))("a full disk (ENOSPC)", () => {
  it.each(COMMANDS)("%s exits 74 with one line", async (_name, args, input) => {
    const full = openSync("/dev/full", "w");
    try {
      const ended = await runWith(args, full, input);
      expect(ended.stderr.replace(/^demo mode: .*\n/, "")).toBe(
        "hcql: cannot write the output: no space left on the device\n",
      );
      expect(ended.code).toBe(74);
    } finally {
      closeSync(full);
    }
  });
});
