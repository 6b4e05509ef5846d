import type { ExecuteProgress, ExecuteResult } from "../client/execute.js";
import type { HelpCrunchClient } from "../client/index.js";
import { compile } from "../compiler/index.js";
import type { CompileResult, Plan } from "../compiler/types.js";
import { DEFAULT_BASE_URL } from "../language/api.js";
import { shouldColor } from "../output/color.js";
import { isOutputFormat, type OutputFormat } from "../output/formats.js";
import { type CliIO, type Command, EXIT, parseFlags, renderForPerson, UsageError, write } from "./common.js";
import { CLOCK_FLAGS, readClockAndQuery } from "./options.js";

const FORMATS = "table, json, ndjson or csv";

const USAGE = `Usage: hcql run [options] <query>
       hcql run [options] -            (the query from stdin)
       hcql run [options] -f FILE

Runs a query against HelpCrunch and prints the chats it finds. Without an API key it runs in
demo mode, against generated chats (the built-in emulator).

Options:
  --format F        ${FORMATS} (default: table on a terminal, json otherwise)
  --all             fetch every matching chat when the query has no limit (default: 100)
  --now T           the time 'now' means: UNIX seconds or an ISO date-time (default: the clock)
  --tz ZONE         IANA time zone of dates in the query and times shown (default: the system's)
  --timeout S       give up after S seconds (default: no limit; each request times out after 30 s)
  --api-key K       HelpCrunch API key (default: $HELPCRUNCH_API_KEY)
  --api-url URL     API base URL ending in /v1 (default: $HELPCRUNCH_API_URL or ${DEFAULT_BASE_URL})
  -f, --file FILE   read the query from FILE
  --csv-raw         write CSV cells as the API sent them (no ' before =, +, -, @; controls kept)

Exit codes: 0 done, 1 the query has errors, 2 wrong usage, 3 the API or the network failed,
130 interrupted (Ctrl-C).`;

const FLAGS = {
  format: { type: "string" },
  all: { type: "boolean" },
  "csv-raw": { type: "boolean" },
  ...CLOCK_FLAGS,
  timeout: { type: "string" },
  "api-key": { type: "string" },
  "api-url": { type: "string" },
  file: { type: "string", short: "f" },
} as const;

/** Exit code after Ctrl-C (128 + SIGINT), as shells report it. */
const EXIT_INTERRUPTED = 130;
/** Longest wait for one HTTP attempt. */
const REQUEST_TIMEOUT_MS = 30_000;

export const run: Command = {
  usage: USAGE,
  run: runQuery,
};

interface Settings {
  readonly format: OutputFormat;
  readonly all: boolean;
  readonly csvRaw: boolean;
  readonly timeoutMs: number | undefined;
  readonly apiKey: string | undefined;
  readonly apiUrl: string | undefined;
}

function readSettings(values: ReturnType<typeof parseFlags<typeof FLAGS>>["values"], io: CliIO): Settings {
  const format = values.format ?? (io.stdout.isTTY ? "table" : "json");
  if (!isOutputFormat(format)) {
    throw new UsageError(`unknown format '${format}'; use ${FORMATS}`);
  }
  const apiKey = nonEmpty(values["api-key"]) ?? nonEmpty(io.env.HELPCRUNCH_API_KEY);
  const apiUrl = nonEmpty(values["api-url"]) ?? nonEmpty(io.env.HELPCRUNCH_API_URL);
  if (apiKey === undefined && apiUrl !== undefined) {
    throw new UsageError(
      `an API URL (${values["api-url"] === undefined ? "HELPCRUNCH_API_URL" : "--api-url"}) needs an API key: set HELPCRUNCH_API_KEY or pass --api-key (hcql serve accepts 'demo')`,
    );
  }
  return {
    format,
    all: values.all === true,
    csvRaw: values["csv-raw"] === true,
    timeoutMs: parseTimeout(values.timeout),
    apiKey,
    apiUrl,
  };
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === "" ? undefined : text.trim();
}

function parseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (text.trim() === "" || !Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
    throw new UsageError(`--timeout must be a number of seconds above 0 (at most 86400), not '${text}'`);
  }
  return Math.ceil(seconds * 1000);
}

async function runQuery(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS);
  const settings = readSettings(values, io);
  const { text, now, timeZone } = await readClockAndQuery(values, positionals, io, values.file);
  const compiled = compile(text, { now, timeZone });
  const stderrColor = colorFor(io.stderr, io);
  if (compiled.diagnostics.length > 0) {
    write(io.stderr, await renderForPerson(text, compiled.diagnostics, io));
  }
  if (!compiled.ok || compiled.plan === undefined) return EXIT.diagnostics;
  return execute(text, compiled as CompileResult & { plan: Plan }, settings, io, stderrColor);
}

function colorFor(stream: CliIO["stdout"], io: CliIO): boolean {
  return shouldColor(io.env, stream.isTTY === true);
}

/** Where the chats come from: the configured account, or an in-process emulator (demo mode). */
interface Connection {
  readonly client: HelpCrunchClient;
  close(): Promise<void>;
}

/** Stands in for a connection when the plan sends no request (every part of the query never matches). */
const NO_CONNECTION: Connection = {
  client: {
    searchBody: () => Promise.reject(new Error("a plan without bodies sends no request")),
  } as unknown as HelpCrunchClient,
  close: async () => {},
};

async function connect(settings: Settings, plan: Plan, io: CliIO): Promise<Connection> {
  if (plan.bodies.length === 0) return NO_CONNECTION;
  const now = plan.now;
  const { createClient } = await import("../client/index.js");
  // Each attempt has its own limit; --timeout bounds the whole run through the abort signal.
  const timeoutMs = REQUEST_TIMEOUT_MS;
  if (settings.apiKey !== undefined) {
    try {
      const client = createClient({
        apiKey: settings.apiKey,
        baseUrl: settings.apiUrl ?? DEFAULT_BASE_URL,
        timeoutMs,
      });
      return { client, close: async () => {} };
    } catch (error) {
      // A key or URL the client cannot use: a problem of the call.
      if (error instanceof TypeError || error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
  }
  const { startEmulator } = await import("../emulator/index.js");
  const { formatCount } = await import("../output/footer.js");
  // The demo data lead up to the query's `now`, so relative dates (`7d ago`) find chats.
  const emulator = await startEmulator({ port: 0, anchor: now, rateLimit: false });
  write(
    io.stderr,
    `demo mode: searching ${formatCount(emulator.dataset.chats.length)} generated chats; set HELPCRUNCH_API_KEY to search your account`,
  );
  const client = createClient({
    apiKey: emulator.key,
    baseUrl: emulator.url,
    timeoutMs,
    requestsPerMinute: 0,
  });
  return { client, close: () => emulator.close() };
}

async function execute(
  text: string,
  compiled: CompileResult & { plan: Plan },
  settings: Settings,
  io: CliIO,
  stderrColor: boolean,
): Promise<number> {
  const connection = await connect(settings, compiled.plan, io);
  const started = performance.now();
  const cancel = cancellation(settings.timeoutMs);
  const progress = await progressLine(io);
  let result: ExecuteResult;
  try {
    const { executePlan } = await import("../client/execute.js");
    result = await executePlan(connection.client, compiled, {
      signal: cancel.signal,
      all: settings.all,
      onProgress: (event: ExecuteProgress) => {
        if (event.type === "wait" && event.error !== undefined) cancel.lastFailure = event.error.message;
        progress.update(event);
      },
    });
  } catch (error) {
    progress.clear();
    return await reportFailure(error, text, compiled.plan, cancel, settings, io);
  } finally {
    progress.clear();
    cancel.dispose();
    await connection.close();
  }
  await printResult(result, compiled.plan, settings, io);
  if (io.stderr.isTTY) {
    const { formatFooter } = await import("../output/footer.js");
    const { default: pc } = await import("picocolors");
    const footer = formatFooter({
      shown: result.chats.length,
      total: result.total,
      totalExact: result.totalExact,
      requests: result.requests,
      elapsedMs: performance.now() - started,
    });
    write(io.stderr, pc.createColors(stderrColor).dim(footer));
  }
  return EXIT.ok;
}

async function printResult(result: ExecuteResult, plan: Plan, settings: Settings, io: CliIO): Promise<void> {
  const { formatChats } = await import("../output/index.js");
  const tty = io.stdout.isTTY === true;
  const output = formatChats(
    result.chats,
    settings.format,
    {
      ...(tty && io.stdout.columns ? { width: io.stdout.columns } : {}),
      color: colorFor(io.stdout, io),
      now: plan.now,
      timeZone: plan.timeZone,
    },
    { raw: settings.csvRaw },
  );
  // A reader that stops early (`| head`) is not an error.
  io.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  // Wait until the output is handed to the OS: a terminal takes a large write in parts, and the footer
  // on stderr must not land in the middle of it.
  await new Promise<void>((resolve) => io.stdout.write(output, () => resolve()));
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

async function reportFailure(
  error: unknown,
  text: string,
  plan: Plan,
  cancel: ReturnType<typeof cancellation>,
  settings: Settings,
  io: CliIO,
): Promise<number> {
  const { HelpCrunchError } = await import("../client/errors.js");
  if (!(error instanceof HelpCrunchError)) throw error;
  if (cancel.reason === "interrupted") {
    write(io.stderr, "hcql run: interrupted");
    return EXIT_INTERRUPTED;
  }
  if (cancel.reason === "timeout") {
    const last = cancel.lastFailure === undefined ? "" : `; the last attempt failed: ${cancel.lastFailure}`;
    write(io.stderr, `hcql run: no result within ${(settings.timeoutMs ?? 0) / 1000} s (--timeout)${last}`);
    return EXIT.api;
  }
  const { rejectionDiagnostics } = await import("../client/execute.js");
  const placed = rejectionDiagnostics(error, plan);
  if (placed.length > 0) write(io.stderr, await renderForPerson(text, placed, io));
  write(io.stderr, `hcql run: ${error.message}`);
  return EXIT.api;
}

interface Progress {
  update(event: ExecuteProgress): void;
  clear(): void;
}

/** A progress line on stderr when it is a terminal (pages, waits), erased when done. */
async function progressLine(io: CliIO): Promise<Progress> {
  if (!io.stderr.isTTY) return { update: () => {}, clear: () => {} };
  const { ProgressLine } = await import("../repl/progress.js");
  return new ProgressLine(io.stderr);
}
