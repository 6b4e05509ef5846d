import type { Agent, Chat, Department, SearchBody } from "../language/index.js";
import { argumentError, isRecord } from "../language/index.js";
import type {
  CallOptions,
  HelpCrunchClient,
  PageOptions,
  SearchBodyOptions,
  SearchOptions,
  SearchPage,
  SearchResult,
} from "./client.js";
import type { CountClient, CountOptions, CountResult } from "./count.js";
import type { ExecuteOptions, ExecuteResult, PlanClient, PlanOrCompiled } from "./execute.js";
import { type ClientOptions, checkClientOptions, KeyHidingClient } from "./options.js";
import type { StreamClient, StreamedChats } from "./stream.js";

/**
 * The client and plan execution as the main entry gives them: their code loads on the first request
 * or run, not when `hcql` is imported (bench row `library-import`), and behaves exactly as the
 * modules it loads. `createClient` still checks its options at once and throws what they would.
 */

const loadClient = () => import("./client.js");

/** A HelpCrunch API client: paced, retrying, with typed errors and the key kept out of every output. */
export function createClient(options: ClientOptions): HelpCrunchClient {
  return new DeferredClient(options);
}

class DeferredClient extends KeyHidingClient implements HelpCrunchClient {
  readonly baseUrl: string;
  readonly #options: ClientOptions;
  #client: Promise<HelpCrunchClient> | undefined;

  constructor(options: ClientOptions) {
    super();
    this.baseUrl = checkClientOptions(options).baseUrl;
    this.#options = options;
  }

  /** The client itself, made once, when the first call needs it. */
  #loaded(): Promise<HelpCrunchClient> {
    this.#client ??= loadClient().then(({ createClient }) => createClient(this.#options));
    return this.#client;
  }

  async searchBody(body: SearchBody, options?: SearchBodyOptions): Promise<SearchResult> {
    return (await this.#loaded()).searchBody(body, options);
  }

  async *pages(body: SearchBody, options?: PageOptions): AsyncGenerator<SearchPage, void, undefined> {
    yield* (await this.#loaded()).pages(body, options);
  }

  search(body: SearchBody, options?: SearchOptions): Promise<SearchResult>;
  search(bodies: readonly SearchBody[], options?: SearchOptions): Promise<SearchResult[]>;
  async search(
    bodies: SearchBody | readonly SearchBody[],
    options?: SearchOptions,
  ): Promise<SearchResult | SearchResult[]> {
    const client = await this.#loaded();
    return Array.isArray(bodies)
      ? client.search(bodies as readonly SearchBody[], options)
      : client.search(bodies as SearchBody, options);
  }

  async getChat(id: number, options?: CallOptions): Promise<Chat> {
    return (await this.#loaded()).getChat(id, options);
  }

  async listAgents(options?: CallOptions): Promise<Agent[]> {
    return (await this.#loaded()).listAgents(options);
  }

  async listDepartments(options?: CallOptions): Promise<Department[]> {
    return (await this.#loaded()).listDepartments(options);
  }
}

/** Throws a TypeError naming the runner unless `client` has the method it calls. */
function requireClient(client: unknown, fn: string, method: string): void {
  if (!(isRecord(client) && typeof client[method] === "function")) {
    throw argumentError(fn, "a client (createClient's) first", client);
  }
}

/**
 * Runs `compile(text).plan` (or a compile result itself) as `hcql run` does. A count query's plan is
 * refused (TypeError): `countChats` runs it.
 */
export async function executePlan(
  client: PlanClient,
  planned: PlanOrCompiled,
  options?: ExecuteOptions,
): Promise<ExecuteResult> {
  requireClient(client, "executePlan", "searchBody");
  return (await import("./execute.js")).executePlan(client, planned, options);
}

/**
 * Runs a plan (or a compile result) as `executePlan` does, yielding the chats in batches as pages
 * arrive; the last batch (possibly empty) carries the final totals. Stopping the iteration early
 * cancels the requests under way. Errors are the client's `HelpCrunchError`s, thrown by the iteration.
 * Each body must ask for the plan's sort (`compile`'s bodies do): the merge relies on that order.
 */
export async function* streamPlan(
  client: StreamClient,
  planned: PlanOrCompiled,
  options?: ExecuteOptions,
): AsyncGenerator<StreamedChats, void, undefined> {
  requireClient(client, "streamPlan", "pages");
  yield* (await import("./stream.js")).streamPlan(client, planned, options);
}

/**
 * Runs a count query's plan (or its compile result): its groups' counts, from as few requests as
 * the plan allows. A search's plan is refused (TypeError), as `executePlan` refuses a count's.
 */
export async function countChats(
  client: CountClient,
  planned: PlanOrCompiled,
  options?: CountOptions,
): Promise<CountResult> {
  requireClient(client, "countChats", "pages");
  return (await import("./count.js")).countChats(client, planned, options);
}
