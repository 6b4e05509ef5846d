import type { Chat } from "../../language/index.js";
import { formatCsv, formatJson } from "../../output/index.js";

/**
 * Downloads of the chats shown: JSON exactly as the API returned them, CSV with `hcql run`'s columns.
 * A CSV cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) is
 * prefixed with `'`, so opening the file runs nothing a chat's text or a customer's name holds.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The chat with every string in it guarded (numbers, such as ids and times, stay numbers). */
function guardChat(value: unknown): unknown {
  if (typeof value === "string") return guardFormula(value);
  if (Array.isArray(value)) return value.map(guardChat);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, guardChat(v)]));
  }
  return value;
}

export function chatsCsv(chats: readonly Chat[]): string {
  return formatCsv(chats.map((chat) => guardChat(chat) as Chat));
}

export function chatsJson(chats: readonly Chat[]): string {
  return `${formatJson(chats)}\n`;
}

/** Saves text as a file through a temporary link. */
export function saveFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
