import pc from "picocolors";
import type { CliIO } from "../commands/common.js";
import { COMMAND_INFO, type CommandName } from "./command-info.js";
import { CONTINUATION_PROMPT, DEMO_CHATS, greet, PROMPT } from "./greeting.js";
import { HistoryFile } from "./history.js";
import type { Connection, Session } from "./session.js";
import type { DotCommand, Shell } from "./shell.js";

type Runtime = typeof import("./runtime.js");

/**
 * `hcql` with no arguments: the interactive shell. Without HELPCRUNCH_API_KEY it searches the
 * built-in emulator (demo mode), started in the background on a free loopback port.
 * The prompt comes first; the language, the client and the emulator load behind it.
 * Resolves with the exit code when the shell ends.
 */
export function startRepl(io: CliIO): Promise<number> {
  return new Promise((resolve) => {
    const stdout = io.stdout;
    const { terminal, color, key, baseUrl } = io.greeting ?? greet(io);
    const c = pc.createColors(color);

    let runtime: Runtime | undefined;
    let session: Session | undefined;
    let shell: Shell | undefined;
    let emulator: Promise<{ url: string; key: string; close(): Promise<void> }> | undefined;

    const loading: Promise<Session> = import("./runtime.js").then((r) => {
      runtime = r;
      const demo = async (): Promise<Connection> => {
        emulator ??= import("../emulator/index.js").then(({ startEmulator }) =>
          startEmulator({ port: 0, chats: DEMO_CHATS }),
        );
        const e = await emulator;
        return {
          mode: "demo",
          baseUrl: e.url,
          client: r.createClient({ apiKey: e.key, baseUrl: e.url }),
          key: e.key,
        };
      };
      const s = new r.Session({ stdout, stderr: io.stderr, env: io.env, color }, r.createEngine(), {
        readSecret: (question) => shell!.readSecret(question),
        exit: () => shell!.repl.close(),
        demo,
        task: (work) => shell!.enqueue(work),
      });
      session = s;
      if (key) {
        try {
          s.use({ mode: "account", baseUrl, client: r.createClient({ apiKey: key, baseUrl }), key });
        } catch (error) {
          notice(`${c.red("error")}: ${(error as Error).message}; using the demo data`);
        }
      }
      return s;
    });

    const commands = Object.fromEntries(
      Object.entries(COMMAND_INFO).map(([name, info]): [string, DotCommand] => [
        name,
        {
          ...info,
          run: async (arg, signal) => (await loading).handlers[name as CommandName](arg, signal),
        },
      ]),
    );

    const start = (Shell: typeof import("./shell.js").Shell) => {
      shell = new Shell({
        input: io.stdin,
        output: stdout,
        terminal,
        color,
        // Lines from a pipe get no prompts, so the output is only the results.
        prompt: terminal ? PROMPT : "",
        continuationPrompt: terminal ? CONTINUATION_PROMPT : "",
        history: new HistoryFile(io.env),
        secrets: () => session?.secrets() ?? (key ? [key] : []),
        // Until the language has loaded (a few milliseconds), lines run as typed and are plain.
        isIncomplete: (text) => runtime?.isIncomplete(text) ?? false,
        complete: (line, cursor) =>
          runtime && session
            ? runtime.complete(line, cursor, session.completionContext())
            : { items: [], replaceFrom: cursor },
        highlight: (line) => (runtime ? runtime.highlight(line, color) : line),
        listCompletions: (items, width) =>
          runtime ? runtime.listCompletions(items, width, color) : items.map((i) => i.text).join("  "),
        run: async (text, signal) => (await loading).run(text, signal),
        commands,
        unknownCommand: (name) => problem(`unknown command '.${name}': .help lists the commands`),
        reportError: (error) =>
          problem(`unexpected error: ${error instanceof Error ? error.message : String(error)}`),
        reportCancelled: () => (session ? session.cancelled() : stdout.write(`${c.yellow("cancelled")}\n`)),
        onExit: async () => {
          if (emulator) await emulator.then((e) => e.close()).catch(() => undefined);
          resolve(0);
          // Idle keep-alive sockets and timers of the HTTP stack must not hold a finished shell open.
          setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
        },
      });
    };
    // A terminal got its prompt from greet(); piped lines wait for the language, which decides
    // whether a line continues (a person cannot type within the few milliseconds it takes).
    const shellModule = import("./shell.js");
    if (terminal)
      void shellModule.then((m) => {
        start(m.Shell);
        if (runtime) shell?.repaint();
      });
    else void Promise.all([shellModule, loading.catch(() => undefined)]).then(([m]) => start(m.Shell));

    /** A message while idle: above the prompt once the shell is up. */
    function notice(text: string): void {
      if (shell) shell.printAbove(text);
      else stdout.write(`${text}\n`);
    }

    function problem(text: string): void {
      stdout.write(`${c.red(c.bold("error"))}: ${text}\n`);
    }

    // Behind the prompt: time zone support, the demo emulator, agents and departments.
    loading.then(
      (s) => {
        // Keys typed before the language loaded get their colours now.
        shell?.repaint();
        runtime!
          .createEngine()
          .prepare(s.timeZone)
          .catch(() => undefined);
        if (!s.connection) {
          s.startDemo().catch((error: unknown) =>
            notice(`${c.red("error")}: the demo emulator did not start: ${(error as Error).message}`),
          );
        }
      },
      (error: unknown) => notice(`${c.red("error")}: the shell could not load: ${(error as Error).message}`),
    );
  });
}
