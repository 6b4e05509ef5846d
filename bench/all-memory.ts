import { spawnSync } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Budget, benchEnv, CLI, median } from "./support.js";
import type { Row } from "./table.js";
import { EMULATOR_READY, spawnUntil, stop } from "./web.js";

/**
 * #19: the peak memory of `hcql run --all --format ndjson` fetching 24,100 chats to /dev/null, from
 * `hcql serve` in another process. Neither side paces (`--rate-limit 0` on both), so the run takes
 * seconds rather than the two minutes the API's 120 requests a minute would make it.
 */

const CHATS = 24_100;
/** A quick run (a smoke test) fetches fewer. */
const QUICK_CHATS = 2_410;
const TARGET_MIB = 80;
const MAX_RSS = fileURLToPath(new URL("./max-rss.cjs", import.meta.url));

/** One run's peak RSS in bytes, reported by the run itself at exit (bench/max-rss.cjs). */
function peakRss(env: NodeJS.ProcessEnv): number {
  const devNull = openSync("/dev/null", "w");
  try {
    const args = ["--require", MAX_RSS, CLI, "run", "--all", "--format", "ndjson", "--rate-limit", "0", ""];
    const run = spawnSync(process.execPath, args, {
      env,
      stdio: ["ignore", devNull, "pipe"],
      encoding: "utf8",
    });
    const kib = /max-rss-kib (\d+)/.exec(run.stderr ?? "")?.[1];
    if (run.status !== 0 || kib === undefined)
      throw new Error(`hcql run --all exited ${run.status}: ${run.stderr}`);
    return Number(kib) * 1024;
  } finally {
    closeSync(devNull);
  }
}

/** Every chat arrives (and the emulator and the disk cache are warm). */
function checkRun(env: NodeJS.ProcessEnv, chats: number): void {
  const args = [CLI, "run", "--all", "--format", "ndjson", "--rate-limit", "0", ""];
  const run = spawnSync(process.execPath, args, { env, encoding: "utf8", maxBuffer: 1 << 30 });
  const lines = run.stdout.split("\n").filter((line) => line !== "").length;
  if (lines !== chats) throw new Error(`expected ${chats} chats, the run printed ${lines}`);
}

export async function benchAllMemory(budget: Budget): Promise<Row[]> {
  const chats = budget.quick ? QUICK_CHATS : CHATS;
  const emulator = await spawnUntil(
    [CLI, "serve", "--port", "0", "--chats", String(chats), "--key", "bench", "--quiet", "--rate-limit", "0"],
    EMULATOR_READY,
    benchEnv(),
  );
  try {
    const env = { ...benchEnv(), HELPCRUNCH_API_KEY: "bench", HELPCRUNCH_API_URL: emulator.match };
    checkRun(env, chats);
    const runs = Array.from({ length: budget.quick ? 1 : 5 }, () => peakRss(env));
    const measured = median(runs);
    return [
      {
        id: "all-memory",
        name: `hcql run --all --format ndjson of ${chats.toLocaleString("en")} chats > /dev/null: peak RSS`,
        measured,
        unit: "bytes",
        target: `≤ ${TARGET_MIB} MiB`,
        pass: measured <= TARGET_MIB * 1024 * 1024,
        note: `hcql serve in another process, neither pacing; median of ${runs.length} runs (${runs.map((r) => (r / 1024 / 1024).toFixed(1)).join(", ")} MiB)`,
      },
    ];
  } finally {
    await stop(emulator.child);
  }
}
