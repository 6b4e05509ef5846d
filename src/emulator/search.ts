import type { Chat } from "../language/api.js";
import { assertNever } from "../language/assert.js";
import { FILTER_FIELDS, type Operator } from "../language/fields.js";
import { statusByName } from "../language/values.js";
import { type ChatRecord, toApiChat } from "./dataset.js";
import type { Criterion, SearchRequest, SortKey } from "./validate.js";

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

/** Compares one present value; `~`/`!~` are case-insensitive substring tests on the value's text. */
function compare(actual: number | string, operator: Operator, expected: number | string): boolean {
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
      return String(actual).toLowerCase().includes(String(expected).toLowerCase());
    case "!~":
      return !String(actual).toLowerCase().includes(String(expected).toLowerCase());
    default:
      return assertNever(operator, "operator");
  }
}

/** Whether a record satisfies one filter item. */
export function matches(record: ChatRecord, criterion: Criterion): boolean {
  const read = FIELD_VALUES.get(criterion.field.name);
  if (!read) return false;
  const actual = read(record);
  const { operator, value } = criterion;
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
    if (operator === "!~") return present.every((a) => compare(a, operator, expected));
    return present.some((a) => compare(a, operator, expected));
  }
  if (actual === null) return false;
  return compare(actual as number | string, operator, expected);
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

export interface SearchResult {
  readonly data: readonly Chat[];
  readonly meta: { readonly total: number };
}

/** Runs a validated search: filter, sort, then one page; `meta.total` counts every match. */
export function search(records: readonly ChatRecord[], request: SearchRequest): SearchResult {
  const hits = records.filter((r) => matchesAll(r, request));
  hits.sort(compareRecords(request.sort, request.order));
  const page = hits.slice(request.offset, request.offset + request.limit);
  return { data: page.map(toApiChat), meta: { total: hits.length } };
}
