import pc from "picocolors";
import type { AccountSettings, Connection } from "../app/index.js";
import { type AppIO, EXIT, SavedQueriesError } from "../app/index.js";
import { onlyComments } from "../language/index.js";
import type { OutputFormat } from "../output/index.js";
import {
  bareCommand,
  COMMAND_INFO,
  type CommandName,
  lineTip,
  unknownCommandMessage,
} from "./command-info.js";
import { CONTINUATION_PROMPT, type Greeting, greet, PROMPT } from "./greeting.js";
import { HistoryFile } from "./history.js";
import { LiveCheck } from "./live-check.js";
import type { Session } from "./session.js";
import type { DotCommand, Shell, ShellOptions } from "./shell.js";

type Runtime = typeof import("./runtime.js");

/** Commands without arguments that need none to do what was meant (`.help me`, `.exit now`). */
const IGNORES_ARGUMENT: ReadonlySet<string> = new Set(["help", "exit"]);

/** How often the demo's start (and fetching names) looks whether the shell has finished the lines typed ahead. */
const IDLE_CHECK_MS = 25;

export interface ReplOptions {
  readonly account: AccountSettings;
  /** Set when `hcql` already greeted the user, before the shell's modules loaded. */
  readonly greeting?: Greeting;
  /** The session zone, already checked (default the system's). */
  readonly timeZone?: string;
  readonly format?: OutputFormat;
  readonly maxRequests?: number;
  /** Piped input: stop at the first line that fails (psql's ON_ERROR_STOP). */
  readonly stopOnError?: boolean;
}

/**
 * `hcql` with no arguments: the interactive shell. Without an API key it searches the built-in
 * emulator (demo mode), started in the background on a free loopback port. The prompt comes first;
 * the language, the client and the emulator load behind it. Resolves with the exit code when the
 * shell ends: 0 at a terminal; on piped input that of the first line that failed (1 a query error,
 * 3 an API failure), as `hcql run` would.
 */
export function startRepl(io: AppIO, options: ReplOptions): Promise<number> {
  return new Promise((resolve) => new Repl(io, options, resolve).start());
}

/** The steps of starting the shell, and what they share. */
class Repl {
  private readonly greeting: Greeting;
  private readonly c: ReturnType<typeof pc.createColors>;
  private runtime: Runtime | undefined;
  private session: Session | undefined;
  private shell: Shell | undefined;
  private emulator: Promise<Connection> | undefined;
  private readonly loading: Promise<Session>;
  /** What the checker rejects in the line being typed, painted as errors. */
  private readonly liveCheck = new LiveCheck(
    (line, cursor) => {
      const session = this.session;
      if (!this.runtime || !session) return [];
      const result = session.engine.compile(line, { ...session.compileOptions(), cursor });
      return this.runtime.rejectedSpans(line, result.diagnostics);
    },
    () => this.shell?.repaint(),
  );

  constructor(
    private readonly io: AppIO,
    private readonly options: ReplOptions,
    private readonly resolve: (code: number) => void,
  ) {
    this.greeting = options.greeting ?? greet(io, options.account);
    this.c = pc.createColors(this.greeting.color);
    this.loading = import("./runtime.js").then((runtime) => this.createSession(runtime));
  }

  start(): void {
    this.openShell();
    this.loading.then(
      (session) => this.whenLoaded(session),
      (error: unknown) =>
        this.notice(`${this.c.red("error")}: the shell could not load: ${(error as Error).message}`),
    );
  }

  private createSession(runtime: Runtime): Session {
    this.runtime = runtime;
    const { color } = this.greeting;
    const session = new runtime.Session(
      {
        stdout: this.io.stdout,
        stderr: this.io.stderr,
        env: this.io.env,
        color,
        interactive: this.greeting.terminal,
      },
      runtime.createEngine(),
      {
        readSecret: (question) => this.shell!.ask(question, true),
        ask: async (question) => (this.greeting.terminal ? this.shell!.ask(question, false) : undefined),
        exit: () => this.shell!.repl.close(),
        demo: () => this.demo(),
        switched: () => this.fetchNamesWhenIdle(),
        task: (work) => this.shell!.runNow(work),
        handOver: (work) => (this.shell ? this.shell.handOver(work) : work()),
        takeDraft: () => this.shell?.takeDraft(),
        remember: (text) => this.shell?.remember(text),
      },
      { ...this.options, baseUrl: this.options.account.baseUrl },
    );
    this.session = session;
    this.useAccount(runtime, session);
    return session;
  }

  /** The account of the key given at start, if any. */
  private useAccount(runtime: Runtime, session: Session): void {
    const { apiKey, baseUrl } = this.greeting.account;
    if (apiKey === undefined) return;
    const connection = runtime.accountConnection(apiKey, baseUrl);
    if (connection.ok) session.use(connection.value);
    else this.notice(`${this.c.red("error")}: ${connection.message}; using the demo data`);
  }

  /**
   * The agents and departments on their way, for a Tab that found nothing: asked for by this Tab, or
   * once the demo connection it starts is made (a Tab right after the prompt); undefined when in.
   */
  private namesArriving(session: Session): Promise<void> | undefined {
    if (session.connection) return session.namesArriving;
    return session
      .startDemo()
      .then(() => {
        session.fetchNames();
        return session.namesArriving;
      })
      .catch(() => undefined);
  }

  /** The demo connection, its emulator started on first use and shared after. */
  private demo(): Promise<Connection> {
    this.emulator ??= this.runtime!.demoConnection();
    return this.emulator;
  }

  /** The dot-commands: known at once (for `.help` and completion), their code once loaded. */
  private dotCommands(): Record<string, DotCommand> {
    return Object.fromEntries(
      Object.entries(COMMAND_INFO).map(([name, info]): [string, DotCommand] => [
        name,
        {
          ...info,
          run: async (arg, signal) => {
            const session = await this.loading;
            if (this.stopped(session)) return;
            // `.more 5`, `.demo now`: an argument nothing reads is a mistake to point at, not to ignore.
            if (info.args === "" && arg !== "" && !IGNORES_ARGUMENT.has(name)) {
              session.problem(`.${name} takes nothing, not '${arg}'`);
              return;
            }
            await this.runtime!.HANDLERS[name as CommandName](session, arg, signal);
          },
        },
      ]),
    );
  }

  /** Piped input with --stop-on-error after a line failed: the lines after it do not run. */
  private stopped(session: Session): boolean {
    if (this.greeting.terminal || !this.options.stopOnError || session.failure === undefined) return false;
    this.shell?.repl.close();
    return true;
  }

  private shellOptions(): ShellOptions {
    const { terminal, color } = this.greeting;
    const { apiKey } = this.greeting.account;
    return {
      input: this.io.stdin,
      output: this.io.stdout,
      terminal,
      color,
      // Lines from a pipe get no prompts, so the output is only the results.
      prompt: terminal ? PROMPT : "",
      continuationPrompt: terminal ? CONTINUATION_PROMPT : "",
      history: new HistoryFile(this.io.env),
      secrets: () => this.session?.secrets() ?? (apiKey ? [apiKey] : []),
      // Until the language has loaded (a few milliseconds), lines run as typed and are plain.
      isIncomplete: (text) => this.runtime?.isIncomplete(text) ?? false,
      complete: (line, cursor) => {
        const session = this.session;
        if (!this.runtime || !session) return { items: [], replaceFrom: cursor };
        const completion = this.runtime.complete(line, cursor, session.completionContext());
        if (completion.items.length > 0) return completion;
        const arriving = this.namesArriving(session);
        return arriving ? { ...completion, namesArriving: arriving } : completion;
      },
      highlight: (line, cursor) => {
        if (!this.runtime || !color) return line;
        return this.runtime.highlight(line, color, undefined, this.liveCheck.rejected(line, cursor));
      },
      listCompletions: (items, width) =>
        this.runtime
          ? this.runtime.listCompletions(items, width, color)
          : items.map((i) => i.text).join("  "),
      run: async (text, signal) => {
        const session = await this.loading;
        if (this.stopped(session)) return;
        // `@name`, as hcql run takes a saved query: the shell runs it as `.run name` does.
        const saved = /^\s*@(\S+)\s*$/.exec(text)?.[1];
        if (saved !== undefined) return this.runtime!.HANDLERS.run(session, saved, signal);
        const notAlone = session.saved.notAlone(text);
        if (notAlone !== undefined) return session.showDiagnostics(text, [notAlone]);
        // Comments alone (a script's heading) run nothing, as a blank line runs nothing.
        if (onlyComments(text)) return;
        const tip = lineTip(text);
        if (tip !== undefined) {
          session.note(tip);
          return;
        }
        // A command line pasted in (`hcql run '…'`): the shell takes the query alone.
        if (/^\s*(?:npx\s+)?hcql\b/.test(text)) {
          session.problem("this is hcql's shell: type the query alone (hcql run is for a terminal's prompt)");
          return;
        }
        await session.run(text, signal);
      },
      commands: this.dotCommands(),
      unknownCommand: (name) =>
        this.problem(unknownCommandMessage(name, this.runtime?.nearestName ?? (() => undefined))),
      bareCommand,
      reportError: (error) => this.problem(errorText(error)),
      reportCancelled: () =>
        this.session ? this.session.cancelled() : this.io.stdout.write(`${this.c.yellow("cancelled")}\n`),
      onExit: () => this.finish(),
    };
  }

  /**
   * A terminal got its prompt from greet(); piped lines wait for the language, which decides whether
   * a line continues (a person cannot type within the few milliseconds it takes).
   */
  private openShell(): void {
    const shellModule = import("./shell.js");
    const open = ({ Shell }: typeof import("./shell.js")) => {
      this.shell = new Shell(this.shellOptions());
    };
    if (this.greeting.terminal) {
      void shellModule.then((m) => {
        open(m);
        if (this.runtime) this.shell?.repaint();
      });
    } else {
      void Promise.all([shellModule, this.loading.catch(() => undefined)]).then(([m]) => open(m));
    }
  }

  /** Behind the prompt: colours for keys typed meanwhile, the demo emulator. */
  private whenLoaded(session: Session): void {
    this.shell?.repaint();
    this.connectWhenIdle(session);
  }

  /**
   * Once the shell has no line to run: starts the demo emulator (unless connected already), then, at a
   * terminal, asks for the agents and departments, for completion and for the hint when a query names
   * one instead of its id. Making the demo's data takes tens of milliseconds, which lines typed ahead
   * (a `.compile`) should not wait for; a search starts it itself (bench row `repl-first-compile`). A
   * person takes longer to type a query.
   */
  private connectWhenIdle(session: Session): void {
    const fetchNames = () => {
      if (this.greeting.terminal) session.fetchNames();
    };
    this.whenIdle(() => {
      if (session.connection) return fetchNames();
      // A search is starting the demo: the first Tab asks for the names.
      if (this.emulator) return;
      session
        .startDemo()
        .then(fetchNames, (error: unknown) =>
          this.notice(`${this.c.red("error")}: the demo emulator did not start: ${(error as Error).message}`),
        );
    });
  }

  /** After `.key` or `.demo`, at a terminal: the new connection's agents and departments, as at start-up. */
  private fetchNamesWhenIdle(): void {
    if (this.greeting.terminal) this.whenIdle(() => this.session?.fetchNames());
  }

  /** Runs `action` once the shell has no line to run (never once it is closing). */
  private whenIdle(action: () => void): void {
    const attempt = () => {
      if (this.shell?.closed === true) return;
      if (this.shell?.idle !== true) {
        setTimeout(attempt, IDLE_CHECK_MS).unref();
        return;
      }
      action();
    };
    setTimeout(attempt, IDLE_CHECK_MS).unref();
  }

  /** The shell ended (Ctrl-D, `.exit`, end of input): close the emulator and say how it went. */
  private async finish(): Promise<void> {
    if (this.emulator) await this.emulator.then((e) => e.close()).catch(() => undefined);
    const failure = this.greeting.terminal ? undefined : this.session?.failure;
    this.resolve(failure ?? EXIT.ok);
    // Idle keep-alive sockets and timers of the HTTP stack must not hold a finished shell open.
    setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
  }

  /** A message while idle: above the prompt once the shell is up. */
  private notice(text: string): void {
    if (this.shell) this.shell.printAbove(text);
    else this.io.stdout.write(`${text}\n`);
  }

  private problem(text: string): void {
    if (this.session) this.session.problem(text);
    else this.io.stdout.write(`${this.c.red(this.c.bold("error"))}: ${text}\n`);
  }
}

/** What the shell says of an error a line ended with: the saved queries' file's own words, else unexpected. */
function errorText(error: unknown): string {
  if (error instanceof SavedQueriesError) return error.message;
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}
