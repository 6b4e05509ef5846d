import type { ExecuteProgress } from "../client/index.js";
import { failureReason } from "../client/index.js";
import { formatCount } from "../output/index.js";
import { sanitizeLine } from "../text/index.js";

/**
 * One line of progress on stderr while a search runs ("page 3 of 12", "waiting 2 s for the rate
 * limit"), rewritten in place and erased when the work ends; nothing of it without a terminal.
 * Output written while it shows (`hcql run --all`'s pages) goes through `aside`, which puts the line
 * back after it. A retry is different: why the attempt failed stays, on a line of its own, terminal
 * or not ("connection refused; retrying in 0.2 s (attempt 2 of 4)"), so a slow failure is never silent.
 */
export class ProgressLine {
  private shown = false;
  /** The event the line shows and when it came, to show it again after output written in its place. */
  private latest: { readonly event: ExecuteProgress; readonly at: number } | undefined;
  /** Set while `aside` writes: events are kept for later, not shown. */
  private held = false;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    private readonly now: () => number = () => performance.now(),
  ) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(event: ExecuteProgress): void {
    if (event.type === "wait" && event.reason === "retry") {
      this.note(describeRetry(event));
      return;
    }
    const text = describeProgress(event);
    if (text === undefined) return;
    this.latest = { event, at: this.now() };
    if (!this.held) this.show(text);
  }

  /**
   * Shows `text` (the shell's "searching…") unless an event is shown: a wait reported before it (the
   * rate limit a search begins with) stays on the line.
   */
  placeholder(text: string): void {
    if (this.latest === undefined) this.show(text);
  }

  /** A line that stays (the progress line, if shown, is erased first and comes back with the next update). */
  private note(text: string): void {
    this.clear();
    this.stream.write(`${sanitizeLine(text)}\n`);
  }

  show(text: string): void {
    if (!this.enabled) return;
    const width = Math.max(10, (this.stream.columns ?? 80) - 1);
    const line = sanitizeLine(text);
    this.stream.write(`\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    this.shown = true;
  }

  /**
   * Runs `write` (output for the same terminal, maybe) with the line taken off the screen, then shows
   * the line again: the latest event's, a wait's with the time left of it.
   */
  async aside<T>(write: () => Promise<T>): Promise<T> {
    this.erase();
    this.held = true;
    try {
      return await write();
    } finally {
      this.held = false;
      this.showLatest();
    }
  }

  /** Erases the line for good: the next update shows it again. */
  clear(): void {
    this.erase();
    this.latest = undefined;
  }

  private erase(): void {
    if (!this.shown) return;
    this.stream.write("\r\x1b[K");
    this.shown = false;
  }

  /** The latest event's line; nothing for a wait that is over (its request is under way). */
  private showLatest(): void {
    if (this.latest === undefined) return;
    const { event, at } = this.latest;
    if (event.type !== "wait") {
      this.show(describeProgress(event)!);
      return;
    }
    const left = event.ms - (this.now() - at);
    if (left > 0) this.show(describeProgress({ ...event, ms: left })!);
  }
}

function seconds(ms: number): string {
  const s = ms / 1000;
  if (s <= 0) return "0 s";
  return s < 10 ? `${Math.max(0.1, Math.round(s * 10) / 10)} s` : `${Math.round(s)} s`;
}

/** The progress text of an event; undefined for a one-page search (nothing worth a line). */
export function describeProgress(event: ExecuteProgress): string | undefined {
  switch (event.type) {
    case "page":
      if (event.expectedPages <= 1) return undefined;
      return `page ${formatCount(event.pages)} of ${formatCount(event.expectedPages)} · ${formatCount(event.chats)} chats…`;
    case "wait":
      return event.reason === "rate-limit"
        ? `waiting ${seconds(event.ms)} for the rate limit…`
        : `${describeRetry(event)}…`;
    default:
      return undefined;
  }
}

/**
 * Why a request is tried again and when: `HTTP 503; retrying in 1.2 s (attempt 2 of 6)`; a 429 is a
 * wait, not a failure: `rate limited: waiting 3 s (attempt 2 of 6)`.
 */
export function describeRetry(event: Extract<ExecuteProgress, { reason: "retry" }>): string {
  const attempt = `(attempt ${event.attempt} of ${event.attempts})`;
  if (event.error.kind === "rate-limited") return `rate limited: waiting ${seconds(event.ms)} ${attempt}`;
  return `${failureReason(event.error)}; retrying in ${seconds(event.ms)} ${attempt}`;
}
