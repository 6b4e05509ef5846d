import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type IPty, spawn } from "@lydell/node-pty";
import { QUERY } from "./compile.js";
import { type Budget, benchEnv, bestRoundRatio, CLI, median, roundRatio, timeSpawn } from "./support.js";
import type { Row } from "./table.js";

/** Targets 4 and 5b: a whole `hcql compile` process, and the shell until its prompt, against `node -e 0`. */

export function benchColdStart(budget: Budget): Row[] {
  return [
    spawnRatioRow(budget, {
      id: "cold-start",
      name: "cold start: node dist/cli.cjs compile '<query>'",
      args: [CLI, "compile", QUERY],
      // 1.45× on a quiet machine keeps a loaded one under 1.6×.
      target: 1.45,
    }),
  ];
}

/**
 * Target 6: a library user's fresh process: `import('hcql')`, then compiling the query, against
 * `node -e 0`. The package is imported by its name, so Node picks the file a user gets (its `node`
 * condition), from the repository (spawned there).
 */
export function benchLibraryImport(budget: Budget): Row[] {
  const script = `import("hcql").then((hcql) => { if (!hcql.compile(${JSON.stringify(QUERY)}).ok) process.exit(1); })`;
  return [
    spawnRatioRow(budget, {
      id: "library-import",
      name: "library: import('hcql'), compile '<query>'",
      args: ["-e", script],
      target: 1.6,
    }),
  ];
}

/** A process run to its exit against `node -e 0`, spawned alternately; the ratio is the median of the pairs'. */
function spawnRatioRow(
  budget: Budget,
  row: {
    readonly id: string;
    readonly name: string;
    readonly args: readonly string[];
    readonly target: number;
  },
): Row {
  const bare: number[] = [];
  const measured: number[] = [];
  const env = benchEnv();
  // Alternate the two so that load from elsewhere falls on both alike; the first run warms the disk cache.
  timeSpawn(["-e", "0"], env);
  timeSpawn(row.args, env);
  for (let i = 0; i < budget.spawns; i++) {
    bare.push(timeSpawn(["-e", "0"], env));
    measured.push(timeSpawn(row.args, env));
  }
  const ratio = roundRatio({ measured, bare }, "measured", "bare");
  const minRatio = bestRoundRatio({ measured, bare }, "measured", "bare");
  return {
    id: row.id,
    name: row.name,
    measured: median(measured) * 1e6,
    unit: "ns",
    baselineName: "node -e 0",
    baseline: median(bare) * 1e6,
    ratio,
    minRatio,
    target: `≤ ${row.target}×`,
    pass: ratio <= row.target,
    note: `${budget.spawns} spawns each, alternating; ratio = median of pairwise ratios`,
  };
}

const PROMPT = "hcql> ";

/** The shell's first moments: its prompt, and the first answers to lines typed before it. */
const FIRST_MOMENTS = [
  {
    id: "repl-ready",
    name: "REPL ready: `hcql` (demo mode) until the prompt",
    typed: undefined,
    until: PROMPT,
    target: 2,
  },
  {
    id: "repl-first-compile",
    name: "first answer: `.compile status = pending` typed at once",
    typed: ".compile status = pending\r",
    until: '"filter"',
    target: 2.5,
  },
  {
    id: "repl-first-search",
    name: "first demo search: `status = pending` typed at once, until its footer",
    typed: "status = pending\r",
    until: " ms",
    target: 3.5,
  },
] as const;

/**
 * Milliseconds from spawning `args` in a pseudo-terminal until `until` appears (or it exits);
 * `typed` is written at once, as a person typing ahead of the prompt does.
 */
function timePty(
  args: readonly string[],
  until: string | undefined,
  home: string,
  typed?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let output = "";
    let done = false;
    const pty: IPty = spawn(process.execPath, [...args], {
      name: "xterm-256color",
      cols: 120,
      rows: 40,
      cwd: home,
      env: { ...benchEnv(home), TERM: "xterm-256color" },
    });
    if (typed !== undefined) pty.write(typed);
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      pty.kill();
      reject(
        new Error(`no '${until}' within 20 s; the screen showed: ${JSON.stringify(output.slice(-300))}`),
      );
    }, 20_000);
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const elapsed = performance.now() - start;
      resolve(elapsed);
    };
    pty.onData((data) => {
      output += data;
      if (until !== undefined && output.includes(until)) {
        finish();
        pty.kill();
      }
    });
    pty.onExit(() => {
      if (until === undefined) finish();
      else if (!done) {
        done = true;
        clearTimeout(timer);
        reject(new Error(`exited before '${until}': ${JSON.stringify(output.slice(-300))}`));
      }
    });
  });
}

export async function benchReplReady(budget: Budget): Promise<Row[]> {
  const home = mkdtempSync(join(tmpdir(), "hcql-bench-home-"));
  try {
    const bare: number[] = [];
    const moments = FIRST_MOMENTS.map(() => [] as number[]);
    await timePty(["-e", "0"], undefined, home);
    for (const moment of FIRST_MOMENTS) await timePty([CLI], moment.until, home, moment.typed);
    for (let i = 0; i < budget.spawns; i++) {
      bare.push(await timePty(["-e", "0"], undefined, home));
      for (const [m, moment] of FIRST_MOMENTS.entries()) {
        moments[m]!.push(await timePty([CLI], moment.until, home, moment.typed));
        // Let the killed shell's emulator and sockets go before the next run.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    return FIRST_MOMENTS.map((moment, m) => {
      const times = moments[m]!;
      const ratio = roundRatio({ times, bare }, "times", "bare");
      return {
        id: moment.id,
        name: moment.name,
        measured: median(times) * 1e6,
        unit: "ns",
        baselineName: "node -e 0",
        baseline: median(bare) * 1e6,
        ratio,
        minRatio: bestRoundRatio({ times, bare }, "times", "bare"),
        target: `≤ ${moment.target}×`,
        pass: ratio <= moment.target,
        note: `pseudo-terminal, fresh HOME, no API key; ${budget.spawns} spawns each, alternating`,
      } satisfies Row;
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
