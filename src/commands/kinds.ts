/**
 * The commands that only read a query and print (no client, emulator or shell): the CLI loader runs
 * them from the code cache made of a compile, every other command from the one made of a demo search
 * in the shell (src/cli-loader.ts). Their options for help and version count among them.
 */
export const PRINTING_COMMANDS: ReadonlySet<string> = new Set([
  "check",
  "compile",
  "decompile",
  "explain",
  "fmt",
  "help",
  "-h",
  "--help",
  "-v",
  "--version",
]);
