import { stringify } from "csv-stringify/sync";
import type { Chat } from "../language/index.js";
import { sanitize } from "../text/index.js";

type Value = string | number | null | undefined;

/** The CSV columns, always all of them in this order, whatever the chats hold. */
const COLUMNS: readonly (readonly [string, (chat: Chat) => Value])[] = [
  ["id", (c) => c.id],
  ["status", (c) => c.status],
  ["rating", (c) => c.rating],
  ["createdAt", (c) => isoTime(c.createdAt)],
  ["lastMessageAt", (c) => isoTime(c.lastMessageAt)],
  ["lastCustomerMessageAt", (c) => isoTime(c.lastCustomerMessageAt)],
  ["closedAt", (c) => isoTime(c.closedAt)],
  ["closedBy", (c) => c.closedBy],
  ["snoozedUntil", (c) => isoTime(c.snoozedUntil)],
  ["lastMessageId", (c) => c.lastMessageId],
  ["lastMessageText", (c) => c.lastMessageText],
  ["lastCommunicatedAgentId", (c) => c.lastCommunicatedAgentId],
  ["customer.id", (c) => c.customer?.id],
  ["customer.name", (c) => c.customer?.name],
  ["customer.email", (c) => c.customer?.email],
  ["customer.userId", (c) => c.customer?.userId],
  ["assignee.id", (c) => c.assignee?.id],
  ["assignee.name", (c) => c.assignee?.name],
  ["assignee.email", (c) => c.assignee?.email],
  ["assignee.role", (c) => c.assignee?.role],
  ["department.id", (c) => c.department?.id],
  ["department.name", (c) => c.department?.name],
  ["agents", (c) => (c.agents ?? []).map((a) => a.id).join(" ")],
];

export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

/** The columns of these names, in the order given (names that are not columns are a caller's bug). */
function columnsNamed(names: readonly string[]): typeof COLUMNS {
  return names.map((name) => {
    const column = COLUMNS.find(([n]) => n === name);
    if (column === undefined) throw new RangeError(`'${name}' is not a CSV column`);
    return column;
  });
}

/** ISO 8601 in UTC, so spreadsheets read it and nothing depends on the reader's zone. */
function isoTime(seconds: number | null | undefined): string | undefined {
  if (seconds === null || seconds === undefined) return undefined;
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

export interface CsvOptions {
  /** Write text cells exactly as the API sent them: no formula escaping, no control characters removed. */
  readonly raw?: boolean;
  /** The columns to write, in this order (`--columns`, `.columns`); default all of CSV_COLUMNS. */
  readonly columns?: readonly string[];
}

/** A cell a spreadsheet would run as a formula (or whose first character it would drop). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made safe for spreadsheets and terminals: terminal controls removed (tabs and line
 * breaks kept, CRLF as it was), and a cell that starts like a formula, before or after that, prefixed
 * with `'` as OWASP recommends against CSV injection. Numbers are written as they are.
 */
function safeCell(value: Value): Value {
  if (typeof value !== "string") return value;
  const text = value.split("\r\n").map(sanitize).join("\r\n");
  return FORMULA_START.test(value) || FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 CSV with a header row and CRLF line ends; missing values are empty cells. */
export function formatCsv(chats: readonly Chat[], options: CsvOptions = {}): string {
  return csvHeader(options) + csvRows(chats, options);
}

/** The header row, ending in CRLF. */
export function csvHeader(options: CsvOptions = {}): string {
  return csvRecords([chosenColumns(options).map(([name]) => name)]);
}

/** The chats' rows without the header, each ending in CRLF (nothing for no chats). */
export function csvRows(chats: readonly Chat[], options: CsvOptions = {}): string {
  const cell = options.raw ? (value: Value) => value : safeCell;
  const chosen = chosenColumns(options);
  return csvRecords(chats.map((chat) => chosen.map(([, get]) => cell(get(chat)) ?? "")));
}

function chosenColumns(options: CsvOptions): typeof COLUMNS {
  return options.columns === undefined ? COLUMNS : columnsNamed(options.columns);
}

function csvRecords(records: readonly (readonly Value[])[]): string {
  return stringify(records as Value[][], { record_delimiter: "windows", quoted_match: /[\r\n]/ });
}
