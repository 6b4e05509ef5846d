import type { Chat } from "../language/api.js";

/** The chats as one pretty-printed JSON array. */
export function formatJson(chats: readonly Chat[]): string {
  return JSON.stringify(chats, null, 2);
}

/** One chat per line as compact JSON (empty for no chats). */
export function formatNdjson(chats: readonly Chat[]): string {
  return chats.map((chat) => JSON.stringify(chat)).join("\n");
}
