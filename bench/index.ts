import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchAllMemory } from "./all-memory.js";
import { benchClientPacing } from "./client.js";
import { benchCompile } from "./compile.js";
import { benchCompletion } from "./completion.js";
import { benchScaling } from "./scaling.js";
import { benchColdStart, benchLibraryImport, benchReplReady } from "./startup.js";
import { FULL, QUICK } from "./support.js";
import { markdownTable, notes, type Row } from "./table.js";
import { benchCountVsRun, benchWebStart } from "./web.js";

/**
 * The benchmark suite: every performance target measured side by side in one run, as ratios to a
 * baseline measured in the same run. `npm run bench` (builds first); `-- --quick` for a smoke run.
 * Prints the table and writes bench/results.json (a quick run writes only where --out says).
 */

const USAGE = `Usage: node --expose-gc --import tsx bench/index.ts [--quick] [--out FILE] [--check] [--only PARTS]

  --quick     a short run (a smoke test: the numbers mean little)
  --out FILE  where to write the results as JSON (default bench/results.json; none for --quick)
  --check     exit 1 when a target is missed
  --only      comma-separated parts to run: compile, scaling, completion, client, cold-start,
              library-import, repl, web-start, count-vs-run, all-memory
              (results are then written only where --out says)`;

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    out: { type: "string" },
    check: { type: "boolean", default: false },
    only: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const budget = values.quick ? QUICK : FULL;
const only = values.only?.split(",").map((part) => part.trim());
const out =
  values.out ??
  (values.quick || only !== undefined
    ? undefined
    : fileURLToPath(new URL("./results.json", import.meta.url)));

const machine = {
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model.trim() ?? "unknown",
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  date: new Date().toISOString(),
  loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
};

const SECTIONS: [string, () => Promise<Row[]> | Row[]][] = [
  ["compile", () => benchCompile(budget)],
  ["scaling", () => benchScaling(budget)],
  ["completion", () => benchCompletion(budget)],
  ["client", () => clientRows()],
  ["cold-start", () => benchColdStart(budget)],
  ["library-import", () => benchLibraryImport(budget)],
  ["repl", () => benchReplReady(budget)],
  ["web-start", () => benchWebStart(budget)],
  ["count-vs-run", () => benchCountVsRun(budget)],
  ["all-memory", () => benchAllMemory(budget)],
];
const unknown = only?.filter((part) => !SECTIONS.some(([name]) => name === part)) ?? [];
if (unknown.length > 0) {
  console.error(`bench: unknown part ${unknown.join(", ")}\n\n${USAGE}`);
  process.exit(2);
}
const sections = SECTIONS.filter(([name]) => only === undefined || only.includes(name));

async function clientRows(): Promise<Row[]> {
  // The API allows its rate per 60 s; the window here is scaled down to seconds, which makes each
  // request's latency (a slot is held until a window after its answer) weigh far more than it does.
  const r = await benchClientPacing({ searches: budget.searches, ...budget.rateLimit });
  return [
    {
      id: "client-pacing",
      name: "client pace vs the emulator's allowed rate",
      measured: r.ratio,
      unit: "ratio",
      target: "≥ 0.95, no 429",
      pass: r.ratio >= 0.95 && r.count429 === 0,
      note: `${r.achievedRate.toFixed(2)}/s of ${r.allowedRate}/s allowed (${budget.rateLimit.requests} per ${budget.rateLimit.windowSeconds} s window), ${r.count} requests in ${r.seconds.toFixed(1)} s, ${r.count429} answers 429`,
    },
  ];
}

if (typeof globalThis.gc !== "function") {
  console.error("bench: run with node --expose-gc (npm run bench does)");
}

/** A part that throws is tried once more (a connection reset under load), then reported as failed. */
async function runSection(name: string, run: () => Promise<Row[]> | Row[]): Promise<Row[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(` error: ${message}${attempt === 1 ? "; again…" : ""}`);
      if (attempt === 2) {
        return [
          { id: name, name, measured: Number.NaN, unit: "ratio", target: "runs", pass: false, note: message },
        ];
      }
    }
  }
}

const rows: Row[] = [];
for (const [name, run] of sections) {
  const start = performance.now();
  process.stderr.write(`bench: ${name}…`);
  rows.push(...(await runSection(name, run)));
  process.stderr.write(` ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
}

const failed = rows.filter((r) => r.pass === false);
console.log(
  `\nhcql benchmarks${values.quick ? " (quick: numbers not meaningful)" : ""} — ${machine.date.slice(0, 10)}, ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverageAtStart.join(" ")}\n`,
);
console.log(markdownTable(rows));
console.log(`\n${notes(rows)}\n`);
console.log(failed.length === 0 ? "All targets met." : `Missed: ${failed.map((r) => r.id).join(", ")}`);

if (out !== undefined) {
  const results = { machine, quick: budget.quick, budget, rows, table: markdownTable(rows) };
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Results written to ${out}`);
}
if (values.check && failed.length > 0) process.exitCode = 1;
