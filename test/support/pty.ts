import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type IPty, spawn } from "@lydell/node-pty";
import { onTestFinished } from "vitest";
import { CLI } from "./cli.js";

/**
 * A person at a terminal: runs `node dist/cli.cjs` in a real pseudo-terminal, types keys, and waits
 * for text to appear on the screen (escape codes stripped), with generous time-outs instead of sleeps.
 */

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-B]|\x1b[=>78]/g;

/** Text without terminal escape codes and carriage returns. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "").replace(/\r/g, "");
}

/**
 * The lines a terminal shows for raw output, escape codes stripped: a carriage return starts its line
 * over (a progress line is rewritten, and erased, that way); the last line is what the cursor is on.
 */
export function screenLines(raw: string): string[] {
  return raw
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => stripAnsi(line.slice(line.lastIndexOf("\r") + 1)));
}

export const KEYS = {
  enter: "\r",
  tab: "\t",
  ctrlC: "\x03",
  ctrlD: "\x04",
  ctrlR: "\x12",
} as const;

export interface TerminalOptions {
  /** Extra environment (HOME and the XDG folders default to a fresh temp folder; PAGER to none). */
  readonly env?: Record<string, string>;
  readonly args?: readonly string[];
  readonly columns?: number;
  readonly rows?: number;
  /** The folder used as HOME when env gives none. */
  readonly home?: string;
  /**
   * Keeps the terminal open after the command ends until `exit()` has read all it wrote: node-pty
   * drops what a busy reader has not read 200 ms after the process exits (a long `--all` output under
   * load lost its last lines that way).
   */
  readonly holdAfterExit?: boolean;
  /** A file the command's standard output goes to instead of the terminal (stderr stays on it). */
  readonly stdoutFile?: string;
}

/** Printed by the holding shell once the command has ended, with its exit code. */
const EXITED = "pty: the command exited with";
const EXITED_LINE = new RegExp(`${EXITED} (\\d+)\\.`);

/** Runs the command, says it ended and with what code, then waits for a line before exiting with it. */
const holdScript = (command: string) =>
  `${command}; code=$?; printf '%s %s.\\n' '${EXITED}' "$code"; IFS= read -r _; exit "$code"`;

export class Terminal {
  readonly pty: IPty;
  /** Everything written so far, raw. */
  raw = "";
  /** Where the next `waitFor` starts looking (so old text does not satisfy a new wait). */
  private mark = 0;
  private exited: Promise<number>;
  private readonly holding: boolean;
  /** Set once the holding shell said the command ended: what follows is not the command's. */
  private ended = false;
  readonly home: string;

  constructor(options: TerminalOptions = {}) {
    this.home = options.home ?? mkdtempSync(join(tmpdir(), "hcql-pty-"));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      TERM: "xterm-256color",
      TZ: "UTC",
      LANG: "C.UTF-8",
      HOME: this.home,
      XDG_STATE_HOME: join(this.home, "state"),
      XDG_CONFIG_HOME: join(this.home, "config"),
      // No pager (less would wait for keys) unless a test sets one.
      PAGER: "",
      ...options.env,
    };
    this.holding = options.holdAfterExit === true;
    const command = [CLI, ...(options.args ?? [])];
    if (options.stdoutFile !== undefined) env.PTY_STDOUT = options.stdoutFile;
    const run = options.stdoutFile === undefined ? `"$0" "$@"` : `"$0" "$@" >"$PTY_STDOUT"`;
    const [file, args] = this.holding
      ? ["/bin/sh", ["-c", holdScript(run), process.execPath, ...command]]
      : options.stdoutFile !== undefined
        ? ["/bin/sh", ["-c", `exec ${run}`, process.execPath, ...command]]
        : [process.execPath, command];
    this.pty = spawn(file, args, {
      name: "xterm-256color",
      cols: options.columns ?? 120,
      rows: options.rows ?? 40,
      cwd: this.home,
      env,
    });
    this.pty.onData((data) => {
      if (!this.ended) this.raw += data;
    });
    this.exited = new Promise((resolve) => this.pty.onExit(({ exitCode }) => resolve(exitCode)));
  }

  /** The screen text since the last mark, without escape codes. */
  get text(): string {
    return stripAnsi(this.raw.slice(this.mark));
  }

  /** Everything shown since the start, without escape codes. */
  get all(): string {
    return stripAnsi(this.raw);
  }

  /** Forgets what was shown so far for the next waits. */
  markNow(): void {
    this.mark = this.raw.length;
  }

  write(keys: string): void {
    this.pty.write(keys);
  }

  /** Types a line and presses Enter, after marking (so waits look at what follows). */
  line(text: string): void {
    this.markNow();
    this.write(`${text}${KEYS.enter}`);
  }

  /** Waits until the text (or a match of the pattern) appears after the mark. */
  async waitFor(expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const found = () =>
      typeof expected === "string" ? this.text.includes(expected) : expected.test(this.text);
    await this.poll(found, timeoutMs, () => `${String(expected)}; the screen shows:\n${this.text}`);
    return this.text;
  }

  /** Waits until `found` holds (of the screen, or of a file the command writes); `what` says what was awaited. */
  async waitUntil(found: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    await this.poll(found, timeoutMs, () => `${what}; the screen shows:\n${this.text}`);
  }

  /** Waits until the raw output since the mark (escape codes kept) contains the text. */
  async waitForRaw(expected: string, timeoutMs = 15_000): Promise<string> {
    await this.poll(
      () => this.raw.slice(this.mark).includes(expected),
      timeoutMs,
      () => `${JSON.stringify(expected)}; raw output:\n${JSON.stringify(this.raw)}`,
    );
    return this.raw.slice(this.mark);
  }

  /** Checks `found` every 20 ms until it holds; after `timeoutMs`, fails saying what was awaited. */
  private async poll(found: () => boolean, timeoutMs: number, awaited: () => string): Promise<void> {
    const started = Date.now();
    while (!found()) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${awaited()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Waits for the process to end; its exit code. */
  async exit(timeoutMs = 15_000): Promise<number> {
    if (this.holding) return this.exitHeld(timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the shell did not exit; it shows:\n${this.all}`)),
        timeoutMs,
      );
    });
    try {
      const code = await Promise.race([this.exited, timeout]);
      await this.drained();
      return code;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The held command's exit: everything it wrote is read once the shell says it ended. */
  private async exitHeld(timeoutMs: number): Promise<number> {
    const said = () => EXITED_LINE.exec(this.raw);
    await this.poll(
      () => said() !== null,
      timeoutMs,
      () => `the command's end; it shows:\n${this.all}`,
    );
    const match = said()!;
    this.ended = true;
    this.raw = this.raw.slice(0, match.index);
    this.write("\r");
    await this.exited;
    return Number(match[1]);
  }

  /** node-pty may report the exit before the last output is read: wait until no more arrives. */
  private async drained(quietMs = 100): Promise<void> {
    for (let seen = -1; seen !== this.raw.length; ) {
      seen = this.raw.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
  }

  kill(): void {
    try {
      this.pty.kill();
    } catch {
      // already gone
    }
  }
}

/** A terminal for the running test, killed once the test has finished. */
export function openTerminal(options: TerminalOptions = {}): Terminal {
  const terminal = new Terminal(options);
  onTestFinished(() => terminal.kill());
  return terminal;
}
