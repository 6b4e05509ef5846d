import { type SpawnSyncReturns, spawnSync as spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * A smoke run of the benchmark suite (`bench/index.ts --quick`): every part runs and reports.
 * The numbers are not judged here; the targets are shown by `npm run bench`.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "hcql-bench-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROW_IDS = [
  "compile-vs-json",
  "vs-liqe",
  "vs-lucene",
  "flat-or-scaling",
  "query-64kib",
  "query-depth-64",
  "highlight-keystroke",
  "completion-p99",
  "client-pacing",
  "cold-start",
  "library-import",
  "repl-ready",
  "repl-first-compile",
  "repl-first-search",
  "web-start",
  "count-vs-run",
  "all-memory",
];

describe("npm run bench -- --quick", () => {
  const out = join(dir, "results.json");
  let run: SpawnSyncReturns<string>;
  beforeAll(() => {
    run = spawn(
      process.execPath,
      ["--expose-gc", "--import", "tsx", "bench/index.ts", "--quick", "--out", out],
      {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 120_000,
      },
    );
  }, 130_000);

  it("exits 0 and prints the table", () => {
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("| Benchmark");
  });

  it.each(ROW_IDS)("%s is measured and has a target", (id) => {
    const results = JSON.parse(readFileSync(out, "utf8")) as {
      quick: boolean;
      rows: { id: string; measured: number; target: string; ratio?: number }[];
    };
    expect(results.quick).toBe(true);
    const row = results.rows.find((r) => r.id === id);
    expect(row).toBeDefined();
    expect(Number.isFinite(row!.measured) && row!.measured > 0).toBe(true);
    expect(row!.target).not.toBe("");
    if (row!.ratio !== undefined) expect(Number.isFinite(row!.ratio) && row!.ratio > 0).toBe(true);
  });

  it("records the machine", () => {
    const results = JSON.parse(readFileSync(out, "utf8")) as { machine: Record<string, unknown> };
    expect(Object.keys(results.machine)).toEqual(
      expect.arrayContaining(["cpus", "cpuModel", "node", "date"]),
    );
  });
});
