#!/usr/bin/env node
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Script } from "node:vm";
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
  runCli(argv?: readonly string[]): Promise<void>;
}

/**
 * A bundle run as a CommonJS module, from `cachedData` when given; whether V8 refused that. The
 * file is already the function CommonJS wraps a module in (scripts/build.mjs), and ASCII, so it is
 * read as Latin-1: one string, made without decoding UTF-8 (bench row `cold-start`).
 */
export function loadBundle(
  kind: BundleKind,
  cachedData: Buffer | undefined,
): {
  readonly bundle: Bundle;
  readonly script: Script;
  readonly rejected: boolean;
} {
  const file = BUNDLES[kind].source;
  const source = readFileSync(file, "latin1");
  const script = new Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Bundle };
  script.runInThisContext()(module.exports, createRequire(file), module, file, __dirname);
  return { bundle: module.exports, script, rejected: script.cachedDataRejected === true };
}

/** A bundle's cache as the build wrote it; none when it is missing. */
export function readCodeCache(kind: BundleKind): Buffer | undefined {
  try {
    return readFileSync(codeCacheFile(kind));
  } catch {
    return undefined;
  }
}

/**
 * Writes a bundle's cache (scripts/code-cache.cjs, after bundling) once `runs` have run in it, so
 * that the functions they ran are compiled into it too. Their output goes to this process's stdout.
 */
export async function writeCodeCache(kind: BundleKind, runs: readonly (readonly string[])[]): Promise<void> {
  const { bundle, script } = loadBundle(kind, undefined);
  for (const argv of runs) await bundle.runCli(argv);
  writeFileSync(codeCacheFile(kind), script.createCachedData());
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const kind = bundleFor(argv);
  void loadBundle(kind, readCodeCache(kind)).bundle.runCli(argv);
}
