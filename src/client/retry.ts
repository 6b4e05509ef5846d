/** Backoff arithmetic and waiting, kept apart from HTTP so it can be tested as plain functions. */

/**
 * "Full jitter" backoff: a uniform delay in [0, min(cap, base · 2^(retry-1))].
 * `retry` counts from 1; `random` returns [0, 1).
 */
export function backoffDelay(
  retry: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * The wait before retry `retry` (from 1) of `retries` after a 429 that gave no `Retry-After`. The
 * server lets a request through again once the oldest one it counted leaves its rate window, up to
 * `windowMs` later; so the waits double and together last the whole window, and the last attempt
 * comes when every request counted before the refusal has left it. None is shorter than `minMs`.
 */
export function rateLimitDelay(retry: number, retries: number, windowMs: number, minMs: number): number {
  // 2^(retry-1) / (2^retries - 1), written so that a large `retries` cannot overflow to Infinity.
  const share = 2 ** (retry - 1 - retries) / (1 - 2 ** -retries);
  return Math.max(minMs, Math.ceil(windowMs * share));
}

/** The waits before retrying a refused connection, as multiples of the backoff base: few, and short. */
const SOON_STEPS = [0.2, 0.5, 1] as const;

/** How many retries a failure that is retried "soon" gets, of the `retries` allowed. */
export function soonRetries(retries: number): number {
  return Math.min(retries, SOON_STEPS.length);
}

/** The wait before retry `retry` (from 1) of a failure retried "soon": 0.2, 0.5, then 1 × the base. */
export function soonDelay(retry: number, baseMs: number): number {
  const step = SOON_STEPS[Math.min(retry, SOON_STEPS.length) - 1] ?? SOON_STEPS[0];
  return Math.round(step * baseMs);
}

/**
 * A `Retry-After` header in milliseconds: delta seconds ("120", "1.5") or an HTTP date;
 * undefined when absent or unreadable. A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
