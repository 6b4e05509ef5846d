import { readFileSync } from "node:fs";
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { Diagnostic } from "../language/diagnostics.js";
import { shouldColor } from "../output/color.js";
import type { Greeting } from "../repl/greeting.js";

/** Exit codes of every command. */
export const EXIT = { ok: 0, diagnostics: 1, usage: 2, api: 3 } as const;

/** What a command reads and writes; the process in production, buffers in tests. */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  /** Set when `hcql` already greeted the user, before the shell's modules loaded. */
  readonly greeting?: Greeting;
}

export interface Command {
  /** The usage text shown by `hcql <command> --help` and on a usage error. */
  readonly usage: string;
  run(argv: readonly string[], io: CliIO): Promise<number>;
}

/** A problem with how a command was called: usage on stderr, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Whether `error` is a UsageError. By name, not `instanceof`: the CLI's entry is a separate bundle from
 * the commands it imports (the shell, run, serve), each with its own copy of this class.
 */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === "UsageError";
}

/** node:util parseArgs, turning its errors into UsageError. */
export function parseFlags<T extends ParseArgsConfig["options"]>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Reads all of stdin as UTF-8. */
export async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The query text of a command: the positional arguments joined by spaces, `-` for stdin,
 * or the contents of `-f FILE` when `file` is given.
 */
export async function readQuery(positionals: readonly string[], io: CliIO, file?: string): Promise<string> {
  if (file !== undefined) {
    if (positionals.length > 0) throw new UsageError("give either -f FILE or a query, not both");
    return readTextFile(file);
  }
  if (positionals.length === 1 && positionals[0] === "-") return readStdin(io.stdin);
  if (positionals.length === 0) throw new UsageError("missing query (use - to read it from stdin)");
  return positionals.join(" ");
}

/** A file a command was given, as UTF-8; one it cannot read is a usage error naming why. */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  }
}

export function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith("\n") || text === "" ? text : `${text}\n`);
}

/**
 * Diagnostics rendered for a person on stderr: colour per NO_COLOR/FORCE_COLOR/terminal, long lines cut
 * to the terminal's width. The renderer (and its width tables) loads only when there is something to render.
 */
export async function renderForPerson(
  text: string,
  diagnostics: readonly Diagnostic[],
  io: CliIO,
): Promise<string> {
  const color = shouldColor(io.env, io.stderr.isTTY === true);
  const { renderDiagnostics } = await import("../language/render.js");
  // On a terminal, long lines are cut to its width (less the gutter); elsewhere to the renderer's default.
  const maxWidth = io.stderr.isTTY && io.stderr.columns ? Math.max(20, io.stderr.columns - 8) : undefined;
  return renderDiagnostics(text, diagnostics, { color, maxWidth });
}

/** Resolves on the first SIGINT or SIGTERM: how a server command (serve, web) is stopped. */
export function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
