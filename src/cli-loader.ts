#!/usr/bin/env node
import { closeSync, fstatSync, openSync, readSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Script } from "node:vm";
import type { RunOptions } from "./cli.js";
import { printsOnly } from "./commands/index.js";

/**
 * The `hcql` command (dist/cli.cjs). It runs one of the CLI's two bundles from the V8 code cache the
 * build made of it (scripts/code-cache.cjs): V8 then skips compiling the bundle and the functions a
 * run of it compiled, a third of a cold `hcql compile` (bench row `cold-start`). A cache V8 refuses
 * (another Node, other V8 flags) or that is missing costs only that compile; the output is the same.
 * The printing commands run from a bundle of their own, made of a compile (bench row `cold-start`:
 * a bundle and its cache cost their size to read, used or not); every other command line from the
 * bundle of every command, made of a demo search in the shell (bench row `repl-first-search`). A
 * script run from a code cache cannot `import()` in Node 20, so each bundle holds its commands.
 */

/** The two bundles: the printing commands alone, and every command. */
export type BundleKind = "print" | "all";

const BUNDLES: Readonly<Record<BundleKind, { readonly source: string; readonly cache: string }>> = {
  print: { source: join(__dirname, "cli-print.cjs"), cache: join(__dirname, "cli-print.cache") },
  all: { source: join(__dirname, "cli-all.cjs"), cache: join(__dirname, "cli-all.cache") },
};

/** Where the build writes a bundle's cache (scripts/code-cache.cjs). */
export function codeCacheFile(kind: BundleKind): string {
  return BUNDLES[kind].cache;
}

/** The bundle for a command line: the printing commands', or the one of every command. */
export function bundleFor(argv: readonly string[]): BundleKind {
  return printsOnly(argv) ? "print" : "all";
}

interface Bundle {
  runCli(argv?: readonly string[], options?: RunOptions): Promise<void>;
}

/**
 * A bundle run as a CommonJS module, from its code cache when `withCache` (and the build wrote one);
 * whether V8 refused that cache. The file is already the function CommonJS wraps a module in
 * (scripts/build.mjs), and ASCII, so it is read as Latin-1: one string, made without decoding UTF-8
 * (bench row `cold-start`).
 */
export function loadBundle(
  kind: BundleKind,
  withCache = false,
): {
  readonly bundle: Bundle;
  readonly script: Script;
  readonly rejected: boolean;
} {
  const file = BUNDLES[kind].source;
  const { source, cachedData } = readBundle(kind, withCache);
  const script = new Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Bundle };
  script.runInThisContext()(module.exports, createRequire(file), module, file, __dirname);
  return { bundle: module.exports, script, rejected: script.cachedDataRejected === true };
}

/**
 * A bundle's source, and its cache when asked for and there, read through one buffer: the cache
 * lands in the pages the source was read into. Every page a process touches first costs it a fault:
 * a second buffer was 70 of the ~900 a cold `hcql compile` adds to `node -e 0` (bench row `cold-start`).
 * V8 reads the cache while the script is made, so the buffer is free again before anything else runs.
 */
function readBundle(
  kind: BundleKind,
  withCache: boolean,
): { readonly source: string; readonly cachedData: Buffer | undefined } {
  const sourceFile = openSync(BUNDLES[kind].source, "r");
  const cacheFile = withCache ? openIfThere(BUNDLES[kind].cache) : undefined;
  try {
    const sourceSize = fstatSync(sourceFile).size;
    const cacheSize = cacheFile === undefined ? 0 : fstatSync(cacheFile).size;
    const buffer = Buffer.allocUnsafeSlow(Math.max(sourceSize, cacheSize));
    const source = buffer.toString("latin1", 0, readWhole(sourceFile, buffer, sourceSize));
    const cachedData =
      cacheFile === undefined ? undefined : buffer.subarray(0, readWhole(cacheFile, buffer, cacheSize));
    return { source, cachedData };
  } finally {
    closeSync(sourceFile);
    if (cacheFile !== undefined) closeSync(cacheFile);
  }
}

/** A file opened for reading; none when it is missing or unreadable (a cache is only a speed-up). */
function openIfThere(path: string): number | undefined {
  try {
    return openSync(path, "r");
  } catch {
    return undefined;
  }
}

/** Reads a file from its start into `buffer`, up to `size` bytes or its end; how many it read. */
function readWhole(file: number, buffer: Buffer, size: number): number {
  let read = 0;
  while (read < size) {
    const count = readSync(file, buffer, read, size - read, read);
    if (count === 0) break;
    read += count;
  }
  return read;
}

/**
 * Writes a bundle's cache (scripts/code-cache.cjs, after bundling) once `runs` have run in it, so
 * that the functions they ran are compiled into it too. Their output goes to this process's stdout.
 */
export async function writeCodeCache(kind: BundleKind, runs: readonly (readonly string[])[]): Promise<void> {
  const { bundle, script } = loadBundle(kind);
  for (const argv of runs) await bundle.runCli(argv);
  writeFileSync(codeCacheFile(kind), script.createCachedData());
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const kind = bundleFor(argv);
  // A printing command ends the process once its output is written (src/cli.ts, bench row `cold-start`).
  void loadBundle(kind, true).bundle.runCli(argv, { exitWhenDone: kind === "print" });
}
