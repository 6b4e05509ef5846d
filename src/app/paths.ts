import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

function home(env: Env): string {
  return env.HOME !== undefined && env.HOME !== "" ? env.HOME : homedir();
}

/** `$XDG_STATE_HOME/hcql/history`, else `~/.local/state/hcql/history`. */
export function historyPath(env: Env): string {
  const base = env.XDG_STATE_HOME ? env.XDG_STATE_HOME : join(home(env), ".local", "state");
  return join(base, "hcql", "history");
}

/** `$XDG_CONFIG_HOME/hcql/queries.json`, else `~/.config/hcql/queries.json`. */
export function savedQueriesPath(env: Env): string {
  const base = env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : join(home(env), ".config");
  return join(base, "hcql", "queries.json");
}

/** Reads a file, or undefined when it does not exist. */
export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Writes a private file (mode 0600, its folder 0700) atomically: a temp file renamed over it. */
export function writePrivateFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}
