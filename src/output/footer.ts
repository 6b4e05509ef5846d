/** The summary line under a result: "20 of 2,244 chats · 1 request · 84 ms". */

export interface FooterStats {
  /** Chats shown. */
  readonly shown: number;
  /** Chats matching the query (a lower bound when `totalExact` is false). */
  readonly total: number;
  readonly totalExact: boolean;
  /** HTTP requests made (pages included). */
  readonly requests: number;
  readonly elapsedMs: number;
}

let numbers: Intl.NumberFormat | undefined;

export function formatCount(n: number): string {
  // Made on first use: a NumberFormat costs ~5 ms at start-up (bench row `repl-ready`).
  numbers ??= new Intl.NumberFormat("en-US");
  return numbers.format(n);
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export function formatFooter(stats: FooterStats): string {
  const total = stats.totalExact ? formatCount(stats.total) : `at least ${formatCount(stats.total)}`;
  const chats = stats.totalExact && stats.total === 1 ? "chat" : "chats";
  return [
    `${formatCount(stats.shown)} of ${total} ${chats}`,
    plural(stats.requests, "request"),
    formatDuration(stats.elapsedMs),
  ].join(" · ");
}
