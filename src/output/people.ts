import type { Chat, Person } from "../language/index.js";

/** The agent who closed the chat, when one of its own people (the API gives only the id). */
export function closer(chat: Chat): Person | undefined {
  const id = chat.closedBy;
  if (id === null) return undefined;
  return [chat.assignee, ...chat.agents].find((p) => p?.id === id) ?? undefined;
}
