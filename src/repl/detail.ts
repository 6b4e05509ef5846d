import pc from "picocolors";
import type { Chat, Person } from "../language/api.js";
import { displayName, FIELDS, type FieldSpec, writtenOperators } from "../language/fields.js";
import { absoluteTime } from "../output/time.js";
import { sanitizeLine } from "../text/index.js";

/** Text views of the shell: one chat in detail (`.open`) and the field table (`.fields`). */

/** Text from the chat, made safe to show (names, emails and messages come from outsiders). */
const safe = sanitizeLine;

function time(seconds: number | null, timeZone: string): string {
  return seconds === null ? "—" : `${absoluteTime(seconds, timeZone)} (${seconds})`;
}

function person(p: Person | null | undefined): string {
  if (!p) return "—";
  const parts = [p.name ? safe(p.name) : "(no name)", p.email ? `<${safe(p.email)}>` : "", `#${p.id}`];
  return parts.filter((x) => x !== "").join(" ");
}

/** One chat as aligned `label  value` lines. */
export function formatChatDetail(chat: Chat, options: { color: boolean; timeZone: string }): string {
  const c = pc.createColors(options.color);
  const rows: [string, string][] = [
    ["id", String(chat.id)],
    ["status", safe(chat.status)],
    ["rating", chat.rating ? safe(chat.rating) : "—"],
    ["customer", person(chat.customer)],
    ["customer user id", chat.customer?.userId ? safe(chat.customer.userId) : "—"],
    ["assignee", person(chat.assignee)],
    ["department", chat.department ? `${safe(chat.department.name)} #${chat.department.id}` : "—"],
    ["agents", chat.agents.length === 0 ? "—" : chat.agents.map(person).join(", ")],
    ["created", time(chat.createdAt, options.timeZone)],
    ["last message", time(chat.lastMessageAt, options.timeZone)],
    ["last from customer", time(chat.lastCustomerMessageAt, options.timeZone)],
    ["closed", time(chat.closedAt, options.timeZone)],
    ["closed by", chat.closedBy === null ? "—" : `#${chat.closedBy}`],
    ["snoozed until", time(chat.snoozedUntil, options.timeZone)],
    ["last message text", chat.lastMessageText ? safe(chat.lastMessageText) : "—"],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${c.dim(label.padEnd(width))}  ${value}`).join("\n");
}

function operatorsOf(f: FieldSpec): string {
  if (f.operators.length === 0) return "(sort only)";
  return writtenOperators(f.operators).join(" ");
}

/** The field table: name, type, operators, sortable, other names (cut to `width` when given). */
export function formatFields(color: boolean, width?: number): string {
  const c = pc.createColors(color);
  const header = ["FIELD", "TYPE", "OPERATORS", "SORT", "ALSO"];
  const rows = FIELDS.map((f) => [
    displayName(f),
    f.type,
    operatorsOf(f),
    f.sortable ? "yes" : "",
    [...f.shortNames.slice(1), f.name].join(", "),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => {
    const text = cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
    return width !== undefined && text.length > width ? `${text.slice(0, Math.max(1, width - 1))}…` : text;
  };
  return [c.bold(line(header)), ...rows.map((r) => line(r).replace(r[0]!, c.cyan(r[0]!)))].join("\n");
}
