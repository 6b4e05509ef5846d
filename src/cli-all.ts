import { type RunOptions, runCliWith, type ShellCommands } from "./cli.js";

/**
 * The CLI with every command (dist/cli-all.cjs): the shell, `run`, `serve` and `web` besides the
 * printing commands. The loader runs it for every command line that is not a printing command's
 * (src/cli-loader.ts). Each command's modules are set up when it runs, no sooner.
 */
const SHELL: ShellCommands = {
  loaders: {
    repl: async () => (await import("./commands/repl.js")).repl,
    run: async () => (await import("./commands/run.js")).run,
    serve: async () => (await import("./commands/serve.js")).serve,
    web: async () => (await import("./commands/web.js")).web,
  },
  async greeting(io) {
    const { accountSettings } = await import("./app/account.js");
    const account = accountSettings({}, io.env);
    if (!account.ok) return account;
    const { greet } = await import("./repl/greeting.js");
    return { ok: true, value: greet(io, account.value) };
  },
};

export function runCli(
  argv: readonly string[] = process.argv.slice(2),
  options: RunOptions = {},
): Promise<void> {
  return runCliWith(SHELL, argv, options);
}
