import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/cli.cjs", import.meta.url));

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * Runs `node [nodeArgs] dist/cli.cjs args` with only the given environment and `input` on stdin;
 * killed after `timeoutMs` (then `signal` says so).
 */
export function runCli(
  args: readonly string[],
  options: {
    env?: Record<string, string>;
    input?: string;
    nodeArgs?: readonly string[];
    timeoutMs?: number;
  } = {},
): Promise<Finished> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
      env: { PATH: process.env.PATH ?? "", TZ: "UTC", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}

/** A JavaScript stack trace or an internal error's name in output. */
export const CRASH =
  /\n\s+at .+[(:]\d+|RangeError|TypeError|ReferenceError|Maximum call stack|unexpected error/;

/** Every regular file under a folder, with its mode and bytes. */
export function filesUnder(root: string): { path: string; mode: number; bytes: Buffer }[] {
  const out: { path: string; mode: number; bytes: Buffer }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile())
        out.push({ path, mode: statSync(path).mode & 0o777, bytes: readFileSync(path) });
    }
  };
  walk(root);
  return out;
}
