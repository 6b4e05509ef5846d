import { constants } from "node:buffer";
import { closeSync, openSync, writeSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import type { Dataset, Emulator, GenerateOptions } from "../emulator/index.js";
import {
  DatasetError,
  datasetFileParts,
  type EmulatorOptions,
  FAULT_KINDS,
  type FaultKind,
  FIRST_ANCHOR,
  generateDataset,
  parseDataset,
  startEmulator,
} from "../emulator/index.js";
import { counted, groupDigits, LAST_UNIX_SECOND } from "../language/index.js";
import {
  type CliIO,
  type Command,
  decimalOf,
  EXIT,
  fileProblem,
  parseFlags,
  UsageError,
  untilStopped,
  write,
  writeText,
} from "./common.js";

const USAGE = `Usage: hcql serve [options]

Runs a local HelpCrunch API (the emulator) with generated or loaded chats, until Ctrl-C or SIGTERM.

Options:
  --port N          port to listen on (default 8080; 0 picks a free port)
  --host H          address to listen on (default 127.0.0.1, loopback only)
  --key K           an accepted API key; repeat for several (default: demo)
  --seed N          seed of the generated chats (default 1)
  --chats N         number of generated chats (default 2500)
  --anchor T        generated timestamps lead up to T: UNIX seconds or an ISO date-time
                    (UTC unless it has an offset); default: now
  --data FILE       serve the chats of FILE (the JSON that --export writes) instead
  --export FILE     write the dataset as JSON to FILE (- for stdout) and exit
  --rate-limit N    requests per key per minute (default 120; 0 turns it off)
  --retry-after S   send Retry-After: S on 429 answers (default: no header)
  --fail-rate R     share of requests (0 to 1) answered with an injected fault (default 0)
  --faults LIST     comma-separated fault kinds (default all: ${FAULT_KINDS.join(",")})
  --fault-seed N    seed of the fault draws (default 1)
  --quiet           do not log requests to stderr`;

const FLAGS = {
  port: { type: "string" },
  host: { type: "string" },
  key: { type: "string", multiple: true },
  seed: { type: "string" },
  chats: { type: "string" },
  anchor: { type: "string" },
  data: { type: "string" },
  export: { type: "string" },
  "rate-limit": { type: "string" },
  "retry-after": { type: "string" },
  "fail-rate": { type: "string" },
  faults: { type: "string" },
  "fault-seed": { type: "string" },
  quiet: { type: "boolean" },
} as const;

function wholeNumber(
  flag: string,
  text: string | undefined,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text) || Number(text) > max) {
    throw new UsageError(
      `--${flag} must be a whole number${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ""}, not '${text}'`,
    );
  }
  return Number(text);
}

/** UNIX seconds, or an ISO date or date-time (UTC unless it carries an offset). */
export function parseAnchor(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const anchor = /^[0-9]+$/.test(text) ? Number(text) : isoSeconds(text);
  if (anchor < FIRST_ANCHOR || anchor > LAST_UNIX_SECOND) {
    throw new UsageError(
      `--anchor must be from ${FIRST_ANCHOR} (1971-01-01: the chats span the year before it) to ${LAST_UNIX_SECOND} (9999-12-31T23:59:59Z), not '${text}'`,
    );
  }
  return anchor;
}

function isoSeconds(text: string): number {
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(text)
    ? `${text.length === 10 ? `${text}T00:00` : text}Z`
    : text;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms))
    throw new UsageError(`--anchor must be UNIX seconds or an ISO date-time, not '${text}'`);
  return Math.floor(ms / 1000);
}

function parseFailRate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const rate = decimalOf(text);
  if (rate === undefined || rate > 1) {
    throw new UsageError(`--fail-rate must be a number from 0 to 1, not '${text}'`);
  }
  return rate;
}

function parseFaults(text: string | undefined): FaultKind[] | undefined {
  if (text === undefined) return undefined;
  return text.split(",").map((kind) => {
    const found = FAULT_KINDS.find((k) => k === kind.trim());
    if (!found) throw new UsageError(`unknown fault '${kind}'; the kinds are ${FAULT_KINDS.join(", ")}`);
    return found;
  });
}

/**
 * Bytes of a data file read at most: the longest string Node makes, so that the text always fits in
 * one (UTF-8 never takes fewer bytes than the text has UTF-16 units): about 470,000 chats as
 * `--export` writes them. A larger regular file is refused unread; a pipe or a device (`/dev/zero`
 * never ends) is read up to it.
 */
const MAX_DATA_FILE_BYTES = constants.MAX_STRING_LENGTH;

async function loadDataFile(file: string): Promise<Dataset> {
  const text = await readDataFile(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseDataset(value);
  } catch (error) {
    if (error instanceof DatasetError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

/** The data file as text (a leading byte order mark dropped), or a usage error saying why not. */
async function readDataFile(file: string): Promise<string> {
  const tooLarge = () =>
    new UsageError(
      `${file} is larger than ${groupDigits(MAX_DATA_FILE_BYTES)} bytes, the most a data file may hold (about 470,000 chats); serve more chats with --chats N`,
    );
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${fileProblem(error)}`);
  }
  try {
    const stats = await handle.stat();
    const bytes = stats.isFile() ? await wholeFile(handle, stats.size) : await upTo(handle);
    if (bytes === undefined || bytes.length > MAX_DATA_FILE_BYTES) throw tooLarge();
    // Decoded once, whole: a file of 200,000 chats loads as fast as with readFileSync.
    return bytes.toString("utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${file}: ${fileProblem(error)}`);
  } finally {
    await handle.close();
  }
}

/** A regular file's bytes in one buffer of its size; undefined when it is larger than the bound. */
async function wholeFile(handle: FileHandle, size: number): Promise<Buffer | undefined> {
  return size > MAX_DATA_FILE_BYTES ? undefined : handle.readFile();
}

/** A pipe's or a device's bytes; undefined once they pass the bound. */
async function upTo(handle: FileHandle): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of handle.createReadStream({ autoClose: false })) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > MAX_DATA_FILE_BYTES) return undefined;
  }
  return Buffer.concat(chunks, size);
}

/** The dataset file written a megabyte at a time, never whole: a million chats are a gigabyte of it. */
async function exportDataset(dataset: Dataset, file: string, io: CliIO): Promise<number> {
  const pieces = joinedUpTo(datasetFileParts(dataset), EXPORT_PIECE_LENGTH);
  if (file === "-") {
    for (const piece of pieces) await writeText(io.stdout, piece);
    return EXIT.ok;
  }
  const failed = writeFile(file, pieces);
  if (failed !== undefined) return exportFailed(file, failed, io);
  write(io.stderr, `wrote ${counted(dataset.chats.length, "chat")} to ${file}`);
  return EXIT.ok;
}

/**
 * A file that opened but could not be written, as standard output that cannot be (src/cli.ts): a
 * reader that stopped early (a pipe, EPIPE) ends the export quietly; a full disk says so, with 74.
 */
function exportFailed(file: string, error: NodeJS.ErrnoException, io: CliIO): number {
  if (error.code === "EPIPE") return EXIT.ok;
  write(io.stderr, `hcql serve: cannot write ${file}: ${fileProblem(error, "write")}`);
  return EXIT.output;
}

const EXPORT_PIECE_LENGTH = 1 << 20;

/** Consecutive parts joined into pieces of about `length` characters. */
function* joinedUpTo(parts: Iterable<string>, length: number): Generator<string> {
  let piece = "";
  for (const part of parts) {
    piece += part;
    if (piece.length >= length) {
      yield piece;
      piece = "";
    }
  }
  if (piece !== "") yield piece;
}

/** Writes the pieces to `file`; the error of a write that failed once it opened. */
function writeFile(file: string, pieces: Iterable<string>): NodeJS.ErrnoException | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(file, "w");
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${fileProblem(error, "write")}`);
  }
  try {
    for (const piece of pieces) {
      const bytes = Buffer.from(piece);
      for (let written = 0; written < bytes.length; ) written += writeSync(descriptor, bytes, written);
    }
  } catch (error) {
    return error as NodeJS.ErrnoException;
  } finally {
    closeSync(descriptor);
  }
  return undefined;
}

function sampleCurl(url: string, key: string): string {
  const body = JSON.stringify({ filter: [{ field: "chats.status", operator: "=", value: "3" }], limit: 2 });
  return `curl -s -H 'Authorization: Bearer ${key}' -H 'Content-Type: application/json' -d '${body}' ${url}/chats/search`;
}

export const serve: Command = {
  usage: USAGE,
  async run(argv, io) {
    const flags = readServeFlags(argv);
    const dataset =
      flags.dataFile !== undefined ? await loadDataFile(flags.dataFile) : generateDataset(flags.generate);
    if (flags.exportTo !== undefined) return exportDataset(dataset, flags.exportTo, io);
    const emulator = await listen({ ...flags.emulator, data: dataset, ...requestLog(flags.quiet, io) });
    const stopped = untilStopped();
    write(io.stdout, listening(emulator, dataset));
    const signal = await stopped;
    await emulator.close();
    write(io.stderr, `stopped (${signal})`);
    return EXIT.ok;
  },
};

interface ServeFlags {
  /** What the emulator is started with, but its chats and request log. */
  readonly emulator: Omit<EmulatorOptions, "data" | "onRequest">;
  readonly dataFile: string | undefined;
  readonly generate: GenerateOptions;
  readonly exportTo: string | undefined;
  readonly quiet: boolean;
}

function readServeFlags(argv: readonly string[]): ServeFlags {
  const { values, positionals } = parseFlags(argv, FLAGS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const seed = wholeNumber("seed", values.seed, 2 ** 32 - 1);
  const chats = wholeNumber("chats", values.chats, 1_000_000);
  const anchor = parseAnchor(values.anchor);
  if (values.data !== undefined && (seed !== undefined || chats !== undefined || anchor !== undefined)) {
    throw new UsageError(
      "--data serves the file's chats; --seed, --chats and --anchor generate chats instead",
    );
  }
  return {
    emulator: emulatorFlags(values),
    dataFile: values.data,
    generate: {
      ...(seed !== undefined ? { seed } : {}),
      ...(chats !== undefined ? { chats } : {}),
      ...(anchor !== undefined ? { anchor } : {}),
    },
    exportTo: values.export,
    quiet: values.quiet === true,
  };
}

type FlagValues = ReturnType<typeof parseFlags<typeof FLAGS>>["values"];

function emulatorFlags(values: FlagValues): ServeFlags["emulator"] {
  const perMinute = wholeNumber("rate-limit", values["rate-limit"]);
  const retryAfter = wholeNumber("retry-after", values["retry-after"]);
  const failRate = parseFailRate(values["fail-rate"]);
  const faults = parseFaults(values.faults);
  const faultSeed = wholeNumber("fault-seed", values["fault-seed"], 2 ** 32 - 1);
  const keys = values.key ?? ["demo"];
  if (keys.some((k) => k.trim() === "" || /\s/.test(k)))
    throw new UsageError("--key must be non-empty, without spaces");
  return {
    port: wholeNumber("port", values.port, 65_535) ?? 8080,
    host: values.host ?? "127.0.0.1",
    keys,
    rateLimit: perMinute === 0 ? false : { requests: perMinute ?? 120, windowSeconds: 60 },
    ...(retryAfter !== undefined ? { retryAfter } : {}),
    ...(failRate !== undefined ? { failRate } : {}),
    ...(faults !== undefined ? { faults } : {}),
    ...(faultSeed !== undefined ? { faultSeed } : {}),
  };
}

/** Each request on stderr, unless --quiet. */
function requestLog(quiet: boolean, io: CliIO): Pick<EmulatorOptions, "onRequest"> {
  if (quiet) return {};
  return {
    onRequest: (e) =>
      write(io.stderr, `${e.method} ${e.path} ${e.status}${e.fault ? ` (injected ${e.fault})` : ""}`),
  };
}

/** The emulator started; a port in use or an address it cannot take is a usage error. */
async function listen(options: EmulatorOptions): Promise<Emulator> {
  try {
    return await startEmulator(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new UsageError(
        `port ${options.port} is already in use; choose another with --port (0 picks a free one)`,
      );
    }
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
      throw new UsageError(`cannot listen on ${options.host}`);
    throw error;
  }
}

function listening(emulator: Emulator, dataset: Dataset): string {
  return [
    `HelpCrunch emulator listening on ${emulator.url}`,
    `API key: ${emulator.key}`,
    `Data: ${counted(dataset.chats.length, "chat")}, ${counted(dataset.agents.length, "agent")}, ${counted(dataset.departments.length, "department")}`,
    "Try:",
    `  ${sampleCurl(emulator.url, emulator.key)}`,
    "Press Ctrl-C to stop.",
  ].join("\n");
}
