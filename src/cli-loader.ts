#!/usr/bin/env node
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Script } from "node:vm";
import type { RunOptions } from "./cli.js";
import { type BundleFiles, type CacheUse, runBundle } from "./code-cache/index.js";
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

const BUNDLES: Readonly<Record<BundleKind, BundleFiles>> = {
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

/** A bundle run as `hcql` runs it, from its code cache when `withCache`; what became of that cache. */
export function loadBundle(
  kind: BundleKind,
  withCache = false,
): {
  readonly bundle: Bundle;
  readonly script: Script;
  readonly cache: CacheUse;
} {
  const { exports, script, cache } = runBundle<Bundle>(BUNDLES[kind], withCache);
  return { bundle: exports, script, cache };
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
