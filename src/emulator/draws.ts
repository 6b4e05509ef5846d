import { RATINGS } from "../language/index.js";
import {
  AGENTS,
  DEPARTMENTS,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  LAST_NAMES,
  MESSAGES,
  TAG_VOCABULARY,
} from "./demo-tables.js";
import { Random } from "./random.js";

/**
 * The random part of the demo data: every number drawn from the seed, in the order drawn, kept as
 * small integers (an index of a table in demo-tables.ts, a count, or seconds relative to the
 * anchor). generate.ts builds the chats from them. Drawn as integers in Smi range, not as chat
 * objects and UNIX times, the numbers leave nothing behind for the collector (bench row
 * `repl-first-search`); relative to the anchor, they are the same for any anchor, so one drawing
 * serves every anchor.
 */
export interface Draws {
  /** CUSTOMER.size numbers a customer. */
  readonly customers: Int32Array;
  /** CHAT.size numbers a chat, in the order of the chats. */
  readonly chats: Int32Array;
}

/** The demo's seed and number of chats: what `generateDataset` draws unless told otherwise. */
export const DEFAULT_SEED = 1;
export const DEFAULT_CHAT_COUNT = 2_500;

/** No table entry: no department, no assignee, no rating, no email. */
export const NONE = -1;
/** No time (a null timestamp); every other time is seconds after the anchor (before it if negative). */
export const NO_TIME = 0x7fffffff;

/** A customer's draws, by position. */
export const CUSTOMER = {
  id: 0,
  first: 1,
  last: 2,
  /** 1 if the customer has a name, else 0. */
  named: 3,
  /** 1 if the email's local part holds the last name too, else 0. */
  dotted: 4,
  /** The number that ends the email's local part. */
  number: 5,
  /** An index of EMAIL_DOMAINS, or NONE for no email. */
  domain: 6,
  /** The number of `u-<number>`, or NONE. */
  userId: 7,
  /** A bit for each of TAG_VOCABULARY the customer has. */
  tags: 8,
  size: 9,
} as const;

/** A chat's draws, by position. Agents are indices of AGENTS. */
export const CHAT = {
  id: 0,
  messageId: 1,
  customer: 2,
  /** A status code of the language's STATUSES. */
  status: 3,
  department: 4,
  assignee: 5,
  /** Three places: the agents who wrote, in order, then NONE. */
  writers: 6,
  created: 9,
  lastMessage: 10,
  lastCustomerMessage: 11,
  closed: 12,
  closedBy: 13,
  rating: 14,
  snoozedUntil: 15,
  /** An index of MESSAGES, or NONE. */
  message: 16,
  updated: 17,
  size: 18,
} as const;

const DAY = 86_400;
const YEAR = 365 * DAY;

/** Every agent, as a pool to assign from. */
const ALL_AGENTS = AGENTS.map((_, i) => i);
/** Each department's agents, as indices of AGENTS. */
const DEPARTMENT_POOLS = DEPARTMENTS.map((d) => d.agents.map((id) => AGENTS.findIndex((a) => a.id === id)));

const STATUS_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 6],
  [2, 12],
  [3, 14],
  [4, 6],
  [5, 5],
  [6, 52],
  [7, 5],
];

/** Indices of the language's RATINGS, or NONE. */
const RATING_WEIGHTS: readonly (readonly [number, number])[] = [
  [NONE, 45],
  [RATINGS.indexOf("great"), 30],
  [RATINGS.indexOf("average"), 15],
  [RATINGS.indexOf("poor"), 10],
];

/** The draws of `count` chats from `seed`. */
export function drawDataset(seed: number, count: number): Draws {
  const random = new Random(seed);
  const customerCount = Math.max(1, Math.ceil(count / 2.5));
  const customers = drawCustomers(random, customerCount);
  // Creation times in ascending order, so chat ids grow with time as they do in HelpCrunch;
  // about 2% share a creation second with the chat before (ties for the sort rule).
  const created = new Int32Array(count);
  for (let i = 0; i < count; i++) created[i] = random.int(-YEAR, -60);
  created.sort();
  for (let i = 1; i < count; i++) if (random.chance(0.02)) created[i] = created[i - 1]!;
  const chats = new Int32Array(count * CHAT.size);
  let chatId = 5_200_000;
  let messageId = 9_500_000;
  for (let i = 0; i < count; i++) {
    const at = i * CHAT.size;
    chatId += random.int(1, 40);
    messageId += random.int(1, 60);
    chats[at + CHAT.id] = chatId;
    chats[at + CHAT.messageId] = messageId;
    chats[at + CHAT.customer] = random.index(customerCount);
    drawChat(random, chats, at, created[i]!);
  }
  return { customers, chats };
}

function drawCustomers(random: Random, count: number): Int32Array {
  const customers = new Int32Array(count * CUSTOMER.size);
  let id = 7_831_500;
  for (let i = 0; i < count; i++) {
    const at = i * CUSTOMER.size;
    id += random.int(1, 1_300);
    customers[at + CUSTOMER.id] = id;
    customers[at + CUSTOMER.first] = random.index(FIRST_NAMES.length);
    customers[at + CUSTOMER.last] = random.index(LAST_NAMES.length);
    customers[at + CUSTOMER.named] = random.chance(0.05) ? 0 : 1;
    customers[at + CUSTOMER.dotted] = random.chance(0.5) ? 1 : 0;
    customers[at + CUSTOMER.number] = random.int(1, 999);
    customers[at + CUSTOMER.domain] = random.chance(0.2) ? NONE : random.index(EMAIL_DOMAINS.length);
    customers[at + CUSTOMER.userId] = random.chance(0.5) ? NONE : random.int(10_000, 99_999);
    customers[at + CUSTOMER.tags] = random.mask(TAG_VOCABULARY.length, 3, 0.18);
  }
  return customers;
}

/** The draws of the chat at `at`, created `created` seconds after the anchor. */
function drawChat(random: Random, chats: Int32Array, at: number, created: number): void {
  const status = random.weighted(STATUS_WEIGHTS);
  const department = random.chance(0.3) ? NONE : random.index(DEPARTMENTS.length);
  const pool = department === NONE ? ALL_AGENTS : DEPARTMENT_POOLS[department]!;
  const assignee = status === 1 || random.chance(0.12) ? NONE : pool[random.index(pool.length)]!;
  const hasMessages = status !== 7;
  const customerWrote = hasMessages && status !== 5;
  if (hasMessages && status !== 1) drawWriters(random, assignee, pool, chats, at + CHAT.writers);
  else chats.fill(NONE, at + CHAT.writers, at + CHAT.writers + 3);
  const lastMessage = hasMessages ? created + random.int(0, Math.min(-created, 20 * DAY)) : NO_TIME;
  const lastCustomerMessage =
    lastMessage !== NO_TIME && customerWrote
      ? random.chance(0.6)
        ? lastMessage
        : Math.max(created, lastMessage - random.int(0, 3 * DAY))
      : NO_TIME;
  const closed = status === 6;
  // Closed within two days of the last message, never after the anchor (and not all exactly at it).
  const lastActivity = lastMessage === NO_TIME ? created : lastMessage;
  const closedAt = closed
    ? lastActivity + random.int(0, Math.max(0, Math.min(2 * DAY, -lastActivity)))
    : NO_TIME;
  const closedBy = !closed
    ? NONE
    : random.chance(0.2)
      ? NONE
      : assignee !== NONE
        ? assignee
        : random.index(AGENTS.length);
  const rating = closed ? random.weighted(RATING_WEIGHTS) : NONE;
  const snoozedUntil = status === 4 && random.chance(0.5) ? random.int(1, 7) * DAY : NO_TIME;
  const message = hasMessages ? random.index(MESSAGES.length) : NONE;
  const touched = Math.max(created, lastActivity, closedAt === NO_TIME ? created : closedAt);
  const updated = Math.min(0, touched + (random.chance(0.3) ? random.int(1, DAY) : 0));
  chats[at + CHAT.status] = status;
  chats[at + CHAT.department] = department;
  chats[at + CHAT.assignee] = assignee;
  chats[at + CHAT.created] = created;
  chats[at + CHAT.lastMessage] = lastMessage;
  chats[at + CHAT.lastCustomerMessage] = lastCustomerMessage;
  chats[at + CHAT.closed] = closedAt;
  chats[at + CHAT.closedBy] = closedBy;
  chats[at + CHAT.rating] = rating;
  chats[at + CHAT.snoozedUntil] = snoozedUntil;
  chats[at + CHAT.message] = message;
  chats[at + CHAT.updated] = updated;
}

/**
 * The agents who wrote in a chat: often its assignee, and up to two others of the pool (each takes
 * its chance, as `Random.mask` draws), each once; written to three places, then NONE.
 */
function drawWriters(random: Random, assignee: number, pool: readonly number[], out: Int32Array, at: number) {
  let first = assignee !== NONE && random.chance(0.85) ? assignee : NONE;
  let second = NONE;
  let third = NONE;
  let others = 0;
  for (let i = 0; i < pool.length; i++) {
    if (!(random.chance(0.15) && others < 2)) continue;
    others++;
    const agent = pool[i]!;
    if (agent === first || agent === second) continue;
    if (first === NONE) first = agent;
    else if (second === NONE) second = agent;
    else third = agent;
  }
  out[at] = first;
  out[at + 1] = second;
  out[at + 2] = third;
}
