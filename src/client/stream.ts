import type { Chat, SearchBody } from "../language/index.js";
import type { HelpCrunchClient, SearchPage } from "./client.js";
import {
  chatOrder,
  type ExecuteOptions,
  mergedTotal,
  type PlanOrCompiled,
  planOf,
  progressCounter,
  rememberFailedBody,
  startRun,
  waitProgress,
  wantedChats,
} from "./execute.js";
import type { WaitEvent } from "./options.js";
import { linkedController } from "./signals.js";

/**
 * A plan's chats as they arrive, for a caller that writes them out page by page (`hcql run --all`)
 * and keeps none: the same chats, in the same order, as `executePlan` returns.
 *
 * One body: its pages, each as it arrives. Several bodies: each body is paged in the plan's sort
 * order (the API's order: a total order, ties by id), so the next chat of the result is the smallest
 * head among the bodies; the merge is k-way, deduplicated by id, skips the query's offset and stops
 * at its limit. What is held: a page (and the next one, fetched ahead) per body and the ids seen.
 */

/** The part of the client `streamPlan` uses. */
export type StreamClient = Pick<HelpCrunchClient, "pages">;

/** The next chats of a streamed result, with the totals known so far. */
export interface StreamedChats {
  /** The chats that follow those of the earlier batches, in the result's order (may be none). */
  readonly chats: readonly Chat[];
  /** How many chats match the query: exact when `totalExact`, else a lower bound. */
  readonly total: number;
  readonly totalExact: boolean;
  /** HTTP requests made so far, retries included. */
  readonly requests: number;
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
  options: ExecuteOptions = {},
): AsyncGenerator<StreamedChats, void, undefined> {
  const plan = planOf(planned, "streamPlan");
  const concurrency = startRun(options);
  if (plan.bodies.length === 0) {
    yield { chats: [], total: 0, totalExact: true, requests: 0 };
    return;
  }
  const { controller, unlink } = linkedController(options.signal);
  const signal = controller.signal;
  const merge = plan.merge || plan.bodies.length > 1;
  const wanted = wantedChats(plan, options.all);
  // As executePlan: one body pages from the query's offset; merged bodies each read offset + limit.
  const perBody = merge ? plan.offset + wanted : wanted;
  const progress = progressCounter(plan.bodies.length, perBody, options.onProgress);
  const gate = requestGate(concurrency);
  const cursors = plan.bodies.map(
    (body, index) =>
      new BodyCursor(client, body, index, {
        limit: perBody,
        signal,
        gate,
        onWait: waitProgress(options.onProgress),
        onPage: (page) => progress(index, body.offset ?? 0, page),
      }),
  );
  const merged = new MergeState(merge ? plan.offset : 0, wanted, perBody, merge, chatOrder(plan.sort));
  try {
    for (const cursor of cursors) cursor.prefetch();
    yield* merged.run(cursors);
  } finally {
    controller.abort(new Error("the stream ended"));
    unlink();
    for (const cursor of cursors) cursor.close();
  }
}

/** At most `limit` requests at a time; a request the merge waits for queues, one fetched ahead does not. */
interface RequestGate {
  /** Takes a slot if one is free now. */
  tryAcquire(): boolean;
  /** Resolves once a slot is taken. */
  acquire(): Promise<void>;
  release(): void;
}

function requestGate(limit: number): RequestGate {
  let free = limit;
  const waiters: (() => void)[] = [];
  return {
    tryAcquire() {
      if (free === 0) return false;
      free -= 1;
      return true;
    },
    acquire() {
      if (free > 0) {
        free -= 1;
        return Promise.resolve();
      }
      return new Promise((resolve) => waiters.push(resolve));
    },
    release() {
      const next = waiters.shift();
      if (next) next();
      else free += 1;
    },
  };
}

interface CursorOptions {
  readonly limit: number;
  readonly signal: AbortSignal;
  readonly gate: RequestGate;
  readonly onWait: (event: WaitEvent) => void;
  readonly onPage: (page: SearchPage) => void;
}

const ignore = () => {};

/** One body's pages, read a chat at a time; its next page is asked for ahead when a request slot is free. */
class BodyCursor {
  #pages: AsyncGenerator<SearchPage, void, undefined>;
  #pending: Promise<IteratorResult<SearchPage, void>> | undefined;
  #chats: readonly Chat[] = [];
  #at = 0;
  ended = false;
  /** The body's total, from its latest page. */
  total = 0;
  requests = 0;
  /** Chats its pages brought so far. */
  #read = 0;

  constructor(
    client: StreamClient,
    readonly body: SearchBody,
    readonly index: number,
    private readonly options: CursorOptions,
  ) {
    this.#pages = client.pages(body, {
      limit: options.limit,
      signal: options.signal,
      onWait: options.onWait,
    });
  }

  /** The next chat of the body; undefined when a page must be read first, or at the end. */
  get head(): Chat | undefined {
    return this.#chats[this.#at];
  }

  /** Whether the head is known: a chat is at hand, or the body has ended. */
  get ready(): boolean {
    return this.ended || this.#at < this.#chats.length;
  }

  /** Whether its pages so far hold every chat the body can bring (its total, up to the limit). */
  get allRead(): boolean {
    return this.ended || (this.requests > 0 && this.#read >= Math.min(this.total, this.options.limit));
  }

  /** The chats read but not taken, taken without asking for the next page. */
  takeRest(): readonly Chat[] {
    const rest = this.#chats.slice(this.#at);
    this.#at = this.#chats.length;
    return rest;
  }

  take(): Chat {
    const chat = this.#chats[this.#at]!;
    this.#at += 1;
    if (this.#at === this.#chats.length) this.prefetch();
    return chat;
  }

  /** Asks for the next page now if a request slot is free (and it is not asked for yet). */
  prefetch(): void {
    if (!this.ended && this.#pending === undefined && this.options.gate.tryAcquire()) this.#start();
  }

  /** Reads the next page, waiting for a request slot if need be (only when not `ready`). */
  async advance(): Promise<void> {
    if (this.#pending === undefined) {
      await this.options.gate.acquire();
      this.#start();
    }
    let result: IteratorResult<SearchPage, void>;
    try {
      result = await this.#pending!;
    } catch (error) {
      rememberFailedBody(error, { index: this.index, body: this.body });
      throw error;
    } finally {
      this.#pending = undefined;
    }
    if (result.done) {
      this.ended = true;
      return;
    }
    const page = result.value;
    this.#chats = page.chats;
    this.#at = 0;
    this.#read += page.chats.length;
    this.total = page.total;
    this.requests += page.requests;
    this.options.onPage(page);
    if (this.#chats.length === 0) this.prefetch();
  }

  close(): void {
    this.#pages.return(undefined).catch(ignore);
  }

  #start(): void {
    const pending = this.#pages.next();
    this.#pending = pending;
    // A page fetched ahead may fail while nobody waits for it: its failure is thrown when it is read.
    pending.then(this.options.gate.release, this.options.gate.release);
    pending.catch(ignore);
  }
}

/** The k-way merge: deduplication, the offset skipped, the limit, and the totals known so far. */
class MergeState {
  readonly #seen = new Set<number>();
  #skip: number;
  #left: number;

  constructor(
    skip: number,
    wanted: number,
    private readonly perBody: number,
    private readonly merge: boolean,
    private readonly order: (a: Chat, b: Chat) => number,
  ) {
    this.#skip = skip;
    this.#left = wanted;
  }

  async *run(cursors: readonly BodyCursor[]): AsyncGenerator<StreamedChats, void, undefined> {
    let batch: Chat[] = [];
    while (this.#left > 0) {
      const waiting = cursors.find((cursor) => !cursor.ready);
      if (waiting !== undefined) {
        // The chats so far go out before waiting for a page.
        if (batch.length > 0) yield this.#batch(batch, cursors);
        batch = [];
        await waiting.advance();
        continue;
      }
      const next = this.#smallest(cursors);
      if (next === undefined) break;
      const chat = next.take();
      if (this.#seen.has(chat.id)) continue;
      this.#seen.add(chat.id);
      if (this.#skip > 0) this.#skip -= 1;
      else {
        batch.push(chat);
        this.#left -= 1;
      }
    }
    // At the limit, the chats read but not needed still count, as executePlan counts them.
    for (const cursor of cursors) for (const chat of cursor.takeRest()) this.#seen.add(chat.id);
    yield this.#batch(batch, cursors);
  }

  /** The cursor whose head comes first in the result's order (all are ready); undefined when all ended. */
  #smallest(cursors: readonly BodyCursor[]): BodyCursor | undefined {
    let best: BodyCursor | undefined;
    for (const cursor of cursors) {
      const head = cursor.head;
      if (head !== undefined && (best === undefined || this.order(head, best.head!) < 0)) best = cursor;
    }
    return best;
  }

  /** A batch with the totals as `executePlan` counts them, from what has been read so far. */
  #batch(chats: readonly Chat[], cursors: readonly BodyCursor[]): StreamedChats {
    const requests = cursors.reduce((sum, c) => sum + c.requests, 0);
    if (!this.merge) return { chats, total: cursors[0]!.total, totalExact: true, requests };
    const complete = cursors.every((c) => c.allRead && c.total <= this.perBody);
    const { total, totalExact } = mergedTotal(
      cursors.map((c) => (c.requests > 0 ? c.total : undefined)),
      this.#seen.size,
      complete,
    );
    return { chats, total, totalExact, requests };
  }
}
