import { spawn } from "node:child_process";
import { CLI } from "../support/cli.js";

export interface StartedWeb {
  /** The URL printed on stdout, token included. */
  readonly url: string;
  /** http://host:port */
  readonly origin: string;
  readonly token: string;
  readonly stdout: string;
  readonly stderr: () => string;
  stop(): Promise<number | null>;
}

/**
 * Starts `hcql web` as a real process with only the given environment and waits for its URL; on a
 * free port unless `defaultPort` leaves the port to hcql.
 */
export function startWeb(
  args: readonly string[],
  env: Record<string, string> = {},
  { defaultPort = false } = {},
): Promise<StartedWeb> {
  const child = spawn(process.execPath, [CLI, "web", ...(defaultPort ? [] : ["--port", "0"]), ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    void exited.then((code) => reject(new Error(`hcql web exited ${code}: ${stderr}`)));
    // Ready once the URL is on stdout and the note on stderr (two pipes: either may come first).
    const ready = () => {
      const line = /^(http:\S+)\n/.exec(stdout)?.[1];
      if (line === undefined || !stderr.includes("Ctrl-C stops")) return;
      const url = new URL(line);
      resolve({
        url: line,
        origin: url.origin,
        token: url.searchParams.get("token") ?? "",
        stdout,
        stderr: () => stderr,
        stop: async () => {
          child.kill("SIGTERM");
          return exited;
        },
      });
    };
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      ready();
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      ready();
    });
  });
}
