import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export type Reply = (res: ServerResponse, req: SeenRequest) => void;

/** A JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return (res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };
}

/** Never answers (until the server closes). */
export const hang: Reply = () => {};

/** Sends the head and part of a body, then cuts the connection. */
export const cutOff: Reply = (res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
  res.write('{"data": [');
  setTimeout(() => res.destroy(), 5);
};

/** A local port nothing listens on (opened, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A local HTTP server answering each request with the next scripted reply (the last one repeats),
 * recording what it received.
 */
export async function scriptedServer(replies: readonly Reply[]) {
  const seen: SeenRequest[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      const reply = replies[Math.min(seen.length, replies.length - 1)]!;
      seen.push(request);
      open.add(res);
      res.on("close", () => open.delete(res));
      reply(res, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A chat object as the API documents it. */
export function chat(id: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    closedBy: null,
    lastCustomerMessageAt: 1592962537,
    status: "pending",
    closedAt: null,
    rating: null,
    createdAt: 1592962538,
    lastMessageAt: 1592992577,
    snoozedUntil: null,
    lastMessageText: "May I know how crucial is this for you?",
    lastMessageId: 9575496,
    lastCommunicatedAgentId: 3129,
    agents: [],
    customer: { id: 8740723, name: "Michael", email: "mike.nike@hellomail.com", userId: null },
    assignee: { id: 3129, name: "Kosta", email: "kosta@company.com", role: "admin" },
    department: null,
    ...extra,
  };
}

export function page(ids: readonly number[], total: number) {
  return { data: ids.map((id) => chat(id)), meta: { total } };
}

/** Sends the request on to another server (`baseUrl` ending in /v1, as the scripted one's) and relays its answer. */
export function forwardTo(baseUrl: string): Reply {
  return (res, req) => {
    const headers = { authorization: String(req.headers.authorization), "content-type": "application/json" };
    fetch(`${baseUrl}${req.url.replace(/^\/v1/, "")}`, {
      method: req.method,
      headers,
      body: req.body || null,
    })
      .then(async (answer) => {
        const body = await answer.text();
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(body);
      })
      .catch(() => res.destroy());
  };
}
