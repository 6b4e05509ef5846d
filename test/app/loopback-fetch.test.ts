import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loopbackFetch } from "../../src/app/loopback-fetch.js";
import { createClient, HelpCrunchError } from "../../src/client/index.js";
import { compile } from "../../src/compiler/index.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";

/** The demo's transport answers the client as Node's fetch does, over the same emulator. */
describe("loopbackFetch against the emulator", () => {
  let emulator: Emulator;
  const transport = loopbackFetch();
  const clients = () =>
    [transport.fetch, globalThis.fetch].map((fetch) =>
      createClient({ apiKey: emulator.key, baseUrl: emulator.url, requestsPerMinute: 0, retries: 0, fetch }),
    );

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, anchor: 1_750_000_000, rateLimit: false });
  });
  afterAll(async () => {
    transport.close();
    await emulator.close();
  });

  it.each([
    "status = pending sort by createdAt desc limit 20",
    'tags = "Paid" and rating in (poor, average) limit 150',
    "customer.email ~ hellomail offset 30 limit 5",
  ])("%s: the same chats, total and requests", async (query) => {
    const body = compile(query, { now: 1_750_000_000, timeZone: "UTC" }).requests[0]!;
    const [loopback, fetched] = clients();
    const got = await loopback!.searchBody(body, { limit: body.limit });
    expect(got).toEqual(await fetched!.searchBody(body, { limit: body.limit }));
    expect(got.chats.length).toBeGreaterThan(0);
  });

  it("the agents and departments", async () => {
    const [loopback, fetched] = clients();
    expect(await loopback!.listAgents()).toEqual(await fetched!.listAgents());
    expect(await loopback!.listDepartments()).toEqual(await fetched!.listDepartments());
  });

  it("a refused body: the same error, with the API's messages", async () => {
    const body = { filter: [{ field: "chats.nope", operator: "=", value: 1 }] } as never;
    const errors = await Promise.all(clients().map((c) => c.searchBody(body).catch((e: unknown) => e)));
    const [loopback, fetched] = errors as HelpCrunchError[];
    expect(loopback).toBeInstanceOf(HelpCrunchError);
    expect({ ...loopback, message: loopback!.message }).toEqual({ ...fetched, message: fetched!.message });
    expect(loopback!.status).toBe(400);
  });

  it("a wrong key: the same 401", async () => {
    const wrong = [transport.fetch, globalThis.fetch].map((fetch) =>
      createClient({ apiKey: "wrong", baseUrl: emulator.url, requestsPerMinute: 0, retries: 0, fetch }),
    );
    const [loopback, fetched] = (await Promise.all(
      wrong.map((c) => c.listAgents().catch((e: unknown) => e)),
    )) as HelpCrunchError[];
    expect([loopback!.kind, loopback!.status]).toEqual([fetched!.kind, fetched!.status]);
    expect(loopback!.message).toBe(fetched!.message);
  });
});

/** A server that answers each request as the test says. */
let server: Server;
let url: string;
let answer: (req: IncomingMessage, res: ServerResponse) => void = () => {};
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => answer(req, res));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

describe("loopbackFetch", () => {
  const transport = loopbackFetch();
  afterEach(() => {
    answer = () => {};
  });
  afterAll(() => transport.close());

  it("sends the method, headers and body it is given", async () => {
    const seen: unknown[] = [];
    answer = (req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
        res.writeHead(201, { "x-answer": "yes" }).end("made");
      });
    };
    const response = await transport.fetch(`${url}/v1/things?a=1`, {
      method: "POST",
      headers: { authorization: "Bearer k" },
      body: '{"a":"é"}',
    });
    expect([response.status, response.headers.get("x-answer"), await response.text()]).toEqual([
      201,
      "yes",
      "made",
    ]);
    expect(seen).toEqual([{ method: "POST", url: "/v1/things?a=1", auth: "Bearer k", body: '{"a":"é"}' }]);
  });

  it("sends a Request as it is, beside options a Request does not know (as ky calls it)", async () => {
    const seen: unknown[] = [];
    answer = (req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        seen.push({ method: req.method, type: req.headers["content-type"], body });
        res.end("ok");
      });
    };
    const request = new Request(`${url}/v1/x`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: '{"n":1}',
    });
    const response = await transport.fetch(request, { context: {} } as RequestInit);
    expect(await response.text()).toBe("ok");
    expect(seen).toEqual([{ method: "PUT", type: "application/json", body: '{"n":1}' }]);
  });

  it("reads a long body whole, however slowly it is read", async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024, "abcdefghij");
    answer = (_req, res) => res.writeHead(200, { "content-length": String(bytes.length) }).end(bytes);
    const response = await transport.fetch(url);
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it.each([204, 304])("%i: no body", async (status) => {
    answer = (_req, res) => res.writeHead(status).end();
    const response = await transport.fetch(url);
    expect([response.status, response.body]).toEqual([status, null]);
  });

  it("gives a redirect as it came, not followed", async () => {
    answer = (_req, res) => res.writeHead(302, { location: "http://elsewhere.test/" }).end();
    const response = await transport.fetch(url, { redirect: "manual" });
    expect([response.status, response.headers.get("location")]).toEqual([302, "http://elsewhere.test/"]);
  });

  it("refuses a URL other than http:", async () => {
    await expect(transport.fetch("https://127.0.0.1/")).rejects.toThrow(
      new TypeError("the demo transport speaks http only, not https:"),
    );
  });

  it("fails as a fetch fails when nothing listens: ECONNREFUSED, which the client names", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, "close");
    await expect(transport.fetch(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
    const client = createClient({
      apiKey: "k",
      baseUrl: `http://127.0.0.1:${port}/v1`,
      retries: 0,
      fetch: transport.fetch,
    });
    await expect(client.listAgents()).rejects.toMatchObject({ kind: "network", reason: "ECONNREFUSED" });
  });

  it("an abort before the answer ends the request with the signal's reason", async () => {
    answer = () => {};
    const controller = new AbortController();
    const pending = transport.fetch(url, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reason = new Error("enough");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it("an abort while the body is read ends the read with the signal's reason", async () => {
    answer = (_req, res) => res.writeHead(200, { "content-length": "10" }).write("half");
    const controller = new AbortController();
    const response = await transport.fetch(url, { signal: controller.signal });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("half");
    const reason = new Error("enough");
    controller.abort(reason);
    await expect(reader.read()).rejects.toBe(reason);
  });

  it("a connection closed before the body ends fails the read with ECONNRESET", async () => {
    answer = (_req, res) => {
      res.writeHead(200, { "content-length": "10" });
      res.write("half", () => res.destroy());
    };
    const response = await transport.fetch(url);
    await expect(response.text()).rejects.toMatchObject({ code: "ECONNRESET" });
  });

  it("keeps the connection for the next request, and close() lets it go", async () => {
    const own = loopbackFetch();
    const before = new Set(sockets);
    const opened = () => [...sockets].filter((socket) => !before.has(socket));
    answer = (_req, res) => res.end("ok");
    await (await own.fetch(url)).text();
    await (await own.fetch(url)).text();
    expect(opened()).toHaveLength(1);
    const [socket] = opened();
    own.close();
    await once(socket!, "close");
    expect(opened()).toHaveLength(0);
  });
});
