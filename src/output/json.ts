import type { Chat } from "../language/index.js";
import { escapeJsonText } from "../text/index.js";

/** The chats as one pretty-printed JSON array (C1 and bidi controls escaped, so the text is safe to show). */
export function formatJson(chats: readonly Chat[]): string {
  return escapeJsonText(JSON.stringify(chats, null, 2));
}

/** One chat per line as compact JSON (empty for no chats), escaped as `formatJson`. */
export function formatNdjson(chats: readonly Chat[]): string {
  return chats.map((chat) => formatChatJson(chat, false)).join("\n");
}

/** One chat as JSON, escaped as `formatJson`: pretty-printed, or on one line (as in ndjson). */
export function formatChatJson(chat: Chat, pretty: boolean): string {
  return escapeJsonText(pretty ? JSON.stringify(chat, null, 2) : JSON.stringify(chat));
}
