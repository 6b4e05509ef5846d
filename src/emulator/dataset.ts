import type { Agent, Chat, Customer, Department } from "../language/api.js";
import { RATINGS, STATUSES, statusByCode, statusByName } from "../language/values.js";
import { Random } from "./random.js";

/**
 * The emulator's data. A record keeps the chat as the API returns it plus what the API filters on but
 * does not return (the customer's tags, `updatedAt`), so tests can evaluate queries on the same data.
 */
export interface ChatRecord {
  readonly chat: Chat;
  readonly tags: readonly string[];
  readonly updatedAt: number;
}

export interface Dataset {
  readonly agents: readonly Agent[];
  readonly departments: readonly Department[];
  readonly chats: readonly ChatRecord[];
}

export interface GenerateOptions {
  /** Same seed and anchor, same data. Default 1. */
  readonly seed?: number;
  /** Number of chats. Default 2,500. */
  readonly chats?: number;
  /** UNIX seconds; every timestamp falls in the 365 days before it. Default: now. */
  readonly anchor?: number;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_CHAT_COUNT = 2_500;
export const DATASET_FORMAT = "hcql-emulator-dataset";
export const DATASET_VERSION = 1;

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
  const seed = options.seed ?? DEFAULT_SEED;
  const count = options.chats ?? DEFAULT_CHAT_COUNT;
  const anchor = options.anchor ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`chats must be a whole number ≥ 0`);
  if (!Number.isSafeInteger(anchor) || anchor < YEAR) throw new RangeError(`anchor must be UNIX seconds`);
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
  return AGENTS.find((a) => a.id === id)!;
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
  const department = random.chance(0.3) ? null : random.pick(DEPARTMENTS);
  const pool = department ? department.agents.map(agentById) : AGENTS;
  const assignee = statusCode === 1 || random.chance(0.12) ? null : random.pick(pool);
  const hasMessages = statusCode !== 7;
  const customerWrote = hasMessages && statusCode !== 5;
  const agentsWrote =
    hasMessages && statusCode !== 1
      ? uniqueAgents([
          ...(assignee && random.chance(0.85) ? [assignee] : []),
          ...random.subset(pool, 2, 0.15),
        ])
      : [];
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
    department: department ? { id: department.id, name: department.name } : null,
  };
  const updatedAt = Math.min(anchor, lastTouched(chat) + (random.chance(0.3) ? random.int(1, DAY) : 0));
  return { chat, tags, updatedAt };
}

/** The chat's latest own time (created, last message, closed): the least its `updatedAt` can be. */
export function lastTouched(chat: Pick<Chat, "createdAt" | "lastMessageAt" | "closedAt">): number {
  return Math.max(chat.createdAt, chat.lastMessageAt ?? 0, chat.closedAt ?? 0);
}

function uniqueAgents(agents: readonly Agent[]): Agent[] {
  return agents.filter((a, i) => agents.findIndex((b) => b.id === a.id) === i);
}

/** The chat object the API returns for a record: a fresh object, keys in the API's order. */
export function toApiChat(record: ChatRecord): Chat {
  const c = record.chat;
  return {
    id: c.id,
    closedBy: c.closedBy,
    lastCustomerMessageAt: c.lastCustomerMessageAt,
    status: c.status,
    closedAt: c.closedAt,
    rating: c.rating,
    createdAt: c.createdAt,
    lastMessageAt: c.lastMessageAt,
    snoozedUntil: c.snoozedUntil,
    lastMessageText: c.lastMessageText,
    lastMessageId: c.lastMessageId,
    lastCommunicatedAgentId: c.lastCommunicatedAgentId,
    agents: c.agents.map(toApiAgent),
    customer: {
      id: c.customer.id,
      name: c.customer.name,
      email: c.customer.email,
      userId: c.customer.userId,
    },
    assignee: c.assignee ? toApiAgent(c.assignee) : null,
    department: c.department ? { id: c.department.id, name: c.department.name } : null,
  };
}

function toApiAgent(a: Agent): Agent {
  return { id: a.id, name: a.name, email: a.email, role: a.role };
}

/** The `--data` file: what `hcql serve --export` writes and `--data` reads back. */
export function serializeDataset(dataset: Dataset): string {
  const file = {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    agents: dataset.agents.map(toApiAgent),
    departments: dataset.departments.map((d) => ({ id: d.id, name: d.name, agents: [...d.agents] })),
    chats: dataset.chats.map((r) => ({ chat: toApiChat(r), tags: [...r.tags], updatedAt: r.updatedAt })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A problem in loaded data, with the JSON path of the offending value. */
export class DatasetError extends Error {
  override name = "DatasetError";
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fail(path: string, message: string): never {
  throw new DatasetError(`${path}: ${message}`);
}

/** A reader of whole numbers ≥ 0, given as numbers or strings of digits; `expected` says what is wanted. */
function wholeNumber(expected: string): (value: Json, path: string) => number {
  return (value, path) => {
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
    if (typeof value === "string" && /^\d{1,15}$/.test(value)) return Number(value);
    return fail(path, expected);
  };
}

const timestamp = wholeNumber("expected UNIX seconds (an integer or a string of digits)");
const id = wholeNumber("expected an integer id");

/** A value that may be missing or null (null then), else read by `read`. */
function optional<T>(value: Json, path: string, read: (value: Json, path: string) => T): T | null {
  return value === undefined || value === null ? null : read(value, path);
}

function optionalString(value: Json, path: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  return fail(path, "expected a string or null");
}

function objectAt(value: Json, path: string): Record<string, Json> {
  return isObject(value) ? value : fail(path, "expected an object");
}

function arrayAt(value: Json, path: string): Json[] {
  return Array.isArray(value) ? value : fail(path, "expected an array");
}

function parseAgent(value: Json, path: string): Agent {
  const o = objectAt(value, path);
  return {
    id: id(o.id, `${path}.id`),
    name: optionalString(o.name, `${path}.name`),
    email: optionalString(o.email, `${path}.email`),
    role: optionalString(o.role, `${path}.role`) ?? "agent",
  };
}

function parseStatus(value: Json, path: string): string {
  const spec =
    typeof value === "number"
      ? statusByCode(value)
      : typeof value === "string"
        ? statusByName(value)
        : undefined;
  if (spec) return spec.apiName;
  return fail(
    path,
    `unknown status ${JSON.stringify(value)}; use one of ${STATUSES.map((s) => `"${s.apiName}"`).join(", ")}`,
  );
}

function parseRating(value: Json, path: string): string | null {
  const rating = optionalString(value, path);
  if (rating === null || (RATINGS as readonly string[]).includes(rating)) return rating;
  return fail(path, `unknown rating "${rating}"; use one of ${RATINGS.join(", ")} or null`);
}

function parseChat(value: Json, path: string): Chat {
  const c = objectAt(value, path);
  const customer = objectAt(c.customer, `${path}.customer`);
  const department = optional(c.department, `${path}.department`, objectAt);
  const createdAt = timestamp(c.createdAt, `${path}.createdAt`);
  return {
    id: id(c.id, `${path}.id`),
    closedBy: optional(c.closedBy, `${path}.closedBy`, id),
    lastCustomerMessageAt: optional(c.lastCustomerMessageAt, `${path}.lastCustomerMessageAt`, timestamp),
    status: parseStatus(c.status, `${path}.status`),
    closedAt: optional(c.closedAt, `${path}.closedAt`, timestamp),
    rating: parseRating(c.rating, `${path}.rating`),
    createdAt,
    lastMessageAt: optional(c.lastMessageAt, `${path}.lastMessageAt`, timestamp),
    snoozedUntil: optional(c.snoozedUntil, `${path}.snoozedUntil`, timestamp),
    lastMessageText: optionalString(c.lastMessageText, `${path}.lastMessageText`),
    lastMessageId: optional(c.lastMessageId, `${path}.lastMessageId`, id),
    lastCommunicatedAgentId: optional(c.lastCommunicatedAgentId, `${path}.lastCommunicatedAgentId`, id),
    agents:
      c.agents === undefined
        ? []
        : arrayAt(c.agents, `${path}.agents`).map((a, i) => parseAgent(a, `${path}.agents[${i}]`)),
    customer: {
      id: id(customer.id, `${path}.customer.id`),
      name: optionalString(customer.name, `${path}.customer.name`),
      email: optionalString(customer.email, `${path}.customer.email`),
      userId: optionalString(customer.userId, `${path}.customer.userId`),
    },
    assignee: optional(c.assignee, `${path}.assignee`, parseAgent),
    department: department
      ? {
          id: id(department.id, `${path}.department.id`),
          name: optionalString(department.name, `${path}.department.name`) ?? "",
        }
      : null,
  };
}

/**
 * Reads one record. Only `chat.id`, `chat.status`, `chat.createdAt` and `chat.customer.id` are required:
 * other chat fields default to null (`agents` to []), `tags` to [], and `updatedAt` to the chat's latest
 * timestamp. Timestamps may be numbers or strings of digits, as some API pages show them.
 */
export function parseRecord(value: Json, path = "record"): ChatRecord {
  const r = objectAt(value, path);
  const chat = parseChat(r.chat, `${path}.chat`);
  const tags =
    r.tags === undefined
      ? []
      : arrayAt(r.tags, `${path}.tags`).map((t, i) =>
          typeof t === "string" ? t : fail(`${path}.tags[${i}]`, "expected a string"),
        );
  const updatedAt =
    r.updatedAt === undefined ? lastTouched(chat) : timestamp(r.updatedAt, `${path}.updatedAt`);
  return { chat, tags, updatedAt };
}

/**
 * Reads a dataset: the object `serializeDataset` writes, or just an array of records. Agents and
 * departments default to those the chats mention. Throws DatasetError naming the first bad value.
 */
export function parseDataset(value: Json): Dataset {
  const file = Array.isArray(value) ? { chats: value } : objectAt(value, "dataset");
  if (file.format !== undefined && file.format !== DATASET_FORMAT)
    fail("format", `expected "${DATASET_FORMAT}"`);
  if (file.version !== undefined && file.version !== DATASET_VERSION)
    fail("version", `expected ${DATASET_VERSION}`);
  const chats = arrayAt(file.chats, "chats").map((r, i) => parseRecord(r, `chats[${i}]`));
  const seen = new Set<number>();
  chats.forEach((r, i) => {
    if (seen.has(r.chat.id)) fail(`chats[${i}].chat.id`, `duplicate chat id ${r.chat.id}`);
    seen.add(r.chat.id);
  });
  const agents =
    file.agents === undefined
      ? agentsOf(chats)
      : arrayAt(file.agents, "agents").map((a, i) => parseAgent(a, `agents[${i}]`));
  const departments =
    file.departments === undefined
      ? departmentsOf(chats)
      : arrayAt(file.departments, "departments").map((d, i) => parseDepartment(d, `departments[${i}]`));
  return { agents, departments, chats };
}

function parseDepartment(value: Json, path: string): Department {
  const d = objectAt(value, path);
  return {
    id: id(d.id, `${path}.id`),
    name: optionalString(d.name, `${path}.name`) ?? "",
    agents:
      d.agents === undefined
        ? []
        : arrayAt(d.agents, `${path}.agents`).map((a, i) => id(a, `${path}.agents[${i}]`)),
  };
}

function agentsOf(chats: readonly ChatRecord[]): Agent[] {
  const byId = new Map<number, Agent>();
  for (const { chat } of chats) {
    for (const a of [...(chat.assignee ? [chat.assignee] : []), ...chat.agents])
      if (!byId.has(a.id)) byId.set(a.id, a);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function departmentsOf(chats: readonly ChatRecord[]): Department[] {
  const byId = new Map<number, { name: string; agents: Set<number> }>();
  for (const { chat } of chats) {
    if (!chat.department) continue;
    const entry = byId.get(chat.department.id) ?? { name: chat.department.name, agents: new Set<number>() };
    if (chat.assignee) entry.agents.add(chat.assignee.id);
    byId.set(chat.department.id, entry);
  }
  return [...byId.entries()]
    .sort(([a], [b]) => a - b)
    .map(([id, d]) => ({ id, name: d.name, agents: [...d.agents].sort((a, b) => a - b) }));
}
