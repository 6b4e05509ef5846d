import { pathToFileURL } from "node:url";
import { createClient } from "../src/client/index.js";
import { startEmulator } from "../src/emulator/index.js";
import type { SearchBody } from "../src/language/api.js";

export interface ClientPacingOptions {
  /** Searches to run (each one request). Default 200. */
  readonly searches?: number;
  /** The emulator's limit and the client's pace: requests per window. Default 20. */
  readonly requests?: number;
  /** The window in seconds (the API's is 60; scaled down here). Default 1. */
  readonly windowSeconds?: number;
  /** Searches in flight at once. Default 4. */
  readonly concurrency?: number;
}

export interface ClientPacingResult {
  /** Requests per second after the first window's burst: (count - requests) / (last start - first start). */
  readonly achievedRate: number;
  /** requests / windowSeconds. */
  readonly allowedRate: number;
  /** achievedRate / allowedRate; the target is ≥ 0.95. */
  readonly ratio: number;
  /** 429 answers the emulator sent; the target is 0. */
  readonly count429: number;
  readonly count: number;
  readonly seconds: number;
}

/**
 * Runs many searches through a paced client against the emulator with the same (scaled) limit,
 * and reports how close the client gets to the allowed rate without a single 429.
 * The first window's burst is left out of the rate: any client gets it for free.
 */
export async function benchClientPacing(options: ClientPacingOptions = {}): Promise<ClientPacingResult> {
  const searches = options.searches ?? 200;
  const requests = options.requests ?? 20;
  const windowSeconds = options.windowSeconds ?? 1;
  const statuses: number[] = [];
  const emulator = await startEmulator({
    // The second key warms the server up without touching the measured key's rate limit.
    keys: ["bench", "warm-up"],
    chats: 300,
    rateLimit: { requests, windowSeconds },
    onRequest: (entry) => statuses.push(entry.status),
  });
  const starts: number[] = [];
  const timedFetch: typeof fetch = (input, init) => {
    starts.push(performance.now());
    return fetch(input, init);
  };
  try {
    const warmUp = createClient({ apiKey: "warm-up", baseUrl: emulator.url, requestsPerMinute: 0 });
    for (let i = 0; i < 10; i++) await warmUp.searchBody({ filter: [], limit: 1, offset: i });
    statuses.length = 0;
    const client = createClient({
      apiKey: emulator.key,
      baseUrl: emulator.url,
      requestsPerMinute: requests,
      rateWindowMs: windowSeconds * 1000,
      retries: 0,
      fetch: timedFetch,
    });
    const bodies = Array.from(
      { length: searches },
      (_, i): SearchBody => ({ filter: [], limit: 1, offset: i }),
    );
    await client.search(bodies, { concurrency: options.concurrency ?? 4 });
  } finally {
    await emulator.close();
  }
  const seconds = (starts[starts.length - 1]! - starts[0]!) / 1000;
  const achievedRate = (starts.length - requests) / seconds;
  const allowedRate = requests / windowSeconds;
  return {
    achievedRate,
    allowedRate,
    ratio: achievedRate / allowedRate,
    count429: statuses.filter((s) => s === 429).length,
    count: starts.length,
    seconds,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchClientPacing());
}
