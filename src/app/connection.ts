import { createClient, type HelpCrunchClient } from "../client/index.js";
import type { KnownNames, NamedId } from "../language/index.js";
import { DEMO_CHATS } from "./account.js";
import type { Checked } from "./clock.js";
import { failureText } from "./failure.js";
import { loopbackFetch } from "./loopback-fetch.js";

/** Where the chats come from: an account, or an in-process emulator (demo mode). */
export interface Connection {
  readonly mode: "demo" | "account";
  readonly baseUrl: string;
  readonly client: HelpCrunchClient;
  /** The API key in use: kept out of history; never printed. */
  readonly key: string;
  /** Tags known to exist before any search (the demo's vocabulary); an account's are learnt from searches. */
  readonly tags?: readonly string[];
  /** Releases what the connection holds (the demo emulator). */
  close(): Promise<void>;
}

/**
 * The connection's agents and departments (two requests), for the hint that gives the id of a name
 * written where one goes; undefined when either list cannot be had.
 */
export async function namesOf(connection: Connection, signal?: AbortSignal): Promise<KnownNames | undefined> {
  const named = (list: readonly NamedId[]) => list.map(({ id, name }) => ({ id, name }));
  try {
    const [agents, departments] = await Promise.all([
      connection.client.listAgents({ ...(signal ? { signal } : {}) }),
      connection.client.listDepartments({ ...(signal ? { signal } : {}) }),
    ]);
    return { agents: named(agents), departments: named(departments) };
  } catch {
    return undefined;
  }
}

/** Longest wait for one HTTP attempt. */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * A connection to an account; a key or URL the client cannot use is refused with its reason.
 * `requestsPerMinute` paces the requests (default the API's 120; 0 turns pacing off).
 */
export function accountConnection(
  apiKey: string,
  baseUrl: string,
  requestsPerMinute?: number,
): Checked<Connection> {
  try {
    const client = createClient({
      apiKey,
      baseUrl,
      timeoutMs: REQUEST_TIMEOUT_MS,
      ...(requestsPerMinute === undefined ? {} : { requestsPerMinute }),
    });
    return { ok: true, value: { mode: "account", baseUrl, client, key: apiKey, close: async () => {} } };
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError)
      return { ok: false, message: failureText(error) };
    throw error;
  }
}

/** A well-formed key that stands in for one not typed yet, so that the URL alone is checked. */
const STAND_IN_KEY = "key";

/** Why the client cannot use a base URL, said before a key is asked for (`.key URL`); undefined if it can. */
export function baseUrlProblem(baseUrl: string): string | undefined {
  const checked = accountConnection(STAND_IN_KEY, baseUrl);
  return checked.ok ? undefined : checked.message;
}

export interface DemoOptions {
  /** Generated timestamps lead up to this UNIX time (default: now), so relative dates find chats. */
  readonly anchor?: number;
  readonly chats?: number;
  /** `--rate-limit`: paces the requests as an account's would (default: unpaced). */
  readonly requestsPerMinute?: number;
}

/**
 * Starts the demo emulator on a free loopback port, unpaced unless asked, and connects to it over
 * node:http (see loopback-fetch.ts).
 */
export async function demoConnection(options: DemoOptions = {}): Promise<Connection> {
  const { startEmulator, TAG_VOCABULARY } = await import("../emulator/index.js");
  const emulator = await startEmulator({
    port: 0,
    chats: options.chats ?? DEMO_CHATS,
    rateLimit: false,
    ...(options.anchor === undefined ? {} : { anchor: options.anchor }),
  });
  const transport = loopbackFetch();
  const client = createClient({
    apiKey: emulator.key,
    baseUrl: emulator.url,
    timeoutMs: REQUEST_TIMEOUT_MS,
    requestsPerMinute: options.requestsPerMinute ?? 0,
    fetch: transport.fetch,
  });
  return {
    mode: "demo",
    baseUrl: emulator.url,
    client,
    key: emulator.key,
    tags: TAG_VOCABULARY,
    close: () => {
      transport.close();
      return emulator.close();
    },
  };
}
