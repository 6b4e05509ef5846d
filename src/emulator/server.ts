import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { API_MAX_BODY_BYTES, ERROR_PATHS_HEADER, requireFunction, shownArgument } from "../language/index.js";
import { type ChatRecord, type Dataset, toApiChat } from "./dataset.js";
import { parseDataset } from "./dataset-file.js";
import { DEFAULT_CHAT_COUNT, DEFAULT_SEED } from "./draws.js";
import {
  type ApiError,
  type ErrorResponse,
  MAX_LISTED_ERRORS,
  RESPONSES,
  VALIDATION_TEXTS as T,
} from "./errors.js";
import { generateDataset } from "./generate.js";
import { checkSeed, Random } from "./random.js";
import { searchInSlices } from "./search.js";
import { type Validation, validateListQuery, validateSearchBodyInSlices } from "./validate.js";

/** The kinds of injected faults. */
export const FAULT_KINDS = ["500", "429", "reset", "malformed", "delay"] as const;
/** A fault the emulator can inject: an HTTP 500 or 429, a reset connection, malformed JSON, a delay. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** What the emulator serves (its data, keys, rate limit and faults) and where it listens. */
export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number | undefined;
  /** Default 127.0.0.1 (loopback only). */
  readonly host?: string | undefined;
  /** Accepted API keys (`Authorization: Bearer <key>`), each printable ASCII without spaces. Default ["demo"]. */
  readonly keys?: readonly string[] | undefined;
  /** Seed of the generated dataset: an integer from 0 to 2 ** 32 - 1 (else a RangeError). Default 1. */
  readonly seed?: number | undefined;
  /** How many chats to generate (default 2,500), or hand-written records to serve instead. */
  readonly chats?: number | readonly unknown[] | undefined;
  /**
   * UNIX seconds (not milliseconds) the generated timestamps lead up to, from 1971-01-01 to the end of
   * the year 9999 (else a RangeError). Default: the start time.
   */
  readonly anchor?: number | undefined;
  /**
   * Data to serve instead of generated chats: a Dataset, the parsed JSON of a `--data` file, or an
   * array of records (see `parseRecord` for what may be left out).
   */
  readonly data?: unknown;
  /**
   * Requests per key (a whole number ≥ 1) in a sliding window of `windowSeconds` (finite, > 0), else
   * a RangeError; false turns the limit off. Default 120 per 60 s.
   */
  readonly rateLimit?: { readonly requests: number; readonly windowSeconds: number } | false | undefined;
  /** Whole seconds to send in `Retry-After` on 429, or true for the time until a request is allowed again. */
  readonly retryAfter?: number | true | undefined;
  /** The rate limit's clock, in milliseconds (default `Date.now`); tests move their own. */
  readonly clock?: (() => number) | undefined;
  /** Share of requests (0–1) answered with an injected fault. Default 0. */
  readonly failRate?: number | undefined;
  /** Seed of the fault draws: an integer from 0 to 2 ** 32 - 1 (else a RangeError). Default 1. */
  readonly faultSeed?: number | undefined;
  /** Which faults to inject. Default all of FAULT_KINDS. */
  readonly faults?: readonly FaultKind[] | undefined;
  /** Range of the `delay` fault in whole milliseconds, `[min, max]`. Default [2000, 5000]. */
  readonly faultDelayMs?: readonly [number, number] | undefined;
  /** Called after each response, e.g. to log it. */
  readonly onRequest?: ((entry: RequestLogEntry) => void) | undefined;
}

/** One request the emulator answered, as its `onRequest` hook receives it. */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly fault?: FaultKind;
  /** The client closed the connection before the answer was ready (it gave up, e.g. cancelled). */
  readonly closedByClient?: true;
}

/** A running emulator: its base URL, its API key, its data, and how to stop it. */
export interface Emulator {
  /** Base URL of the API, e.g. `http://127.0.0.1:PORT/v1`. */
  readonly url: string;
  /** The first configured key. */
  readonly key: string;
  readonly dataset: Dataset;
  /** Stops listening and closes open connections; resolves when the server is closed. */
  close(): Promise<void>;
}

/** Bodies larger than the API reads are refused with 413, as the API refuses them. */
export const MAX_BODY_BYTES = API_MAX_BODY_BYTES;
/** Past this much, the server stops draining an oversized body and drops the connection. */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

function json(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, body: JSON.stringify(value), ...(headers ? { headers } : {}) };
}

/**
 * An error answer: `{"errors": [{code, message}]}` exactly as HelpCrunch shapes it, at most
 * MAX_LISTED_ERRORS of them (one more says how many were left out). Where each error is in the body
 * goes in the X-Hcql-Error-Paths header (one percent-encoded entry per error, empty for none).
 */
function errorReply(response: ErrorResponse, headers?: Record<string, string>): Reply {
  const listed = listedErrors(response.errors);
  const bodyErrors = listed.map(({ code, message }) => ({ code, message }));
  const all: Record<string, string> = { ...headers };
  if (listed.some((e) => e.path !== undefined)) {
    all[ERROR_PATHS_HEADER] = listed.map((e) => encodeURIComponent(e.path ?? "")).join(",");
  }
  return json(response.status, { errors: bodyErrors }, all);
}

function listedErrors(errors: readonly ApiError[]): readonly ApiError[] {
  if (errors.length <= MAX_LISTED_ERRORS) return errors;
  const more = errors.length - MAX_LISTED_ERRORS;
  return [...errors.slice(0, MAX_LISTED_ERRORS), { code: "invalid_request", message: T.moreErrors(more) }];
}

function loadDataset(options: EmulatorOptions): Dataset {
  if (options.data !== undefined) return parseDataset(options.data);
  if (Array.isArray(options.chats)) return parseDataset(options.chats);
  return generateDataset({
    seed: options.seed ?? DEFAULT_SEED,
    chats: typeof options.chats === "number" ? options.chats : DEFAULT_CHAT_COUNT,
    anchor: options.anchor ?? Math.floor(Date.now() / 1000),
  });
}

function checkOptions(options: EmulatorOptions): void {
  const rate = options.failRate ?? 0;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError("failRate must be between 0 and 1");
  for (const f of options.faults ?? []) {
    if (!(FAULT_KINDS as readonly string[]).includes(f)) throw new RangeError(`unknown fault kind "${f}"`);
  }
  const limit = options.rateLimit;
  const counted = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 1;
  if (
    limit &&
    !(counted(limit.requests) && limit.windowSeconds > 0 && Number.isFinite(limit.windowSeconds))
  ) {
    throw new RangeError(
      `rateLimit needs requests, a whole number ≥ 1, and windowSeconds, a finite number > 0; not requests ${shownArgument(limit.requests)} and windowSeconds ${shownArgument(limit.windowSeconds)}`,
    );
  }
  const keys = options.keys ?? ["demo"];
  if (keys.length === 0) throw new RangeError("keys must hold at least one key");
  // A key is sent in a header, and a client refuses one with a space or a character outside ASCII.
  const badKey = keys.find((key) => !(typeof key === "string" && /^[\x21-\x7e]+$/.test(key)));
  if (badKey !== undefined) {
    throw new RangeError(`keys must be non-empty strings of printable ASCII, not ${shownArgument(badKey)}`);
  }
  if (options.seed !== undefined) checkSeed("seed", options.seed);
  if (options.faultSeed !== undefined) checkSeed("faultSeed", options.faultSeed);
  checkFaultDelay(options.faultDelayMs);
  checkRetryAfter(options.retryAfter);
  requireFunction("clock", options.clock);
  requireFunction("onRequest", options.onRequest);
}

/** The longest wait `setTimeout` keeps (past it, it waits 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** `faultDelayMs`: two whole numbers of milliseconds, the first at most the second, else a RangeError. */
function checkFaultDelay(range: EmulatorOptions["faultDelayMs"]): void {
  if (range === undefined) return;
  const [min, max] = Array.isArray(range) ? range : [];
  const whole = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= MAX_TIMER_MS;
  if (!(Array.isArray(range) && range.length === 2 && whole(min) && whole(max) && min! <= max!)) {
    const shown = Array.isArray(range)
      ? `[${range.map((n) => shownArgument(n)).join(", ")}]`
      : shownArgument(range);
    throw new RangeError(
      `faultDelayMs must be [min, max], whole milliseconds from 0 to ${MAX_TIMER_MS} with min ≤ max, not ${shown}`,
    );
  }
}

/** `retryAfter`: true, or whole seconds (what the header can say), else a RangeError. */
function checkRetryAfter(retryAfter: EmulatorOptions["retryAfter"]): void {
  if (retryAfter === undefined || retryAfter === true) return;
  if (!(Number.isSafeInteger(retryAfter) && retryAfter >= 0)) {
    throw new RangeError(
      `retryAfter must be true or whole seconds of at least 0, not ${shownArgument(retryAfter)}`,
    );
  }
}

/** A sliding window per key: the times of the requests it let through. */
class RateLimiter {
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly requests: number,
    private readonly windowMs: number,
  ) {}

  /** Records the request and returns 0 when allowed, else the milliseconds until one is allowed. */
  take(key: string, now: number): number {
    const times = (this.seen.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.seen.set(key, times);
    if (times.length >= this.requests) return times[0]! + this.windowMs - now;
    times.push(now);
    return 0;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_DRAIN_BYTES) {
        req.destroy();
        reject(new Error("body too large to drain"));
      }
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? "too-large" : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

type Parsed =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly reply: Reply };

function parseJsonBody(bytes: Buffer): Parsed {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { ok: false, reply: errorReply(RESPONSES.notUtf8()) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reply: errorReply(RESPONSES.notJson((error as Error).message)) };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, reply: errorReply(RESPONSES.notObject()) };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

async function searchReply(records: readonly ChatRecord[], validation: Validation): Promise<Reply> {
  if (!validation.ok) return errorReply({ status: 400, errors: validation.errors });
  return json(200, await searchInSlices(records, validation.request));
}

/**
 * The key of `Authorization: Bearer <key>`: the scheme in any letter case (RFC 9110 makes it
 * case-insensitive), one space, then the key. Surrounding whitespace is not part of a header value.
 */
function bearerKey(header: string | undefined): string | undefined {
  return /^bearer ([^\s]+)$/i.exec(header ?? "")?.[1];
}

/** The request target split by hand: a URL parser would read `//host/path` as another host. */
function splitTarget(target: string): { readonly path: string; readonly query: URLSearchParams } {
  const queryStart = target.indexOf("?");
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  const normalized = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return {
    path: normalized,
    query: new URLSearchParams(queryStart === -1 ? "" : target.slice(queryStart + 1)),
  };
}

/** What a request asks for; undefined for a route the API does not have. */
type Handler = (body: Buffer) => Reply | Promise<Reply>;

function routeFor(
  method: string,
  path: string,
  query: URLSearchParams,
  dataset: Dataset,
  byId: ReadonlyMap<number, ChatRecord>,
): Handler | undefined {
  if (path === "/v1/chats/search") {
    if (method !== "POST") return undefined;
    return (body) => {
      const parsed = parseJsonBody(body);
      return parsed.ok
        ? validateSearchBodyInSlices(parsed.value).then((v) => searchReply(dataset.chats, v))
        : parsed.reply;
    };
  }
  if (method !== "GET") return undefined;
  if (path === "/v1/chats") return () => searchReply(dataset.chats, validateListQuery(query));
  if (path === "/v1/agents") {
    return () =>
      json(200, { data: dataset.agents.map((a) => ({ ...a })), meta: { total: dataset.agents.length } });
  }
  if (path === "/v1/departments") return () => json(200, { data: dataset.departments });
  const chatId = /^\/v1\/chats\/([^/]+)$/.exec(path)?.[1];
  if (chatId === undefined) return undefined;
  return () => {
    if (!/^[0-9]{1,16}$/.test(chatId)) return errorReply(RESPONSES.invalidChatId());
    const record = byId.get(Number(chatId));
    return record ? json(200, toApiChat(record)) : errorReply(RESPONSES.chatNotFound());
  };
}

/** Injected faults: which one (if any) a request gets, and a delay's length, drawn from the fault seed. */
function faultDraws(options: EmulatorOptions) {
  const random = new Random(options.faultSeed ?? 1);
  const failRate = options.failRate ?? 0;
  const faults = options.faults && options.faults.length > 0 ? options.faults : FAULT_KINDS;
  const [min, max] = options.faultDelayMs ?? [2000, 5000];
  return {
    fault: (): FaultKind | undefined =>
      failRate > 0 && random.next() < failRate ? random.pick(faults) : undefined,
    delayMs: () => min + Math.floor(random.next() * (max - min + 1)),
  };
}

/** The `Retry-After` header a 429 carries, as configured (none by default). */
function retryHeaders(options: EmulatorOptions, waitMs: number): Record<string, string> | undefined {
  if (options.retryAfter === undefined) return undefined;
  const seconds = options.retryAfter === true ? Math.max(1, Math.ceil(waitMs / 1000)) : options.retryAfter;
  return { "retry-after": String(seconds) };
}

interface Outcome {
  readonly reply: Reply;
  readonly fault?: FaultKind;
}

/**
 * Answers one request, in the order a real API checks: the route (an unknown one is 404 with or
 * without a key), the key (401), injected faults, the rate limit (429), the body's size (413), then
 * the route's own answer.
 */
function answerer(options: EmulatorOptions, dataset: Dataset): (req: IncomingMessage) => Promise<Outcome> {
  const keys = new Set(options.keys ?? ["demo"]);
  const byId = new Map(dataset.chats.map((r) => [r.chat.id, r] as const));
  const limit = options.rateLimit;
  const limiter =
    limit === false
      ? undefined
      : new RateLimiter(limit?.requests ?? 120, (limit?.windowSeconds ?? 60) * 1000);
  const draws = faultDraws(options);
  const clock = options.clock ?? Date.now;
  return async (req) => {
    const body = await readBody(req);
    const method = req.method ?? "GET";
    const { path, query } = splitTarget(req.url ?? "/");
    const handler = routeFor(method, path, query, dataset, byId);
    if (handler === undefined) return { reply: errorReply(RESPONSES.notFound(method, path)) };
    const key = bearerKey(req.headers.authorization);
    if (key === undefined || !keys.has(key)) return { reply: errorReply(RESPONSES.invalidToken()) };
    const fault = draws.fault();
    if (fault === "500") return { reply: errorReply(RESPONSES.injected()), fault };
    if (fault === "429")
      return { reply: errorReply(RESPONSES.tooManyRequests(), retryHeaders(options, 1000)), fault };
    if (fault === "delay") await delay(draws.delayMs(), req.socket);
    const wait = limiter?.take(key, clock()) ?? 0;
    if (wait > 0) return { reply: errorReply(RESPONSES.tooManyRequests(), retryHeaders(options, wait)) };
    if (body === "too-large") return { reply: errorReply(RESPONSES.tooLarge(MAX_BODY_BYTES)) };
    const reply = await handler(body);
    return fault ? { reply, fault } : { reply };
  };
}

/** The HTTP server: each request answered (a failure inside is a 500), delivered, then logged. */
function emulatorServer(
  options: EmulatorOptions,
  answer: (req: IncomingMessage) => Promise<Outcome>,
): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let outcome: Outcome;
    try {
      outcome = await answer(req);
    } catch {
      if (req.destroyed) return;
      outcome = { reply: errorReply(RESPONSES.internal()) };
    }
    const closedByClient = res.destroyed || req.socket.destroyed;
    deliver(res, outcome.reply, outcome.fault);
    options.onRequest?.({
      method: req.method ?? "",
      path: req.url ?? "",
      status: outcome.fault === "malformed" ? 200 : outcome.reply.status,
      ...(outcome.fault ? { fault: outcome.fault } : {}),
      ...(closedByClient ? { closedByClient: true } : {}),
    });
  };
  const server = createServer((req, res) => {
    res.on("error", () => {});
    req.on("error", () => {});
    void handle(req, res);
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  return server;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise<AddressInfo>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Starts the emulator; see the README's "Emulator" section. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  checkOptions(options);
  const dataset = loadDataset(options);
  const server = emulatorServer(options, answerer(options, dataset));
  const address = await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/v1`,
    key: (options.keys ?? ["demo"])[0]!,
    dataset,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Waits `ms`, or until the connection closes (the client gave up, or `close()` closed it): an answer
 * nobody can receive must not keep the process running.
 */
function delay(ms: number, socket: Socket): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.off("close", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    socket.once("close", done);
  });
}

/** Writes a reply, or mangles it as the fault says. */
function deliver(res: ServerResponse, reply: Reply, fault: FaultKind | undefined): void {
  const bytes = Buffer.from(reply.body, "utf8");
  const headers = { "content-type": "application/json; charset=utf-8", ...reply.headers };
  if (fault === "reset") {
    // Promise the whole body, send half of it, then drop the connection.
    res.writeHead(reply.status, { ...headers, "content-length": String(bytes.length) });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
    return;
  }
  if (fault === "malformed") {
    // A cut-off JSON text never parses: its outer object or array is never closed.
    const cut = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
    res.writeHead(200, { ...headers, "content-length": String(cut.length) });
    res.end(cut);
    return;
  }
  res.writeHead(reply.status, { ...headers, "content-length": String(bytes.length) });
  res.end(bytes);
}
