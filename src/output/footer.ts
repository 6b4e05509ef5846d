import { counted, groupDigits } from "../language/index.js";

/** The summary line under a result: "chats 1–20 of 2,244 · 1 request · 84 ms". */

export interface FooterStats {
  /** Chats shown. */
  readonly shown: number;
  /** How many matching chats come before the first one shown (a query's offset, earlier pages); default 0. */
  readonly offset?: number;
  /** Chats matching the query (a lower bound when `totalExact` is false). */
  readonly total: number;
  readonly totalExact: boolean;
  /** HTTP requests made (pages included). */
  readonly requests: number;
  readonly elapsedMs: number;
}

/** `2,244`: a count as the footer and messages write it. */
export const formatCount: (n: number) => string = groupDigits;

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** `chats 4–6 of 364`, `chat 1 of 1`, `no chats (of 364)`: which of the matching chats are shown. */
function shownRange(stats: FooterStats): string {
  const total = stats.totalExact ? formatCount(stats.total) : `at least ${formatCount(stats.total)}`;
  const first = (stats.offset ?? 0) + 1;
  if (stats.shown === 0) return stats.total === 0 && stats.totalExact ? "no chats" : `no chats (of ${total})`;
  if (stats.shown === 1) return `chat ${formatCount(first)} of ${total}`;
  return `chats ${formatCount(first)}–${formatCount(first + stats.shown - 1)} of ${total}`;
}

export function formatFooter(stats: FooterStats): string {
  return [shownRange(stats), counted(stats.requests, "request"), formatDuration(stats.elapsedMs)].join(" · ");
}
