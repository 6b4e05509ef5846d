import type { Agent, Chat, Customer, Department } from "../language/index.js";
import type { ApiErrorItem } from "./errors.js";

/**
 * Checks the API's answers at the boundary: everything past here can trust the types.
 * Timestamps and ids may come as numbers or numeric strings (the docs show both) and leave as numbers.
 * Fields the client does not know are passed through unchanged.
 */

/** A response that does not have the documented shape; `reason` names the spot. */
export class ShapeError extends Error {
  override name = "ShapeError";
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fail(path: string, what: string): never {
  throw new ShapeError(`${path} ${what}`);
}

function object(value: unknown, path: string): Json {
  return isObject(value) ? value : fail(path, "is not an object");
}

const DIGITS = /^-?\d{1,16}$/;

/** An integer given as a number or a string of digits. */
function integer(value: unknown, path: string): number {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  if (typeof value === "string" && DIGITS.test(value.trim())) return Number(value.trim());
  return fail(path, "is not an integer");
}

function optionalInteger(value: unknown, path: string): number | null {
  return value === null || value === undefined ? null : integer(value, path);
}

function optionalString(value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : fail(path, "is not a string");
}

function string(value: unknown, path: string): string {
  return typeof value === "string" ? value : fail(path, "is not a string");
}

function array(value: unknown, path: string): unknown[] {
  return Array.isArray(value) ? value : fail(path, "is not an array");
}

/**
 * The readers below check and normalise the objects JSON.parse made in place (they belong to no one
 * else), rather than copying every chat of every page (bench row `all-memory`).
 */
function person(
  raw: unknown,
  path: string,
): Json & { id: number; name: string | null; email: string | null } {
  const o = object(raw, path);
  o.id = integer(o.id, `${path}.id`);
  o.name = optionalString(o.name, `${path}.name`);
  o.email = optionalString(o.email, `${path}.email`);
  return o as Json & { id: number; name: string | null; email: string | null };
}

export function parseAgent(raw: unknown, path: string): Agent {
  const p: Json = person(raw, path);
  p.role = optionalString(p.role, `${path}.role`) ?? "";
  return p as unknown as Agent;
}

function parseCustomer(raw: unknown, path: string): Customer {
  const p: Json = person(raw, path);
  p.userId = optionalString(p.userId, `${path}.userId`);
  return p as unknown as Customer;
}

function parseDepartmentRef(raw: unknown, path: string): Chat["department"] {
  if (raw === null || raw === undefined) return null;
  const o = object(raw, path);
  o.id = integer(o.id, `${path}.id`);
  o.name = optionalString(o.name, `${path}.name`) ?? "";
  return o as unknown as Chat["department"];
}

export function parseChat(raw: unknown, path: string): Chat {
  const o = object(raw, path);
  const at = (key: string) => `${path}.${key}`;
  const timestamp = (key: string) => optionalInteger(o[key], at(key));
  o.id = integer(o.id, at("id"));
  o.status = string(o.status, at("status"));
  o.createdAt = integer(o.createdAt, at("createdAt"));
  o.closedAt = timestamp("closedAt");
  o.lastMessageAt = timestamp("lastMessageAt");
  o.lastCustomerMessageAt = timestamp("lastCustomerMessageAt");
  o.snoozedUntil = timestamp("snoozedUntil");
  if ("updatedAt" in o) o.updatedAt = timestamp("updatedAt");
  o.closedBy = optionalInteger(o.closedBy, at("closedBy"));
  o.rating = optionalString(o.rating, at("rating"));
  o.lastMessageText = optionalString(o.lastMessageText, at("lastMessageText"));
  o.lastMessageId = optionalInteger(o.lastMessageId, at("lastMessageId"));
  o.lastCommunicatedAgentId = optionalInteger(o.lastCommunicatedAgentId, at("lastCommunicatedAgentId"));
  o.agents = array(o.agents ?? [], at("agents")).map((a, i) => parseAgent(a, `${at("agents")}[${i}]`));
  o.customer = parseCustomer(o.customer, at("customer"));
  o.assignee =
    o.assignee === null || o.assignee === undefined ? null : parseAgent(o.assignee, at("assignee"));
  o.department = parseDepartmentRef(o.department, at("department"));
  return o as unknown as Chat;
}

/** The total of a list answer: `meta.total` or a top-level `total`. */
function parseTotal(o: Json): number {
  if (isObject(o.meta) && o.meta.total !== undefined) {
    const total = integer(o.meta.total, "meta.total");
    return total >= 0 ? total : fail("meta.total", "is negative");
  }
  if (o.total !== undefined) {
    const total = integer(o.total, "total");
    return total >= 0 ? total : fail("total", "is negative");
  }
  return fail("meta.total", "is missing");
}

export interface ChatPageData {
  readonly chats: Chat[];
  readonly total: number;
}

export function parseChatPage(raw: unknown): ChatPageData {
  const o = object(raw, "the body");
  const chats = array(o.data, "data").map((c, i) => parseChat(c, `data[${i}]`));
  return { chats, total: parseTotal(o) };
}

export function parseAgents(raw: unknown): Agent[] {
  const o = object(raw, "the body");
  return array(o.data, "data").map((a, i) => parseAgent(a, `data[${i}]`));
}

export function parseDepartments(raw: unknown): Department[] {
  const o = object(raw, "the body");
  return array(o.data, "data").map((d, i) => {
    const path = `data[${i}]`;
    const dep = object(d, path);
    const agents = array(dep.agents ?? [], `${path}.agents`).map((a, j) =>
      // Agents may be listed as ids or as agent objects.
      isObject(a) ? integer(a.id, `${path}.agents[${j}].id`) : integer(a, `${path}.agents[${j}]`),
    );
    return {
      ...dep,
      id: integer(dep.id, `${path}.id`),
      name: optionalString(dep.name, `${path}.name`) ?? "",
      agents,
    };
  });
}

/**
 * The `errors` array of an error answer, or an empty list when the body has none readable. With the
 * `X-Hcql-Error-Paths` header (one entry per error), each error gets its `path`; a header that does
 * not match the errors one to one is ignored.
 */
export function parseApiErrors(text: string, pathsHeader?: string | null): ApiErrorItem[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isObject(raw) || !Array.isArray(raw.errors)) return [];
  const errors = raw.errors.filter(isObject).map((e) => ({
    code: typeof e.code === "string" ? e.code : String(e.code ?? ""),
    message: typeof e.message === "string" ? e.message : String(e.message ?? ""),
  }));
  const paths = errorPaths(pathsHeader, errors.length);
  return paths === undefined
    ? errors
    : errors.map((e, i) => (paths[i] === "" ? e : { ...e, path: paths[i]! }));
}

function errorPaths(header: string | null | undefined, count: number): string[] | undefined {
  if (header === null || header === undefined) return undefined;
  const parts = header.split(",").map((p) => p.trim());
  if (parts.length !== count) return undefined;
  try {
    return parts.map(decodeURIComponent);
  } catch {
    return undefined;
  }
}
