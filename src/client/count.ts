import type { CheckedGroup, PlanCount } from "../compiler/index.js";
import { countsByTotal, type DateBuckets, dateBuckets, zoneEngine } from "../compiler/index.js";
import type { Chat, SearchBody } from "../language/index.js";
import { displayName, PAGE_SIZE, statusOfChat } from "../language/index.js";
import type { HelpCrunchClient, SearchPage } from "./client.js";
import {
  type ExecuteProgress,
  type PlanOrCompiled,
  planOf,
  progressCounter,
  startRun,
  waitProgress,
} from "./execute.js";
import { eachConcurrently } from "./pool.js";

/**
 * `countChats`: runs a count query (grammar.md §11). Every page of every body of the plan is fetched; each
 * chat is counted once however many bodies return it (deduplicated by id, as a merge does), into
 * the row of each combination of its keys (`agents` holds several), in one pass that keeps only
 * the rows and the ids seen, never the chats. A `count` without groups of one body is the total
 * the API gives with its first page (`countsByTotal`): one request.
 */

/** A key of a row: an id, a status or rating name, a date bucket's text, or null (no value). */
export type CountKey = number | string | null;

/** One row of a count: its group keys, in the order of the groups, and how many chats have them. */
export interface CountRow {
  /** One key per group, in group order. */
  readonly keys: readonly CountKey[];
  readonly count: number;
}

/** One group of a count: the field it groups by, its type and its date unit. */
export interface CountColumn {
  /** The group's name in output: the field's short name (`assignee`, `createdAt`). */
  readonly name: string;
  /** The field's type, and what its ids name (for showing names beside ids). */
  readonly type: CheckedGroup["field"]["type"];
  readonly references: CheckedGroup["field"]["references"];
  /** The date unit of a date group. */
  readonly unit: CheckedGroup["unit"];
}

/** What `countChats` returns: the rows, their columns, the total and the names of the ids in them. */
export interface CountResult {
  /** The chats the query's condition matches (each once). */
  readonly total: number;
  /** The groups; empty for `count` alone, which has no rows. */
  readonly columns: readonly CountColumn[];
  /** In the order of grammar.md §11, cut to the query's limit. */
  readonly rows: readonly CountRow[];
  /** Names of the agents and departments met in the chats, by id, for people. */
  readonly agentNames: ReadonlyMap<number, string>;
  readonly departmentNames: ReadonlyMap<number, string>;
  /** HTTP requests made, retries included. */
  readonly requests: number;
}

/** How `countChats` runs: a signal, progress, and how many bodies are fetched at once. */
export interface CountOptions {
  readonly signal?: AbortSignal | undefined;
  /** Pages as they arrive and waits, as `executePlan` reports them. */
  readonly onProgress?: ((event: ExecuteProgress) => void) | undefined;
  /** Bodies fetched at the same time. Default 3. */
  readonly concurrency?: number | undefined;
}

/** The part of the client `countChats` uses. */
export type CountClient = Pick<HelpCrunchClient, "pages">;

export async function countChats(
  client: CountClient,
  planned: PlanOrCompiled,
  options: CountOptions = {},
): Promise<CountResult> {
  const plan = planOf(planned, "countChats");
  const concurrency = startRun(options);
  if (countsByTotal(plan)) return countFirstPage(client, plan.bodies[0]!, options);
  const counter = new Counter(plan.count!);
  let requests = 0;
  try {
    await fetchEveryPage(client, plan.bodies, { ...options, concurrency }, (page) => {
      requests += page.requests;
      counter.add(page.chats);
    });
  } catch (error) {
    if (typeof error === "object" && error !== null) partialCounts.set(error, counter.result(requests));
    throw error;
  }
  return counter.result(requests);
}

/** The total of matching chats the first page of `body` gives (`meta.total`). */
async function countFirstPage(
  client: CountClient,
  body: SearchBody,
  options: CountOptions,
): Promise<CountResult> {
  const progress = progressCounter(1, PAGE_SIZE, options.onProgress);
  const pages = client.pages(body, {
    limit: PAGE_SIZE,
    onWait: waitProgress(options.onProgress),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  for await (const page of pages) {
    progress(0, 0, page);
    const none = new Map<number, string>();
    return {
      total: page.total,
      columns: [],
      rows: [],
      agentNames: none,
      departmentNames: none,
      requests: page.requests,
    };
  }
  throw new Error("countChats: a search gave no page");
}

const partialCounts = new WeakMap<object, CountResult>();

/** The count of the chats received when `error` stopped `countChats`; undefined for other errors. */
export function partialCountOf(error: unknown): CountResult | undefined {
  return typeof error === "object" && error !== null ? partialCounts.get(error) : undefined;
}

/** Fetches every page of each body, `concurrency` bodies at a time; the first failure stops all. */
async function fetchEveryPage(
  client: CountClient,
  bodies: readonly SearchBody[],
  options: CountOptions & { readonly concurrency: number },
  onPage: (page: SearchPage) => void,
): Promise<void> {
  const onWait = waitProgress(options.onProgress);
  // Every page of a body from its start: the plan's pages for an unbounded limit.
  const progress = progressCounter(bodies.length, Infinity, options.onProgress);
  await eachConcurrently(
    bodies,
    { concurrency: options.concurrency, signal: options.signal },
    async (body, index, signal) => {
      for await (const page of client.pages(body, { limit: Infinity, signal, onWait })) {
        onPage(page);
        progress(index, 0, page);
      }
    },
  );
}

/** How one group reads its keys from a chat (several for agents; `[null]` when there is none). */
type KeyReader = (chat: Chat) => readonly CountKey[];

const NULL_KEYS: readonly CountKey[] = [null];

const single = (key: CountKey): readonly CountKey[] => (key === null ? NULL_KEYS : [key]);

/**
 * How the chat objects carry the value of each field `count by` groups by (GROUP_FIELDS, the fields
 * the table does not mark `notGroupable`): a field the table makes groupable needs its line here, which
 * test/client/count.test.ts checks. A date is read as seconds, to be put in its bucket.
 */
const GROUP_VALUES: Readonly<
  Record<string, { readonly keys: KeyReader } | { readonly seconds: (chat: Chat) => number | null }>
> = {
  "chats.status": { keys: (chat) => single(statusOfChat(chat.status)?.names[0] ?? chat.status) },
  "chats.rating": { keys: (chat) => single(chat.rating === null ? null : chat.rating.toLowerCase()) },
  "chats.assignee": { keys: (chat) => single(chat.assignee?.id ?? null) },
  "chats.department": { keys: (chat) => single(chat.department?.id ?? null) },
  "chats.agents": { keys: (chat) => (chat.agents.length === 0 ? NULL_KEYS : chat.agents.map((a) => a.id)) },
  "chats.createdAt": { seconds: (chat) => chat.createdAt },
  "chats.closedAt": { seconds: (chat) => chat.closedAt },
  "chats.lastMessageAt": { seconds: (chat) => chat.lastMessageAt },
  "chats.lastCustomerMessageAt": { seconds: (chat) => chat.lastCustomerMessageAt },
};

/** The names of the fields `countChats` can group by. */
export const GROUPABLE_IN_CHATS: readonly string[] = Object.keys(GROUP_VALUES);

function keyReader(group: CheckedGroup, buckets: DateBuckets | undefined): KeyReader {
  const values = GROUP_VALUES[group.field.name];
  // Only a checked query reaches here, and the checker lets through GROUP_FIELDS alone.
  if (values === undefined) throw new TypeError(`countChats: cannot group by ${group.field.name}`);
  if ("keys" in values) return values.keys;
  const { seconds } = values;
  return (chat) => {
    const at = seconds(chat);
    return at === null || buckets === undefined ? NULL_KEYS : [buckets.ordinalOf(at)];
  };
}

/** The rows being counted: one entry per combination of keys met, and the ids already counted. */
class Counter {
  private readonly seen = new Set<number>();
  private readonly rows = new Map<string, { keys: CountKey[]; count: number }>();
  private readonly readers: readonly KeyReader[];
  private readonly buckets: readonly (DateBuckets | undefined)[];
  private readonly agentNames = new Map<number, string>();
  private readonly departmentNames = new Map<number, string>();

  constructor(private readonly count: PlanCount) {
    const zone = zoneEngine(count.timeZone);
    this.buckets = count.groups.map((g) => (g.unit === undefined ? undefined : dateBuckets(g.unit, zone)));
    this.readers = count.groups.map((g, i) => keyReader(g, this.buckets[i]));
  }

  add(chats: readonly Chat[]): void {
    for (const chat of chats) {
      if (this.seen.has(chat.id)) continue;
      this.seen.add(chat.id);
      if (this.readers.length > 0) this.addKeys(this.readers.map((read) => read(chat)));
      this.remember(chat);
    }
  }

  /** One more chat in the row of every combination of its keys. */
  private addKeys(keys: readonly (readonly CountKey[])[]): void {
    const combination: CountKey[] = new Array(keys.length);
    const visit = (level: number): void => {
      if (level === keys.length) {
        const id = JSON.stringify(combination);
        const row = this.rows.get(id);
        if (row === undefined) this.rows.set(id, { keys: [...combination], count: 1 });
        else row.count += 1;
        return;
      }
      // A chat with one agent twice still counts once in that agent's row.
      const values = keys[level]!.length > 1 ? [...new Set(keys[level])] : keys[level]!;
      for (const value of values) {
        combination[level] = value;
        visit(level + 1);
      }
    };
    visit(0);
  }

  private remember(chat: Chat): void {
    for (const agent of chat.agents) if (agent.name !== null) this.agentNames.set(agent.id, agent.name);
    if (chat.assignee?.name) this.agentNames.set(chat.assignee.id, chat.assignee.name);
    if (chat.department) this.departmentNames.set(chat.department.id, chat.department.name);
  }

  result(requests: number): CountResult {
    const groups = this.count.groups;
    const onlyDate = groups.length === 1 && this.buckets[0] !== undefined;
    const ordered = onlyDate ? this.timeline(this.buckets[0]!) : this.byCount();
    const rows = this.count.rows === undefined ? ordered : ordered.slice(0, this.count.rows);
    return {
      total: this.seen.size,
      columns: groups.map((g) => ({
        name: displayName(g.field),
        type: g.field.type,
        references: g.field.references,
        unit: g.unit,
      })),
      rows,
      agentNames: this.agentNames,
      departmentNames: this.departmentNames,
      requests,
    };
  }

  /** A date alone: buckets in time order, every empty one between the first and the last, null last. */
  private timeline(buckets: DateBuckets): CountRow[] {
    const counts = new Map<number, number>();
    let nulls = 0;
    for (const row of this.rows.values()) {
      const key = row.keys[0]!;
      if (key === null) nulls = row.count;
      else counts.set(key as number, row.count);
    }
    const out: CountRow[] = [];
    if (counts.size > 0) {
      const ordinals = [...counts.keys()];
      const last = Math.max(...ordinals);
      for (let b = Math.min(...ordinals); b <= last; b = buckets.next(b)) {
        out.push({ keys: [buckets.label(b)], count: counts.get(b) ?? 0 });
      }
    }
    if (nulls > 0) out.push({ keys: [null], count: nulls });
    return out;
  }

  /** By count, largest first; ties by the keys in group order, each ascending as JSON shows it. */
  private byCount(): CountRow[] {
    const rows = [...this.rows.values()].map((row) => ({
      keys: row.keys.map((key, i) => {
        const buckets = this.buckets[i];
        return buckets === undefined || key === null ? key : buckets.label(key as number);
      }),
      count: row.count,
    }));
    return rows.sort((a, b) => b.count - a.count || compareKeys(a.keys, b.keys));
  }
}

function compareKeys(a: readonly CountKey[], b: readonly CountKey[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareKey(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return 0;
}

/** Numbers by value, strings by code point, null last. */
function compareKey(a: CountKey, b: CountKey): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
