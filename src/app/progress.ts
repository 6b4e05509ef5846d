import type { ExecuteProgress } from "../client/execute.js";
import { sanitizeLine } from "../text/index.js";

/**
 * One line of progress on stderr while a search runs ("page 3 of 12", "waiting 2 s for the rate
 * limit"), rewritten in place and erased when the work ends. Nothing without a terminal.
 */
export class ProgressLine {
  private shown = false;

  constructor(private readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(event: ExecuteProgress): void {
    const text = describeProgress(event);
    if (text !== undefined) this.show(text);
  }

  show(text: string): void {
    if (!this.enabled) return;
    const width = Math.max(10, (this.stream.columns ?? 80) - 1);
    const line = sanitizeLine(text);
    this.stream.write(`\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.stream.write("\r\x1b[K");
    this.shown = false;
  }
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return s < 10 ? `${Math.max(0.1, Math.round(s * 10) / 10)} s` : `${Math.round(s)} s`;
}

/** The progress text of an event; undefined for a one-page search (nothing worth a line). */
export function describeProgress(event: ExecuteProgress): string | undefined {
  switch (event.type) {
    case "page":
      if (event.expectedPages <= 1) return undefined;
      return `page ${event.pages} of ${event.expectedPages} · ${event.chats} chats…`;
    case "wait":
      return event.reason === "rate-limit"
        ? `waiting ${seconds(event.ms)} for the rate limit…`
        : `request failed; retrying in ${seconds(event.ms)}…`;
    default:
      return undefined;
  }
}
