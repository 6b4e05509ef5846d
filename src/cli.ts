import { writeSync } from "node:fs";
import type { Checked, TextOutput } from "./app/index.js";
import {
  type CliIO,
  type Command,
  EXIT,
  fileProblem,
  HELP_ARGS,
  isUsageError,
  type PrintingCommandName,
  type ShellCommandName,
  shortUsage,
  type TextCommand,
  type TextIO,
  VERSION_ARGS,
  write,
} from "./commands/index.js";
import { nearestName } from "./language/index.js";
import type { Greeting } from "./repl/index.js";
import { VERSION } from "./version.js";

type CommandName = PrintingCommandName | ShellCommandName;

/** Each command's one-line summary, in `hcql --help`'s order: kept here, so that help loads no command. */
const SUMMARIES: Readonly<Record<CommandName, string>> = {
  check: "check a query and report its problems",
  compile: "compile a query to request bodies (JSON)",
  decompile: "turn a request body (JSON) back into HCQL",
  explain: "explain how a query becomes requests, and why",
  fmt: "print a query in canonical form",
  repl: "the interactive shell (also: hcql with no arguments)",
  run: "run a query against HelpCrunch (demo data without an API key)",
  serve: "run a local HelpCrunch API (the emulator)",
  web: "open queries, results and charts in a browser page",
};

// Each command is loaded only when it runs, so a cold start pays for one command alone. Each import names
// its module outright: the bundler sets up a command's modules when its import runs, and no sooner.

/** The commands that print one text and end: each runs through printsText. */
const PRINTING_LOADERS: Readonly<Record<PrintingCommandName, () => Promise<TextCommand>>> = {
  check: async () => (await import("./commands/check.js")).check,
  compile: async () => (await import("./commands/compile.js")).compile,
  decompile: async () => (await import("./commands/decompile.js")).decompile,
  explain: async () => (await import("./commands/explain.js")).explain,
  fmt: async () => (await import("./commands/fmt.js")).fmt,
};

/**
 * What a bundle of the CLI holds beyond the printing commands: the shell and the commands that talk
 * to HelpCrunch or the emulator (dist/cli-all.cjs, src/cli-all.ts), or nothing (dist/cli-print.cjs,
 * src/cli-print.ts: a start of `hcql compile` reads and sets up only what it runs, bench row
 * `cold-start`). The loader (src/cli-loader.ts) picks the bundle from the first arguments.
 */
export interface ShellCommands {
  readonly loaders: Readonly<Record<ShellCommandName, () => Promise<Command>>>;
  /** The banner of `hcql` alone, or why the account settings are wrong. */
  readonly greeting: (io: CliIO) => Promise<Checked<Greeting>>;
}

/** The command `name`, loaded; a printing one writes its text as printsText says. */
async function loadCommand(name: CommandName, shell: ShellCommands | undefined): Promise<Command> {
  if (isPrinting(name)) return printsText(await PRINTING_LOADERS[name]());
  return held(shell).loaders[name]();
}

/** The shell's commands, which the loader never asks of the printing commands' bundle. */
function held(shell: ShellCommands | undefined): ShellCommands {
  if (shell === undefined) {
    throw new Error("this bundle holds the printing commands alone (dist/cli-print.cjs)");
  }
  return shell;
}

function isPrinting(name: CommandName): name is PrintingCommandName {
  return Object.hasOwn(PRINTING_LOADERS, name);
}

function mainHelp(): string {
  const width = Math.max(...Object.keys(SUMMARIES).map((c) => c.length));
  const lines = Object.entries(SUMMARIES).map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`);
  return [
    `hcql ${VERSION}: a query language and shell for HelpCrunch chat search`,
    "",
    "Usage: hcql [command] [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Options:",
    "  -h, --help     show help (also: hcql help <command>, hcql <command> --help)",
    "  -v, --version  print the version (also: hcql version)",
    "",
    "Run `hcql <command> --help` for a command's options.",
  ].join("\n");
}

/** The CLI on `argv`: a command, the shell, help or the version. */
async function main(argv: readonly string[], io: CliIO, shell: ShellCommands | undefined): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) return greetAndStartShell(io, held(shell));
  if (HELP_ARGS.has(first)) {
    // `hcql help run`, as git and npm take it: that command's help.
    const [topic] = rest;
    if (topic !== undefined && isCommandName(topic)) return runCommand(topic, ["--help"], io, shell);
    write(io.stdout, mainHelp());
    return EXIT.ok;
  }
  if (VERSION_ARGS.has(first)) {
    write(io.stdout, VERSION);
    return EXIT.ok;
  }
  // Options without a command are the shell's (`hcql --tz Europe/Berlin`).
  if (first.startsWith("-")) return runCommand("repl", argv, io, shell, "hcql");
  if (!isCommandName(first)) {
    write(
      io.stderr,
      `hcql: unknown command '${first}'${unknownCommandHint(first, argv)}\nUsage: hcql [command] [options]\nRun 'hcql --help' for the commands.`,
    );
    return EXIT.usage;
  }
  return runCommand(first, rest, io, shell);
}

/** `hcql`: the banner and prompt come before the shell's modules load, so the shell is ready at once. */
async function greetAndStartShell(io: CliIO, shell: ShellCommands): Promise<number> {
  const greeting = await shell.greeting(io);
  if (!greeting.ok) {
    write(io.stderr, `hcql: ${greeting.message}`);
    return EXIT.usage;
  }
  return runCommand("repl", [], { ...io, greeting: greeting.value }, shell);
}

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(SUMMARIES, name);
}

/**
 * What an unknown first argument likely meant: a command misspelt (`rn`), or a query, quoted
 * (`'status = new'`) or not (`status = new`: its words joined, as `hcql run` joins them).
 */
function unknownCommandHint(first: string, argv: readonly string[]): string {
  const near = nearestName(first, Object.keys(SUMMARIES));
  if (near !== undefined) return `; did you mean '${near}'?`;
  const query = argv.join(" ").trim();
  return /\s/.test(query) ? `; to run a query: hcql run '${query.replaceAll("'", "'\\''")}'` : "";
}

/** Runs a command; `label` names it in messages (`hcql run`, or `hcql` for the shell's own options). */
async function runCommand(
  name: CommandName,
  argv: readonly string[],
  io: CliIO,
  shell: ShellCommands | undefined,
  label = `hcql ${name}`,
): Promise<number> {
  const command = await loadCommand(name, shell);
  if (argv.includes("--help") || argv.includes("-h")) {
    write(io.stdout, command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(argv, io);
  } catch (error) {
    if (isUsageError(error)) {
      write(io.stderr, `${label}: ${error.message}\n${shortUsage(command.usage, name)}`);
      return EXIT.usage;
    }
    throw error;
  }
}

/** A command that prints one text and ends, run with its standard output `directStdout` (when it is the process's). */
function printsText(command: TextCommand): Command {
  return { usage: command.usage, run: (argv, given) => command.run(argv, textIo(given)) };
}

/** The process's streams, but text written straight to standard output; a test's own streams as they are. */
function textIo(given: CliIO): TextIO {
  if (given !== io) return given;
  return {
    stdout: directStdout,
    get stderr() {
      return given.stderr;
    },
    get stdin() {
      return given.stdin;
    },
    env: given.env,
  };
}

/**
 * Standard output written straight to file descriptor 1: building process.stdout sets up a stream for
 * a pipe, a tenth of a cold `hcql compile` (bench row `cold-start`). A descriptor that would block
 * (EAGAIN: a non-blocking pipe that is full) gets the rest through process.stdout, as does everything
 * after; a failure ends the command as one of process.stdout's would.
 */
const directStdout: TextOutput = {
  // Read by the commands that fit a terminal (explain) only: the others never build process.stdout.
  get columns(): number | undefined {
    return process.stdout.isTTY ? process.stdout.columns : undefined;
  },
  write(text: string): void {
    if (stdoutStream !== undefined) {
      stdoutStream.write(text);
      return;
    }
    const bytes = Buffer.from(text);
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(1, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN")
        outputFailed(error as NodeJS.ErrnoException, "stdout");
      stdoutStream = io.stdout;
      stdoutStream.write(bytes.subarray(written));
    }
  },
};
let stdoutStream: NodeJS.WritableStream | undefined;

/**
 * A standard stream that fails is the end of the command, never a stack trace: a reader that stopped
 * early (EPIPE, `| head`) ends it quietly with 0, as it ends a pipeline; a full disk (ENOSPC) or any
 * other failure with one line on stderr (when stderr still works) and 74.
 */
function endOnFailure<T extends NodeJS.WriteStream>(stream: T, name: "stdout" | "stderr"): T {
  if (guarded.has(name)) return stream;
  guarded.add(name);
  stream.on("error", (error: NodeJS.ErrnoException) => outputFailed(error, name));
  return stream;
}

function outputFailed(error: NodeJS.ErrnoException, name: "stdout" | "stderr"): never {
  if (error.code === "EPIPE") process.exit(EXIT.ok);
  if (name === "stdout") {
    process.stderr.write(`hcql: cannot write the output: ${fileProblem(error, "write")}\n`);
  }
  process.exit(EXIT.output);
}
const guarded = new Set<"stdout" | "stderr">();

// Node builds each standard stream when it is first read: a command that never reads stdin pays nothing for it.
const io: CliIO = {
  get stdout() {
    return endOnFailure(process.stdout, "stdout");
  },
  get stderr() {
    return endOnFailure(process.stderr, "stderr");
  },
  get stdin() {
    return process.stdin;
  },
  env: process.env,
};

/**
 * Runs the CLI on the process's arguments and streams, with the shell's commands when the bundle holds
 * them. Called through a bundle's entry (src/cli-all.ts, src/cli-print.ts) by the loader
 * (src/cli-loader.ts), which runs the bundle from V8's code cache.
 */
export function runCliWith(
  shell: ShellCommands | undefined,
  argv: readonly string[],
  options: RunOptions = {},
): Promise<void> {
  const done = main(argv, io, shell).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      write(io.stderr, `hcql: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = EXIT.internal;
    },
  );
  return options.exitWhenDone === true ? done.then(exitOnceWritten) : done;
}

/** How a run of the CLI ends. */
export interface RunOptions {
  /**
   * End the process as soon as the command's output is written: the loader asks it for the printing
   * commands (src/cli-loader.ts), which leave nothing else behind them.
   */
  readonly exitWhenDone?: boolean;
}

/**
 * Ends the process once every standard stream the command wrote to has handed its text to the OS.
 * Ending on its own, Node would first run the young-generation collection V8 schedules once the heap
 * fills, then tear the heap down: ~6 ms and ~120 page faults of a cold `hcql compile` (bench row
 * `cold-start`).
 */
async function exitOnceWritten(): Promise<void> {
  await Promise.all([...guarded].map((name) => handedOver(process[name])));
  process.exit();
}

/** Resolves once a stream has handed what was written to it to the OS (at once, as it mostly has). */
function handedOver(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => stream.write("", () => resolve()));
}
