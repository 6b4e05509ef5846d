import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { type Budget, benchEnv, CLI, median, roundRatio, timeSpawn } from "./support.js";
import type { Row } from "./table.js";

/**
 * `hcql web`'s start against `node -e 0` plus the emulator's start, and `count by` against fetching
 * the same chats with `hcql run --all`: whole processes, alternated, ratios of pairs.
 */

interface Started {
  readonly child: ChildProcess;
  /** Milliseconds from the spawn until a line matching the pattern was printed. */
  readonly ms: number;
  /** The first capture group of the pattern. */
  readonly match: string;
}

/** Spawns `node args` and resolves once stdout prints a line matching `line`. */
export function spawnUntil(args: readonly string[], line: RegExp, env: NodeJS.ProcessEnv): Promise<Started> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      const found = line.exec(stdout);
      if (found) resolve({ child, ms: performance.now() - start, match: found[1] ?? "" });
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`'${args.join(" ")}' exited ${code}: ${stderr}`)));
  });
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else {
      child.removeAllListeners("exit");
      child.on("exit", () => resolve());
      child.kill("SIGTERM");
    }
  });
}

/** Milliseconds until `args` prints its ready line; the process is stopped before this resolves. */
async function timeStart(args: readonly string[], line: RegExp, env: NodeJS.ProcessEnv): Promise<number> {
  const started = await spawnUntil(args, line, env);
  await stop(started.child);
  return started.ms;
}

const WEB_URL = /^(http:\/\/\S+)\n/m;
export const EMULATOR_READY = /^HelpCrunch emulator listening on (\S+)\n/m;

/** #14: `hcql web` (demo mode) until its URL, against `node -e 0` plus `hcql serve` until it listens. */
export async function benchWebStart(budget: Budget): Promise<Row[]> {
  const env = benchEnv();
  const web = [CLI, "web", "--port", "0"];
  const serve = [CLI, "serve", "--port", "0"];
  const pairs = { web: [] as number[], baseline: [] as number[] };
  // The first of each warms the disk cache.
  await timeStart(web, WEB_URL, env);
  await timeStart(serve, EMULATOR_READY, env);
  for (let i = 0; i < budget.spawns; i++) {
    pairs.web.push(await timeStart(web, WEB_URL, env));
    pairs.baseline.push(timeSpawn(["-e", "0"], env) + (await timeStart(serve, EMULATOR_READY, env)));
  }
  return [
    pairRow(pairs.web, pairs.baseline, {
      id: "web-start",
      name: "hcql web (demo mode) until its URL is printed",
      baselineName: "node -e 0 + hcql serve until it listens",
      target: 1.5,
      note: `${budget.spawns} spawns each, alternating; ratio = median of pairwise ratios`,
    }),
  ];
}

/** A row of times measured in alternating pairs: the ratio is the median of the pairs' ratios. */
function pairRow(
  measured: readonly number[],
  baseline: readonly number[],
  row: Pick<Row, "id" | "name" | "note"> & { readonly baselineName: string; readonly target: number },
): Row {
  const ratio = roundRatio({ measured: [...measured], baseline: [...baseline] }, "measured", "baseline");
  return {
    id: row.id,
    name: row.name,
    measured: median(measured) * 1e6,
    unit: "ns",
    baselineName: row.baselineName,
    baseline: median(baseline) * 1e6,
    ratio,
    target: `≤ ${row.target}×`,
    pass: ratio <= row.target,
    note: row.note,
  };
}

const COUNT_CHATS = 2_500;
const COUNT_QUERY = "count by assignee, status";

/** Runs `hcql run args` to its exit with stdout to /dev/null; milliseconds. */
function timeRun(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const devNull = openSync("/dev/null", "w");
  try {
    return timeSpawn([CLI, "run", ...args], env, ["ignore", devNull, "pipe"]);
  } finally {
    closeSync(devNull);
  }
}

/** Both runs see every chat (and warm the disk cache and the emulator). */
function checkRuns(count: readonly string[], fetchAll: readonly string[], env: NodeJS.ProcessEnv): void {
  const run = (args: readonly string[]) =>
    spawnSync(process.execPath, [CLI, "run", ...args], { env, encoding: "utf8", maxBuffer: 1 << 30 }).stdout;
  const total = (JSON.parse(run(count)) as { total: number }).total;
  const fetched = run(fetchAll)
    .split("\n")
    .filter((line) => line !== "").length;
  if (total !== COUNT_CHATS || fetched !== COUNT_CHATS) {
    throw new Error(`expected ${COUNT_CHATS} chats; the count saw ${total}, the run printed ${fetched}`);
  }
}

/** #15: `count by assignee, status` of 2,500 chats against `hcql run --all --format ndjson` of them. */
export async function benchCountVsRun(budget: Budget): Promise<Row[]> {
  const emulator = await spawnUntil(
    [CLI, "serve", "--port", "0", "--chats", String(COUNT_CHATS), "--key", "bench", "--quiet"].concat(
      // High enough that no run waits for it: each run makes 25 requests.
      ["--rate-limit", "1000000"],
    ),
    EMULATOR_READY,
    benchEnv(),
  );
  try {
    const env = { ...benchEnv(), HELPCRUNCH_API_KEY: "bench", HELPCRUNCH_API_URL: emulator.match };
    const count = ["--format", "json", COUNT_QUERY];
    const fetchAll = ["--all", "--format", "ndjson", ""];
    const pairs = { count: [] as number[], fetch: [] as number[] };
    checkRuns(count, fetchAll, env);
    for (let i = 0; i < budget.spawns; i++) {
      pairs.count.push(timeRun(count, env));
      pairs.fetch.push(timeRun(fetchAll, env));
    }
    return [
      pairRow(pairs.count, pairs.fetch, {
        id: "count-vs-run",
        name: `hcql run '${COUNT_QUERY}' of ${COUNT_CHATS.toLocaleString("en")} chats`,
        baselineName: "hcql run --all --format ndjson of them > /dev/null",
        target: 1.2,
        note: `one hcql serve (rate limit off the path); ${budget.spawns} runs each, alternating; ratio = median of pairwise ratios`,
      }),
    ];
  } finally {
    await stop(emulator.child);
  }
}
