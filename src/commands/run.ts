import { setFlagsFromString } from "node:v8";
import pc from "picocolors";
import {
  type AccountSettings,
  accountSettings,
  type Connection,
  DEMO_CHATS,
  namesOf,
  type PartialResult,
  ProgressLine,
  type QueryOptions,
  type QueryOutcome,
  runQuery,
  SavedQueries,
  streamQuery,
  tagSlips,
  tagSlipTips,
  writeFlushed,
  writeSentence,
} from "../app/index.js";
import type { CountResult } from "../client/index.js";
import type { Plan } from "../compiler/index.js";
import { FIRST_ANCHOR } from "../emulator/index.js";
import type { Chat } from "../language/index.js";
import { assertNever, DEFAULT_BASE_URL } from "../language/index.js";
import {
  type ChatStream,
  type ColumnChoice,
  chatStream,
  FORMAT_NAMES,
  formatChats,
  formatCount,
  formatCountFooter,
  formatCountResult,
  formatFooter,
  isOutputFormat,
  type OutputFormat,
  parseColumns,
  shouldColor,
  type TableOptions,
  unknownFormatMessage,
} from "../output/index.js";
import { parse } from "../parser/index.js";
import {
  type CliIO,
  type Command,
  decimalOf,
  EXIT,
  openConnection,
  parseFlags,
  UsageError,
  write,
  writeLimitAdvice,
  writeQueryProblems,
  writeText,
} from "./common.js";
import {
  ACCOUNT_FLAGS,
  API_KEY_USAGE,
  MAX_REQUESTS_USAGE,
  QUERY_FLAGS,
  readApiKeyFlags,
  readCommandQuery,
} from "./options.js";

const USAGE = `Usage: hcql run [options] <query>
       hcql run [options] -            (the query from stdin)
       hcql run [options] -f FILE
       hcql run [options] @NAME        (a query saved in the shell with .save NAME)

Runs a query against HelpCrunch and prints the chats it finds. Without an API key it runs in
demo mode, against generated chats (the built-in emulator).

Options:
  --format F        ${FORMAT_NAMES} (default: table on a terminal, json otherwise)
  --all             fetch every matching chat when the query has no limit (default: 100); the
                    chats are written page by page as they arrive
  --partial         when the API fails after some pages, print the chats fetched so far (still
                    exit 3, and say on stderr that the result is partial); default: print nothing.
                    With --all the chats already written stay on stdout either way, stderr says
                    the output is partial, and JSON's closing ] is written only with --partial
  --now T           the time 'now' means: UNIX seconds or an ISO date-time (default: the clock)
  --tz ZONE         IANA time zone of dates in the query and times shown (default: the system's)
  --timeout S       give up after S seconds (default: no limit; each request times out after 30 s)
  --rate-limit N    send at most N requests a minute (default 120, the API's limit; 0 does not
                    pace: for a local emulator, hcql serve)
  --api-key K       HelpCrunch API key (default: $HELPCRUNCH_API_KEY)
${API_KEY_USAGE}
  --api-url URL     API base URL ending in /v1 (default: $HELPCRUNCH_API_URL or ${DEFAULT_BASE_URL})
${MAX_REQUESTS_USAGE}
  -f, --file FILE   read the query from FILE
  --csv-raw         write CSV cells as the API sent them (no ' before =, +, -, @; controls kept)
  --columns A,B,C   the columns of a table or CSV, in this order (table: id, status, created, customer,
                    assignee, message, sent, rating, and also closed, department; CSV: its
                    header's names)

Exit codes: 0 done, 1 the query has errors, 2 wrong usage, 3 the API or the network failed,
74 the output could not be written (a full disk), 130 interrupted (Ctrl-C).`;

const FLAGS = {
  format: { type: "string" },
  all: { type: "boolean" },
  partial: { type: "boolean" },
  "csv-raw": { type: "boolean" },
  columns: { type: "string" },
  ...QUERY_FLAGS,
  timeout: { type: "string" },
  "rate-limit": { type: "string" },
  ...ACCOUNT_FLAGS,
} as const;

export const run: Command = {
  usage: USAGE,
  run: runQueryCommand,
};

interface Settings extends AccountSettings {
  readonly format: OutputFormat;
  readonly all: boolean;
  readonly partial: boolean;
  readonly csvRaw: boolean;
  /** `--columns`: the columns of the table or CSV (none chosen: all). */
  readonly columns: ColumnChoice;
  /** Why `--columns` does not fit the format: said once the query is read, as a count refuses them all. */
  readonly columnsProblem: string | undefined;
  readonly timeoutMs: number | undefined;
  /** `--rate-limit`: requests per minute at most (undefined: the client's default, the API's 120). */
  readonly requestsPerMinute: number | undefined;
}

type FlagValues = ReturnType<typeof parseFlags<typeof FLAGS>>["values"];

async function readSettings(
  values: FlagValues,
  positionals: readonly string[],
  io: CliIO,
): Promise<Settings> {
  const format = values.format ?? (io.stdout.isTTY ? "table" : "json");
  if (!isOutputFormat(format)) {
    throw new UsageError(unknownFormatMessage(format));
  }
  if (values["csv-raw"] === true && format !== "csv") {
    throw new UsageError(csvRawMisplaced(format, values.format === undefined));
  }
  const queryFromStdin = positionals.length === 1 && positionals[0] === "-";
  const apiKey = await readApiKeyFlags(values, io, "hcql run", !queryFromStdin);
  const account = accountSettings({ apiKey, apiUrl: values["api-url"] }, io.env);
  if (!account.ok) throw new UsageError(account.message);
  return {
    format,
    all: values.all === true,
    partial: values.partial === true,
    csvRaw: values["csv-raw"] === true,
    ...readColumns(format, values.columns, values.format === undefined),
    timeoutMs: parseTimeout(values.timeout),
    requestsPerMinute: parseRateLimit(values["rate-limit"]),
    ...account.value,
  };
}

/** Why `--csv-raw` has nothing to act on: the output is not CSV, by choice or by default. */
function csvRawMisplaced(format: OutputFormat, defaulted: boolean): string {
  if (!defaulted) return `--csv-raw: the ${format} format has no CSV cells; it goes with --format csv`;
  const output =
    format === "json" ? "output that is not a terminal is JSON" : "output to a terminal is a table";
  return `--csv-raw: ${output}, which has no CSV cells; add --format csv`;
}

function readColumns(
  format: OutputFormat,
  text: string | undefined,
  defaulted: boolean,
): Pick<Settings, "columns" | "columnsProblem"> {
  if (text === undefined) return { columns: {}, columnsProblem: undefined };
  if (defaulted && format === "json") {
    const columnsProblem =
      "--columns: output that is not a terminal is JSON, which has no columns; add --format table or --format csv";
    return { columns: {}, columnsProblem };
  }
  const columns = parseColumns(format, text);
  return columns.ok
    ? { columns: columns.value, columnsProblem: undefined }
    : { columns: {}, columnsProblem: `--columns: ${columns.message}` };
}

function parseRateLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]{1,7}$/.test(text)) {
    throw new UsageError(
      `--rate-limit must be a whole number of requests per minute (0: no pacing), not '${text}'`,
    );
  }
  return Number(text);
}

function parseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = decimalOf(text);
  if (seconds === undefined || seconds <= 0 || seconds > 86_400) {
    throw new UsageError(`--timeout must be a number of seconds above 0 (at most 86400), not '${text}'`);
  }
  return Math.ceil(seconds * 1000);
}

async function runQueryCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS);
  const settings = await readSettings(values, positionals, io);
  // --timeout bounds reading the query too (stdin may never end).
  const cancel = cancellation(settings.timeoutMs);
  let query: QueryToRun | number;
  try {
    query = await queryToRun(values, positionals, settings, cancel, io);
  } catch (error) {
    cancel.dispose();
    throw error;
  }
  if (typeof query === "number") {
    cancel.dispose();
    return query;
  }
  return runAndReport(query, settings, cancel, io);
}

interface QueryToRun {
  readonly text: string;
  readonly now: number;
  readonly timeZone: string;
  readonly maxRequests?: number;
}

/**
 * The query and its clock, a saved query's name replaced by its text; or the exit code when there
 * is none to run (stdin or the file held none, or --timeout ended the reading).
 */
async function queryToRun(
  values: FlagValues,
  positionals: readonly string[],
  settings: Settings,
  cancel: ReturnType<typeof cancellation>,
  io: CliIO,
): Promise<QueryToRun | number> {
  let query: QueryToRun | undefined;
  try {
    query = await readCommandQuery("run", values, positionals, io, cancel.signal);
  } catch (error) {
    if (!cancel.signal.aborted) throw error;
    const cancelled = { ok: false, kind: "cancelled", text: "" } as const;
    return report(cancelled, { now: 0, timeZone: "UTC" }, settings, cancel, io, undefined);
  }
  if (query === undefined) return EXIT.diagnostics;
  const { text } = query;
  if (values.columns !== undefined) refuseColumnsOfCount(text);
  if (settings.columnsProblem !== undefined) throw new UsageError(settings.columnsProblem);
  if (settings.apiKey === undefined) refuseDemoClock(query.now);
  return { ...query, text };
}

/** Runs the query, its progress on stderr, and reports what it found (or why it could not). */
async function runAndReport(
  query: QueryToRun,
  settings: Settings,
  cancel: ReturnType<typeof cancellation>,
  io: CliIO,
): Promise<number> {
  const { text, now, timeZone, maxRequests } = query;
  const progress = new ProgressLine(io.stderr);
  if (settings.all) holdMemoryFlat();
  const streamed = settings.all ? new StreamedOutput({ now, timeZone }, settings, io, progress) : undefined;
  const connector = connectorFor(settings, now, io);
  try {
    const options: QueryOptions = {
      now,
      timeZone,
      ...(maxRequests === undefined ? {} : { maxRequests }),
      all: settings.all,
      signal: cancel.signal,
      connect: connector.connect,
      // A name where an agent's or department's id goes: the account's names give the id as a hint.
      fetchNames: async () => namesOf(await connector.connection(), cancel.signal),
      onProgress: (event) => {
        if (event.type === "wait" && event.reason === "retry") cancel.lastFailure = event.error.message;
        progress.update(event);
      },
    };
    const outcome = streamed
      ? await streamQuery(text, { ...options, onChats: (chats) => streamed.write(chats) })
      : await runQuery(text, options);
    progress.clear();
    const code = await report(outcome, { now, timeZone }, settings, cancel, io, streamed);
    if (foundNothing(outcome)) writeTagTips(outcome.plan, await connector.knownTags(), io);
    return code;
  } finally {
    progress.clear();
    cancel.dispose();
    await connector.close();
  }
}

/**
 * One connection for the search and for the names a failed query may ask for, opened when first
 * needed. Demo mode is said when a search is sent: a query with errors sends none, so they come alone.
 */
function connectorFor(settings: Settings, now: number, io: CliIO) {
  let opening: Promise<Connection> | undefined;
  let announced = false;
  // Demo data lead up to the query's `now`, so relative dates (`7d ago`) find chats.
  const open = () => openConnection(settings, { anchor: now }, settings.requestsPerMinute);
  const connection = () => (opening ??= open());
  return {
    connection,
    async connect(): Promise<Connection> {
      const connected = await connection();
      if (connected.mode === "demo" && !announced) {
        announced = true;
        announceDemo(io);
      }
      return connected;
    },
    async close(): Promise<void> {
      const connected = await opening?.catch(() => undefined);
      await connected?.close();
    },
    /** The tags the connection knows (the demo's), when it was opened. */
    async knownTags(): Promise<readonly string[]> {
      const connected = await opening?.catch(() => undefined);
      return connected?.tags ?? [];
    },
  };
}

/** A search that ran and found no chat (a count whose total is 0 too). */
function foundNothing(outcome: QueryOutcome): outcome is Extract<QueryOutcome, { ok: true }> {
  if (!outcome.ok) return false;
  return outcome.count === undefined
    ? outcome.stats.shown === 0 && outcome.stats.total === 0
    : outcome.count.total === 0;
}

/** Under a search that found nothing: the tags it asked for that are not known, and what is near. */
function writeTagTips(plan: Plan, known: readonly string[], io: CliIO): void {
  for (const tip of tagSlipTips(tagSlips(plan, known))) writeSentence(io.stderr, `hcql run: tip: ${tip}`);
}

/** A saved query's name given without its `@` fails as a query: how to run the saved one. */
function writeSavedNameTip(text: string, io: CliIO): void {
  const name = new SavedQueries(io.env).nameAlone(text);
  if (name !== undefined)
    writeSentence(io.stderr, `hcql run: tip: '${name}' is a saved query: hcql run @${name} runs it`);
}

/** The demo's chats span the year before `--now`: a `--now` before 1971 leaves them no room. */
function refuseDemoClock(now: number): void {
  if (now >= FIRST_ANCHOR) return;
  throw new UsageError(
    `--now ${now}: the demo's chats span the year before --now, which must be ${FIRST_ANCHOR} (1971-01-01) or later`,
  );
}

/**
 * `--columns` chooses columns of chats; a count prints its groups and their counts instead, so the flag
 * would change nothing: said before any request is sent.
 */
function refuseColumnsOfCount(text: string): void {
  if (parse(text).query.count === undefined) return;
  throw new UsageError(
    "--columns does not apply to a count: its columns are the groups of count by; leave --columns out",
  );
}

/** Says that the search is of demo data, and how to search an account instead. */
function announceDemo(io: CliIO): void {
  writeSentence(
    io.stderr,
    `demo mode: searching ${formatCount(DEMO_CHATS)} generated chats; set HELPCRUNCH_API_KEY to search your account`,
  );
}

/**
 * `--all`: the chats written to stdout as they arrive (see `chatStream`); a failure after some leaves
 * them there and says so.
 */
class StreamedOutput {
  readonly #stream: ChatStream;
  /** Chats written so far. */
  written = 0;

  constructor(
    clock: { readonly now: number; readonly timeZone: string },
    private readonly settings: Settings,
    private readonly io: CliIO,
    private readonly progress: ProgressLine,
  ) {
    this.#stream = chatStream(settings.format, tableOptions(clock, settings, io), csvOptions(settings));
    ignoreEarlyClose(io);
  }

  async write(chats: readonly Chat[]): Promise<void> {
    // stdout may be the terminal that shows the progress line: the line steps aside, then comes back.
    await this.progress.aside(() => writeText(this.io.stdout, this.#stream.page(chats)));
    this.written += chats.length;
  }

  end(): Promise<void> {
    return writeText(this.io.stdout, this.#stream.end());
  }

  /**
   * After a failure (`before` says which): when chats were written, the end of the cut output (JSON
   * closed only with --partial) and a line on stderr saying it is partial.
   */
  async cut(before: "failure" | "interruption"): Promise<void> {
    if (this.written === 0) return;
    await writeText(this.io.stdout, this.#stream.cut(this.settings.partial));
    const chats = `${formatCount(this.written)} ${this.written === 1 ? "chat" : "chats"}`;
    write(this.io.stderr, `hcql run: the output is partial: ${chats} written before the ${before}`);
  }
}

/**
 * A long `--all` fetch keeps its memory flat (bench row `all-memory`): V8 would grow the young
 * generation up to 16 MiB a semi-space under the steady stream of short-lived pages, and let the old
 * generation reach several times what survived its last collection before collecting again; and
 * compiling undici's WebAssembly HTTP parser with TurboFan as well as Liftoff peaks at ~30 MB, for no
 * speed that matters at two requests a second. Each flag is a number or a choice V8 reads when it
 * next uses it (growing a space, setting the next limit, compiling the parser), so setting them here,
 * before the first request, takes effect.
 */
function holdMemoryFlat(): void {
  setFlagsFromString("--semi-space-growth-factor=1");
  setFlagsFromString("--heap-growing-percent=50");
  setFlagsFromString("--liftoff-only");
}

async function report(
  outcome: QueryOutcome,
  clock: { readonly now: number; readonly timeZone: string },
  settings: Settings,
  cancel: ReturnType<typeof cancellation>,
  io: CliIO,
  streamed: StreamedOutput | undefined,
): Promise<number> {
  if (outcome.ok) {
    await writeQueryProblems(outcome.text, outcome, io);
    if (outcome.count !== undefined) {
      await printCount(outcome.count, settings, io);
      const footer = formatCountFooter(outcome.count, outcome.stats.elapsedMs);
      if (io.stderr.isTTY) write(io.stderr, pc.createColors(colorFor(io.stderr, io)).dim(footer));
      return EXIT.ok;
    }
    if (streamed) await streamed.end();
    else await printResult(outcome.chats, clock, settings, io);
    if (io.stderr.isTTY)
      write(io.stderr, pc.createColors(colorFor(io.stderr, io)).dim(formatFooter(outcome.stats)));
    return EXIT.ok;
  }
  switch (outcome.kind) {
    case "query":
      await writeQueryProblems(outcome.text, outcome, io, "hcql explain");
      writeLimitAdvice(outcome.diagnostics, io);
      writeSavedNameTip(outcome.text, io);
      return EXIT.diagnostics;
    case "cancelled":
      if (cancel.reason === "timeout") {
        const last =
          cancel.lastFailure === undefined ? "" : `; the last attempt failed: ${cancel.lastFailure}`;
        write(
          io.stderr,
          `hcql run: no result within ${(settings.timeoutMs ?? 0) / 1000} s (--timeout)${last}`,
        );
        await streamed?.cut("failure");
        if (outcome.partial !== undefined) await reportPartial(outcome.partial, clock, settings, io);
        return EXIT.api;
      }
      write(io.stderr, "hcql run: interrupted");
      await streamed?.cut("interruption");
      return EXIT.interrupted;
    case "api":
      await writeQueryProblems(outcome.text, outcome, io);
      write(io.stderr, `hcql run: ${outcome.message}`);
      await streamed?.cut("failure");
      if (outcome.partial !== undefined) await reportPartial(outcome.partial, clock, settings, io);
      return EXIT.api;
    default:
      return assertNever(outcome);
  }
}

/**
 * What arrived before a failure: only its size, unless `--partial` asks to print it; then it is printed
 * and said to be partial, as what is on stdout is not the query's whole result.
 */
async function reportPartial(
  partial: PartialResult,
  clock: { readonly now: number; readonly timeZone: string },
  settings: Settings,
  io: CliIO,
): Promise<void> {
  const fetched =
    partial.type === "chats"
      ? `${formatCount(partial.chats.length)} ${partial.chats.length === 1 ? "chat was" : "chats were"} fetched`
      : `${formatCount(partial.count.total)} ${partial.count.total === 1 ? "chat was" : "chats were"} counted`;
  if (!settings.partial) {
    write(
      io.stderr,
      `hcql run: ${fetched} before the failure; the partial result is not printed (--partial prints it)`,
    );
    return;
  }
  if (partial.type === "chats") await printResult(partial.chats, clock, settings, io);
  else await printCount(partial.count, settings, io);
  write(io.stderr, `hcql run: the result printed is partial: ${fetched} before the failure`);
}

function colorFor(stream: CliIO["stdout"], io: CliIO): boolean {
  return shouldColor(io.env, stream.isTTY === true);
}

async function printResult(
  chats: readonly Chat[],
  clock: { readonly now: number; readonly timeZone: string },
  settings: Settings,
  io: CliIO,
): Promise<void> {
  const output = formatChats(chats, settings.format, tableOptions(clock, settings, io), csvOptions(settings));
  ignoreEarlyClose(io);
  await writeFlushed(io.stdout, output);
}

/** A reader that stops early (`| head`) is not an error. */
function ignoreEarlyClose(io: CliIO): void {
  io.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

function tableOptions(
  clock: { readonly now: number; readonly timeZone: string },
  settings: Settings,
  io: CliIO,
): TableOptions {
  const tty = io.stdout.isTTY === true;
  return {
    ...(tty && io.stdout.columns ? { width: io.stdout.columns } : {}),
    color: colorFor(io.stdout, io),
    now: clock.now,
    timeZone: clock.timeZone,
    ...(settings.columns.table ? { columns: settings.columns.table } : {}),
  };
}

function csvOptions(settings: Settings) {
  return { raw: settings.csvRaw, ...(settings.columns.csv ? { columns: settings.columns.csv } : {}) };
}

/** A count's rows (§10) in the chosen format. */
async function printCount(count: CountResult, settings: Settings, io: CliIO): Promise<void> {
  const tty = io.stdout.isTTY === true;
  const output = formatCountResult(count, settings.format, {
    ...(tty && io.stdout.columns ? { width: io.stdout.columns } : {}),
    color: colorFor(io.stdout, io),
  });
  await writeFlushed(io.stdout, output);
}

/** Aborts on Ctrl-C and when `--timeout` runs out; remembers which it was. */
function cancellation(timeoutMs: number | undefined) {
  const controller = new AbortController();
  let reason: "interrupted" | "timeout" | undefined;
  const onSigint = () => {
    reason = "interrupted";
    controller.abort(new Error("interrupted"));
  };
  process.once("SIGINT", onSigint);
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          reason = "timeout";
          controller.abort(new Error("timeout"));
        }, timeoutMs);
  return {
    /** The message of the last failed attempt that was being retried, for a timeout's message. */
    lastFailure: undefined as string | undefined,
    signal: controller.signal,
    get reason() {
      return reason;
    },
    dispose() {
      process.off("SIGINT", onSigint);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
