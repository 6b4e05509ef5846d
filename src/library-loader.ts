import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BundleFiles, type CacheUse, type RunBundle, runBundle } from "./code-cache/index.js";

/**
 * `hcql` and `hcql/core` in Node (package.json's `node` condition): dist/node/index.cjs and core.cjs
 * take their exports from here (dist/node/load.cjs), which runs the library as one CommonJS bundle
 * from the V8 code cache the build made of it, as the `hcql` command runs its own. Node 20 keeps no
 * code cache for ES modules, and compiling the library's modules was most of an `import('hcql')`
 * (bench row `library-import`). Both entries share the one bundle, so their functions and classes are
 * the same objects. Bundlers take the ES modules instead (the `module` condition within `node`).
 */

type Library = typeof import("./index.js");

/** Where the build writes the bundle and its cache: beside this file. */
const LIBRARY_BUNDLE: BundleFiles = {
  source: join(__dirname, "hcql.cjs"),
  cache: join(__dirname, "hcql.cache"),
};

let loaded: RunBundle<Library> | undefined;

/** The library, run on the first call. */
export function library(): Library {
  loaded ??= runBundle<Library>(LIBRARY_BUNDLE, true);
  return loaded.exports;
}

/** What became of the library's cache: V8 ran from it, refused it, or found none; undefined before it runs. */
export function cacheUse(): CacheUse | undefined {
  return loaded?.cache;
}

/** Where the build writes the bundle's cache (scripts/code-cache.cjs). */
export function codeCacheFile(): string {
  return LIBRARY_BUNDLE.cache;
}

/**
 * Writes the bundle's cache (scripts/code-cache.cjs, after bundling) once `runs` have run in it, so
 * that the functions they ran are compiled into it too.
 */
export function writeCodeCache(runs: readonly ((hcql: Library) => unknown)[]): void {
  const { exports, script } = runBundle<Library>(LIBRARY_BUNDLE, false);
  for (const run of runs) run(exports);
  writeFileSync(LIBRARY_BUNDLE.cache, script.createCachedData());
}
