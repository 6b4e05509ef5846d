import { Interface } from "node:readline";
import { type REPLServer, Recoverable, start } from "node:repl";
import { HISTORY_SIZE, type HistoryFile, historyEntry, keepInHistory } from "./history.js";

/**
 * The node:repl shell around hcql: a custom eval that never evaluates JavaScript, multi-line
 * input through `Recoverable`, dot-commands, persistent history, highlighting of the line being
 * typed and Ctrl-C that cancels the running task. While a task runs, the keys typed are held
 * back from readline (so they do not paint over the output) and handed to it when the task ends;
 * Ctrl-C among them cancels the task. Raw mode stays on, so a Ctrl-D typed meanwhile stays a key
 * (in cooked mode the terminal would turn it into an end of input that raw mode then loses).
 */

import type { CompletionResult as Completion, CompletionItem } from "../editor/index.js";

/**
 * A completion, and when nothing completes yet but names it may offer are on their way (the
 * account's agents and departments, asked for by this Tab): a promise that settles when they arrive.
 */
export interface ShellCompletion extends Completion {
  readonly namesArriving?: Promise<void>;
}

/** How long a Tab that found nothing waits for the names on their way before it gives up. */
const NAMES_WAIT_MS = 3000;

export interface DotCommand {
  /** Shown by `.help`: the arguments, e.g. `<name> <query>`. */
  readonly args: string;
  readonly help: string;
  /** Runs the command; a task that may take long gets a signal that Ctrl-C aborts. */
  readonly run: (arg: string, signal: AbortSignal) => Promise<void> | void;
  /** Commands that read input themselves (`.key`) do not run as a cancellable task. */
  readonly interactive?: boolean;
  /** Ends the shell: the lines after it do not run. */
  readonly leaves?: boolean;
  /** Asks for a line (`.key`: the key): on piped input, the line after the command is the answer. */
  readonly asks?: boolean;
}

export interface ShellOptions {
  readonly input: NodeJS.ReadableStream & {
    isTTY?: boolean;
    isRaw?: boolean;
    setRawMode?: (mode: boolean) => unknown;
  };
  readonly output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly terminal: boolean;
  readonly color: boolean;
  readonly prompt: string;
  readonly continuationPrompt: string;
  readonly history: HistoryFile;
  /** Strings that must never reach the history file (the API key in use). */
  readonly secrets: () => readonly string[];
  readonly isIncomplete: (text: string) => boolean;
  readonly complete: (line: string, cursor: number) => ShellCompletion;
  /** The line painted, with where the cursor is in it. */
  readonly highlight: (line: string, cursor: number) => string;
  /** Lays out the items of an ambiguous Tab across the terminal's width. */
  readonly listCompletions: (items: readonly CompletionItem[], width: number) => string;
  /** Runs one complete query. */
  readonly run: (text: string, signal: AbortSignal) => Promise<void>;
  readonly commands: Readonly<Record<string, DotCommand>>;
  /** The dot-command a line means without its dot (`exit`, `quit`, `help`, `\x on`), if any. */
  readonly bareCommand: (line: string) => { readonly name: string; readonly argument: string } | undefined;
  /** Called for an unknown dot-command. */
  readonly unknownCommand: (name: string) => void;
  /** Reports an error a task threw (never ends the shell). */
  readonly reportError: (error: unknown) => void;
  /** Says that a task was cancelled. */
  readonly reportCancelled: () => void;
  /** Called once when the shell ends (Ctrl-D, `.exit`, end of input), after the history is saved. */
  readonly onExit: () => Promise<void>;
}

/**
 * xterm's bracketed paste (mode 2004), which terminals mark pasted text with: the lines of a paste are
 * one query, not one query each (node's readline names the marks `paste-start` and `paste-end`).
 */
const PASTE_MARKS_ON = "\x1b[?2004h";
const PASTE_MARKS_OFF = "\x1b[?2004l";

/** node's JavaScript commands that mean nothing in hcql. */
const NODE_COMMANDS = ["break", "clear", "editor", "load", "save", "help", "exit"];

/** The libuv handle under a terminal's input stream (node reads on while the stream is paused). */
interface ReadHandle {
  reading?: boolean;
  readStop?: () => number;
  readStart?: () => number;
}

type ReplInternals = REPLServer & {
  history: string[];
  historySize: number;
  line: string;
  cursor: number;
  _writeToOutput(text: string): void;
  _refreshLine(): void;
};

export class Shell {
  readonly repl: ReplInternals;
  private queue: Promise<void> = Promise.resolve();
  private continuing = false;
  /** The unfinished query being continued (while `continuing`). */
  private draft = "";
  /** Tasks queued or running. */
  private pending = 0;
  /** Interactive commands running (they read input themselves). */
  private interactive = 0;
  private current: AbortController | undefined;
  private masked: string | undefined;
  private exiting = false;
  /** The terminal is lent to a program (a pager, an editor): a Ctrl-C typed there is the program's. */
  private lent = false;
  /** A command that ends the shell was given: later lines are read but not run. */
  private leaving = false;
  /** Inside a bracketed paste, and whether its last key so far ended a line. */
  private pasting = false;
  private pasteEndsLine = false;
  /**
   * Piped input is read ahead of the commands run: the line after a command that asks (`.key`) is
   * its answer, kept here until the command asks; `answerLine` takes that line when it comes.
   */
  private readonly pipedAnswers: Promise<string | undefined>[] = [];
  private answerLine: ((line: string | undefined) => void) | undefined;

  constructor(private readonly options: ShellOptions) {
    this.repl = start({
      input: options.input,
      output: options.output,
      terminal: options.terminal,
      prompt: options.prompt,
      useColors: options.color,
      preview: false,
      // No JavaScript runs here: sharing the global context spares creating a new one at start.
      useGlobal: true,
      ignoreUndefined: true,
      completer: (line: string) => {
        this.tab(line);
        return [[], ""];
      },
      eval: (cmd, _context, _file, callback) => this.evaluate(cmd, callback),
    }) as ReplInternals;
    this.setUpCommands();
    this.setUpTab();
    this.setUpHistory();
    this.setUpHighlighting();
    this.setUpPrompt();
    this.setUpSigint();
    this.setUpPaste();
    this.repl.removeAllListeners("exit");
    this.repl.on("exit", () => void this.exit());
  }

  /** No line is running or waiting, none is half-typed over several lines, and input goes on. */
  get idle(): boolean {
    return this.pending === 0 && this.interactive === 0 && !this.continuing && !this.exiting;
  }

  /** Input ended (Ctrl-D, `.exit`, end of a pipe): the shell is finishing. */
  get closed(): boolean {
    return this.exiting;
  }

  /** Writes a message above the prompt while idle, keeping the line being typed. */
  printAbove(text: string): void {
    const line = text.endsWith("\n") ? text : `${text}\n`;
    this.options.output.write(this.options.terminal ? `\r\x1b[K${line}` : line);
    this.repl.displayPrompt(true);
  }

  /** The unfinished query being typed over several lines, taken from the shell (which drops it); if any. */
  takeDraft(): string | undefined {
    if (!this.continuing) return undefined;
    this.continuing = false;
    this.repl.clearBufferedCommand();
    return this.draft.replace(/\s+$/, "");
  }

  /** Adds a query that did not come from typing (`.edit`) to the history, as if typed. */
  remember(text: string): void {
    this.repl.history.unshift(historyEntry(text));
    this.saveHistory();
  }

  /**
   * Lends the terminal to a program (a pager, an editor) while `work` runs: the shell stops reading
   * its input (so no key typed for the program reaches readline) and leaves raw mode; both come back
   * when the work ends.
   */
  async handOver<T>(work: () => Promise<T>): Promise<T> {
    const input = this.options.input;
    const raw = this.options.terminal && input.isRaw === true;
    input.pause();
    // pause() alone lets node read on into its buffer, taking the keys meant for the program.
    const handle = (input as { _handle?: ReadHandle })._handle;
    const stopped =
      handle?.reading === true && handle.readStop !== undefined && handle.readStart !== undefined;
    if (stopped) {
      handle.reading = false;
      handle.readStop!();
    }
    if (raw) input.setRawMode?.(false);
    this.markPastes(false);
    this.lent = true;
    try {
      return await work();
    } finally {
      this.lent = false;
      // The program (an editor) may have turned the marks off as it left.
      this.markPastes(true);
      if (raw) input.setRawMode?.(true);
      if (stopped) {
        handle.reading = true;
        handle.readStart!();
      }
      input.resume();
    }
  }

  /**
   * Reads one line, kept out of the history, without echo when it is a secret (an API key);
   * undefined when Ctrl-C cancels it or Ctrl-D ends the input (then the shell ends after it).
   */
  ask(question: string, secret: boolean): Promise<string | undefined> {
    if (!this.options.terminal) return this.pipedAnswers.shift() ?? Promise.resolve(undefined);
    return new Promise((resolve) => {
      const repl = this.repl;
      const controller = new AbortController();
      const sigint = repl.rawListeners("SIGINT");
      repl.removeAllListeners("SIGINT");
      const historySize = repl.historySize;
      repl.historySize = 0;
      if (secret) this.masked = question;
      // Ctrl-D closes the input: no answer will come, and the shell waits for this one to end.
      const closed = () => {
        this.options.output.write("\n");
        finish(undefined);
      };
      repl.once("close", closed);
      const finish = (answer: string | undefined) => {
        repl.removeListener("close", closed);
        this.masked = undefined;
        repl.historySize = historySize;
        repl.removeAllListeners("SIGINT");
        for (const listener of sigint) repl.on("SIGINT", listener as () => void);
        resolve(answer);
      };
      repl.once("SIGINT", () => {
        controller.abort();
        this.options.output.write("\n");
        finish(undefined);
      });
      repl.question(question, { signal: controller.signal }, (answer) => {
        finish(answer);
      });
    });
  }

  /**
   * Tab: one item replaces the word (whatever its case) and a space follows; several items insert
   * what they share and list themselves, with their details (an agent's name beside its id).
   */
  private tab(before: string): void {
    const completion = this.safeComplete(before);
    if (completion.items.length === 0 && completion.namesArriving) {
      this.tabWhenNamesArrive(before, completion.namesArriving);
      return;
    }
    this.applyCompletion(before, completion);
  }

  /**
   * The first Tab that needs the agents' or departments' names asks for them: it completes once they
   * arrive, unless the line changed meanwhile (a later Tab completes from them at once).
   */
  private tabWhenNamesArrive(before: string, arriving: Promise<void>): void {
    const { line, cursor } = this.repl;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, NAMES_WAIT_MS).unref());
    void Promise.race([arriving, timeout]).then(() => {
      if (this.closed || this.repl.line !== line || this.repl.cursor !== cursor) return;
      this.applyCompletion(before, this.safeComplete(before));
    });
  }

  private applyCompletion(before: string, { items, replaceFrom }: Completion): void {
    const repl = this.repl;
    if (items.length === 0) return;
    const word = before.slice(replaceFrom);
    const after = repl.line.slice(before.length);
    const replace = (text: string) => {
      repl.line = before.slice(0, replaceFrom) + text + after;
      repl.cursor = replaceFrom + text.length;
    };
    if (items.length === 1) {
      const only = items[0]!.text;
      replace(only + (after.startsWith(" ") || /[(.]$/.test(only) ? "" : " "));
      if (after.startsWith(" ")) repl.cursor++;
      repl._refreshLine();
      return;
    }
    const shared = sharedPrefix(items.map((i) => i.text));
    if (shared.length > word.length) {
      replace(shared);
      repl._refreshLine();
      return;
    }
    const width = this.options.output.columns ?? 80;
    this.options.output.write(`\r\n${this.options.listCompletions(items, width)}\n`);
    (repl as unknown as { prevRows: number }).prevRows = 0;
    repl._refreshLine();
  }

  /**
   * A Tab completes wherever it arrives: readline completes only at the end of a chunk of input, so
   * Tab Tab read at once would insert a literal tab first. Other keys keep readline's flag: off
   * within a chunk, it appends a paste's characters without measuring the whole line for each (a
   * long pasted line took seconds), except where the cursor is not at the end (readline would append).
   */
  private setUpTab(): void {
    const repl = this.repl;
    let tabKey = false;
    let enabled = true;
    this.options.input.prependListener("keypress", (_text: unknown, key: { name?: string } | undefined) => {
      tabKey = key?.name === "tab";
    });
    Object.defineProperty(repl, "isCompletionEnabled", {
      get: () => enabled || tabKey || repl.cursor < repl.line.length,
      set: (value: boolean) => {
        enabled = value;
      },
    });
  }

  /** Completes the end of `line`; on a continuation line, of the query begun on the lines before. */
  private safeComplete(line: string): ShellCompletion {
    const before = this.continuing ? `${this.draft}\n` : "";
    try {
      const completion = this.options.complete(before + line, before.length + line.length);
      if (before === "") return completion;
      return { ...completion, replaceFrom: Math.max(0, completion.replaceFrom - before.length) };
    } catch {
      return { items: [], replaceFrom: line.length };
    }
  }

  private evaluate(cmd: string, callback: (error: Error | null, result?: unknown) => void): void {
    const text = cmd.replace(/\r?\n$/, "");
    const answer = this.answerLine;
    if (answer !== undefined) {
      // The answer to the piped command before (`.key`'s key): never run, never shown.
      this.answerLine = undefined;
      answer(text);
      callback(null);
      return;
    }
    if (text.trim() === "" || this.leaving) {
      this.continuing = false;
      callback(null);
      return;
    }
    const bare = this.continuing ? undefined : this.options.bareCommand(text);
    if (bare !== undefined) {
      // The command's task is queued first, so that the prompt node shows after `callback` waits for it.
      this.repl.commands[bare.name]?.action.call(this.repl, bare.argument);
      callback(null);
      return;
    }
    let incomplete = false;
    try {
      // Each line of a paste waits for the paste's end (see endPaste), unless a blank one ends it.
      incomplete = (this.pasting && !/\n\s*$/.test(text)) || this.options.isIncomplete(text);
    } catch {
      incomplete = false;
    }
    if (incomplete) {
      this.continuing = true;
      this.draft = text;
      callback(new Recoverable(new SyntaxError("the query continues on the next line")));
      return;
    }
    this.continuing = false;
    this.joinMultiLineHistory(text);
    // The blank line that ended an unfinished query is not part of it.
    const query = text.replace(/\s+$/, "");
    // Done at once for node (so a line pasted after this one starts afresh); the prompt waits
    // for the task (see displayPrompt).
    void this.enqueue((signal) => this.options.run(query, signal));
    callback(null);
  }

  /** Runs tasks one after another (lines pasted at once wait for the one before). */
  enqueue(task: (signal: AbortSignal) => Promise<void> | void): Promise<void> {
    this.pending++;
    const next = this.queue
      .then(() => this.runTask(task))
      .finally(() => {
        this.pending--;
        // An interactive command (`.key`) shows the prompt itself when it ends.
        if (this.pending === 0 && this.interactive === 0 && !this.exiting) this.repl.displayPrompt();
      });
    this.queue = next;
    return next;
  }

  /** Runs a task now, as an interactive command's part (it already holds its turn in the queue). */
  async runNow(task: (signal: AbortSignal) => Promise<void> | void): Promise<void> {
    this.pending++;
    try {
      await this.runTask(task);
    } finally {
      this.pending--;
    }
  }

  private async runTask(task: (signal: AbortSignal) => Promise<void> | void): Promise<void> {
    const controller = new AbortController();
    this.current = controller;
    const repl = this.repl;
    const sigint = repl.rawListeners("SIGINT");
    repl.removeAllListeners("SIGINT");
    const interrupt = () => controller.abort();
    repl.on("SIGINT", interrupt);
    const keys = this.options.terminal ? this.holdKeys(controller) : undefined;
    let aborted: (() => void) | undefined;
    const cancelled = new Promise<void>((resolve) => {
      aborted = resolve;
      controller.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    try {
      await Promise.race([Promise.resolve().then(() => task(controller.signal)), cancelled]);
      if (controller.signal.aborted) this.options.reportCancelled();
    } catch (error) {
      if (controller.signal.aborted) this.options.reportCancelled();
      else this.options.reportError(error);
    } finally {
      aborted?.();
      this.current = undefined;
      repl.removeListener("SIGINT", interrupt);
      for (const listener of sigint) repl.on("SIGINT", listener as () => void);
      keys?.release();
    }
  }

  /**
   * Holds the keys typed while a task runs: Ctrl-C cancels it (dropping what was typed), the rest go
   * to readline once the task has ended and the prompt is back.
   */
  private holdKeys(controller: AbortController): { release(): void } {
    const input = this.options.input;
    const listeners = input.rawListeners("keypress") as ((...args: unknown[]) => void)[];
    input.removeAllListeners("keypress");
    const held: unknown[][] = [];
    const hold = (text: unknown, key: { ctrl?: boolean; name?: string } | undefined) => {
      if (key?.ctrl && key.name === "c") {
        held.length = 0;
        controller.abort();
      } else held.push([text, key]);
    };
    input.on("keypress", hold);
    return {
      release: () => {
        input.removeListener("keypress", hold);
        for (const listener of listeners) input.on("keypress", listener);
        // After the prompt is shown (the queue shows it once this task is done); a task queued
        // meanwhile holds them in turn.
        setImmediate(() => {
          for (const args of held) input.emit("keypress", ...args);
        });
      },
    };
  }

  private setUpSigint(): void {
    // Ctrl-C sent as a signal (kill -INT, or a pipe's terminal): cancel the task, never die.
    process.on("SIGINT", () => {
      // Out of raw mode, the terminal sends a program's Ctrl-C (less's, an editor's) to the shell too.
      if (this.lent) return;
      if (this.current) this.current.abort();
      else if (!this.options.terminal) void this.exit();
    });
    // Nothing that goes wrong later (a stray socket error, a bug) ends the shell: say so, go on.
    const survive = (error: unknown) => {
      this.options.reportError(error);
      if (!this.exiting) this.repl.displayPrompt();
    };
    process.on("uncaughtException", survive);
    process.on("unhandledRejection", survive);
  }

  private setUpCommands(): void {
    const repl = this.repl;
    for (const name of NODE_COMMANDS) delete (repl.commands as Record<string, unknown>)[name];
    for (const [name, command] of Object.entries(this.options.commands)) {
      repl.defineCommand(name, {
        help: command.help,
        action: (arg: string) => {
          if (this.leaving) return;
          this.endPastedQuery();
          if (command.leaves) this.leaving = true;
          if (command.asks && !this.options.terminal) {
            this.pipedAnswers.push(new Promise((resolve) => (this.answerLine = resolve)));
          }
          const done = () => {
            if (!this.exiting) repl.displayPrompt();
          };
          if (command.interactive) {
            this.interactive++;
            // In turn: after the lines before it, and before the lines after it.
            this.queue = this.queue
              .then(() => command.run(arg.trim(), new AbortController().signal))
              .catch((error: unknown) => this.options.reportError(error))
              .finally(() => {
                this.interactive--;
                done();
              });
            return;
          }
          void this.enqueue((signal) => command.run(arg.trim(), signal));
        },
      });
    }
    // An unknown `.word` gets hcql's own message instead of node's "Invalid REPL keyword".
    const known = repl.commands as Record<string, unknown>;
    const unknown = (name: string) => ({
      help: "",
      // A dot alone (`.`, `. format`) matches no `.name`: node looks up the name null, with no rest.
      action: (rest: unknown) => {
        this.endPastedQuery();
        const typed = typeof rest === "string" ? name : "";
        // In turn with the lines before it, whose output comes first.
        if (!this.leaving) void this.enqueue(() => this.options.unknownCommand(typed));
      },
    });
    (repl as { commands: unknown }).commands = new Proxy(known, {
      get: (target, key) =>
        typeof key === "string" && !(key in target) ? unknown(key) : target[key as string],
    });
  }

  private setUpHistory(): void {
    const repl = this.repl;
    repl.history.splice(0, repl.history.length, ...this.options.history.load());
    repl.historySize = HISTORY_SIZE;
    // Save after every line, so a crash or a killed terminal loses nothing.
    repl.on("line", () => {
      this.removeSecretsFromHistory();
      if (!this.continuing) this.saveHistory();
    });
  }

  private removeSecretsFromHistory(): void {
    const history = this.repl.history;
    const secrets = this.options.secrets();
    for (let i = history.length - 1; i >= 0; i--) {
      if (!keepInHistory(history[i]!, secrets)) history.splice(i, 1);
    }
  }

  /** A query typed over several lines becomes one history entry (see historyEntry). */
  private joinMultiLineHistory(text: string): void {
    const lines = text.split("\n");
    if (lines.length < 2) return;
    const history = this.repl.history;
    const fragments = lines.filter((l) => l.trim() !== "").reverse();
    if (!fragments.every((f, i) => history[i] === f)) return;
    history.splice(0, fragments.length, historyEntry(text));
  }

  private saveHistory(): void {
    try {
      this.options.history.save(this.repl.history, this.options.secrets());
    } catch {
      // A read-only home must not stop the shell; the history just is not kept.
    }
  }

  private setUpHighlighting(): void {
    const repl = this.repl;
    const original = (Interface.prototype as unknown as { _writeToOutput(text: string): void })
      ._writeToOutput;
    const color = this.options.color && this.options.terminal;
    repl._writeToOutput = (text: string) => {
      const prompt = repl.getPrompt();
      if (this.masked !== undefined) {
        // Reading a secret: show the question, never what is typed.
        if (text.startsWith(this.masked)) original.call(repl, this.masked);
        else if (!/^[^\r\n]+$/.test(text)) original.call(repl, text.replace(/[^\r\n]/g, ""));
        return;
      }
      if (color && text === prompt + repl.line) {
        original.call(repl, prompt + this.safeHighlight(repl.line));
        return;
      }
      if (
        color &&
        text !== "" &&
        repl.cursor === repl.line.length &&
        repl.line.endsWith(text) &&
        !/[\r\n]/.test(text)
      ) {
        // Typed at the end: show it now, repaint the line once the keys of this chunk are read
        // (so a paste repaints once, not once per character).
        original.call(repl, text);
        this.repaintSoon();
        return;
      }
      original.call(repl, text);
    };
  }

  /** Repaints the line being typed (when highlighting becomes available). */
  repaint(): void {
    const repl = this.repl;
    if (repl.line !== "" && this.pending === 0 && this.masked === undefined && !this.exiting)
      repl._refreshLine();
  }

  private repaintScheduled = false;

  private repaintSoon(): void {
    const line = this.repl.line;
    this.repaintLine = line;
    if (this.repaintScheduled) return;
    this.repaintScheduled = true;
    setImmediate(() => {
      this.repaintScheduled = false;
      // Not after Enter (the line is gone), not while a task prints or a secret is read.
      const repl = this.repl;
      if (
        repl.line === this.repaintLine &&
        repl.line !== "" &&
        this.pending === 0 &&
        this.masked === undefined
      ) {
        repl._refreshLine();
      }
    });
  }

  private repaintLine = "";

  private safeHighlight(line: string): string {
    try {
      return this.options.highlight(line, this.repl.cursor);
    } catch {
      return line;
    }
  }

  private setUpPrompt(): void {
    const repl = this.repl;
    const { prompt, continuationPrompt } = this.options;
    repl.displayPrompt = (preserveCursor?: boolean) => {
      // While tasks run, the prompt waits: it comes back when the last one ends.
      if (this.pending > 0 || this.exiting) return;
      Interface.prototype.setPrompt.call(repl, this.continuing ? continuationPrompt : prompt);
      Interface.prototype.prompt.call(repl, preserveCursor);
    };
    // Ctrl-C on a continuation line drops the unfinished query (node clears its buffer too).
    repl.prependListener("SIGINT", () => {
      this.continuing = false;
    });
    repl.on("reset", () => {
      this.continuing = false;
    });
  }

  /** Turns the terminal's marking of pasted text on or off (a terminal only). */
  private markPastes(on: boolean): void {
    if (this.options.terminal) this.options.output.write(on ? PASTE_MARKS_ON : PASTE_MARKS_OFF);
  }

  private setUpPaste(): void {
    if (!this.options.terminal) return;
    this.markPastes(true);
    this.options.input.on("keypress", (_text: unknown, key: { name?: string } | undefined) => {
      if (key?.name === "paste-start") {
        this.pasting = true;
        this.pasteEndsLine = false;
      } else if (key?.name === "paste-end") {
        this.pasting = false;
        this.endPaste();
      } else if (this.pasting) {
        this.pasteEndsLine = key?.name === "return" || key?.name === "enter";
      }
    });
  }

  /**
   * A paste ended with a line break: the query its lines make runs, as one, when it is complete; one
   * that is not (it ends in `and`) waits for the lines typed after it, as a typed one does.
   */
  private endPaste(): void {
    if (!this.pasteEndsLine || !this.continuing) return;
    try {
      if (this.options.isIncomplete(this.draft)) return;
    } catch {
      // Read as complete: its problems are shown when it runs.
    }
    const query = this.takeDraft()!;
    this.joinMultiLineHistory(query);
    this.saveHistory();
    this.options.output.write("\r\x1b[K"); // the continuation prompt the last line left
    void this.enqueue((signal) => this.options.run(query, signal));
  }

  /**
   * A dot command pasted after a query's lines ends that query, which runs first, so that a paste's
   * lines run in the order they came (`.limit 1`, a query, `.limit 4`); a command typed amid a query
   * leaves it to be continued.
   */
  private endPastedQuery(): void {
    if (!this.pasting || !this.continuing) return;
    const query = this.takeDraft()!;
    if (query.trim() === "") return;
    void this.enqueue((signal) => this.options.run(query, signal));
  }

  private async exit(): Promise<void> {
    if (this.exiting) return;
    this.markPastes(false);
    // Input ended inside a query (a pipe's last line, Ctrl-D on ` ...> `): what there is runs, so its
    // problems are shown (and a script exits 1) instead of the query vanishing.
    const draft = this.takeDraft();
    if (draft !== undefined && draft.trim() !== "")
      void this.enqueue((signal) => this.options.run(draft, signal));
    this.exiting = true;
    // A command that asks got no line: it has no answer.
    this.answerLine?.(undefined);
    this.answerLine = undefined;
    // Input ended (Ctrl-D, end of a pipe): let the queued lines finish first.
    await this.queue;
    this.removeSecretsFromHistory();
    this.saveHistory();
    await this.options.onExit();
  }
}

/** The longest prefix all texts share, ignoring case (taken from the first text). */
export function sharedPrefix(texts: readonly string[]): string {
  if (texts.length === 0) return "";
  let prefix = texts[0]!;
  for (const t of texts) {
    let i = 0;
    while (i < prefix.length && i < t.length && prefix[i]!.toLowerCase() === t[i]!.toLowerCase()) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}
