import { constants } from "node:buffer";
import type { Agent, Chat, Department } from "../language/index.js";
import { RATINGS, STATUSES, statusByCode, statusByName } from "../language/index.js";
import { type ChatRecord, type Dataset, lastTouched, toApiAgent, toApiChat } from "./dataset.js";

/** The dataset file (`hcql serve --export` writes it, `--data` reads it) and hand-written records. */

export const DATASET_FORMAT = "hcql-emulator-dataset";
export const DATASET_VERSION = 1;

/**
 * The `--data` file: what `hcql serve --export` writes and `--data` reads back. Past about 470,000
 * chats the text is longer than one string can be: a RangeError then says so, and datasetFileParts
 * gives the same text in pieces (as `hcql serve --export` writes it).
 */
export function serializeDataset(dataset: Dataset): string {
  return datasetFileText(dataset, constants.MAX_STRING_LENGTH);
}

/** serializeDataset, with the longest text it may make (a test's own is short). */
export function datasetFileText(dataset: Dataset, maxLength: number): string {
  const parts = [...datasetFileParts(dataset)];
  let length = 0;
  for (const part of parts) length += part.length;
  if (length > maxLength) {
    throw new RangeError(
      `the dataset file of ${dataset.chats.length} chats is ${length} characters, longer than one string can be (${maxLength}): write datasetFileParts(dataset) piece by piece`,
    );
  }
  return parts.join("");
}

/**
 * The dataset file's text in pieces, a chat a piece: `hcql serve --export` writes a million chats
 * (a gigabyte) without holding the whole text. Joined, the pieces are JSON.stringify's two-space
 * layout of the whole file.
 */
export function* datasetFileParts(dataset: Dataset): Generator<string> {
  const head = {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    agents: dataset.agents.map(toApiAgent),
    departments: dataset.departments.map((d) => ({ id: d.id, name: d.name, agents: [...d.agents] })),
  };
  const headText = JSON.stringify(head, null, 2);
  // The head without its closing brace, then the chats as they are nested two levels down.
  yield `${headText.slice(0, -2)},\n  "chats": [`;
  if (dataset.chats.length === 0) {
    yield "]\n}\n";
    return;
  }
  let separator = "";
  for (const record of dataset.chats) {
    const entry = { chat: toApiChat(record), tags: [...record.tags], updatedAt: record.updatedAt };
    yield `${separator}\n    ${JSON.stringify(entry, null, 2).replaceAll("\n", "\n    ")}`;
    separator = ",";
  }
  yield "\n  ]\n}\n";
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

/** UNIX seconds, before 1970 (negative) included, as a number or a string of digits. */
function timestamp(value: Json, path: string): number {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  if (typeof value === "string" && /^-?\d{1,15}$/.test(value)) return Number(value);
  return fail(path, "expected UNIX seconds (an integer or a string of digits)");
}
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
export function parseRecord(value: unknown, path = "record"): ChatRecord {
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
export function parseDataset(value: unknown): Dataset {
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
