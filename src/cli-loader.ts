#!/usr/bin/env node
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Script } from "node:vm";

/**
 * The `hcql` command (dist/cli.cjs). It runs the CLI's bundle, dist/cli-bundle.cjs, from the V8 code
 * cache the build made of it (dist/cli-bundle.cache): V8 then skips compiling the bundle's 260 KB
 * and the functions a compile runs, a third of a cold `hcql compile` (bench row `cold-start`). A
 * cache V8 refuses (another Node, other V8 flags) or that is missing costs only that compile; the
 * output is the same. The bundle holds every command: a script run from a code cache cannot
 * `import()` in Node 20.
 */

const BUNDLE = join(__dirname, "cli-bundle.cjs");
const CACHE = join(__dirname, "cli-bundle.cache");

interface Bundle {
  runCli(argv?: readonly string[]): Promise<void>;
}

/** The bundle run as a CommonJS module, from `cachedData` when given; whether V8 refused that. */
export function loadBundle(cachedData: Buffer | undefined): {
  readonly bundle: Bundle;
  readonly script: Script;
  readonly rejected: boolean;
} {
  const source = readFileSync(BUNDLE, "utf8");
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Bundle };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, __dirname);
  return { bundle: module.exports, script, rejected: script.cachedDataRejected === true };
}

/** The cache the build wrote; none when it is missing. */
export function readCodeCache(): Buffer | undefined {
  try {
    return readFileSync(CACHE);
  } catch {
    return undefined;
  }
}

/**
 * Writes the cache (scripts/code-cache.cjs, after bundling) once `runs` have run in the bundle, so
 * that the functions they ran are compiled into it too. Their output goes to this process's stdout.
 */
export async function writeCodeCache(runs: readonly (readonly string[])[]): Promise<void> {
  const { bundle, script } = loadBundle(undefined);
  for (const argv of runs) await bundle.runCli(argv);
  writeFileSync(CACHE, script.createCachedData());
}

if (require.main === module) void loadBundle(readCodeCache()).bundle.runCli();
