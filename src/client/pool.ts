import { linkedController } from "./signals.js";

/**
 * The client's one worker pool: runs a task for each item, `concurrency` at a time, results in the
 * order of the items. The first failure aborts the others (through the signal each task gets) and is
 * what the pool rejects with, after every running task has settled.
 */
export async function eachConcurrently<T, R>(
  items: readonly T[],
  options: {
    readonly concurrency: number;
    readonly signal?: AbortSignal | undefined;
    /** Called once, with the first failure and the index of the item that failed. */
    readonly onFailure?: (error: unknown, index: number) => void;
  },
  task: (item: T, index: number, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  const { controller, unlink } = linkedController(options.signal);
  const signal = controller.signal;
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && failure === undefined) {
      const index = next++;
      try {
        results[index] = await task(items[index]!, index, signal);
      } catch (error) {
        // Later failures are the cancellations the first one caused: report the first.
        if (failure !== undefined) return;
        failure = { error };
        options.onFailure?.(error, index);
        controller.abort(error);
        return;
      }
    }
  };
  const workers = Math.min(Math.max(1, Math.floor(options.concurrency)), items.length);
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    unlink();
  }
  if (failure !== undefined) throw failure.error;
  return results;
}
