import type { Chat, SortKey } from "../language/index.js";
import { assertNever, FILTER_FIELDS, type Operator, statusByName } from "../language/index.js";
import { type ChatRecord, toApiChat } from "./dataset.js";
import { runInSlices, runNow, type Work } from "./slices.js";
import type { Criterion, SearchRequest } from "./validate.js";

/**
 * How HelpCrunch reads a search body, written from the API's documentation and the language's §5,
 * independently of the compiler. A missing value (null) makes a comparison unknown, and unknown never
 * matches, for `!=` and `!~` too.
 */

type Scalar = number | string | null;

/** What a record holds for each filterable field; a multi-valued field gives a list. */
const FIELD_VALUES: ReadonlyMap<string, (r: ChatRecord) => Scalar | readonly Scalar[]> = new Map<
  string,
  (r: ChatRecord) => Scalar | readonly Scalar[]
>([
  ["chats.assignee", (r) => r.chat.assignee?.id ?? null],
  ["chats.agents", (r) => r.chat.agents.map((a) => a.id)],
  ["chats.department", (r) => r.chat.department?.id ?? null],
  ["chats.customer", (r) => r.chat.customer.id],
  ["chats.createdAt", (r) => r.chat.createdAt],
  ["chats.updatedAt", (r) => r.updatedAt],
  ["chats.closedAt", (r) => r.chat.closedAt],
  ["chats.status", (r) => statusByName(r.chat.status)?.code ?? null],
  ["chats.rating", (r) => r.chat.rating],
  ["chats.customer.email", (r) => r.chat.customer.email],
  ["chats.customer.userId", (r) => r.chat.customer.userId],
  ["chats.customer.tagsData", (r) => r.tags],
]);

/** The filterable fields of the shared table that the emulator cannot evaluate (a test keeps it empty). */
export function unemulatedFields(): string[] {
  return FILTER_FIELDS.filter((f) => !FIELD_VALUES.has(f.name)).map((f) => f.name);
}

/**
 * Compares one present value; `~`/`!~` are case-insensitive substring tests on the value's text,
 * against `folded`, the expected text lower-cased once for the request.
 */
function compare(
  actual: number | string,
  operator: Operator,
  expected: number | string,
  folded = "",
): boolean {
  switch (operator) {
    case "=":
      return actual === expected;
    case "!=":
      return actual !== expected;
    case ">":
      return actual > expected;
    case "<":
      return actual < expected;
    case ">=":
      return actual >= expected;
    case "<=":
      return actual <= expected;
    case "~":
      return lowerCase(actual).includes(folded ?? String(expected).toLowerCase());
    case "!~":
      return !lowerCase(actual).includes(folded ?? String(expected).toLowerCase());
    default:
      return assertNever(operator, "operator");
  }
}

/** The last value lower-cased: a body of many `~` items on one field folds each chat's value once. */
let lastFolded: { readonly value: number | string; readonly text: string } = { value: "", text: "" };

function lowerCase(value: number | string): string {
  if (lastFolded.value !== value) lastFolded = { value, text: String(value).toLowerCase() };
  return lastFolded.text;
}

/** Whether a record satisfies one filter item. */
export function matches(record: ChatRecord, criterion: Criterion): boolean {
  const read = FIELD_VALUES.get(criterion.field.name);
  if (!read) return false;
  const actual = read(record);
  const { operator, value } = criterion;
  const folded = criterion.folded;
  if (Array.isArray(value)) {
    // tagsData: the customer has every listed tag.
    const held = actual as readonly Scalar[];
    return value.every((tag) => held.includes(tag));
  }
  const expected = value as number | string;
  if (Array.isArray(actual)) {
    // agents: `!=` holds when none of the agents is the value (an empty list included); every other
    // operator when any agent compares so.
    const present = (actual as readonly Scalar[]).filter((a): a is number | string => a !== null);
    if (operator === "!=") return present.every((a) => a !== expected);
    if (operator === "!~") return present.every((a) => compare(a, operator, expected, folded));
    return present.some((a) => compare(a, operator, expected, folded));
  }
  if (actual === null) return false;
  return compare(actual as number | string, operator, expected, folded);
}

/** Whether a record satisfies the request's filter joined by its comparison (no filter: every record). */
export function matchesAll(
  record: ChatRecord,
  request: Pick<SearchRequest, "filter" | "comparison">,
): boolean {
  if (request.filter.length === 0) return true;
  return request.comparison === "AND"
    ? request.filter.every((c) => matches(record, c))
    : request.filter.some((c) => matches(record, c));
}

function sortValue(chat: Chat, key: SortKey): number | null {
  return chat[key];
}

/** Orders records by the key: missing values last in both orders, ties by chat id ascending. */
export function compareRecords(
  key: SortKey,
  order: "ASC" | "DESC",
): (a: ChatRecord, b: ChatRecord) => number {
  return (a, b) => {
    const x = sortValue(a.chat, key);
    const y = sortValue(b.chat, key);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return order === "ASC" ? x - y : y - x;
    }
    return a.chat.id - b.chat.id;
  };
}

/** The emulator's answer to a search: a page of chats and the total of matches. */
export interface SearchResult {
  readonly data: readonly Chat[];
  readonly meta: { readonly total: number };
}

/** Runs a validated search: filter, sort, then one page; `meta.total` counts every match. */
export function search(records: readonly ChatRecord[], request: SearchRequest): SearchResult {
  return runNow(searching(records, request));
}

/** `search` a slice at a time, yielding to other requests between: thousands of `~` items over every chat take seconds. */
export function searchInSlices(
  records: readonly ChatRecord[],
  request: SearchRequest,
): Promise<SearchResult> {
  return runInSlices(searching(records, request));
}

function* searching(records: readonly ChatRecord[], request: SearchRequest): Work<SearchResult> {
  const hits: ChatRecord[] = [];
  for (const record of records) {
    if (matchesAll(record, request)) hits.push(record);
    yield;
  }
  hits.sort(compareRecords(request.sort, request.order));
  const page = hits.slice(request.offset, request.offset + request.limit);
  return { data: page.map(toApiChat), meta: { total: hits.length } };
}
