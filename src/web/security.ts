import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { TOKEN_HEADER } from "./protocol.js";

/**
 * Who may talk to `hcql web`: a request must carry the per-start token, name the server itself in `Host`
 * (a DNS-rebound name does not), and come from the page's own origin when a browser says where it
 * comes from. The page can spend the user's API key, so everything else is refused.
 */

/** A new random token, URL-safe. */
export function newToken(): string {
  return randomBytes(24).toString("base64url");
}

export type Refusal = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const ACCEPTED: Refusal = { ok: true };

/** The `Host` values that name this server: the listening address and port (and `localhost` for loopback). */
export function allowedHosts(host: string, port: number): ReadonlySet<string> | "any-ip" {
  if (host === "0.0.0.0" || host === "::") return "any-ip";
  const names = new Set([hostPort(host, port)]);
  if (isLoopback(host)) {
    for (const name of ["127.0.0.1", "localhost", "::1"]) names.add(hostPort(name, port));
  }
  return names;
}

function hostPort(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`.toLowerCase();
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Whether a `Host` header names this server. Listening on every address, only IP literals and localhost do. */
function hostAccepted(
  header: string | undefined,
  allowed: ReadonlySet<string> | "any-ip",
  port: number,
): boolean {
  if (header === undefined) return false;
  const value = header.toLowerCase();
  if (allowed !== "any-ip") return allowed.has(value);
  const match = /^(\[[0-9a-f:.]+\]|[^:]+):(\d+)$/.exec(value);
  if (!match || Number(match[2]) !== port) return false;
  const name = match[1]!.replace(/^\[|\]$/g, "");
  return name === "localhost" || isIP(name) !== 0;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token a request carries: the header, else `?token=`. */
function requestToken(request: IncomingMessage, url: URL): string | null | undefined {
  const header = request.headers[TOKEN_HEADER];
  if (typeof header === "string") return header;
  return url.searchParams.get("token");
}

/**
 * Whether to serve a request: Host names this server, Origin (when sent) is this server's, the browser
 * does not say it is cross-site, and the token is right. The reason is for the 403's text.
 */
export function admit(
  request: IncomingMessage,
  url: URL,
  server: { readonly token: string; readonly port: number; readonly hosts: ReadonlySet<string> | "any-ip" },
): Refusal {
  const host = request.headers.host;
  if (!hostAccepted(host, server.hosts, server.port)) {
    return { ok: false, reason: `this server does not answer to the host '${host ?? ""}'` };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host!.toLowerCase()}`) {
    return { ok: false, reason: "requests from other sites are refused" };
  }
  const site = request.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    return { ok: false, reason: "requests from other sites are refused" };
  }
  if (!sameToken(requestToken(request, url), server.token)) {
    return { ok: false, reason: "a valid token is needed: open the URL hcql web printed" };
  }
  return ACCEPTED;
}
