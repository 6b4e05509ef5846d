import type { Chat } from "../../src/language/api.js";

/** A chat with every field set, overridable per test. */
export function chat(overrides: Partial<Record<keyof Chat, unknown>> = {}): Chat {
  return {
    id: 5215537,
    closedBy: null,
    lastCustomerMessageAt: 1592962537,
    status: "pending",
    closedAt: null,
    rating: null,
    createdAt: 1592962538,
    lastMessageAt: 1592992577,
    snoozedUntil: null,
    lastMessageText: "May I know how crucial is this for you?",
    lastMessageId: 9575496,
    lastCommunicatedAgentId: 3129,
    agents: [],
    customer: { id: 8740723, name: "Michael", email: "mike.nike@hellomail.com", userId: null },
    assignee: { id: 3129, name: "Kosta", email: "kosta@company.com", role: "admin" },
    department: null,
    ...overrides,
  } as Chat;
}

/** 2020-06-24T12:00:00Z */
export const NOW = 1593000000;
