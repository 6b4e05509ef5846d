import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The built CLI. */
export const CLI = fileURLToPath(new URL("../../dist/cli.cjs", import.meta.url));

export interface CliRun {
  readonly code: number | null;
  /** The signal that ended the process (SIGKILL when it ran past the time-out). */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** The whole environment besides PATH. */
  readonly env?: Record<string, string>;
  /** What the process reads on stdin. */
  readonly input?: string;
  /** Options to node itself, before the script. */
  readonly nodeArgs?: readonly string[];
  /** The working folder (default: this process's). */
  readonly cwd?: string;
  /** Called with the process once it runs (to signal it, say). */
  readonly started?: (child: ChildProcess) => void;
}

/** A run still going after this long is killed. */
const KILL_AFTER_MS = 60_000;

/**
 * Runs `node [nodeArgs] dist/cli.cjs args` as a real process (asynchronously, so a server in this
 * process keeps answering) with only the given environment: no HELPCRUNCH_* variable leaks in from
 * outside.
 */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
      env: { PATH: process.env.PATH ?? "", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), KILL_AFTER_MS);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    // A process that exits without reading all its input must not fail the run.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
    options.started?.(child);
  });
}

/** Runs the CLI (see runCli); its exit code and output. */
export async function hcql(
  args: readonly string[],
  options: CliOptions = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runCli(args, options);
  return { code, stdout, stderr };
}

export interface Served {
  readonly url: string;
  readonly firstLines: string;
  /** Sends the signal and resolves with the exit code and stderr. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }>;
}

/** Starts `hcql serve` as a real process and waits for its URL. */
export function serve(args: readonly string[]): Promise<Served> {
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", ...args], {
    env: { PATH: process.env.PATH ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    void exited.then((code) => reject(new Error(`hcql serve exited ${code}: ${stderr}`)));
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url && stdout.includes("Ctrl-C")) {
        resolve({
          url,
          firstLines: stdout,
          stop: async (signal) => {
            child.kill(signal);
            return { code: await exited, stderr };
          },
        });
      }
    });
  });
}
