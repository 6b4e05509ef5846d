import { type RunOptions, runCliWith } from "./cli.js";

/**
 * The CLI's printing commands alone (dist/cli-print.cjs): check, compile, decompile, explain and fmt,
 * help and the version. The loader runs it for those (src/cli-loader.ts): a cold `hcql compile` reads
 * and sets up none of the shell, the client or the emulator (bench row `cold-start`).
 */
export function runCli(
  argv: readonly string[] = process.argv.slice(2),
  options: RunOptions = {},
): Promise<void> {
  return runCliWith(undefined, argv, options);
}
