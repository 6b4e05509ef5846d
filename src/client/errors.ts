import {
  argumentError,
  assertNever,
  DEFAULT_BASE_URL,
  isRecord,
  lookupField,
  type SearchBody,
} from "../language/index.js";
import { WORD_PATTERN } from "../lexer/index.js";
import { sanitizeLine } from "../text/index.js";

/** One entry of the API's `{"errors": [{code, message}]}`. */
export interface ApiErrorItem {
  readonly code: string;
  readonly message: string;
  /**
   * The part of the body the error is about (`filter[1].value`), when the answer said so in the
   * `X-Hcql-Error-Paths` header (the emulator sends it; HelpCrunch does not).
   */
  readonly path?: string;
}

export const ERROR_KINDS = [
  "invalid-request",
  "unauthorized",
  "forbidden",
  "not-found",
  "rate-limited",
  "server",
  "unexpected-status",
  "network",
  "timeout",
  "malformed-response",
  "cancelled",
] as const;
/** What went wrong, for code that decides what to do (exit code, retry, highlighting the query). */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Facts an error message is made from; none of them may hold the API key. */
export interface ErrorDetails {
  readonly kind: ErrorKind;
  /** `POST /chats/search`: the method and the path below the base URL. */
  readonly request: string;
  /** The base URL's host, for network errors. */
  readonly host: string;
  readonly status?: number;
  readonly errors?: readonly ApiErrorItem[];
  /** HTTP attempts made, retries included. */
  readonly attempts: number;
  /** A short technical reason: `ECONNREFUSED`, `data is not an array`. */
  readonly reason?: string;
  readonly timeoutMs?: number;
  /** How long the server asked to wait, when that was longer than the client will wait. */
  readonly retryAfterMs?: number;
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

function seconds(ms: number): string {
  const s = ms / 1000;
  // Tenths from a second on; a shorter time to the millisecond (50 ms is 0.05 s, not 0.1 s).
  return `${Number.isInteger(s) ? s : Number(s.toFixed(s < 1 ? 3 : 1))} s`;
}

/** The API's own words, made safe to show: they come from outside (and may echo chat text). */
function apiMessages(errors: readonly ApiErrorItem[] | undefined): string {
  if (!errors || errors.length === 0) return "";
  const shown = errors.map((e) => {
    const message = sanitizeLine(e.message);
    const code = sanitizeLine(e.code);
    return message === "" ? code : `${message} (${code})`;
  });
  return `: ${shown.join("; ")}`;
}

/** Whether, and how soon, a failed attempt is tried again. */
export type RetryPolicy =
  /** Never: the same request fails the same way (a 400, no such host, a TLS failure, a port fetch refuses). */
  | "never"
  /** A few short waits: a server that refuses may be restarting, but a long wait helps no one. */
  | "soon"
  /** The usual backoff: a 5xx or 429, a connection that broke or stalled, unreadable JSON. */
  | "backoff";

/** What a network failure's code means to a person, what to check, and whether retrying can help. */
export interface NetworkCause {
  readonly text: string;
  readonly advice: string;
  readonly retry: RetryPolicy;
}

const CHECK_URL = "check the network connection and the base URL";

const NETWORK_CAUSES: Readonly<Record<string, NetworkCause>> = {
  ECONNREFUSED: {
    text: "connection refused",
    advice: "is the server running, and is the base URL's port right?",
    retry: "soon",
  },
  ENOTFOUND: { text: "no such host", advice: "check the host name in the base URL", retry: "never" },
  EAI_AGAIN: { text: "the host name could not be looked up", advice: CHECK_URL, retry: "soon" },
  EADDRNOTAVAIL: {
    text: "address not available",
    advice: "check the host and port in the base URL",
    retry: "never",
  },
  ENETUNREACH: { text: "network unreachable", advice: CHECK_URL, retry: "soon" },
  EHOSTUNREACH: { text: "host unreachable", advice: CHECK_URL, retry: "soon" },
  ECONNRESET: { text: "connection reset", advice: CHECK_URL, retry: "backoff" },
  ETIMEDOUT: { text: "connection timed out", advice: CHECK_URL, retry: "backoff" },
  UND_ERR_CONNECT_TIMEOUT: { text: "connection timed out", advice: CHECK_URL, retry: "backoff" },
  UND_ERR_SOCKET: { text: "connection closed", advice: CHECK_URL, retry: "backoff" },
  "bad port": {
    text: "fetch refuses to connect to this port",
    advice: "serve the API on another port",
    retry: "never",
  },
};

const TLS_CODE =
  /^(ERR_SSL_|ERR_TLS_|CERT_|EPROTO$|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_)/;

/** A network failure's reason (a system error code such as `ECONNREFUSED`, or undici's words) explained. */
export function networkCause(reason: string | undefined): NetworkCause {
  const known = reason === undefined ? undefined : NETWORK_CAUSES[reason];
  if (known !== undefined) return known;
  if (reason !== undefined && TLS_CODE.test(reason)) {
    return reason.startsWith("ERR_SSL_") || reason === "EPROTO"
      ? {
          text: "the TLS handshake failed",
          advice: "does the server speak https? (use http:// for a plain HTTP server)",
          retry: "never",
        }
      : { text: "the server's certificate was not accepted", advice: CHECK_URL, retry: "never" };
  }
  return { text: "the connection failed", advice: CHECK_URL, retry: "backoff" };
}

/** `no such host (ENOTFOUND)`: the cause in words, and the reason when it adds something. */
function networkText(reason: string | undefined): string {
  const { text } = networkCause(reason);
  return reason === undefined ? text : `${text} (${reason})`;
}

function afterAttempts(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : "";
}

/**
 * Search and the lists of agents and departments always exist under the API's base URL: a 404 on one
 * of them says the base URL is not the API's.
 */
function baseUrlAdvice(request: string): string {
  return /^(POST \/chats\/search|GET \/(agents|departments))(\?|$)/.test(request)
    ? `: check the API base URL (HelpCrunch's is ${DEFAULT_BASE_URL})`
    : "";
}

/**
 * The one place the client's error messages are written: each says what happened, and what to do where
 * that does not depend on the program using the client (where a key comes from is for that program to
 * say: the `kind` tells it, as `unauthorized`).
 */
export function errorMessage(d: ErrorDetails): string {
  switch (d.kind) {
    case "invalid-request":
      return `the API rejected ${d.request} (${d.status ?? 400})${apiMessages(d.errors)}`;
    case "unauthorized":
      return "the API key was rejected (401)";
    case "forbidden":
      return `the API key may not use ${d.request} (403): check the key's permissions in HelpCrunch (Settings → Developers → Public API)`;
    case "not-found":
      return `${d.request} was not found (404)${apiMessages(d.errors)}${baseUrlAdvice(d.request)}`;
    case "rate-limited":
      return d.retryAfterMs !== undefined
        ? `the API's rate limit was exceeded (429) and it asks to wait ${seconds(d.retryAfterMs)}: try again later`
        : `the API's rate limit was still exceeded (429)${afterAttempts(d.attempts)}: wait a minute and try again (is another client using the same key?)`;
    case "server":
      return `the API failed with HTTP ${d.status}${afterAttempts(d.attempts)}${apiMessages(d.errors)}: try again later`;
    case "unexpected-status":
      return d.reason === undefined
        ? `the API answered ${d.request} with an unexpected HTTP ${d.status}${apiMessages(d.errors)}`
        : `the API answered ${d.request} with HTTP ${d.status} (${d.reason}): check the base URL`;
    case "network":
      return `could not reach ${d.host}: ${networkText(d.reason)}${afterAttempts(d.attempts)}: ${networkCause(d.reason).advice}`;
    case "timeout":
      return `the API did not answer within ${seconds(d.timeoutMs ?? 0)}${afterAttempts(d.attempts)}: try again later or allow a longer timeout`;
    case "malformed-response":
      return `the API sent a response to ${d.request} that hcql cannot read (${d.reason ?? "invalid"})${afterAttempts(d.attempts)}`;
    case "cancelled":
      return `${d.request} was cancelled`;
    default:
      return assertNever(d.kind, "error kind");
  }
}

/**
 * Every failure of the HTTP client. Cancellation also rejects with this class (kind "cancelled",
 * the signal's reason as `cause`), so callers handle one error type.
 */
export class HelpCrunchError extends Error {
  override name = "HelpCrunchError";
  readonly kind: ErrorKind;
  /** The HTTP status, when the API answered. */
  readonly status: number | undefined;
  /** The API's `errors` array (empty when it sent none). */
  readonly errors: readonly ApiErrorItem[];
  /** `POST /chats/search`. */
  readonly request: string;
  readonly attempts: number;
  readonly retryAfterMs: number | undefined;
  /** A short technical reason: `ECONNREFUSED`, `data is not an array`. */
  readonly reason: string | undefined;

  constructor(details: ErrorDetails, options?: { cause?: unknown }) {
    super(errorMessage(details), options);
    this.kind = details.kind;
    this.status = details.status;
    this.errors = details.errors ?? [];
    this.request = details.request;
    this.attempts = details.attempts;
    this.retryAfterMs = details.retryAfterMs;
    this.reason = details.reason;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      errors: this.errors,
      request: this.request,
      attempts: this.attempts,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      ...(this.reason === undefined ? {} : { reason: this.reason }),
    };
  }

  [INSPECT](_depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    return `${this.stack ?? this.message}\n${inspect(this.toJSON(), options)}`;
  }
}

/**
 * A cancelled call as the client reports it: kind "cancelled", the signal's reason as the cause.
 * `attempts` is 0 when nothing was sent (the signal had aborted before the call began).
 */
export function cancelledError(
  signal: AbortSignal,
  request = "POST /chats/search",
  host = "",
  attempts = 0,
): HelpCrunchError {
  return new HelpCrunchError({ kind: "cancelled", request, host, attempts }, { cause: signal.reason });
}

/** Rejects at once, as the client would, when `signal` has already aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError(signal);
}

/**
 * `createClient` without an API key (none given, or only spaces). `code` tells a program that has its
 * own ways of giving a key (a flag, a variable) to say so.
 */
export class MissingApiKeyError extends TypeError {
  override name = "MissingApiKeyError";
  readonly code = "no-api-key";

  constructor() {
    super("no API key: the apiKey option is empty");
  }
}

/** Why an attempt failed, in a few words (`connection refused`, `HTTP 503`), for a line saying it is retried. */
export function failureReason(error: Pick<HelpCrunchError, "kind" | "status" | "reason">): string {
  switch (error.kind) {
    case "network":
      return networkCause(error.reason).text;
    case "timeout":
      return "timed out";
    case "rate-limited":
      return "rate limited";
    case "malformed-response":
      return `unreadable response (${error.reason ?? "invalid"})`;
    case "cancelled":
      return "cancelled";
    case "invalid-request":
    case "unauthorized":
    case "forbidden":
    case "not-found":
    case "server":
    case "unexpected-status":
      return `HTTP ${error.status}`;
    default:
      return assertNever(error.kind, "error kind");
  }
}

/** The kind of an HTTP status that is not a success. */
export function kindOfStatus(status: number): ErrorKind {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  if (status === 429) return "rate-limited";
  if (status >= 500) return "server";
  if (status === 400 || status === 413 || status === 422) return "invalid-request";
  return "unexpected-status";
}

/** Where in a search body's `filter` one API error points. */
export interface FilterErrorLocation {
  readonly error: ApiErrorItem;
  /** Indexes into `body.filter`; empty when the error is about the body as a whole or unplaceable. */
  readonly items: readonly number[];
}

const FILTER_PATH = /filter\[(\d+)\]/g;
const OPERATOR_MESSAGE = /^Operator (.+) is invalid$/;
const WORD = new RegExp(WORD_PATTERN.source, "g");

function pointedIndexes(text: string, count: number): number[] {
  return [...text.matchAll(FILTER_PATH)].map((m) => Number(m[1])).filter((i) => i < count);
}

function fieldNamed(word: string): string | undefined {
  return lookupField(word)?.name ?? (word.startsWith("chats.") ? word : undefined);
}

/**
 * Maps a 400's errors to the filter items they blame: the error's `path` when the answer gave one;
 * otherwise a path in the code or message (`filter[1].value`) names one item;
 * "Operator X is invalid" blames the items using X; a field name in the code or message
 * (`chats.status`, "status is not a valid integer") blames every item on that field.
 */
export function locateFilterErrors(
  errors: readonly ApiErrorItem[],
  body: Pick<SearchBody, "filter">,
): FilterErrorLocation[] {
  if (!Array.isArray(errors))
    throw argumentError("locateFilterErrors", "the API's errors as an array", errors);
  if (!(isRecord(body) && Array.isArray(body.filter))) {
    throw argumentError("locateFilterErrors", "the request body as an object with a filter array", body);
  }
  const filter = body.filter;
  const unique = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);
  return errors.map((error) => {
    if (error.path !== undefined) return { error, items: pointedIndexes(error.path, filter.length) };
    const pointed = pointedIndexes(`${error.code} ${error.message}`, filter.length);
    if (pointed.length > 0) return { error, items: unique(pointed) };
    const operator = OPERATOR_MESSAGE.exec(error.message)?.[1];
    if (operator !== undefined) {
      return { error, items: unique(filter.flatMap((item, i) => (item.operator === operator ? [i] : []))) };
    }
    const words = `${error.code} ${error.message}`.match(WORD) ?? [];
    const fields = new Set(words.flatMap((w) => fieldNamed(w) ?? []));
    return { error, items: unique(filter.flatMap((item, i) => (fields.has(item.field) ? [i] : []))) };
  });
}
