/**
 * Work that may be long (a body of thousands of items, a search over every chat for each) is written
 * once, as a generator that yields between small units, and run either straight through (`runNow`)
 * or in slices that let the server answer other requests in between (`runInSlices`).
 */
export type Work<T> = Generator<void, T, undefined>;

export function runNow<T>(work: Work<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** How long one slice runs before other requests get their turn. */
const SLICE_MS = 10;

/** `now` reads the clock in milliseconds (tests give their own). */
export async function runInSlices<T>(work: Work<T>, now: () => number = Date.now): Promise<T> {
  // Date.now, not performance.now: the clock is read after every unit (each chat of a search), and
  // performance.now costs ~1.5 µs a call until optimised, ~4 ms over the demo's 2,500 chats (bench row
  // `repl-first-search`). Its millisecond steps suit a 10 ms slice; a slice also ends if the wall
  // clock is set back, so that such a change never holds the server.
  let sliceStart = now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    const time = now();
    if (time - sliceStart > SLICE_MS || time < sliceStart) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = now();
    }
  }
}
