import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as Hcql from "../src/index.js";
import type { CompileOptions } from "../src/index.js";
import { type Budget, DIST_INDEX, formatBytes, median } from "./support.js";
import type { Row } from "./table.js";

/** Target 3: compile time of large queries grows about linearly; peak memory is reported. */

const PREDICATES = [
  (i: number) => `customer = ${i}`,
  (i: number) => `email ~ "user${i}@example.com"`,
  (i: number) => `tags = "tag${i}"`,
  (i: number) => `department = ${i}`,
];

/** `n` different predicates joined by `or`: one request body with `n` filter items. */
function flatOr(n: number): string {
  return Array.from({ length: n }, (_, i) => PREDICATES[i % PREDICATES.length]!(i)).join(" or ");
}

/** A flat OR padded to exactly `length` characters with a comment, with a sort and a limit. */
function queryOfLength(length: number): string {
  const tail = " sort by createdAt desc limit 100";
  const parts: string[] = [];
  let size = tail.length;
  for (let i = 0; ; i++) {
    const next = PREDICATES[i % PREDICATES.length]!(i);
    if (size + next.length + 4 + 2 > length) break;
    parts.push(next);
    size += next.length + (parts.length > 1 ? 4 : 0);
  }
  const text = parts.join(" or ") + tail;
  return `${text}\n#${"-".repeat(length - text.length - 2)}`;
}

/** `depth` parentheses nested inside each other, each holding an OR: `(customer = 1 or (...))`. */
function nestedQuery(depth: number): string {
  let text = "status = new";
  for (let i = depth; i >= 1; i--) text = `(customer = ${i} or ${text})`;
  return text;
}

interface Case {
  readonly name: string;
  readonly text: string;
  readonly options: CompileOptions;
}

const FLAT = { maxLength: Number.POSITIVE_INFINITY, maxRequests: 100_000 } as const;

export async function benchScaling(budget: Budget): Promise<Row[]> {
  const hcql = (await import(DIST_INDEX)) as typeof Hcql;
  const [smallSize, largeSize] = budget.flatSizes.map((n) => n.toLocaleString("en-US"));
  const smallName = `flat OR of ${smallSize}`;
  const largeName = `flat OR of ${largeSize}`;
  const cases: Case[] = [
    { name: smallName, text: flatOr(budget.flatSizes[0]), options: FLAT },
    { name: largeName, text: flatOr(budget.flatSizes[1]), options: FLAT },
    { name: "64 KiB query", text: queryOfLength(65_536), options: {} },
    { name: "depth-64 query", text: nestedQuery(64), options: {} },
  ];
  for (const c of cases) {
    const result = hcql.compile(c.text, c.options);
    if (!result.ok || result.requests.length !== 1) {
      throw new Error(`${c.name} does not compile to one body: ${result.diagnostics[0]?.message}`);
    }
  }
  if (hcql.compile(nestedQuery(65)).ok) throw new Error("a depth-65 query should be too deep");

  // Steady state, no forced GC: each round runs every case in turn, each for about the same time
  // (`repeats` compiles), so collections fall on the cases as they would in a long-running process.
  for (const c of cases) callsWithin(WARM_UP_MS, () => hcql.compile(c.text, c.options));
  const repeats = new Map(
    cases.map((c) => [c.name, callsWithin(ROUND_SHARE_MS, () => hcql.compile(c.text, c.options))]),
  );
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let round = 0; round < budget.scalingSamples; round++) {
    for (const c of cases) {
      const n = repeats.get(c.name)!;
      const start = performance.now();
      for (let i = 0; i < n; i++) hcql.compile(c.text, c.options);
      samples.get(c.name)!.push((performance.now() - start) / n);
    }
  }
  const times = new Map([...samples].map(([name, values]) => [name, median(values)]));
  // A quick run measures in this process (heap only): a fresh process per case takes seconds.
  const memory = new Map(cases.map((c) => [c.name, budget.quick ? heapGrowthHere(hcql, c) : peakMemory(c)]));

  const small = times.get(smallName)!;
  const large = times.get(largeName)!;
  const perRound = samples.get(largeName)!.map((value, i) => value / samples.get(smallName)![i]!);
  const ratio = median(perRound);
  const rows: Row[] = [
    {
      id: "flat-or-scaling",
      name: `flat OR of ${largeSize} vs ${smallSize} predicates`,
      measured: large * 1e6,
      unit: "ns",
      baselineName: smallSize,
      baseline: small * 1e6,
      ratio,
      minRatio: Math.min(...perRound),
      target: "≤ 12×",
      pass: ratio <= 12,
      note: `${budget.scalingSamples} interleaved rounds, no forced GC; peak memory ${formatMemory(memory.get(largeName)!)} (${smallSize}: ${formatMemory(memory.get(smallName)!)})`,
      memory: memory.get(largeName),
    },
  ];
  for (const name of ["64 KiB query", "depth-64 query"]) {
    const c = cases.find((x) => x.name === name)!;
    rows.push({
      id: name.startsWith("64") ? "query-64kib" : "query-depth-64",
      name: `${name} (${c.text.length.toLocaleString("en-US")} chars)`,
      measured: times.get(name)! * 1e6,
      unit: "ns",
      target: "reported",
      pass: undefined,
      note: `peak memory ${formatMemory(memory.get(name)!)}`,
      memory: memory.get(name),
    });
  }
  return rows;
}

/** A round's share of each case, and how long each case runs before any is measured. */
const ROUND_SHARE_MS = 50;
const WARM_UP_MS = 200;

/**
 * How many calls of `run` fit in `ms` (at least one), counted by running them. Timing one call
 * instead, right after the first, made the 10,000-predicate case a single call a round and the
 * 1,000 one anywhere from 5 to 30: the row's median moved from 9× to 14× between runs.
 */
function callsWithin(ms: number, run: () => unknown): number {
  const start = performance.now();
  let calls = 0;
  do {
    run();
    calls++;
  } while (performance.now() - start < ms);
  return calls;
}

interface MemoryUse {
  /** Heap in use right after the compile, result alive, above the heap after a full GC before it. */
  readonly heapGrowth: number;
  /** The process's peak resident set above its resident set before the compile (not in a quick run). */
  readonly peakRssGrowth: number | undefined;
}

function formatMemory(m: MemoryUse): string {
  const rss = m.peakRssGrowth === undefined ? "" : `, RSS +${formatBytes(m.peakRssGrowth)}`;
  return `heap +${formatBytes(m.heapGrowth)}${rss}`;
}

function heapGrowthHere(hcql: typeof Hcql, c: Case): MemoryUse {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const result = hcql.compile(c.text, c.options);
  const growth = process.memoryUsage().heapUsed - before;
  if (!result.ok) throw new Error(`${c.name} does not compile`);
  return { heapGrowth: growth, peakRssGrowth: undefined };
}

/** Compiles the case once in a fresh process, so its peak RSS belongs to that compile alone. */
function peakMemory(c: Case): MemoryUse {
  const dir = mkdtempSync(join(tmpdir(), "hcql-bench-"));
  try {
    const file = join(dir, "query.hcql");
    writeFileSync(file, c.text);
    const child = fileURLToPath(new URL("./memory-child.mjs", import.meta.url));
    const options = JSON.stringify({
      unlimitedLength: c.options.maxLength === Number.POSITIVE_INFINITY,
      maxRequests: c.options.maxRequests,
    });
    const result = spawnSync(process.execPath, ["--expose-gc", child, DIST_INDEX, file, options], {
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`memory measurement failed: ${result.stderr}`);
    return JSON.parse(result.stdout) as MemoryUse;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
