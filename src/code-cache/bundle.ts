import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { Script } from "node:vm";

/** A bundle the build wrote as the function CommonJS wraps a module in, and the V8 code cache it made of it. */
export interface BundleFiles {
  readonly source: string;
  readonly cache: string;
}

/** What became of a bundle's cache: V8 ran from it, refused it, or there was none to offer. */
export type CacheUse = "taken" | "refused" | "none";

/** A bundle run: its module's exports, the script (to write a cache from) and what became of the cache. */
export interface RunBundle<Exports> {
  readonly exports: Exports;
  readonly script: Script;
  readonly cache: CacheUse;
}

/**
 * Runs a bundle as a CommonJS module, from its code cache when `withCache` (and the build wrote one).
 * V8 then skips compiling the bundle and the functions the build's runs of it compiled (bench rows
 * `cold-start` and `library-import`). A cache V8 refuses (another Node, other V8 flags) or that is
 * missing costs only that compile; the result is the same. The file is already the function CommonJS
 * wraps a module in, and ASCII, so it is read as Latin-1: one string, made without decoding UTF-8
 * (bench row `cold-start`).
 */
export function runBundle<Exports>(files: BundleFiles, withCache: boolean): RunBundle<Exports> {
  const { source, cachedData } = readBundle(files, withCache);
  const script = new Script(source, { filename: files.source, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Exports };
  const directory = dirname(files.source);
  script.runInThisContext()(module.exports, createRequire(files.source), module, files.source, directory);
  const cache = cachedData === undefined ? "none" : script.cachedDataRejected === true ? "refused" : "taken";
  return { exports: module.exports, script, cache };
}

/**
 * A bundle's source, and its cache when asked for and there, read through one buffer: the cache
 * lands in the pages the source was read into. Every page a process touches first costs it a fault:
 * a second buffer was 70 of the ~900 a cold `hcql compile` adds to `node -e 0` (bench row `cold-start`).
 * V8 reads the cache while the script is made, so the buffer is free again before anything else runs.
 */
function readBundle(
  files: BundleFiles,
  withCache: boolean,
): { readonly source: string; readonly cachedData: Buffer | undefined } {
  const sourceFile = openSync(files.source, "r");
  const cacheFile = withCache ? openIfThere(files.cache) : undefined;
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
