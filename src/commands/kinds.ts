/**
 * The CLI's first arguments by what they do, in one place for the CLI (src/cli.ts) and its loader
 * (src/cli-loader.ts), which must tell them apart before the CLI is loaded: the loader runs the
 * printing ones from the bundle of those alone (dist/cli-print.cjs), every other from the bundle of
 * every command (dist/cli-all.cjs).
 */

/** The commands that only read a query and print (no client, emulator or shell). */
export const PRINTING_COMMAND_NAMES = ["check", "compile", "decompile", "explain", "fmt"] as const;
export type PrintingCommandName = (typeof PRINTING_COMMAND_NAMES)[number];

/** The commands that talk to HelpCrunch or the emulator, or are the shell. */
export const SHELL_COMMAND_NAMES = ["repl", "run", "serve", "web"] as const;
export type ShellCommandName = (typeof SHELL_COMMAND_NAMES)[number];

/** `hcql --help` and `hcql --version`, in all their spellings. */
export const HELP_ARGS: ReadonlySet<string> = new Set(["-h", "--help", "help"]);
export const VERSION_ARGS: ReadonlySet<string> = new Set(["-v", "--version", "version"]);

/** First arguments that print and end: the printing commands, help and version. */
const PRINTING_COMMANDS: ReadonlySet<string> = new Set([
  ...PRINTING_COMMAND_NAMES,
  ...HELP_ARGS,
  ...VERSION_ARGS,
]);

const SHELL_COMMANDS: ReadonlySet<string> = new Set(SHELL_COMMAND_NAMES);

/**
 * Whether a command line only prints and ends: a printing command, the version, or help, but not a
 * shell command's (`hcql help run` loads `run` for its usage).
 */
export function printsOnly(argv: readonly string[]): boolean {
  const [first, topic] = argv;
  if (first === undefined || !PRINTING_COMMANDS.has(first)) return false;
  return !(HELP_ARGS.has(first) && topic !== undefined && SHELL_COMMANDS.has(topic));
}
