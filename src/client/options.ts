import {
  argumentError,
  DEFAULT_BASE_URL,
  described,
  isRecord,
  requireFunction,
  shownArgument,
} from "../language/index.js";
import { sanitizeLine } from "../text/index.js";
import { type HelpCrunchError, MissingApiKeyError } from "./errors.js";

/**
 * A client's options, checked: what `createClient` refuses at once (a missing or mangled key, a base
 * URL that is not one, counts out of range), before anything is sent or loaded.
 */

export interface ClientOptions {
  readonly apiKey: string;
  /** Default `https://api.helpcrunch.com/v1`. */
  readonly baseUrl?: string | undefined;
  /** Per HTTP attempt, from sending the request to the end of the response body. Default 30,000. */
  readonly timeoutMs?: number | undefined;
  /**
   * Retries after the first attempt on network errors, timeouts, 429, 5xx and unreadable JSON. Default 5.
   * A refused connection (or a failed DNS lookup, an unreachable network) gets at most 3 of them, after
   * 0.2, 0.5 and 1 × `retryBaseMs`; no such host, a TLS failure or a port fetch refuses gets none.
   *
   * A 429 is the server saying "wait", not a failure. With `Retry-After`, each retry waits what it
   * says (one longer than `maxRetryAfterMs` fails at once). Without it (HelpCrunch documents none),
   * the server lets a request through once the oldest request it counted leaves its window, which
   * may take a whole `rateWindowMs` (another client may be using the key): so the retries' waits
   * double and add up to one `rateWindowMs` (at most `maxRetryAfterMs`), none shorter than
   * `retryBaseMs`: 1.9, 3.9, 7.7, 15.5 and 31 s by default (no jitter: each is a set share of
   * the window, so the last attempt surely comes after it). A 429 fails only once a whole window has
   * passed since the first refusal; a call's `signal` still stops the waiting at any time.
   */
  readonly retries?: number | undefined;
  /** Backoff base: retry n waits a random time in [0, min(retryMaxMs, retryBaseMs · 2^(n-1))]. Default 1,000. */
  readonly retryBaseMs?: number | undefined;
  /** Backoff cap (not of a 429's waits: see `retries`). Default 30,000. */
  readonly retryMaxMs?: number | undefined;
  /**
   * The longest a 429 is waited out: a `Retry-After` longer than this fails at once, and without one
   * the waits add up to this or to the rate window, whichever is shorter. Default 60,000.
   */
  readonly maxRetryAfterMs?: number | undefined;
  /** At most this many request starts in any `rateWindowMs`; 0 or Infinity turns pacing off. Default 120. */
  readonly requestsPerMinute?: number | undefined;
  /**
   * The pacing window, and how long a 429 without `Retry-After` is waited out. Default 60,000 (the
   * API's minute); tests scale it down.
   */
  readonly rateWindowMs?: number | undefined;
  /**
   * A fetch implementation (default the global one), called as ky calls it: `fetch(request)`, one
   * `Request` whose `signal` aborts at the timeout or the caller's abort (a call ends then even if
   * this fetch never settles).
   */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Called whenever a request waits: for the rate limit or before a retry. */
  readonly onWait?: ((event: WaitEvent) => void) | undefined;
}

/** A request is waiting: for the rate limit, or before a retry (with the error that failed). */
export type WaitEvent =
  | { readonly type: "rate-limit"; readonly ms: number; readonly request: string }
  | {
      readonly type: "retry";
      readonly ms: number;
      readonly request: string;
      /** The attempt about to be made (2 for the first retry) and how many are allowed. */
      readonly attempt: number;
      readonly attempts: number;
      /** What failed; thrown if the retries run out. */
      readonly error: HelpCrunchError;
    };

/** What stands for the key wherever a client or a message would show it. */
export const REDACTED = "[redacted]";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** A client as JSON and as Node's inspection show it: its base URL, never its key. */
export abstract class KeyHidingClient {
  abstract readonly baseUrl: string;

  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, apiKey: REDACTED };
  }

  [INSPECT](): string {
    return `HelpCrunchClient { baseUrl: '${this.baseUrl}', apiKey: '${REDACTED}' }`;
  }
}

/** The options with their defaults, checked. */
export interface CheckedClientOptions {
  readonly apiKey: string;
  /** Without a trailing slash. */
  readonly baseUrl: string;
  readonly host: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly maxRetryAfterMs: number;
  readonly requestsPerWindow: number;
  readonly rateWindowMs: number;
}

/** Throws MissingApiKeyError, a TypeError (key, base URL, a function that is none) or a RangeError (a count) saying what is wrong. */
export function checkClientOptions(options: ClientOptions): CheckedClientOptions {
  // Called from JavaScript with no options at all: the key is what is missing first.
  if ((options as ClientOptions | undefined) == null) throw new MissingApiKeyError();
  if (!isRecord(options))
    throw argumentError("createClient", "its options as an object ({apiKey, …})", options);
  // Its type only, never its value: a key in the wrong place must not reach a message.
  if (options.apiKey !== undefined && typeof options.apiKey !== "string") {
    throw new TypeError(`apiKey must be a string, not ${described(options.apiKey)}`);
  }
  const apiKey = typeof options.apiKey === "string" ? options.apiKey.trim() : "";
  if (apiKey === "") throw new MissingApiKeyError();
  const problem = keyProblem(apiKey);
  if (problem !== undefined) throw new TypeError(`the API key ${problem}: check how it was copied`);
  if (options.baseUrl !== undefined && typeof options.baseUrl !== "string") {
    throw new TypeError(`baseUrl must be a string, not ${shownArgument(options.baseUrl)}`);
  }
  requireFunction("fetch", options.fetch, " (a fetch implementation)");
  requireFunction("onWait", options.onWait);
  const url = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  return {
    apiKey,
    baseUrl: url.href.replace(/\/+$/, ""),
    host: url.host,
    timeoutMs: checkCount("timeoutMs", options.timeoutMs ?? 30_000, 1),
    retries: checkCount("retries", options.retries ?? 5, 0),
    retryBaseMs: checkCount("retryBaseMs", options.retryBaseMs ?? 1000, 0),
    retryMaxMs: checkCount("retryMaxMs", options.retryMaxMs ?? 30_000, 0),
    maxRetryAfterMs: checkCount("maxRetryAfterMs", options.maxRetryAfterMs ?? 60_000, 0, true),
    requestsPerWindow: checkCount("requestsPerMinute", options.requestsPerMinute ?? 120, 0, true),
    rateWindowMs: checkCount("rateWindowMs", options.rateWindowMs ?? 60_000, 1),
  };
}

/** Names a character: `a space`, `a control character (U+0007)`, `a non-ASCII character (U+00E9)`. */
function characterName(c: string): string {
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  if (c === " ") return "a space";
  if (/\s/u.test(c)) return `a whitespace character (${code})`;
  if (/[\p{Cc}\p{Cf}]/u.test(c)) return `a control or format character (${code})`;
  return `a non-ASCII character (${code})`;
}

/** What is wrong with a key (keys are printable ASCII), without showing the key; undefined if nothing. */
function keyProblem(key: string): string | undefined {
  const chars = [...key];
  const bad = chars.findIndex((c) => !/^[\x21-\x7e]$/.test(c));
  if (bad === -1) return undefined;
  return `contains ${characterName(chars[bad]!)} at character ${bad + 1} of ${chars.length}`;
}

/** A count option: an integer of at least `min` (or Infinity where allowed), else a RangeError naming it. */
export function checkCount(name: string, value: number, min: number, allowInfinity = false): number {
  const ok =
    (allowInfinity && value === Number.POSITIVE_INFINITY) || (Number.isInteger(value) && value >= min);
  if (!ok) throw new RangeError(`${name} must be an integer of at least ${min}, not ${shownArgument(value)}`);
  return value;
}

/**
 * The base URL, checked. What is wrong is said without echoing it: a value that is not a URL may be
 * a key set in the wrong variable. A user name and password are dropped (the key authenticates); a
 * query or fragment is refused, as it would be sent with every request and shown in messages.
 */
function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    const port = /^https?:\/\/[^/?#@]*:(\d+)(?:[/?#]|$)/i.exec(baseUrl)?.[1];
    if (port !== undefined && Number(port) > 65_535) {
      throw new TypeError("the base URL's port is past 65535, the highest there is");
    }
    throw new TypeError(
      `the base URL is not a URL (expected e.g. ${DEFAULT_BASE_URL}; is the API key in its place?)`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(
      `the base URL must start with https:// or http://, not ${sanitizeLine(url.protocol)}//`,
    );
  }
  if (url.search !== "" || url.hash !== "") {
    throw new TypeError("the base URL must not have a query (?…) or a fragment (#…)");
  }
  if (url.port === "0") throw new TypeError("the base URL's port is 0, which no server can listen on");
  if (url.username !== "" || url.password !== "") {
    throw new TypeError("the base URL must not hold a user or password: the API key goes in its own option");
  }
  return url;
}
