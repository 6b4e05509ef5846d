/**
 * A client-side sliding-window limiter: at most `limit` requests in any `windowMs`, the rule the
 * API enforces. A request holds its slot from when it starts until `windowMs` after it *ends*:
 * the server saw it somewhere in between, so counting from the end can never put more than
 * `limit` requests in one of the server's windows, whatever the latency. Waiters are served in order.
 */

export interface SlotWait {
  /** How long the request will wait for a free slot. */
  readonly ms: number;
}

export interface Limiter {
  /**
   * Resolves with a release function once the request may start (call it when the request ends,
   * however it ends); rejects with the signal's reason if the signal aborts while waiting.
   */
  acquire(signal?: AbortSignal, onWait?: (wait: SlotWait) => void): Promise<() => void>;
}

interface Waiter {
  readonly grant: (release: () => void) => void;
  readonly onWait: ((wait: SlotWait) => void) | undefined;
  reported: boolean;
}

/** A limiter that never waits (pacing switched off). */
export const UNLIMITED: Limiter = { acquire: async () => () => {} };

export function createLimiter(limit: number, windowMs: number, now: () => number = () => performance.now()) {
  if (!(limit > 0) || limit === Number.POSITIVE_INFINITY || !(windowMs > 0)) return UNLIMITED;
  const cap = Math.floor(limit);
  /** One entry per slot in use: Infinity while its request runs, else when its request ended. */
  const slots: number[] = [];
  const queue: Waiter[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function prune(at: number): void {
    for (let i = slots.length - 1; i >= 0; i--) if (slots[i]! + windowMs <= at) slots.splice(i, 1);
  }

  function take(): () => void {
    slots.push(Number.POSITIVE_INFINITY);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Replace one running entry with the end time; which one does not matter, they are all equal.
      const running = slots.indexOf(Number.POSITIVE_INFINITY);
      if (running >= 0) slots[running] = now();
      pump();
    };
  }

  function pump(): void {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    const at = now();
    prune(at);
    while (queue.length > 0 && slots.length < cap) queue.shift()!.grant(take());
    if (queue.length === 0) return;
    const oldest = Math.min(...slots);
    // Every slot belongs to a running request: the next release calls pump.
    if (oldest === Number.POSITIVE_INFINITY) return;
    reportWaits(at);
    timer = setTimeout(pump, Math.max(1, Math.ceil(oldest + windowMs - at)));
  }

  /**
   * Tells each waiter not told yet how long it waits: the i-th in the queue gets the slot that frees
   * i-th, so a request queued behind others (the shell's search behind a background fetch of the
   * agents) says it waits too. A waiter whose slot a running request holds is told when it is known.
   */
  function reportWaits(at: number): void {
    if (queue.every((waiter) => waiter.reported)) return;
    const ends = slots.filter((end) => end !== Number.POSITIVE_INFINITY).sort((a, b) => a - b);
    for (const [i, waiter] of queue.entries()) {
      const end = ends[i];
      if (end === undefined) return;
      if (waiter.reported) continue;
      waiter.reported = true;
      waiter.onWait?.({ ms: Math.max(1, Math.ceil(end + windowMs - at)) });
    }
  }

  function acquire(signal?: AbortSignal, onWait?: (wait: SlotWait) => void): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = queue.indexOf(waiter);
        if (i >= 0) queue.splice(i, 1);
        reject(signal?.reason);
        pump();
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
        onWait,
        reported: false,
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      queue.push(waiter);
      pump();
    });
  }

  return { acquire } satisfies Limiter;
}
