import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type IPty, spawn } from "@lydell/node-pty";
import { QUERY } from "./compile.js";
import { type Budget, CLI, median, roundRatio, timeSpawn } from "./support.js";
import type { Row } from "./table.js";

/** Targets 4 and 5b: a whole `hcql compile` process, and the shell until its prompt, against `node -e 0`. */

export function benchColdStart(budget: Budget): Row[] {
  const bare: number[] = [];
  const cli: number[] = [];
  // The environment as it is: the CLI finds the system zone from TZ or /etc/localtime.
  const env = process.env;
  // Alternate the two so that load from elsewhere falls on both alike; the first run warms the disk cache.
  timeSpawn(["-e", "0"], env);
  timeSpawn([CLI, "compile", QUERY], env);
  for (let i = 0; i < budget.spawns; i++) {
    bare.push(timeSpawn(["-e", "0"], env));
    cli.push(timeSpawn([CLI, "compile", QUERY], env));
  }
  const ratio = roundRatio({ cli, bare }, "cli", "bare");
  return [
    {
      id: "cold-start",
      name: "cold start: node dist/cli.cjs compile '<query>'",
      measured: median(cli) * 1e6,
      unit: "ns",
      baselineName: "node -e 0",
      baseline: median(bare) * 1e6,
      ratio,
      target: "≤ 1.6×",
      pass: ratio <= 1.6,
      note: `${budget.spawns} spawns each, alternating; ratio = median of pairwise ratios`,
    },
  ];
}

const PROMPT = "hcql> ";

/** Milliseconds from spawning `args` in a pseudo-terminal until `until` appears (or it exits). */
function timePty(args: readonly string[], until: string | undefined, home: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let output = "";
    let done = false;
    const pty: IPty = spawn(process.execPath, [...args], {
      name: "xterm-256color",
      cols: 120,
      rows: 40,
      cwd: home,
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        TERM: "xterm-256color",
        TZ: "UTC",
        LANG: "C.UTF-8",
        HOME: home,
        XDG_STATE_HOME: join(home, "state"),
        XDG_CONFIG_HOME: join(home, "config"),
        XDG_CACHE_HOME: join(home, "cache"),
      },
    });
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
    const repl: number[] = [];
    await timePty(["-e", "0"], undefined, home);
    await timePty([CLI], PROMPT, home);
    for (let i = 0; i < budget.spawns; i++) {
      bare.push(await timePty(["-e", "0"], undefined, home));
      repl.push(await timePty([CLI], PROMPT, home));
      // Let the killed shell's emulator and sockets go before the next pair.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ratio = roundRatio({ repl, bare }, "repl", "bare");
    return [
      {
        id: "repl-ready",
        name: "REPL ready: `hcql` (demo mode) until the prompt",
        measured: median(repl) * 1e6,
        unit: "ns",
        baselineName: "node -e 0",
        baseline: median(bare) * 1e6,
        ratio,
        target: "≤ 2×",
        pass: ratio <= 2,
        note: `pseudo-terminal, fresh HOME, no API key; ${budget.spawns} spawns each, alternating`,
      },
    ];
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
