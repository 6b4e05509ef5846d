import { createReadStream } from "node:fs";
import { type ParseArgsConfig, parseArgs } from "node:util";
import {
  type AccountSettings,
  type AppIO,
  accountConnection,
  type Connection,
  capAdvice,
  type DemoOptions,
  demoConnection,
  limitAdvice,
  type TextOutput,
  write,
} from "../app/index.js";
import type { TooLarge } from "../compiler/index.js";
import type { Diagnostic } from "../language/index.js";
import { nearestName } from "../language/index.js";
import { shouldColor } from "../output/index.js";
import { DEFAULT_MAX_LENGTH } from "../parser/index.js";
import type { Greeting } from "../repl/index.js";

export { EXIT, write } from "../app/index.js";

/** What a command reads and writes; the process in production, buffers in tests. */
export interface CliIO extends AppIO {
  /** Set when `hcql` already greeted the user, before the shell's modules loaded. */
  readonly greeting?: Greeting;
}

export interface Command {
  /** The usage text shown by `hcql <command> --help` and on a usage error. */
  readonly usage: string;
  run(argv: readonly string[], io: CliIO): Promise<number>;
}

/** What a command that prints one text and ends reads and writes: its output only takes text. */
export interface TextIO extends Omit<CliIO, "stdout"> {
  readonly stdout: TextOutput;
}

/** A command that prints one text and ends (check, compile, decompile, explain, fmt). */
export interface TextCommand {
  readonly usage: string;
  run(argv: readonly string[], io: TextIO): Promise<number>;
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

/** node:util parseArgs, turning its errors into UsageError with our own words. */
export function parseFlags<T extends ParseArgsConfig["options"]>(argv: readonly string[], options: T) {
  const args = joinValues(argv, options ?? {});
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(flagProblem(error as Error & { code?: string }, argv, options ?? {}));
  }
}

type FlagOptions = NonNullable<ParseArgsConfig["options"]>;

/**
 * The arguments with each option that takes a value joined to it (`--rate-limit -1` becomes
 * `--rate-limit=-1`): parseArgs refuses a value that starts with '-' as ambiguous, and the option's own
 * check says better what is wrong with it. An option followed by nothing, `--` or another option has
 * no value: a usage error.
 */
function joinValues(argv: readonly string[], options: FlagOptions): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") return [...args, ...argv.slice(i)];
    const name = optionTakingValue(arg, options);
    if (name === undefined) {
      args.push(arg);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value === "--" || isOption(value, options)) {
      throw new UsageError(`option ${arg} needs a value`);
    }
    args.push(`--${name}=${value}`);
    i += 1;
  }
  return args;
}

/** The name of the option `arg` is (`--name` or `-n`) when it takes a value written after it. */
function optionTakingValue(arg: string, options: FlagOptions): string | undefined {
  const name = arg.startsWith("--")
    ? arg.slice(2)
    : arg.length === 2
      ? shortOptionName(arg, options)
      : undefined;
  return name !== undefined && Object.hasOwn(options, name) && options[name]!.type === "string"
    ? name
    : undefined;
}

/** The option a short `-x` (or `-xVALUE`) argument names, if it is one of them. */
function shortOptionName(arg: string, options: FlagOptions): string | undefined {
  if (!/^-[^-]/.test(arg)) return undefined;
  return Object.keys(options).find((name) => options[name]!.short === arg[1]);
}

/** Whether an argument is an option rather than a value: `--anything`, or one of the short options. */
function isOption(arg: string, options: FlagOptions): boolean {
  return arg.startsWith("--") || shortOptionName(arg, options) !== undefined;
}

/** What is wrong with the flags, from parseArgs' error: which argument, and what to do. */
function flagProblem(
  error: Error & { code?: string },
  argv: readonly string[],
  options: FlagOptions,
): string {
  const quoted = /'(-[^' ,]*)/.exec(error.message)?.[1] ?? "";
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      // `-7d` reaches parseArgs as the short option `-7`: report the whole argument.
      const argument =
        argv.find((a) => a === quoted || (!a.startsWith("--") && a.startsWith(quoted))) ?? quoted;
      return /^-(\d|[^-\w])/.test(argument) || /[^\w=-]/.test(argument.split("=")[0]!)
        ? `'${argument}' is not an option; a query that starts with '-' goes after --, or quote the whole query (hcql compile -- 'createdAt > -7d')`
        : `unknown option '${argument}'${clauseOption(argument, argv, options) ?? nearestOption(argument, options)}`;
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /argument missing/.test(error.message)
        ? `option ${quoted} needs a value`
        : `option ${quoted} takes no value`;
    default:
      return error.message;
  }
}

/** Clauses of a query people pass as options (`--limit 5`): how the query says them, given the value. */
const CLAUSE_OPTIONS: Readonly<Record<string, (value: string) => string>> = {
  limit: (n) => `limit ${n}`,
  offset: (n) => `offset ${n}`,
  sort: (field) => `sort by ${field}`,
  "sort-by": (field) => `sort by ${field}`,
  "order-by": (field) => `sort by ${field}`,
  count: (field) => `count by ${field}`,
  "count-by": (field) => `count by ${field}`,
};

/**
 * `--limit 5` given to a command whose query says its limit itself: the clause, as a sentence's end.
 * The commands that read a query are those with `-f FILE`.
 */
function clauseOption(argument: string, argv: readonly string[], options: FlagOptions): string | undefined {
  if (!argument.startsWith("--") || options.file === undefined) return undefined;
  const clause = CLAUSE_OPTIONS[argument.slice(2).split("=")[0]!.toLowerCase()];
  if (clause === undefined) return undefined;
  const at = argv.findIndex((a) => a === argument || a.startsWith(`${argument}=`));
  const given = argv[at] ?? argument;
  const next = at < 0 ? undefined : argv[at + 1];
  const value = given.includes("=")
    ? given.slice(given.indexOf("=") + 1)
    : next !== undefined && !next.startsWith("-")
      ? next
      : "…";
  return `; the query says it: '… ${clause(value)}'`;
}

/** Other tools' names for hcql's options (`--base-url` for `--api-url`): offered when the command has it. */
const OPTION_SYNONYMS: Readonly<Record<string, string>> = {
  "base-url": "api-url",
  url: "api-url",
  endpoint: "api-url",
  key: "api-key",
  token: "api-key",
  "key-file": "api-key-file",
  output: "format",
  timezone: "tz",
  "time-zone": "tz",
  zone: "tz",
};

/** What a misspelt long option likely meant (`--formt` → `--format`), as a sentence's end. */
function nearestOption(argument: string, options: FlagOptions): string {
  if (!argument.startsWith("--")) return "";
  const name = argument.slice(2).split("=")[0]!;
  const synonym = OPTION_SYNONYMS[name.toLowerCase()];
  const near =
    synonym !== undefined && synonym in options ? synonym : nearestName(name, Object.keys(options));
  return near === undefined ? "" : `; did you mean '--${near}'?`;
}

/** The first line of a command's usage, and where the rest is: what a usage error shows. */
export function shortUsage(usage: string, command: string): string {
  return `${usage.split("\n")[0]}\nRun 'hcql ${command} --help' for its options.`;
}

/**
 * A flag's decimal number (`5`, `0.5`, `.5`); undefined for anything else, which Number() would read
 * too: hex (`0x10`), binary, exponents, spaces, `Infinity`.
 */
export function decimalOf(text: string): number | undefined {
  return /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(text) ? Number(text) : undefined;
}

/**
 * The query text of a command: the positional arguments joined by spaces, `-` for stdin,
 * or the contents of `-f FILE` when `file` is given. Stdin and files are read only up to the query
 * limit and one more character: a longer query is `too-long` anyway, and `/dev/zero` never ends.
 * Reading stops, with the signal's reason, when `signal` aborts (`--timeout`).
 */
export async function readQuery(
  positionals: readonly string[],
  io: Pick<AppIO, "stdin">,
  file?: string,
  signal?: AbortSignal,
): Promise<string> {
  if (file !== undefined) {
    if (positionals.length > 0) throw new UsageError("give either -f FILE or a query, not both");
    return readFileAtMost(file, MAX_QUERY_READ, signal);
  }
  if (positionals.length === 1 && positionals[0] === "-") return readAtMost(io.stdin, MAX_QUERY_READ, signal);
  if (positionals.length === 0) throw new UsageError("missing query (use - to read it from stdin)");
  return positionals.join(" ");
}

/** UTF-16 code units of a query read from a stream: one past the longest query, so the too-long one is seen. */
const MAX_QUERY_READ = DEFAULT_MAX_LENGTH + 1;

/** A file read up to `max` characters; one that cannot be opened is a usage error naming why. */
export async function readFileAtMost(file: string, max: number, signal?: AbortSignal): Promise<string> {
  const stream = createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", reject);
  });
  try {
    await opened;
    return await readAtMost(stream, max, signal);
  } catch (error) {
    if (signal?.aborted && error === signal.reason) throw error;
    throw new UsageError(`cannot read ${file}: ${fileProblem(error)}`);
  }
}

/** Reads a stream as UTF-8 until it ends or holds more than `max` UTF-16 code units (then cut there). */
export async function readAtMost(
  stream: NodeJS.ReadableStream,
  max: number,
  signal?: AbortSignal,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  const chunks = stream[Symbol.asyncIterator]();
  const aborted = new Promise<never>((_, reject) => {
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => {});
  try {
    for (;;) {
      const next = await Promise.race([chunks.next(), aborted]);
      if (next.done) return text + decoder.decode();
      const chunk = next.value as string | Uint8Array;
      text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      if (text.length > max) return text.slice(0, max);
    }
  } finally {
    // Stop reading (and let the process exit) whatever ended the loop.
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
}

/** Writes text as it is and resolves once it is handed to the OS (so memory holds a piece, not the output). */
export function writeText(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (text === "") return Promise.resolve();
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

/** What the system's common refusals of a file mean, in words. */
const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EISDIR: "it is a directory",
  ENOSPC: "no space left on the device",
};

/**
 * Why a file could not be read or written: in words for the common codes, else the system's code.
 * Writing, ENOENT is the folder's absence.
 */
export function fileProblem(error: unknown, doing: "read" | "write" = "read"): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return (error as Error).message ?? "error";
  if (doing === "write" && code === "ENOENT") return "no such directory";
  return Object.hasOwn(FILE_PROBLEMS, code) ? FILE_PROBLEMS[code]! : code;
}

/**
 * Diagnostics rendered for a person on stderr: colour per NO_COLOR/FORCE_COLOR/terminal, long lines cut
 * to the terminal's width. The renderer (and its width tables) loads only when there is something to render.
 */
export async function renderForPerson(
  text: string,
  diagnostics: readonly Diagnostic[],
  io: Pick<AppIO, "stderr" | "env">,
): Promise<string> {
  const color = shouldColor(io.env, io.stderr.isTTY === true);
  const { excerptWidth, renderDiagnostics } = await import("../language/render.js");
  // On a terminal, long lines are cut to its width (less the gutter); elsewhere to the renderer's default.
  const maxWidth = io.stderr.isTTY && io.stderr.columns ? excerptWidth(io.stderr.columns) : undefined;
  return renderDiagnostics(text, diagnostics, { color, maxWidth });
}

/**
 * A query's diagnostics on stderr, if it has any, and for a plan too large the `--max-requests` that
 * lets it run; `explain` names the command that shows what the query costs (none from explain itself).
 */
export async function writeQueryProblems(
  text: string,
  result: { readonly diagnostics: readonly Diagnostic[]; readonly tooLarge?: TooLarge | undefined },
  io: Pick<AppIO, "stderr" | "env">,
  explain?: string,
): Promise<void> {
  if (result.diagnostics.length === 0) return;
  write(io.stderr, await renderForPerson(text, result.diagnostics, io));
  if (result.tooLarge) write(io.stderr, capAdvice(result.tooLarge, "--max-requests", explain));
}

/**
 * The connection the settings ask for: the account's with a key, else the demo emulator's (started
 * with `demo`). `requestsPerMinute` paces either. A key or URL the client cannot use is a problem of
 * the call (a UsageError).
 */
export async function openConnection(
  account: AccountSettings,
  demo: Omit<DemoOptions, "requestsPerMinute"> = {},
  requestsPerMinute?: number,
): Promise<Connection> {
  const paced = requestsPerMinute === undefined ? {} : { requestsPerMinute };
  if (account.apiKey === undefined) return demoConnection({ ...demo, ...paced });
  const connection = accountConnection(account.apiKey, account.baseUrl, requestsPerMinute);
  if (!connection.ok) throw new UsageError(connection.message);
  return connection.value;
}

/** After diagnostics on stderr: for a limit over 10,000, how to fetch every match instead (§6). */
export function writeLimitAdvice(diagnostics: readonly Diagnostic[], io: Pick<AppIO, "stderr">): void {
  const advice = limitAdvice(diagnostics);
  if (advice !== undefined) write(io.stderr, advice);
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
