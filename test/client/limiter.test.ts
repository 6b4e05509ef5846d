import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLimiter, UNLIMITED } from "../../src/client/limiter.js";

/** Fake timers drive both the limiter's timers and its clock. */
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

const clock = () => Date.now();

/** Acquires `n` slots and records when each was granted. */
function start(
  limiter: ReturnType<typeof createLimiter>,
  n: number,
  granted: number[],
  signal?: AbortSignal,
) {
  return Array.from({ length: n }, (_, i) =>
    limiter.acquire(signal).then((release) => {
      granted[i] = Date.now();
      return release;
    }),
  );
}

describe("createLimiter", () => {
  it("lets `limit` requests start at once, then one per freed slot a window after each ended", async () => {
    const limiter = createLimiter(3, 1000, clock);
    const granted: number[] = [];
    const acquired = start(limiter, 7, granted);
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 0, 0]);
    // The first three end at 10, 20 and 30 ms; their slots free up 1000 ms later.
    for (const [i, at] of [
      [0, 10],
      [1, 20],
      [2, 30],
    ] as const) {
      await vi.advanceTimersByTimeAsync(at - Date.now());
      (await acquired[i]!)();
    }
    await vi.advanceTimersByTimeAsync(1010 - Date.now());
    expect(granted).toEqual([0, 0, 0, 1010]);
    await vi.advanceTimersByTimeAsync(1030 - Date.now());
    expect(granted).toEqual([0, 0, 0, 1010, 1020, 1030]);
  });

  it("a running request holds its slot until it ends", async () => {
    const limiter = createLimiter(1, 100, clock);
    const granted: number[] = [];
    const [first, second] = start(limiter, 2, granted);
    await vi.advanceTimersByTimeAsync(5000);
    expect(granted).toEqual([0]);
    (await first!)();
    await vi.advanceTimersByTimeAsync(99);
    expect(granted).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual([0, 5100]);
    (await second!)();
  });

  it("reports the wait of the request at the head of the queue once", async () => {
    const limiter = createLimiter(1, 1000, clock);
    (await limiter.acquire())();
    const waits: number[] = [];
    const next = limiter.acquire(undefined, ({ ms }) => waits.push(ms));
    await vi.advanceTimersByTimeAsync(1000);
    (await next)();
    expect(waits).toEqual([1000]);
  });

  it("reports to a request queued behind others its own wait: the slot that frees for it", async () => {
    const limiter = createLimiter(2, 1000, clock);
    const first = await limiter.acquire();
    await vi.advanceTimersByTimeAsync(100);
    first();
    const second = await limiter.acquire();
    await vi.advanceTimersByTimeAsync(100);
    second();
    // A background request with no one listening waits first; the search behind it is told too.
    const background = limiter.acquire();
    const waits: number[] = [];
    const search = limiter.acquire(undefined, ({ ms }) => waits.push(ms));
    await vi.advanceTimersByTimeAsync(0);
    expect(waits).toEqual([1000]);
    await vi.advanceTimersByTimeAsync(1000);
    (await background)();
    (await search)();
    expect(waits).toEqual([1000]);
  });

  it("a request whose slot a running request holds is told its wait once that request ends", async () => {
    const limiter = createLimiter(1, 1000, clock);
    const running = await limiter.acquire();
    const waits: number[] = [];
    const next = limiter.acquire(undefined, ({ ms }) => waits.push(ms));
    await vi.advanceTimersByTimeAsync(500);
    expect(waits).toEqual([]);
    running();
    await vi.advanceTimersByTimeAsync(0);
    expect(waits).toEqual([1000]);
    await vi.advanceTimersByTimeAsync(1000);
    (await next)();
  });

  it("an aborted waiter leaves the queue and the next one moves up", async () => {
    const limiter = createLimiter(1, 1000, clock);
    (await limiter.acquire())();
    const controller = new AbortController();
    const cancelled = limiter.acquire(controller.signal).then(
      () => "granted",
      (reason: unknown) => reason,
    );
    const granted: number[] = [];
    start(limiter, 1, granted);
    controller.abort("stop");
    expect(await cancelled).toBe("stop");
    await vi.advanceTimersByTimeAsync(1000);
    expect(granted).toEqual([1000]);
  });

  it("rejects at once when the signal is already aborted", async () => {
    await expect(createLimiter(1, 1000, clock).acquire(AbortSignal.abort("gone"))).rejects.toBe("gone");
  });

  it.each([
    [0, 1000],
    [Number.POSITIVE_INFINITY, 1000],
  ])("limit %d means no pacing", (limit, windowMs) => {
    expect(createLimiter(limit, windowMs, clock)).toBe(UNLIMITED);
  });
});
