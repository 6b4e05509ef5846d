import type { Agent, Chat, Customer } from "../language/index.js";
import { LAST_UNIX_SECOND, RATINGS, refusedSeconds, statusByCode } from "../language/index.js";
import { FIRST_ANCHOR } from "./anchor.js";
import type { ChatRecord, Dataset } from "./dataset.js";
import {
  AGENTS,
  DEPARTMENTS,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  LAST_NAMES,
  MESSAGES,
  TAG_VOCABULARY,
} from "./demo-tables.js";
import { CHAT, CUSTOMER, DEFAULT_CHAT_COUNT, DEFAULT_SEED, type Draws, NO_TIME, NONE } from "./draws.js";
import { drawsFor } from "./draws-file.js";
import { checkSeed } from "./random.js";

/** The generated demo data: deterministic chats, customers, agents and departments from a seed. */

/** What `generateDataset` generates: the seed, how many chats, and the time they lead up to. */
export interface GenerateOptions {
  /** Same seed and anchor, same data: an integer from 0 to 2 ** 32 - 1 (else a RangeError). Default 1. */
  readonly seed?: number | undefined;
  /** Number of chats. Default DEFAULT_CHAT_COUNT (2,500). */
  readonly chats?: number | undefined;
  /**
   * UNIX seconds (not milliseconds) from 1971-01-01 to the end of the year 9999, else a RangeError;
   * every timestamp falls in the 365 days before it. Default: now.
   */
  readonly anchor?: number | undefined;
}

/** Generates a deterministic dataset: same options, same data. */
export function generateDataset(options: GenerateOptions = {}): Dataset {
  const seed = checkSeed("seed", options.seed === undefined ? DEFAULT_SEED : options.seed);
  const count = options.chats ?? DEFAULT_CHAT_COUNT;
  const anchor = options.anchor ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`chats must be a whole number ≥ 0`);
  checkAnchor(anchor);
  return buildDataset(drawsFor(seed, count), anchor);
}

function checkAnchor(anchor: number): void {
  if (!(Number.isSafeInteger(anchor) && anchor >= FIRST_ANCHOR && anchor <= LAST_UNIX_SECOND)) {
    throw new RangeError(
      `anchor must be UNIX seconds from ${FIRST_ANCHOR} (1971-01-01) to ${LAST_UNIX_SECOND} (9999-12-31T23:59:59Z)${refusedSeconds(anchor, FIRST_ANCHOR)}`,
    );
  }
}

interface BuiltCustomer {
  readonly customer: Customer;
  readonly tags: readonly string[];
}

/** The dataset the draws describe, its times leading up to `anchor`. */
function buildDataset(draws: Draws, anchor: number): Dataset {
  const customers = buildCustomers(draws.customers);
  const chats: ChatRecord[] = [];
  for (let at = 0; at < draws.chats.length; at += CHAT.size)
    chats.push(buildChat(draws.chats, at, anchor, customers));
  return { agents: AGENTS, departments: DEPARTMENTS, chats };
}

// Building the demo data comes before the shell's first answer (bench row `repl-first-search`):
// what depends on a name alone is worked out once, not once per chat or customer.
const handles = new Map<string, string>();
const DEPARTMENT_REFS = DEPARTMENTS.map((d) => ({ id: d.id, name: d.name }));

function buildCustomers(draws: Int32Array): BuiltCustomer[] {
  const customers: BuiltCustomer[] = [];
  // Customers with the same tags share their list (a tenth of them have none, most one or two).
  const tagLists = new Map<number, readonly string[]>();
  for (let at = 0; at < draws.length; at += CUSTOMER.size) {
    const first = FIRST_NAMES[draws[at + CUSTOMER.first]!]!;
    const last = LAST_NAMES[draws[at + CUSTOMER.last]!]!;
    const domain = draws[at + CUSTOMER.domain]!;
    const userId = draws[at + CUSTOMER.userId]!;
    const mask = draws[at + CUSTOMER.tags]!;
    let tags = tagLists.get(mask);
    if (tags === undefined) {
      tags = TAG_VOCABULARY.filter((_, i) => (mask & (1 << i)) !== 0);
      tagLists.set(mask, tags);
    }
    const customer: Customer = {
      id: draws[at + CUSTOMER.id]!,
      name: draws[at + CUSTOMER.named] === 0 ? null : last === "" ? first : `${first} ${last}`,
      email:
        domain === NONE
          ? null
          : `${asciiHandle(first)}${draws[at + CUSTOMER.dotted] === 1 ? `.${asciiHandle(last) || "x"}` : ""}${draws[at + CUSTOMER.number]}@${EMAIL_DOMAINS[domain]}`,
      userId: userId === NONE ? null : `u-${userId}`,
    };
    customers.push({ customer, tags });
  }
  return customers;
}

/** A Latin handle for an email's local part; names in other scripts fall back to "user". */
function asciiHandle(name: string): string {
  let handle = handles.get(name);
  if (handle === undefined) {
    handle = latinHandle(name);
    handles.set(name, handle);
  }
  return handle;
}

function latinHandle(name: string): string {
  const latin = name
    .normalize("NFD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
  return latin === "" && name !== "" ? "user" : latin;
}

function buildChat(
  draws: Int32Array,
  at: number,
  anchor: number,
  customers: readonly BuiltCustomer[],
): ChatRecord {
  const { customer, tags } = customers[draws[at + CHAT.customer]!]!;
  const department = draws[at + CHAT.department]!;
  const assignee = draws[at + CHAT.assignee]!;
  const rating = draws[at + CHAT.rating]!;
  const message = draws[at + CHAT.message]!;
  const closedBy = draws[at + CHAT.closedBy]!;
  const agents = writers(draws, at + CHAT.writers);
  const chat: Chat = {
    id: draws[at + CHAT.id]!,
    closedBy: closedBy === NONE ? null : AGENTS[closedBy]!.id,
    lastCustomerMessageAt: timeOf(draws[at + CHAT.lastCustomerMessage]!, anchor),
    status: statusByCode(draws[at + CHAT.status]!)!.apiName,
    closedAt: timeOf(draws[at + CHAT.closed]!, anchor),
    rating: rating === NONE ? null : RATINGS[rating]!,
    createdAt: anchor + draws[at + CHAT.created]!,
    lastMessageAt: timeOf(draws[at + CHAT.lastMessage]!, anchor),
    snoozedUntil: timeOf(draws[at + CHAT.snoozedUntil]!, anchor),
    lastMessageText: message === NONE ? null : MESSAGES[message]!,
    lastMessageId: message === NONE ? null : draws[at + CHAT.messageId]!,
    lastCommunicatedAgentId: agents.length === 0 ? null : agents[agents.length - 1]!.id,
    agents,
    customer,
    assignee: assignee === NONE ? null : AGENTS[assignee]!,
    department: department === NONE ? null : DEPARTMENT_REFS[department]!,
  };
  return { chat, tags, updatedAt: anchor + draws[at + CHAT.updated]! };
}

function timeOf(drawn: number, anchor: number): number | null {
  return drawn === NO_TIME ? null : anchor + drawn;
}

/**
 * The agents who wrote, as an array of their number: an array grown by `push` takes room for 17,
 * ~150 bytes a chat kept for the emulator's life (bench row `repl-first-search`).
 */
function writers(draws: Int32Array, at: number): Agent[] {
  const first = draws[at]!;
  const second = draws[at + 1]!;
  const third = draws[at + 2]!;
  if (first === NONE) return [];
  if (second === NONE) return [AGENTS[first]!];
  return third === NONE
    ? [AGENTS[first]!, AGENTS[second]!]
    : [AGENTS[first]!, AGENTS[second]!, AGENTS[third]!];
}
