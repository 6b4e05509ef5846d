#!/usr/bin/env node
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Script } from "node:vm";
import { PRINTING_COMMANDS } from "./commands/index.js";

/**
 * The `hcql` command (dist/cli.cjs). It runs the CLI's bundle, dist/cli-bundle.cjs, from the V8 code
 * caches the build made of it (scripts/code-cache.cjs): V8 then skips compiling the bundle's 430 KB
 * and the functions a compile runs, a third of a cold `hcql compile` (bench row `cold-start`). A
 * cache V8 refuses (another Node, other V8 flags) or that is missing costs only that compile; the
 * output is the same. The bundle holds every command: a script run from a code cache cannot
 * `import()` in Node 20. There are two caches of it: one made of a compile, for the commands that
 * only print, and a larger one made of a demo search in the shell, for the others (bench rows
 * `cold-start` and `repl-first-search`): a cache costs its size to read, used or not.
 */

const BUNDLE = join(__dirname, "cli-bundle.cjs");

/** The two code caches of the bundle. */
export type CacheKind = "print" | "shell";

const CACHES: Readonly<Record<CacheKind, string>> = {
  print: join(__dirname, "cli-bundle.cache"),
  shell: join(__dirname, "cli-shell.cache"),
};

/** Where the build writes a cache (scripts/code-cache.cjs). */
export function codeCacheFile(kind: CacheKind): string {
  return CACHES[kind];
}

/** The cache for a command line: the printing commands', or the shell's for every other. */
export function cacheFor(argv: readonly string[]): CacheKind {
  const first = argv[0];
  return first !== undefined && PRINTING_COMMANDS.has(first) ? "print" : "shell";
}

interface Bundle {
  runCli(argv?: readonly string[]): Promise<void>;
}

/**
 * The bundle run as a CommonJS module, from `cachedData` when given; whether V8 refused that. The
 * file is already the function CommonJS wraps a module in (scripts/build.mjs), and ASCII, so it is
 * read as Latin-1: one string, made without decoding UTF-8 (bench row `cold-start`).
 */
export function loadBundle(cachedData: Buffer | undefined): {
  readonly bundle: Bundle;
  readonly script: Script;
  readonly rejected: boolean;
} {
  const source = readFileSync(BUNDLE, "latin1");
  const script = new Script(source, { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Bundle };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, __dirname);
  return { bundle: module.exports, script, rejected: script.cachedDataRejected === true };
}

/** A cache the build wrote; none when it is missing. */
export function readCodeCache(kind: CacheKind): Buffer | undefined {
  try {
    return readFileSync(codeCacheFile(kind));
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache (scripts/code-cache.cjs, after bundling) once `runs` have run in the bundle, so
 * that the functions they ran are compiled into it too. Their output goes to this process's stdout.
 */
export async function writeCodeCache(kind: CacheKind, runs: readonly (readonly string[])[]): Promise<void> {
  const { bundle, script } = loadBundle(undefined);
  for (const argv of runs) await bundle.runCli(argv);
  writeFileSync(codeCacheFile(kind), script.createCachedData());
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  void loadBundle(readCodeCache(cacheFor(argv))).bundle.runCli(argv);
}
