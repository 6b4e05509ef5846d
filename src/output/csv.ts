import { stringify } from "csv-stringify/sync";
import type { Chat } from "../language/api.js";

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

/** ISO 8601 in UTC, so spreadsheets read it and nothing depends on the reader's zone. */
function isoTime(seconds: number | null | undefined): string | undefined {
  if (seconds === null || seconds === undefined) return undefined;
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

/** RFC 4180 CSV with a header row and CRLF line ends; missing values are empty cells. */
export function formatCsv(chats: readonly Chat[]): string {
  const records = chats.map((chat) => COLUMNS.map(([, get]) => get(chat) ?? ""));
  return stringify([CSV_COLUMNS, ...records], { record_delimiter: "windows", quoted_match: /[\r\n]/ });
}
