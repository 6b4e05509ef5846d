import type { ParseArgsConfig } from "node:util";
import type { AppIO } from "../app/index.js";
import {
  checkTimeZone,
  DEFAULT_MAX_REQUESTS,
  MAX_REQUESTS_CAP,
  nowSeconds,
  parseNow,
  SavedQueries,
  systemTimeZone,
} from "../app/index.js";
import { type Diagnostic, diagnostic, groupDigits, nearestName, onlyComments } from "../language/index.js";
import { DEFAULT_MAX_LENGTH } from "../parser/index.js";
import {
  type CliIO,
  EXIT,
  parseFlags,
  readAtMost,
  readFileAtMost,
  readQuery,
  renderForPerson,
  type TextCommand,
  type TextIO,
  UsageError,
  write,
} from "./common.js";

/** The `--now` and `--tz` options that commands compiling queries share. */

/** Their flags, for `parseFlags`. */
export const CLOCK_FLAGS = {
  now: { type: "string" },
  tz: { type: "string" },
} as const;

/** `--max-requests N`: how many request bodies a query may become. */
export const MAX_REQUESTS_FLAG = { "max-requests": { type: "string" } } as const;

export const MAX_REQUESTS_USAGE = `  --max-requests N  the most request bodies a query may become (default ${DEFAULT_MAX_REQUESTS})`;

/** The flags of commands that read a query: the clock's and `-f FILE`. */
export const QUERY_FLAGS = {
  ...CLOCK_FLAGS,
  ...MAX_REQUESTS_FLAG,
  file: { type: "string", short: "f" },
} as const;

/** The usage lines of `--max-requests` and `-f FILE`. */
export const FILE_USAGE = `${MAX_REQUESTS_USAGE}
  -f, --file FILE   read the query from FILE`;

/** The forms of a query command's arguments, in its usage. */
export const QUERY_ARGUMENTS_USAGE = `  <query>           the HCQL query (several arguments are joined by spaces; - reads stdin)
  @NAME             a query saved in the shell (.save NAME <query>)`;

/** Their lines of a command's usage. */
export const CLOCK_USAGE = `  --now T           the clock for now, today and relative dates: UNIX seconds or an ISO
                    date-time (in the session zone unless it has Z or an offset)
  --tz ZONE         the session time zone, an IANA name (default: the system's)`;

/** The session time zone: `--tz` or the system's; an unknown zone is a usage error. */
export function resolveTimeZone(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  if (flag !== undefined && flag.trim() === "") {
    throw new UsageError("--tz needs an IANA time zone name such as Europe/Berlin");
  }
  const zone = checkTimeZone(flag ?? systemTimeZone(env));
  if (!zone.ok) throw new UsageError(zone.message);
  return zone.value;
}

/** The compile-time clock in UNIX seconds: `--now` (see parseNow), else the current time. */
export function resolveNow(flag: string | undefined, timeZone: string): number {
  if (flag === undefined) return nowSeconds();
  const now = parseNow(flag, timeZone, "--now");
  if (!now.ok) throw new UsageError(now.message);
  return now.value;
}

/**
 * What every command that compiles a query reads first: the session zone, the clock, then the query
 * (flags are judged before stdin is read).
 */
export async function readClockAndQuery(
  values: {
    readonly now?: string | undefined;
    readonly tz?: string | undefined;
    readonly file?: string | undefined;
    readonly "max-requests"?: string | undefined;
  },
  positionals: readonly string[],
  io: Pick<AppIO, "stdin" | "env">,
  signal?: AbortSignal,
): Promise<{ text: string; now: number; timeZone: string; maxRequests?: number }> {
  const timeZone = resolveTimeZone(values.tz, io.env);
  const now = resolveNow(values.now, timeZone);
  const maxRequests = parseMaxRequests(values["max-requests"]);
  const text = await readQuery(positionals, io, values.file, signal);
  return { text, now, timeZone, ...(maxRequests === undefined ? {} : { maxRequests }) };
}

/**
 * What is wrong with a query read from stdin (`-`) or `-f FILE` that holds nothing but white space
 * and comments, as a sentence's end; undefined for any other query. The language reads such text as
 * the empty query (all chats), but an empty input is far likelier a mistake (a file not yet written,
 * a pipe whose command failed). An empty argument (`''`) is the query as given.
 */
export function emptyQuerySource(
  text: string,
  positionals: readonly string[],
  file: string | undefined,
): string | undefined {
  const source = streamSource(positionals, file);
  if (source === undefined) return undefined;
  if (text.trim() === "") return `${source} is empty: expected a query`;
  return onlyComments(text) ? `${source} holds only comments: expected a query` : undefined;
}

/** Where a query is read from when not from the arguments: "stdin" (`-`) or the file named. */
function streamSource(positionals: readonly string[], file: string | undefined): string | undefined {
  return file ?? (positionals.length === 1 && positionals[0] === "-" ? "stdin" : undefined);
}

/**
 * `too-long` for a query read from stdin or a file that is longer than a query may be, which
 * readQuery cut one past the limit (its length is not known, and may be endless: /dev/zero).
 */
export function overlongQuery(
  text: string,
  positionals: readonly string[],
  file: string | undefined,
): Diagnostic | undefined {
  const source = streamSource(positionals, file);
  if (source === undefined || text.length <= DEFAULT_MAX_LENGTH) return undefined;
  const span = { start: DEFAULT_MAX_LENGTH, end: text.length };
  return diagnostic("tooLongInput", span, [source, groupDigits(DEFAULT_MAX_LENGTH)]);
}

/**
 * The query of a command that takes one (check, compile, explain, run) with its clock options; when
 * stdin or the file named holds no query, that is said on stderr, and undefined returned (exit 1).
 * Reading stops with the signal's reason when `signal` aborts (`--timeout`).
 */
export async function readCommandQuery(
  command: string,
  values: Parameters<typeof readClockAndQuery>[0],
  positionals: readonly string[],
  io: Pick<AppIO, "stdin" | "env" | "stderr">,
  signal?: AbortSignal,
  report?: ReportProblems,
): Promise<Awaited<ReturnType<typeof readClockAndQuery>> | undefined> {
  const query = await readClockAndQuery(values, positionals, io, signal);
  const empty = emptyQuerySource(query.text, positionals, values.file);
  if (empty !== undefined) {
    write(io.stderr, `hcql ${command}: ${empty}`);
    return undefined;
  }
  const overlong = overlongQuery(query.text, positionals, values.file);
  if (overlong !== undefined) {
    // For a person, the sentence alone: an excerpt of the 65,536th character shows nothing more.
    if (report === undefined) write(io.stderr, `hcql ${command}: ${overlong.message}`);
    else await report(query.text, [overlong]);
    return undefined;
  }
  const text = await savedQueryOr(query.text, io, report);
  return text === undefined ? undefined : { ...query, text };
}

/** How a command shows the problems of a query it read: for a person on stderr, unless it says. */
export type ReportProblems = (text: string, diagnostics: readonly Diagnostic[]) => Promise<void>;

/**
 * `@NAME`: the query saved in the shell under NAME (`.save NAME <query>`); any other text is the query.
 * `@NAME` with more after it is shown on stderr under the name (a saved query runs alone), and
 * undefined returned (exit 1).
 */
export async function savedQueryOr(
  text: string,
  io: Pick<AppIO, "env" | "stderr">,
  report: ReportProblems = async (shown, diagnostics) =>
    write(io.stderr, await renderForPerson(shown, diagnostics, io)),
): Promise<string | undefined> {
  const notAlone = new SavedQueries(io.env).notAlone(text);
  if (notAlone !== undefined) {
    await report(text, [notAlone]);
    return undefined;
  }
  return savedQuery(text, io.env);
}

function savedQuery(text: string, env: AppIO["env"]): string {
  const name = /^\s*@(\S+)\s*$/.exec(text)?.[1];
  if (name === undefined) return text;
  const saved = new SavedQueries(env);
  let query: string | undefined;
  try {
    query = saved.get(name);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (query === undefined) {
    const near = nearestName(name, Object.keys(saved.all()));
    throw new UsageError(
      near === undefined
        ? `no saved query '${name}' in ${saved.path} (save one in the shell: .save ${name} <query>)`
        : `no saved query '${name}' in ${saved.path}; did you mean '${near}'?`,
    );
  }
  return query;
}

/** What a query command's own work is given: its flags, the query's text and the options to compile it with. */
export interface CommandQuery<Values> {
  readonly values: Values;
  readonly text: string;
  /** The clock and `--max-requests`. */
  readonly options: { readonly now: number; readonly timeZone: string; readonly maxRequests?: number };
}

/**
 * A command that compiles a query (check, compile, explain), with QUERY_FLAGS and its own `flags`: it
 * parses them, reads the query as readCommandQuery does (none in stdin or the file named: exit 1), and
 * leaves the rest to `work`.
 */
export function queryCommand<const Flags extends FlagOptions>(
  name: string,
  usage: string,
  flags: Flags,
  work: (query: CommandQuery<FlagValues<typeof QUERY_FLAGS & Flags>>, io: TextIO) => Promise<number>,
  reportFor?: (values: FlagValues<typeof QUERY_FLAGS & Flags>, io: TextIO) => ReportProblems | undefined,
): TextCommand {
  const options = { ...QUERY_FLAGS, ...flags };
  return {
    usage,
    async run(argv, io) {
      const { values, positionals } = parseFlags(argv, options);
      const report = reportFor?.(values, io);
      const query = await readCommandQuery(name, values, positionals, io, undefined, report);
      if (query === undefined) return EXIT.diagnostics;
      const { text, ...compileOptions } = query;
      return work({ values, text, options: compileOptions }, io);
    },
  };
}

type FlagOptions = NonNullable<ParseArgsConfig["options"]>;

/** The values parseFlags gives for `flags`. */
type FlagValues<Flags extends FlagOptions> = ReturnType<typeof parseFlags<Flags>>["values"];

export function parseMaxRequests(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > MAX_REQUESTS_CAP) {
    throw new UsageError(
      `--max-requests must be a whole number from 1 to ${MAX_REQUESTS_CAP}, not '${text}'`,
    );
  }
  return n;
}

/** The account flags of `hcql run`, the shell and `hcql web`. */
export const ACCOUNT_FLAGS = {
  "api-key": { type: "string" },
  "api-key-file": { type: "string" },
  "api-url": { type: "string" },
} as const;

export const API_KEY_USAGE = `  --api-key-file FILE  read the API key from FILE (its first line)
  --api-key -       read the API key from stdin (--api-key K works too, but shows the key in ps)`;

/** Longest text read for a key: keys are short, a file or stdin may not be. */
const MAX_KEY_READ = 4096;

/**
 * The API key the flags give, or undefined: `--api-key-file FILE` and `--api-key -` read its first
 * line from a file or stdin; `--api-key K` takes it as given, with a warning that other users of the
 * machine see it in the process list (as gh's `--with-token` advises).
 */
export async function readApiKeyFlags(
  values: { readonly "api-key"?: string | undefined; readonly "api-key-file"?: string | undefined },
  io: CliIO,
  command: string,
  stdinFree = true,
): Promise<string | undefined> {
  const flag = values["api-key"];
  const file = values["api-key-file"];
  if (flag !== undefined && file !== undefined) {
    throw new UsageError("give either --api-key or --api-key-file, not both");
  }
  if (file !== undefined) return firstLine(await readFileAtMost(file, MAX_KEY_READ), file);
  if (flag === "-") {
    if (!stdinFree)
      throw new UsageError("--api-key - reads the key from stdin, which the query or input already uses");
    return firstLine(await readAtMost(io.stdin, MAX_KEY_READ), "stdin");
  }
  if (flag !== undefined && flag.trim() !== "") {
    write(
      io.stderr,
      `${command}: warning: --api-key shows the key to other users of this machine (ps); set HELPCRUNCH_API_KEY, or use --api-key-file FILE or --api-key - (stdin)`,
    );
  }
  return flag;
}

function firstLine(text: string, from: string): string {
  const key = text.split(/\r?\n/, 1)[0]!.trim();
  if (key === "") throw new UsageError(`no API key in ${from} (expected it on the first line)`);
  return key;
}
