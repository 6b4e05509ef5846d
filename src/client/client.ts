import type { KyInstance, Options as KyOptions } from "ky";
import type { Agent, Chat, Department, SearchBody } from "../language/index.js";
import { argumentError, ERROR_PATHS_HEADER, isRecord, PAGE_SIZE, shownArgument } from "../language/index.js";
import { displayUrl, sanitizeLine } from "../text/index.js";
import { VERSION } from "../version.js";
import {
  cancelledError,
  type ErrorDetails,
  HelpCrunchError,
  kindOfStatus,
  networkCause,
  type RetryPolicy,
} from "./errors.js";
import { createLimiter, type Limiter } from "./limiter.js";
import {
  type ClientOptions,
  checkClientOptions,
  checkCount,
  KeyHidingClient,
  REDACTED,
  type WaitEvent,
} from "./options.js";
import { eachConcurrently } from "./pool.js";
import {
  parseAgents,
  parseApiErrors,
  parseChat,
  parseChatPage,
  parseDepartments,
  ShapeError,
} from "./response.js";
import { backoffDelay, parseRetryAfter, rateLimitDelay, sleep, soonDelay, soonRetries } from "./retry.js";
import { linkedController } from "./signals.js";

/** A page of a `search` arrived: which body, at what offset, and how many chats so far. */
export interface PageEvent {
  readonly type: "page";
  /** Index of the body in a `search` of several bodies (0 for one). */
  readonly body: number;
  readonly offset: number;
  readonly received: number;
  readonly total: number;
}

/** What `search` reports as it goes: a page arrived, or a request waits. */
export type ProgressEvent = WaitEvent | PageEvent;

/** Options of every client call: a signal to cancel it and a hook for its waits. */
export interface CallOptions {
  /** Cancels the call: queued and running requests reject with a HelpCrunchError of kind "cancelled". */
  readonly signal?: AbortSignal | undefined;
  /** Called with this call's waits (besides the client's `onWait`). */
  readonly onWait?: ((event: WaitEvent) => void) | undefined;
}

/** Options of `pages`: how many chats to fetch, besides the call options. */
export interface PageOptions extends CallOptions {
  /** How many chats to fetch; default the body's `limit`, else 100. Infinity fetches every match. */
  readonly limit?: number | undefined;
}

/** Options of `searchBody`: those of `pages`, and a hook for each page. */
export interface SearchBodyOptions extends PageOptions {
  readonly onPage?: ((page: SearchPage) => void) | undefined;
}

/** Options of `search`: a limit for every body, how many bodies at a time, a progress hook. */
export interface SearchOptions extends CallOptions {
  /** Overrides each body's own `limit`. */
  readonly limit?: number | undefined;
  /** Bodies fetched at the same time (all share the rate limit). Default 2. */
  readonly concurrency?: number | undefined;
  readonly onProgress?: ((event: ProgressEvent) => void) | undefined;
}

/** One answer of `POST /chats/search`. */
export interface SearchPage {
  readonly chats: readonly Chat[];
  /** The API's count of all matches of the body. */
  readonly total: number;
  readonly offset: number;
  /** HTTP attempts this page took (more than 1 after retries). */
  readonly requests: number;
}

/** The chats one search body fetched, the API's total of matches, and the requests and pages it took. */
export interface SearchResult {
  /** In the API's order, without repeats (a chat that moved between pages is kept once). */
  readonly chats: readonly Chat[];
  readonly total: number;
  /** HTTP attempts, retries included (what the rate limit counts). */
  readonly requests: number;
  readonly pages: number;
}

/** A client of HelpCrunch's chat API (`createClient`): searches, pages, chats, agents and departments. */
export interface HelpCrunchClient {
  readonly baseUrl: string;
  /** Fetches one body, in pages of at most 100 with increasing offset, up to `limit` chats. */
  searchBody(body: SearchBody, options?: SearchBodyOptions): Promise<SearchResult>;
  /** The pages of one body as they arrive; stops at the limit, the total or a short page. */
  pages(body: SearchBody, options?: PageOptions): AsyncGenerator<SearchPage, void, undefined>;
  /** One body, or several (results in the order of the bodies; the first failure cancels the rest). */
  search(body: SearchBody, options?: SearchOptions): Promise<SearchResult>;
  search(bodies: readonly SearchBody[], options?: SearchOptions): Promise<SearchResult[]>;
  getChat(id: number, options?: CallOptions): Promise<Chat>;
  listAgents(options?: CallOptions): Promise<Agent[]>;
  listDepartments(options?: CallOptions): Promise<Department[]>;
}

interface RequestSpec {
  readonly method: "GET" | "POST";
  /** Below the base URL, without a leading slash. */
  readonly path: string;
  readonly json?: unknown;
}

/** Why a fetch failed, in a few words: the system error code when there is one. */
function networkReason(error: unknown): string {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e instanceof Error; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    if (e.cause === undefined) return e.message;
    e = e.cause;
  }
  return String(e);
}

/** The most a response body may hold, counted after decompression: past it the answer is refused. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/**
 * The promise, or a rejection with the signal's reason once it aborts: a `fetch` (one passed in) that
 * ignores its request's signal cannot keep a call past its timeout or its caller's abort.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Reads the body as it streams in (decompressed), giving up as soon as the signal aborts (a stalled
 * body must not hang); `undefined`, and reading stopped, once it passes `maxBytes`.
 */
function readBody(response: Response, signal: AbortSignal, maxBytes: number): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (reader === undefined) return Promise.resolve("");
  return new Promise((resolve, reject) => {
    const stop = () => {
      signal.removeEventListener("abort", onAbort);
      reader.cancel().catch(() => {});
    };
    const onAbort = () => {
      stop();
      reject(signal.reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    const decoder = new TextDecoder();
    let text = "";
    let size = 0;
    const pump = async (): Promise<string | undefined> => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return text + decoder.decode();
        size += value.byteLength;
        if (size > maxBytes) return undefined;
        text += decoder.decode(value, { stream: true });
      }
    };
    pump().then(
      (body) => {
        stop();
        resolve(body);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}

/** Where a redirect points, as it may be shown: no user, password, query or fragment. */
function redirectTarget(location: string, base: string): string {
  try {
    return displayUrl(new URL(location, `${base}/`).href);
  } catch {
    return "(not a URL)";
  }
}

/** The declared length of a body, when the headers give one. */
function declaredLength(response: Response): number | undefined {
  const length = Number(response.headers.get("content-length") ?? Number.NaN);
  return Number.isSafeInteger(length) ? length : undefined;
}

type Attempt<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly error: HelpCrunchError;
      readonly retry: RetryPolicy;
      readonly after?: number;
    };

type Exchange =
  | { readonly ok: true; readonly response: Response; readonly body: string | undefined }
  | Extract<Attempt<never>, { ok: false }>;

class Client extends KeyHidingClient implements HelpCrunchClient {
  readonly baseUrl: string;
  readonly #apiKey: string;
  readonly #httpOptions: KyOptions;
  #http: Promise<KyInstance> | undefined;
  readonly #limiter: Limiter;
  readonly #host: string;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  readonly #maxRetryAfterMs: number;
  /** How long a 429 without `Retry-After` is waited out in all: the rate window, at most `maxRetryAfterMs`. */
  readonly #rateLimitWaitMs: number;
  readonly #onWait: ((event: WaitEvent) => void) | undefined;

  constructor(options: ClientOptions) {
    super();
    const checked = checkClientOptions(options);
    const apiKey = checked.apiKey;
    this.#apiKey = apiKey;
    this.baseUrl = checked.baseUrl;
    this.#host = checked.host;
    this.#timeoutMs = checked.timeoutMs;
    this.#retries = checked.retries;
    this.#retryBaseMs = checked.retryBaseMs;
    this.#retryMaxMs = checked.retryMaxMs;
    this.#maxRetryAfterMs = checked.maxRetryAfterMs;
    this.#rateLimitWaitMs = Math.min(checked.rateWindowMs, checked.maxRetryAfterMs);
    this.#limiter = createLimiter(checked.requestsPerWindow, checked.rateWindowMs);
    this.#onWait = options.onWait;
    this.#httpOptions = {
      prefixUrl: `${this.baseUrl}/`,
      headers: {
        authorization: `Bearer ${apiKey}`,
        accept: "application/json",
        "user-agent": `hcql/${VERSION}`,
      },
      // Retries, timeouts and errors are handled around ky (below), where pacing and Retry-After live.
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      // A redirect would turn the POST into a GET (and may carry the key elsewhere): report it instead.
      redirect: "manual",
      ...(options.fetch ? { fetch: options.fetch } : {}),
    };
  }

  /**
   * ky, loaded on the first request: importing it probes \`Request\`, which loads Node's fetch
   * (undici) at once; bench row \`library-import\`.
   */
  #httpClient(): Promise<KyInstance> {
    this.#http ??= import("ky").then(({ default: ky }) => ky.create(this.#httpOptions));
    return this.#http;
  }

  /** Removes the key from text that came from outside (an API message that echoes it). */
  #redact(text: string): string {
    return text.split(this.#apiKey).join(REDACTED);
  }

  #error(details: Omit<ErrorDetails, "host">, cause?: unknown): HelpCrunchError {
    const errors = details.errors?.map((e) => ({
      ...e,
      code: this.#redact(e.code),
      message: this.#redact(e.message),
      ...(e.path === undefined ? {} : { path: this.#redact(e.path) }),
    }));
    const reason = details.reason === undefined ? undefined : sanitizeLine(this.#redact(details.reason));
    const safeCause = cause instanceof Error ? new Error(this.#redact(networkReason(cause))) : undefined;
    return new HelpCrunchError(
      { ...details, host: this.#host, ...(errors ? { errors } : {}), ...(reason ? { reason } : {}) },
      safeCause ? { cause: safeCause } : undefined,
    );
  }

  #cancelled(request: string, attempts: number, signal: AbortSignal): HelpCrunchError {
    return cancelledError(signal, request, this.#host, attempts);
  }

  #wait(event: WaitEvent, options: CallOptions): void {
    this.#onWait?.(event);
    options.onWait?.(event);
  }

  /** One attempt: paced, timed out, and classified. Returns the parsed value or a typed error. */
  async #attempt<T>(
    spec: RequestSpec,
    request: string,
    attempt: number,
    parse: (raw: unknown) => T,
    options: CallOptions,
  ): Promise<Attempt<T>> {
    const exchange = await this.#exchange(spec, request, attempt, options);
    if (!exchange.ok) return exchange;
    const { response, body } = exchange;
    if (body === undefined) return this.#tooLarge(response, request, attempt);
    if (!response.ok) return this.#refused(response, body, request, attempt);
    return this.#parsed(response, body, request, attempt, parse);
  }

  /** Sends the request (paced, timed out) and reads its body; a network failure or timeout is retried. */
  async #exchange(
    spec: RequestSpec,
    request: string,
    attempt: number,
    options: CallOptions,
  ): Promise<Exchange> {
    const signal = options.signal;
    const release = await this.#limiter.acquire(signal, ({ ms }) =>
      this.#wait({ type: "rate-limit", ms, request }, options),
    );
    const linked = linkedController(signal);
    const combined = linked.controller.signal;
    const timer = setTimeout(() => linked.controller.abort(new Error("timeout")), this.#timeoutMs);
    try {
      const http = await this.#httpClient();
      const sent = http(spec.path, {
        method: spec.method,
        signal: combined,
        ...(spec.json === undefined ? {} : { json: spec.json }),
      });
      const response = await untilAborted(sent, combined);
      const tooLong = (declaredLength(response) ?? 0) > MAX_RESPONSE_BYTES;
      if (tooLong) await response.body?.cancel().catch(() => {});
      const body = tooLong ? undefined : await readBody(response, combined, MAX_RESPONSE_BYTES);
      return { ok: true, response, body };
    } catch (cause) {
      if (signal?.aborted) throw cause;
      // The caller's abort was rethrown above: what aborted is the timer.
      const kind = combined.aborted ? "timeout" : "network";
      const reason = networkReason(cause);
      const error = this.#error(
        { kind, request, attempts: attempt, timeoutMs: this.#timeoutMs, reason },
        cause,
      );
      return { ok: false, error, retry: kind === "timeout" ? "backoff" : networkCause(reason).retry };
    } finally {
      clearTimeout(timer);
      linked.unlink();
      release();
    }
  }

  /** A body over MAX_RESPONSE_BYTES: refused, not retried (the same request would bring it again). */
  #tooLarge(response: Response, request: string, attempt: number): Attempt<never> {
    const reason = `the body is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB`;
    const error = this.#error({
      kind: "malformed-response",
      request,
      status: response.status,
      attempts: attempt,
      reason,
    });
    return { ok: false, error, retry: "never" };
  }

  /** An answer that is not a success: its kind decides whether to retry; `Retry-After` is kept. */
  #refused(response: Response, text: string, request: string, attempt: number): Attempt<never> {
    const status = response.status;
    const after = parseRetryAfter(response.headers.get("retry-after"), Date.now());
    const location = status >= 300 && status < 400 ? response.headers.get("location") : null;
    const kind = kindOfStatus(status);
    const error = this.#error({
      kind,
      request,
      status,
      errors: parseApiErrors(text, response.headers.get(ERROR_PATHS_HEADER)),
      attempts: attempt,
      ...(location === null ? {} : { reason: `redirected to ${redirectTarget(location, this.baseUrl)}` }),
    });
    return {
      ok: false,
      error,
      retry: kind === "rate-limited" || kind === "server" ? "backoff" : "never",
      ...(after === undefined ? {} : { after }),
    };
  }

  /** A success's body: unreadable JSON is retried, JSON of the wrong shape is not. */
  #parsed<T>(
    response: Response,
    text: string,
    request: string,
    attempt: number,
    parse: (raw: unknown) => T,
  ): Attempt<T> {
    const malformed = (reason: string, retry: RetryPolicy): Attempt<T> => ({
      ok: false,
      error: this.#error({
        kind: "malformed-response",
        request,
        status: response.status,
        attempts: attempt,
        reason,
      }),
      retry,
    });
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return malformed(text === "" ? "the body is empty" : "the body is not valid JSON", "backoff");
    }
    try {
      return { ok: true, value: parse(raw) };
    } catch (cause) {
      if (!(cause instanceof ShapeError)) throw cause;
      return malformed(cause.message, "never");
    }
  }

  /** Sends a request with pacing and retries; the value and how many attempts it took. */
  async #send<T>(
    spec: RequestSpec,
    parse: (raw: unknown) => T,
    options: CallOptions,
  ): Promise<{ value: T; attempts: number }> {
    const request = `${spec.method} /${spec.path}`;
    const signal = options.signal;
    for (let attempt = 1; ; attempt++) {
      try {
        if (signal?.aborted) throw signal.reason;
        const result = await this.#attempt(spec, request, attempt, parse, options);
        if (result.ok) return { value: result.value, attempts: attempt };
        const { error, retry } = result;
        const attempts = 1 + (retry === "soon" ? soonRetries(this.#retries) : this.#retries);
        if (retry === "never" || attempt >= attempts) throw error;
        if (result.after !== undefined && result.after > this.#maxRetryAfterMs) {
          const { kind, status, errors } = error;
          throw this.#error({ kind, status, errors, request, attempts: attempt, retryAfterMs: result.after });
        }
        const ms = this.#retryDelay(result, attempt);
        this.#wait({ type: "retry", ms, request, attempt: attempt + 1, attempts, error }, options);
        await sleep(ms, signal);
      } catch (error) {
        // An abort's reason may itself be an error (even a HelpCrunchError): the call is still cancelled.
        if (signal?.aborted && error === signal.reason) throw this.#cancelled(request, attempt, signal);
        if (error instanceof HelpCrunchError) throw error;
        if (signal?.aborted) throw this.#cancelled(request, attempt, signal);
        throw error;
      }
    }
  }

  /** The wait before the attempt after `attempt` (see ClientOptions: `retries`). */
  #retryDelay(failed: Extract<Attempt<never>, { ok: false }>, attempt: number): number {
    if (failed.after !== undefined) return failed.after;
    if (failed.retry === "soon") return soonDelay(attempt, this.#retryBaseMs);
    if (failed.error.kind === "rate-limited") {
      return rateLimitDelay(attempt, this.#retries, this.#rateLimitWaitMs, this.#retryBaseMs);
    }
    return backoffDelay(attempt, this.#retryBaseMs, this.#retryMaxMs);
  }

  async *pages(body: SearchBody, options: PageOptions = {}): AsyncGenerator<SearchPage, void, undefined> {
    requireBody(body, "pages");
    const wanted = checkCount("limit", options.limit ?? body.limit ?? PAGE_SIZE, 1, true);
    let offset = checkCount("offset", body.offset ?? 0, 0);
    let received = 0;
    const seen = new Set<number>();
    while (received < wanted) {
      const size = Math.min(PAGE_SIZE, wanted - received);
      const json: SearchBody = { ...body, limit: size, offset };
      const { value, attempts } = await this.#send(
        { method: "POST", path: "chats/search", json },
        parseChatPage,
        options,
      );
      const chats = value.chats.slice(0, size);
      if (chats.length > 0 && chats.every((chat) => seen.has(chat.id))) {
        throw this.#repeatedPage(`POST /chats/search`, offset, attempts);
      }
      for (const chat of chats) seen.add(chat.id);
      yield { chats, total: value.total, offset, requests: attempts };
      received += chats.length;
      offset += chats.length;
      if (chats.length < size || offset >= value.total) return;
    }
  }

  /** A page that brings no chat not already received: the server ignores `offset`, paging cannot end. */
  #repeatedPage(request: string, offset: number, attempts: number): HelpCrunchError {
    return this.#error({
      kind: "malformed-response",
      request,
      attempts,
      reason: `the page at offset ${offset} repeats chats already received, so paging would never end`,
    });
  }

  async searchBody(body: SearchBody, options: SearchBodyOptions = {}): Promise<SearchResult> {
    requireBody(body, "searchBody");
    const chats: Chat[] = [];
    const seen = new Set<number>();
    let total = 0;
    let requests = 0;
    let pages = 0;
    for await (const page of this.pages(body, options)) {
      for (const chat of page.chats) {
        if (seen.has(chat.id)) continue;
        seen.add(chat.id);
        chats.push(chat);
      }
      total = page.total;
      requests += page.requests;
      pages += 1;
      options.onPage?.(page);
    }
    return { chats, total, requests, pages };
  }

  search(body: SearchBody, options?: SearchOptions): Promise<SearchResult>;
  search(bodies: readonly SearchBody[], options?: SearchOptions): Promise<SearchResult[]>;
  search(
    input: SearchBody | readonly SearchBody[],
    options: SearchOptions = {},
  ): Promise<SearchResult | SearchResult[]> {
    if (!(Array.isArray(input) || isRecord(input))) {
      return Promise.reject(argumentError("search", "a request body or an array of them", input));
    }
    if (!Array.isArray(input)) return this.#searchOne(input as SearchBody, 0, options);
    return this.#searchMany(input as readonly SearchBody[], options);
  }

  #searchOne(body: SearchBody, index: number, options: SearchOptions): Promise<SearchResult> {
    const { onProgress } = options;
    return this.searchBody(body, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.limit === undefined ? {} : { limit: options.limit }),
      ...(onProgress ? { onWait: onProgress } : {}),
      onPage: (page) => {
        const received = page.offset - (body.offset ?? 0) + page.chats.length;
        onProgress?.({ type: "page", body: index, offset: page.offset, received, total: page.total });
      },
    });
  }

  #searchMany(bodies: readonly SearchBody[], options: SearchOptions): Promise<SearchResult[]> {
    const concurrency = checkCount("concurrency", options.concurrency ?? 2, 1);
    return eachConcurrently(bodies, { concurrency, signal: options.signal }, (body, index, signal) =>
      this.#searchOne(body, index, { ...options, signal }),
    );
  }

  async getChat(id: number, options: CallOptions = {}): Promise<Chat> {
    // A safe integer: 1e21 would be requested as /chats/1e+21.
    if (!Number.isSafeInteger(id) || id < 1)
      throw new RangeError(
        `a chat id is a whole number from 1 to ${Number.MAX_SAFE_INTEGER}, not ${shownArgument(id)}`,
      );
    const { value } = await this.#send(
      { method: "GET", path: `chats/${id}` },
      (raw) => parseChat(raw, "the body"),
      options,
    );
    return value;
  }

  async listAgents(options: CallOptions = {}): Promise<Agent[]> {
    return (await this.#send({ method: "GET", path: "agents" }, parseAgents, options)).value;
  }

  async listDepartments(options: CallOptions = {}): Promise<Department[]> {
    return (await this.#send({ method: "GET", path: "departments" }, parseDepartments, options)).value;
  }
}

/** Throws a TypeError naming the call unless `body` is an object (a request body). */
function requireBody(body: unknown, fn: string): void {
  if (!isRecord(body)) throw argumentError(fn, "the request body as an object", body);
}

/**
 * A HelpCrunch API client: paced, retrying, with typed errors and the key kept out of every output.
 * A 429 is waited out, for as long as `Retry-After` says or else for a whole rate window, before it
 * fails (see `ClientOptions.retries`).
 */
export function createClient(options: ClientOptions): HelpCrunchClient {
  return new Client(options);
}
