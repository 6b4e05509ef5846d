import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type CliOptions, type CliRun, runCli } from "../support/cli.js";

/** Runs the CLI (see runCli) in UTC unless `env` gives another TZ. */
export function runCliInUtc(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return runCli(args, { ...options, env: { TZ: "UTC", ...options.env } });
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
