import { type StdioOptions, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Bench } from "tinybench";
import { chevrotainPlugin } from "../scripts/chevrotain.mjs";

/** Shared pieces of the benchmark suite: the repository's paths, statistics, tinybench rounds. */

export const CLI = fileURLToPath(new URL("../dist/cli.cjs", import.meta.url));
export const DIST_INDEX = new URL("../dist/index.js", import.meta.url).href;
/** The repository, where `import('hcql')` resolves to the package itself, as Node resolves it for a user. */
const ROOT = fileURLToPath(new URL("..", import.meta.url));

let benchHome: string | undefined;

/**
 * The one environment of every process the benchmark starts, its `node -e 0` included: demo mode, UTC,
 * a fresh HOME, and nothing else of the caller's shell. A variable such as NODE_EXTRA_CA_CERTS (a
 * certificate bundle every Node process parses at start: ~35 ms on the README's machine) or
 * NODE_OPTIONS would add the same time to both sides of a start ratio and so flatter it.
 */
export function benchEnv(home?: string): NodeJS.ProcessEnv {
  if (home === undefined) {
    benchHome ??= makeBenchHome();
    home = benchHome;
  }
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    LANG: "C.UTF-8",
    TZ: "UTC",
    XDG_STATE_HOME: join(home, "state"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
  };
}

function makeBenchHome(): string {
  const home = mkdtempSync(join(tmpdir(), "hcql-bench-home-"));
  process.on("exit", () => rmSync(home, { recursive: true, force: true }));
  return home;
}

/** How long and how often each part runs; `--quick` is a smoke run whose numbers mean little. */
export interface Budget {
  readonly quick: boolean;
  /** tinybench rounds of the micro benchmarks (each round runs every task once, ratios per round). */
  readonly rounds: number;
  /** tinybench time per task and round, ms. */
  readonly taskMs: number;
  /** Process spawns per variant for the start-up measurements. */
  readonly spawns: number;
  /** Completion samples for the p99. */
  readonly completionSamples: number;
  /** Timed compiles per scaling case. */
  readonly scalingSamples: number;
  /** Predicates of the small and the large flat OR compared for scaling. */
  readonly flatSizes: readonly [number, number];
  /** Searches of the client pacing run. */
  readonly searches: number;
  /** The emulator's (scaled-down) rate limit for it: requests per window of seconds. */
  readonly rateLimit: { readonly requests: number; readonly windowSeconds: number };
}

export const FULL: Budget = {
  quick: false,
  rounds: 7,
  taskMs: 300,
  spawns: 40,
  completionSamples: 5000,
  scalingSamples: 15,
  flatSizes: [1_000, 10_000],
  searches: 500,
  rateLimit: { requests: 100, windowSeconds: 5 },
};

export const QUICK: Budget = {
  quick: true,
  rounds: 1,
  taskMs: 20,
  spawns: 2,
  completionSamples: 200,
  scalingSamples: 1,
  flatSizes: [100, 1_000],
  searches: 30,
  rateLimit: { requests: 20, windowSeconds: 1 },
};

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The q-quantile by the nearest-rank method (p99 of 5,000 samples is the 4,950th smallest). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/**
 * Runs micro benchmarks in rounds: each round is one tinybench run of every task, so a burst of load
 * from other processes hits the tasks of one round alike. Returns each task's per-call median (ns)
 * for every round. A task runs `batch` calls per sample, so timer resolution does not dominate.
 */
export async function microRounds(
  tasks: Record<string, () => unknown>,
  batch: number,
  budget: Budget,
): Promise<Record<string, number[]>> {
  const perRound: Record<string, number[]> = Object.fromEntries(Object.keys(tasks).map((k) => [k, []]));
  for (let round = 0; round < budget.rounds; round++) {
    const bench = new Bench({ time: budget.taskMs, warmupTime: budget.taskMs / 2, throws: true });
    for (const [name, fn] of Object.entries(tasks)) {
      bench.add(name, () => {
        for (let i = 0; i < batch; i++) fn();
      });
    }
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== "completed") throw new Error(`benchmark '${task.name}' ended ${result.state}`);
      perRound[task.name]!.push((result.latency.p50 * 1e6) / batch);
    }
  }
  return perRound;
}

/** The median over rounds of a/b computed within each round. */
export function roundRatio(rounds: Record<string, number[]>, a: string, b: string): number {
  return median(roundRatios(rounds, a, b));
}

/** The best round's a/b: for a "× faster" row (baseline / measured) the largest, else the smallest. */
export function bestRoundRatio(
  rounds: Record<string, number[]>,
  a: string,
  b: string,
  faster = false,
): number {
  const ratios = roundRatios(rounds, a, b);
  return faster ? Math.max(...ratios) : Math.min(...ratios);
}

function roundRatios(rounds: Record<string, number[]>, a: string, b: string): number[] {
  return rounds[a]!.map((value, i) => value / rounds[b]![i]!);
}

/** Wall time of one process run to its exit, started in the repository (ROOT), ms. */
export function timeSpawn(
  args: readonly string[],
  env: NodeJS.ProcessEnv = benchEnv(),
  stdio: StdioOptions = ["ignore", "pipe", "pipe"],
): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { env, stdio, cwd: ROOT });
  const elapsed = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`'node ${args.join(" ")}' exited ${result.status}: ${result.stderr?.toString()}`);
  }
  return elapsed;
}

/**
 * Bundles a source module the way scripts/build.mjs bundles the CLI (chevrotain's min build), for
 * code the package does not export (the REPL's completer). Returns its file URL.
 */
export async function bundleForBench(entry: string, name: string): Promise<string> {
  const outdir = fileURLToPath(new URL("../node_modules/.cache/hcql-bench/", import.meta.url));
  mkdirSync(outdir, { recursive: true });
  const outfile = `${outdir}${name}.js`;
  await build({
    entryPoints: [fileURLToPath(new URL(`../${entry}`, import.meta.url))],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    minifySyntax: true,
    plugins: [chevrotainPlugin()],
    logLevel: "warning",
  });
  return new URL(`file://${outfile}`).href;
}

export function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(0)} KiB`;
}
