import { writeSync } from "node:fs";
import type { TextOutput } from "./app/index.js";
import {
  type CliIO,
  type Command,
  EXIT,
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
import { VERSION } from "./version.js";

/**
 * Each command is loaded only when it runs, so a cold start pays for one command alone; its one-line
 * summary lives here, so `hcql --help` loads none.
 */
const COMMANDS: Record<
  PrintingCommandName | ShellCommandName,
  { summary: string; load: () => Promise<Command> }
> = {
  check: {
    summary: "check a query and report its problems",
    load: async () => printsText((await import("./commands/check.js")).check),
  },
  compile: {
    summary: "compile a query to request bodies (JSON)",
    load: async () => printsText((await import("./commands/compile.js")).compile),
  },
  decompile: {
    summary: "turn a request body (JSON) back into HCQL",
    load: async () => printsText((await import("./commands/decompile.js")).decompile),
  },
  explain: {
    summary: "explain how a query becomes requests, and why",
    load: async () => printsText((await import("./commands/explain.js")).explain),
  },
  fmt: {
    summary: "print a query in canonical form",
    load: async () => printsText((await import("./commands/fmt.js")).fmt),
  },
  repl: {
    summary: "the interactive shell (also: hcql with no arguments)",
    load: async () => (await import("./commands/repl.js")).repl,
  },
  run: {
    summary: "run a query against HelpCrunch (demo data without an API key)",
    load: async () => (await import("./commands/run.js")).run,
  },
  serve: {
    summary: "run a local HelpCrunch API (the emulator)",
    load: async () => (await import("./commands/serve.js")).serve,
  },
  web: {
    summary: "open queries, results and charts in a browser page",
    load: async () => (await import("./commands/web.js")).web,
  },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
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

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) return greetAndStartShell(io);
  if (HELP_ARGS.has(first)) {
    // `hcql help run`, as git and npm take it: that command's help.
    const [topic] = rest;
    if (topic !== undefined && isCommandName(topic)) return runCommand(topic, ["--help"], io);
    write(io.stdout, mainHelp());
    return EXIT.ok;
  }
  if (VERSION_ARGS.has(first)) {
    write(io.stdout, VERSION);
    return EXIT.ok;
  }
  // Options without a command are the shell's (`hcql --tz Europe/Berlin`).
  if (first.startsWith("-")) return runCommand("repl", argv, io, "hcql");
  if (!isCommandName(first)) {
    write(
      io.stderr,
      `hcql: unknown command '${first}'${unknownCommandHint(first, argv)}\nUsage: hcql [command] [options]\nRun 'hcql --help' for the commands.`,
    );
    return EXIT.usage;
  }
  return runCommand(first, rest, io);
}

/**
 * `hcql`: the banner and prompt come before the shell's modules load, so the shell is ready at once.
 * Bundled into the CLI's entry file (scripts/build.mjs): the imports cost no file, only what they run.
 */
async function greetAndStartShell(io: CliIO): Promise<number> {
  const { accountSettings } = await import("./app/account.js");
  const account = accountSettings({}, io.env);
  if (!account.ok) {
    write(io.stderr, `hcql: ${account.message}`);
    return EXIT.usage;
  }
  const { greet } = await import("./repl/greeting.js");
  return runCommand("repl", [], { ...io, greeting: greet(io, account.value) });
}

/** Runs a command; `label` names it in messages (`hcql run`, or `hcql` for the shell's own options). */
type CommandName = keyof typeof COMMANDS;

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/**
 * What an unknown first argument likely meant: a command misspelt (`rn`), or a query, quoted
 * (`'status = new'`) or not (`status = new`: its words joined, as `hcql run` joins them).
 */
function unknownCommandHint(first: string, argv: readonly string[]): string {
  const near = nearestName(first, Object.keys(COMMANDS));
  if (near !== undefined) return `; did you mean '${near}'?`;
  const query = argv.join(" ").trim();
  return /\s/.test(query) ? `; to run a query: hcql run '${query.replaceAll("'", "'\\''")}'` : "";
}

async function runCommand(
  name: CommandName,
  argv: readonly string[],
  io: CliIO,
  label = `hcql ${name}`,
): Promise<number> {
  const command = await COMMANDS[name].load();
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

/** Exit code when the output cannot be written (a full disk): EX_IOERR of sysexits.h. */
const EXIT_OUTPUT_FAILED = 74;

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
    const reason = error.code === "ENOSPC" ? "no space left on the device" : (error.code ?? error.message);
    process.stderr.write(`hcql: cannot write the output: ${reason}\n`);
  }
  process.exit(EXIT_OUTPUT_FAILED);
}
const guarded = new Set<string>();

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
 * Runs the CLI on the process's arguments and streams. Called by the loader (src/cli-loader.ts), which
 * runs this bundle from V8's code cache.
 */
export function runCli(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  return main(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      write(
        process.stderr,
        `hcql: unexpected error: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exitCode = 70;
    },
  );
}
