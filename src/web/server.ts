import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Connection } from "../app/index.js";
import { DEMO_CHATS, failureText } from "../app/index.js";
import { type Asset, AssetStore, defaultAssetDir } from "./assets.js";
import type { RunEvent, WebContext } from "./protocol.js";
import { admit, allowedHosts, newToken } from "./security.js";

/**
 * `hcql web`'s HTTP server: the page, its two bundled files, and two endpoints: `GET /api/context`
 * (where the chats come from, agents and departments for completion) and `POST /api/run` (a query and
 * its options in, progress and the result out as NDJSON). Every request needs the token; the API key
 * stays in the client inside this process and is in no response.
 */

export interface WebServerOptions {
  /** Where the chats come from; its key never leaves this process. */
  readonly connection: Connection;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Where index.html, page.js and page.css are; default the package's dist/web. */
  readonly assetDir?: string;
  readonly version: string;
}

export interface WebServer {
  /** The page's URL with its token: what the user opens. */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Largest request body accepted (a query of 64 Ki UTF-16 units is at most 192 KiB of UTF-8). */
const MAX_BODY_BYTES = 1 << 20;
const IMMUTABLE = "private, max-age=31536000, immutable";

/** Headers on every answer: no sniffing, no referrer, never in a frame. */
const BASE_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-resource-policy": "same-origin",
} as const;

/**
 * The page loads only its own scripts and talks only to this server. Styles may be inline: the editor
 * writes its own style sheet and style attributes at run time; no text from a chat is ever markup.
 */
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? "127.0.0.1";
  const token = newToken();
  const assets = new AssetStore(options.assetDir ?? defaultAssetDir());
  const state = { token, port: 0, hosts: allowedHosts(host, 0) };
  const context = lazyContext(options.connection, options.version);
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, "text/plain; charset=utf-8", "internal error");
      else response.destroy();
      process.emitWarning(`hcql web: ${error instanceof Error ? error.message : String(error)}`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = requestUrl(request.url);
    if (url === undefined) {
      send(response, 400, "text/plain; charset=utf-8", "400 bad request: the request's URL cannot be read\n");
      return;
    }
    const admitted = admit(request, url, state);
    if (!admitted.ok) {
      send(response, 403, "text/plain; charset=utf-8", `403 forbidden: ${admitted.reason}\n`);
      return;
    }
    const route = `${request.method} ${url.pathname}`;
    switch (route) {
      case "GET /":
      case "HEAD /":
        return servePage(response, assets, token);
      case "GET /assets/page.js":
      case "HEAD /assets/page.js":
      case "GET /assets/page.css":
      case "HEAD /assets/page.css":
        return serveAsset(request, response, url, assets);
      case "GET /api/context":
        return sendJson(response, 200, await context());
      case "POST /api/run":
        return serveRun(request, response, options.connection);
      default:
        send(response, 404, "text/plain; charset=utf-8", "404 not found\n");
    }
  }

  await listen(server, host, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  state.port = port;
  state.hosts = allowedHosts(host, port);
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The request's target as a URL; undefined for one no URL reads (`http://[`), which a client sent wrong. */
function requestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? "/", "http://localhost");
  } catch {
    return undefined;
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    ...BASE_HEADERS,
    "content-type": type,
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, "application/json; charset=utf-8", JSON.stringify(value));
}

async function servePage(response: ServerResponse, assets: AssetStore, token: string): Promise<void> {
  const [html, js, css] = await Promise.all([
    assets.get("index.html")!,
    assets.get("page.js")!,
    assets.get("page.css")!,
  ]).catch(() => [undefined, undefined, undefined] as const);
  if (html === undefined || js === undefined || css === undefined) {
    send(response, 500, "text/plain; charset=utf-8", "the page is not built: run npm run build\n");
    return;
  }
  const body = html.body
    .toString("utf8")
    .replaceAll("%TOKEN%", token)
    .replace("%JS%", `/assets/page.js?v=${js.hash}&token=${token}`)
    .replace("%CSS%", `/assets/page.css?v=${css.hash}&token=${token}`);
  response.writeHead(200, {
    ...BASE_HEADERS,
    "content-type": html.type,
    "cache-control": "no-store",
    "content-security-policy": PAGE_POLICY,
    "content-length": Buffer.byteLength(body),
  });
  response.end(body);
}

/** A page file: immutable when asked for by its hash, else revalidated by ETag. */
async function serveAsset(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  assets: AssetStore,
): Promise<void> {
  const name = url.pathname.slice("/assets/".length);
  let asset: Asset;
  try {
    asset = await assets.get(name)!;
  } catch {
    send(response, 404, "text/plain; charset=utf-8", "404 not built: run npm run build\n");
    return;
  }
  const etag = `"${asset.hash}"`;
  const headers = {
    ...BASE_HEADERS,
    "content-type": asset.type,
    "cache-control": url.searchParams.get("v") === asset.hash ? IMMUTABLE : "no-cache",
    etag,
  };
  if (request.headers["if-none-match"] === etag) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  response.writeHead(200, { ...headers, "content-length": asset.body.length });
  response.end(request.method === "HEAD" ? undefined : asset.body);
}

/** Reads a JSON body of at most MAX_BODY_BYTES; undefined (after answering) when it is not one. */
async function readJsonBody(request: IncomingMessage, response: ServerResponse): Promise<unknown> {
  const type = request.headers["content-type"] ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    sendJson(response, 415, { error: "the body must be application/json" });
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      sendJson(response, 413, { error: `the body is larger than ${MAX_BODY_BYTES} bytes` });
      request.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    sendJson(response, 400, { error: "the body is not valid JSON" });
    return undefined;
  }
}

/** Runs a query, streaming its events as NDJSON; a closed connection (the page's Cancel) aborts it. */
async function serveRun(
  request: IncomingMessage,
  response: ServerResponse,
  connection: Connection,
): Promise<void> {
  const body = await readJsonBody(request, response);
  if (body === undefined) return;
  // The compiler and the client load with the first query, not at start.
  const { parseRunRequest, runForPage } = await import("./run.js");
  const parsed = await parseRunRequest(body);
  if (!parsed.ok) {
    sendJson(response, 400, { error: parsed.message });
    return;
  }
  const controller = new AbortController();
  response.on("close", () => controller.abort(new Error("cancelled by the page")));
  response.writeHead(200, {
    ...BASE_HEADERS,
    "content-type": "application/x-ndjson; charset=utf-8",
    "cache-control": "no-store",
  });
  const emit = (event: RunEvent) => {
    if (!response.writableEnded && !response.destroyed) response.write(`${JSON.stringify(event)}\n`);
  };
  await runForPage(connection, parsed.value, controller.signal, emit);
  response.end();
}

/** What the page shows about the connection and needs for completion; fetched once, when first asked. */
function lazyContext(connection: Connection, version: string): () => Promise<WebContext> {
  let pending: Promise<WebContext> | undefined;
  const demoChats = connection.mode === "demo" ? DEMO_CHATS : null;
  const tags = connection.tags ?? [];
  return () => {
    pending ??= Promise.all([connection.client.listAgents(), connection.client.listDepartments()]).then(
      ([agents, departments]) => ({
        version,
        demoChats,
        agents: agents.map((a) => ({ id: a.id, name: a.name })),
        departments: departments.map((d) => ({ id: d.id, name: d.name })),
        tags,
        warning: null,
      }),
      (error: unknown) => {
        pending = undefined;
        return {
          version,
          demoChats,
          agents: [],
          departments: [],
          tags,
          warning: `agents and departments could not be fetched: ${failureText(error)}`,
        };
      },
    );
    return pending;
  };
}
