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

export async function runInSlices<T>(work: Work<T>): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}
