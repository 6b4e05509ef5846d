import type { Agent, Chat, Customer, Department } from "../language/index.js";
import { LAST_UNIX_SECOND, refusedSeconds, statusByCode } from "../language/index.js";
import { FIRST_ANCHOR } from "./anchor.js";
import { type ChatRecord, type Dataset, lastTouched } from "./dataset.js";
import { checkSeed, Random } from "./random.js";

/** The generated demo data: deterministic chats, customers, agents and departments from a seed. */

export const DEFAULT_SEED = 1;
export const DEFAULT_CHAT_COUNT = 2_500;

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

const DAY = 86_400;
const YEAR = 365 * DAY;

/** The fixed tag vocabulary of generated customers. */
export const TAG_VOCABULARY = [
  "Paid",
  "Lead",
  "VIP",
  "Trial",
  "Churned",
  "Enterprise",
  "Partner",
  "Beta",
  "Newsletter",
  "Needs follow-up",
] as const;

const AGENTS: readonly Agent[] = [
  { id: 3129, name: "Kosta", email: "kosta@company.com", role: "admin" },
  { id: 6668, name: "Donald", email: "donald@blabla.co", role: "admin" },
  { id: 3140, name: "Zoë Müller", email: "zoe.mueller@company.com", role: "agent" },
  { id: 3155, name: "Олег Петренко", email: "oleg@company.com", role: "agent" },
  { id: 3171, name: "王芳", email: "wang.fang@company.com", role: "agent" },
  { id: 3188, name: "فاطمة الزهراء", email: "fatima@company.com", role: "agent" },
  { id: 4012, name: "José Álvarez", email: "jose.alvarez@company.com", role: "agent" },
  { id: 4025, name: "Łukasz Wróbel", email: "lukasz@company.com", role: "agent" },
  { id: 4031, name: "田中 優希", email: "yuki.tanaka@company.com", role: "agent" },
  { id: 4477, name: "Amélie Dubois", email: "amelie@company.com", role: "agent" },
  { id: 5120, name: "Ngozi Okafor", email: "ngozi@company.com", role: "agent" },
  { id: 5206, name: "Søren Holm", email: null, role: "owner" },
];

const DEPARTMENTS: readonly Department[] = [
  { id: 101, name: "Support", agents: [3129, 3140, 3155, 4025, 5120] },
  { id: 102, name: "Sales", agents: [6668, 4012, 4477] },
  { id: 103, name: "Billing", agents: [3171, 3188] },
  { id: 104, name: "Доставка 🚚", agents: [3155, 4031, 5206] },
];

const FIRST_NAMES = [
  "Michael",
  "Laura",
  "Emanuel",
  "Kevin",
  "Borat",
  "Chloé",
  "François",
  "Björn",
  "Ærin",
  "Иван",
  "Анастасия",
  "Дмитрий",
  "李雷",
  "韩梅梅",
  "さくら",
  "김민준",
  "محمد",
  "ليلى",
  "Oğuz",
  "Nguyễn Văn An",
  "Priya",
  "Sipho",
  "Mateus",
  "Ingrid",
];
const LAST_NAMES = ["Smith", "García", "Kowalski", "Соколов", "O'Brien", "Nakamura", "Haddad", "", "", ""];
const EMAIL_DOMAINS = [
  "hellomail.com",
  "mybusiness.io",
  "example.co.uk",
  "homealone.io",
  "example.com",
  "почта.рф",
];

const MESSAGES = [
  "May I know how crucial is this for you?",
  "Can you bear with us for a while? :slightly_smiling_face:",
  "That would be great, thanks!",
  "Hi Kevin,\nThank you for reaching out. That integration is one of the most requested features.",
  "Hello,\nThank you for reaching out.",
  "Merci beaucoup ! Ça marche très bien maintenant 🎉",
  "¿Podrían enviarme la factura de marzo?",
  "Спасибо, всё работает 👍",
  "Здравствуйте! Не могу войти в личный кабинет.\nПишет «неверный пароль».",
  "请问你们支持退款吗？",
  "ありがとうございます！😊",
  "مرحبا، أحتاج إلى مساعدة في الدفع",
  "The invoice shows the wrong VAT number 😕",
  "Our team upgraded to the Enterprise plan — please confirm 🙏",
  "Ok",
  "I'll check and get back to you.\n\nBest,\nSupport",
  "Straße und Hausnummer sind falsch übernommen worden.",
  "🔥🔥🔥",
  "Can I change my email address?",
  "Thanks for the quick reply!",
];

// Generating the demo data comes before the shell's first answer (bench row `repl-first-search`):
// what depends on a name alone is worked out once, not once per chat or customer.
const agentsById = new Map(AGENTS.map((a) => [a.id, a]));
const handles = new Map<string, string>();

/** Each department's agents (the pool its chats are assigned from), and the reference its chats hold. */
const DEPARTMENT_CHATS = new Map(
  DEPARTMENTS.map((d) => [d, { pool: d.agents.map(agentById), ref: { id: d.id, name: d.name } }]),
);

/** The API status name of a status code. */
function statusName(code: number): string {
  return statusByCode(code)!.apiName;
}

interface GeneratedCustomer {
  readonly customer: Customer;
  readonly tags: readonly string[];
}

function generateCustomers(random: Random, count: number): GeneratedCustomer[] {
  const customers: GeneratedCustomer[] = [];
  let id = 7_831_500;
  for (let i = 0; i < count; i++) {
    id += random.int(1, 1_300);
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const name = random.chance(0.05) ? null : last === "" ? first : `${first} ${last}`;
    const local = `${asciiHandle(first)}${random.chance(0.5) ? `.${asciiHandle(last) || "x"}` : ""}${random.int(1, 999)}`;
    const email = random.chance(0.2) ? null : `${local}@${random.pick(EMAIL_DOMAINS)}`;
    const userId = random.chance(0.5) ? null : `u-${random.int(10_000, 99_999)}`;
    const tags = random.subset(TAG_VOCABULARY, 3, 0.18);
    customers.push({ customer: { id, name, email, userId }, tags });
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

const STATUS_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 6],
  [2, 12],
  [3, 14],
  [4, 6],
  [5, 5],
  [6, 52],
  [7, 5],
];

const RATING_WEIGHTS: readonly (readonly [string | null, number])[] = [
  [null, 45],
  ["great", 30],
  ["average", 15],
  ["poor", 10],
];

/** Generates a deterministic dataset: same options, same data. */
export function generateDataset(options: GenerateOptions = {}): Dataset {
  const seed = checkSeed("seed", options.seed === undefined ? DEFAULT_SEED : options.seed);
  const count = options.chats ?? DEFAULT_CHAT_COUNT;
  const anchor = options.anchor ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`chats must be a whole number ≥ 0`);
  if (!(Number.isSafeInteger(anchor) && anchor >= FIRST_ANCHOR && anchor <= LAST_UNIX_SECOND)) {
    throw new RangeError(
      `anchor must be UNIX seconds from ${FIRST_ANCHOR} (1971-01-01) to ${LAST_UNIX_SECOND} (9999-12-31T23:59:59Z)${refusedSeconds(anchor, FIRST_ANCHOR)}`,
    );
  }
  const random = new Random(seed);
  const customers = generateCustomers(random, Math.max(1, Math.ceil(count / 2.5)));
  const start = anchor - YEAR;
  // Creation times in ascending order, so chat ids grow with time as they do in HelpCrunch;
  // about 2% share a creation second with the chat before (ties for the sort rule).
  const created = Array.from({ length: count }, () => random.int(start, anchor - 60)).sort((a, b) => a - b);
  for (let i = 1; i < count; i++) if (random.chance(0.02)) created[i] = created[i - 1]!;
  let chatId = 5_200_000;
  let messageId = 9_500_000;
  const chats: ChatRecord[] = [];
  for (const createdAt of created) {
    chatId += random.int(1, 40);
    messageId += random.int(1, 60);
    chats.push(generateChat(random, chatId, messageId, createdAt, anchor, random.pick(customers)));
  }
  return { agents: AGENTS, departments: DEPARTMENTS, chats };
}

function agentById(id: number): Agent {
  return agentsById.get(id)!;
}

function generateChat(
  random: Random,
  id: number,
  messageId: number,
  createdAt: number,
  anchor: number,
  { customer, tags }: GeneratedCustomer,
): ChatRecord {
  const statusCode = random.weighted(STATUS_WEIGHTS);
  const department = random.chance(0.3) ? null : DEPARTMENT_CHATS.get(random.pick(DEPARTMENTS))!;
  const pool = department ? department.pool : AGENTS;
  const assignee = statusCode === 1 || random.chance(0.12) ? null : random.pick(pool);
  const hasMessages = statusCode !== 7;
  const customerWrote = hasMessages && statusCode !== 5;
  const agentsWrote = hasMessages && statusCode !== 1 ? agentsWho(random, assignee, pool) : [];
  const remaining = anchor - createdAt;
  const lastMessageAt = hasMessages ? createdAt + random.int(0, Math.min(remaining, 20 * DAY)) : null;
  const lastCustomerMessageAt =
    lastMessageAt !== null && customerWrote
      ? random.chance(0.6)
        ? lastMessageAt
        : Math.max(createdAt, lastMessageAt - random.int(0, 3 * DAY))
      : null;
  const closed = statusCode === 6;
  // Closed within two days of the last message, never after the anchor (and not all exactly at it).
  const lastActivity = lastMessageAt ?? createdAt;
  const closedAt = closed
    ? lastActivity + random.int(0, Math.max(0, Math.min(2 * DAY, anchor - lastActivity)))
    : null;
  const closedBy = closed ? (random.chance(0.2) ? null : (assignee ?? random.pick(AGENTS)).id) : null;
  const rating = closed ? random.weighted(RATING_WEIGHTS) : null;
  const snoozedUntil = statusCode === 4 && random.chance(0.5) ? anchor + random.int(1, 7) * DAY : null;
  const lastCommunicated = agentsWrote[agentsWrote.length - 1] ?? null;
  const chat: Chat = {
    id,
    closedBy,
    lastCustomerMessageAt,
    status: statusName(statusCode),
    closedAt,
    rating,
    createdAt,
    lastMessageAt,
    snoozedUntil,
    lastMessageText: hasMessages ? random.pick(MESSAGES) : null,
    lastMessageId: hasMessages ? messageId : null,
    lastCommunicatedAgentId: lastCommunicated?.id ?? null,
    agents: agentsWrote,
    customer,
    assignee,
    department: department ? department.ref : null,
  };
  const updatedAt = Math.min(anchor, lastTouched(chat) + (random.chance(0.3) ? random.int(1, DAY) : 0));
  return { chat, tags, updatedAt };
}

/**
 * The agents who wrote in a chat: often its assignee, and up to two others of the pool (chosen as
 * `Random.subset` chooses), each once. Held in three slots and returned as an array of their number:
 * an array grown by `push` takes room for 17, ~150 bytes a chat kept for the emulator's life
 * (bench row `repl-first-search`).
 */
function agentsWho(random: Random, assignee: Agent | null, pool: readonly Agent[]): Agent[] {
  let first = assignee && random.chance(0.85) ? assignee : undefined;
  let second: Agent | undefined;
  let third: Agent | undefined;
  let others = 0;
  for (let i = 0; i < pool.length; i++) {
    if (!(random.chance(0.15) && others < 2)) continue;
    others++;
    // Agents are the table's own objects, so the same agent is the same object.
    const agent = pool[i]!;
    if (agent === first || agent === second) continue;
    if (first === undefined) first = agent;
    else if (second === undefined) second = agent;
    else third = agent;
  }
  if (first === undefined) return [];
  if (second === undefined) return [first];
  return third === undefined ? [first, second] : [first, second, third];
}
