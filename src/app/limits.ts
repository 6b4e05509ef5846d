import type { TooLarge } from "../compiler/index.js";
import { type Diagnostic, groupDigits, hint, MAX_LIMIT } from "../language/index.js";

export { DEFAULT_MAX_REQUESTS } from "../language/index.js";

/** The most a user may raise the cap on request bodies to. */
export const MAX_REQUESTS_CAP = 1000;

/**
 * What to say of a plan refused for its size: the cap to set (`setting`, the shell's `.maxrequests` or
 * `--max-requests`) when one allowed plans it, else to narrow the query; `explain`, when given, names
 * the way to see what the query costs.
 */
export function capAdvice(tooLarge: TooLarge, setting: string, explain?: string): string {
  const needed = tooLarge.requestsNeeded;
  if (needed !== undefined && needed <= MAX_REQUESTS_CAP) {
    return `${setting} ${needed} lets it run${explain === undefined ? "" : ` (${explain} shows what the query costs)`}`;
  }
  return `no cap allowed (at most ${MAX_REQUESTS_CAP}) plans it: narrow the query or split it into several${explain === undefined ? "" : ` (${explain} shows what it costs)`}`;
}

/** The checker's hint on a limit over the most a query may ask for. */
const LIMIT_OVER_MAX = hint("limitAtMost", groupDigits(MAX_LIMIT));

/**
 * What the CLI and the shell add to a limit over 10,000 (§6): how to fetch every match instead (the
 * compiler speaks no CLI). Undefined when no diagnostic is about such a limit.
 */
export function limitAdvice(diagnostics: readonly Diagnostic[]): string | undefined {
  if (!diagnostics.some((d) => d.hint === LIMIT_OVER_MAX)) return undefined;
  return `to fetch more than ${groupDigits(MAX_LIMIT)} chats, leave the limit out: hcql run --all fetches every match`;
}
