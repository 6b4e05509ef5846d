import pc from "picocolors";
import { createClient } from "../client/index.js";
import type { CliIO } from "../commands/common.js";
import { DEFAULT_BASE_URL } from "../language/api.js";
import { shouldColor } from "../output/color.js";
import { VERSION } from "../version.js";
import { complete } from "./complete.js";
import { createEngine } from "./engine.js";
import { highlight } from "./highlight.js";
import { HistoryFile } from "./history.js";
import { isIncomplete } from "./incomplete.js";
import { type Connection, Session } from "./session.js";
import { Shell } from "./shell.js";

/** Chats the demo emulator generates. */
export const DEMO_CHATS = 2500;

export const PROMPT = "hcql> ";
export const CONTINUATION_PROMPT = " ...> ";

/**
 * `hcql` with no arguments: the interactive shell. Without HELPCRUNCH_API_KEY it searches the
 * built-in emulator (demo mode), started in the background on a free loopback port.
 * Resolves with the exit code when the shell ends.
 */
export function startRepl(io: CliIO): Promise<number> {
  return new Promise((resolve) => {
    const stdout = io.stdout;
    const terminal = io.stdin.isTTY === true && stdout.isTTY === true;
    const color = shouldColor(io.env, stdout.isTTY === true);
    const c = pc.createColors(color);
    const engine = createEngine();

    let emulator: Promise<{ url: string; key: string; close(): Promise<void> }> | undefined;
    const startDemo = () => {
      emulator ??= import("../emulator/index.js").then(({ startEmulator }) => startEmulator({ port: 0 }));
      return emulator;
    };
    const demo = async (): Promise<Connection> => {
      const e = await startDemo();
      return {
        mode: "demo",
        baseUrl: e.url,
        client: createClient({ apiKey: e.key, baseUrl: e.url }),
        key: e.key,
      };
    };

    let shell: Shell | undefined;
    const session = new Session({ stdout, stderr: io.stderr, env: io.env, color }, engine, {
      readSecret: (question) => shell!.readSecret(question),
      exit: () => shell!.repl.close(),
      demo,
    });

    const key = io.env.HELPCRUNCH_API_KEY?.trim();
    let where: string;
    if (key) {
      const baseUrl = io.env.HELPCRUNCH_API_URL || DEFAULT_BASE_URL;
      try {
        session.use({ mode: "account", baseUrl, client: createClient({ apiKey: key, baseUrl }), key });
        where = `account at ${baseUrl}`;
      } catch (error) {
        where = `demo (HELPCRUNCH_API_URL is not usable: ${(error as Error).message})`;
      }
    } else {
      where = `demo: ${DEMO_CHATS.toLocaleString("en-US")} generated chats · set HELPCRUNCH_API_KEY to search your account`;
    }
    stdout.write(
      `${c.bold(`hcql ${VERSION}`)} · ${where}\n${c.dim("Type a query, Tab to complete, .help for commands, Ctrl-D to leave.")}\n`,
    );

    shell = new Shell({
      input: io.stdin,
      output: stdout,
      terminal,
      color,
      prompt: PROMPT,
      continuationPrompt: CONTINUATION_PROMPT,
      history: new HistoryFile(io.env),
      secrets: () => session.secrets(),
      isIncomplete,
      complete: (line, cursor) => complete(line, cursor, session.completionContext()),
      highlight: (line) => highlight(line, color),
      run: (text, signal) => session.run(text, signal),
      commands: session.commands,
      unknownCommand: (name) => session.problem(`unknown command '.${name}': .help lists the commands`),
      reportError: (error) =>
        session.problem(`unexpected error: ${error instanceof Error ? error.message : String(error)}`),
      reportCancelled: () => session.cancelled(),
      onExit: async () => {
        if (emulator) await emulator.then((e) => e.close()).catch(() => undefined);
        resolve(0);
        // Idle keep-alive sockets and timers of the HTTP stack must not hold a finished shell open.
        setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
      },
    });

    // After the prompt is up: time zone support, the demo emulator, agents and departments.
    setImmediate(() => {
      engine.prepare(session.timeZone).catch(() => undefined);
      if (!session.connection) {
        demo().then(
          (connection) => {
            if (!session.connection) session.use(connection);
          },
          (error: unknown) =>
            shell!.printAbove(`error: the demo emulator did not start: ${(error as Error).message}`),
        );
      }
    });
  });
}
