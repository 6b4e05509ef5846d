import { Agent, request as httpRequest, type IncomingMessage } from "node:http";

/**
 * The demo's transport: `fetch` over node:http, for the emulator on a loopback port. A first request
 * through Node's fetch (undici) costs ~16 ms more than through node:http (its dispatcher, and its
 * WebAssembly HTTP parser compiled on first use; bench row `repl-first-search`), and the shell's first
 * demo search pays it. The emulator is still reached over HTTP, through ky, as an account is; only the
 * last step, sending the bytes, differs. An account goes through Node's fetch.
 *
 * It does what the client asks of a fetch: plain `http:` URLs, the request's method, headers and body,
 * its signal (an abort ends the request or the body being read), the body as a stream, and redirects
 * answered as they are (`redirect: "manual"`), never followed. No compression is asked for.
 */
export interface LoopbackFetch {
  readonly fetch: typeof globalThis.fetch;
  /** Closes the connections it keeps open between requests. */
  close(): void;
}

/** Statuses whose response has no body (a Response with one is refused). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function loopbackFetch(): LoopbackFetch {
  const agent = new Agent({ keepAlive: true });
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    // ky calls `fetch(request, options)` with a Request of its own and, beside it, only options a
    // Request does not know: the request is used as it is (a copy would only move its body).
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    if (url.protocol !== "http:")
      throw new TypeError(`the demo transport speaks http only, not ${url.protocol}`);
    request.signal.throwIfAborted();
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    return send(agent, request, body);
  };
  return { fetch, close: () => agent.destroy() };
}

function send(agent: Agent, request: Request, body: Buffer | undefined): Promise<Response> {
  const { signal } = request;
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      request.url,
      { agent, method: request.method, headers: headersOf(request), signal },
      (incoming) => {
        try {
          resolve(responseOf(incoming, signal));
        } catch (error) {
          incoming.destroy();
          reject(error);
        }
      },
    );
    // As fetch does, an abort rejects with the signal's reason (node:http gives an AbortError).
    sent.once("error", (error) => reject(signal.aborted ? signal.reason : error));
    sent.end(body);
  });
}

function headersOf(request: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

/** The Response of an answer, its body read as the client reads it. */
function responseOf(incoming: IncomingMessage, signal: AbortSignal): Response {
  const status = incoming.statusCode ?? 0;
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const init = { status, statusText: incoming.statusMessage ?? "", headers };
  if (NULL_BODY_STATUSES.has(status)) {
    incoming.resume();
    return new Response(null, init);
  }
  // Response refuses a status outside 200–599 with a RangeError, as fetch refuses such an answer.
  return new Response(bodyStream(incoming, signal), init);
}

/** The answer's body as a byte stream: paused while the reader is behind, ended by an abort. */
function bodyStream(incoming: IncomingMessage, signal: AbortSignal): ReadableStream<Uint8Array> {
  let settled = false;
  let onAbort = () => {};
  const settle = (end: () => void) => {
    if (settled) return;
    settled = true;
    signal.removeEventListener("abort", onAbort);
    end();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        settle(() => controller.error(signal.reason));
        incoming.destroy();
      };
      signal.addEventListener("abort", onAbort, { once: true });
      incoming.on("data", (chunk: Buffer) => {
        if (settled) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) incoming.pause();
      });
      incoming.once("end", () => settle(() => controller.close()));
      incoming.once("error", (error) => settle(() => controller.error(error)));
      // The connection closed before the body ended: `end` has not come, and `error` may not.
      incoming.once("close", () => settle(() => controller.error(connectionClosed())));
    },
    pull() {
      incoming.resume();
    },
    cancel() {
      settle(() => incoming.destroy());
    },
  });
}

function connectionClosed(): Error {
  return Object.assign(new Error("the connection closed before the body ended"), { code: "ECONNRESET" });
}
