/**
 * The CLI's first arguments by what they do, in one place for the CLI (src/cli.ts) and its loader
 * (src/cli-loader.ts), which must tell them apart before the CLI is loaded: the loader runs the
 * printing ones from the code cache made of a compile, every other from the one made of a demo
 * search in the shell.
 */

/** The commands that only read a query and print (no client, emulator or shell). */
export const PRINTING_COMMAND_NAMES = ["check", "compile", "decompile", "explain", "fmt"] as const;
export type PrintingCommandName = (typeof PRINTING_COMMAND_NAMES)[number];

/** The commands that talk to HelpCrunch or the emulator, or are the shell. */
export type ShellCommandName = "repl" | "run" | "serve" | "web";

/** `hcql --help` and `hcql --version`, in all their spellings. */
export const HELP_ARGS: ReadonlySet<string> = new Set(["-h", "--help", "help"]);
export const VERSION_ARGS: ReadonlySet<string> = new Set(["-v", "--version", "version"]);

/** First arguments that print and end: the printing commands, help and version. */
export const PRINTING_COMMANDS: ReadonlySet<string> = new Set([
  ...PRINTING_COMMAND_NAMES,
  ...HELP_ARGS,
  ...VERSION_ARGS,
]);
