/**
 * A controller that aborts when `signal` does (with its reason), and `unlink`, to call once the work
 * ends. Not `AbortSignal.any`: on Node 20 each signal it makes leaves an entry in its sources that
 * is never removed, so a long-lived signal passed to every call (a service's shutdown) grows without end.
 */
export function linkedController(signal: AbortSignal | undefined): {
  readonly controller: AbortController;
  unlink(): void;
} {
  const controller = new AbortController();
  if (signal === undefined || signal.aborted) {
    if (signal?.aborted) controller.abort(signal.reason);
    return { controller, unlink: () => {} };
  }
  const follow = () => controller.abort(signal.reason);
  signal.addEventListener("abort", follow, { once: true });
  return { controller, unlink: () => signal.removeEventListener("abort", follow) };
}
