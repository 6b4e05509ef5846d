/** Arbitraries of chats and chat records, internally consistent. */

import fc from "fast-check";
import { type ChatRecord, lastTouched, TAG_VOCABULARY } from "../emulator/index.js";
import type { Chat } from "../language/index.js";
import { RATINGS, STATUSES } from "../language/index.js";
import { AGENT_POOL, DAY, DEFAULT_TIMES } from "./pools.js";

export interface ChatArbitraryOptions {
  /** Timestamps fall in [from, to). Default 2019-01-01 to 2027-01-01. */
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

/** A chat record (the API's chat, the customer's tags and `updatedAt`), internally consistent: a
 *  closed chat has `closedAt`, others none; times never precede `createdAt`. */
export function chatRecord(options: ChatArbitraryOptions = {}): fc.Arbitrary<ChatRecord> {
  const from = options.from ?? DEFAULT_TIMES[0]!;
  const to = options.to ?? DEFAULT_TIMES[3]!;
  const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  return fc
    .record({
      id: fc.integer({ min: 1, max: 99_999_999 }),
      createdAt: fc.integer({ min: from, max: to - 1 }),
      status: fc.constantFrom(...STATUSES),
      lastMessageAfter: optional(fc.integer({ min: 0, max: 20 * DAY })),
      customerMessageBefore: optional(fc.integer({ min: 0, max: 3 * DAY })),
      closedAfter: fc.integer({ min: 0, max: 2 * DAY }),
      updatedAfter: fc.integer({ min: 0, max: DAY }),
      rating: optional(fc.constantFrom(...RATINGS)),
      agents: fc.uniqueArray(fc.constantFrom(...AGENT_POOL), { maxLength: 3, selector: (a) => a.id }),
      assignee: optional(fc.constantFrom(...AGENT_POOL)),
      department: optional(fc.constantFrom({ id: 101, name: "Support" }, { id: 102, name: "Sales" })),
      customer: fc.record({
        id: fc.integer({ min: 1, max: 99_999_999 }),
        name: optional(fc.constantFrom("Michael", "Zoë", "王小明", "Иван")),
        email: optional(fc.constantFrom("mike.nike@hellomail.com", "zoë@example.com", "LAURA@Example.co.uk")),
        userId: optional(fc.constantFrom("u-12345", "u-777", "42")),
      }),
      tags: fc.uniqueArray(fc.constantFrom(...TAG_VOCABULARY), { maxLength: 3 }),
      text: optional(fc.string({ maxLength: 40 })),
    })
    .map((r) => {
      const closed = r.status.code === 6;
      const lastMessageAt = r.lastMessageAfter === null ? null : r.createdAt + r.lastMessageAfter;
      const lastCustomerMessageAt =
        lastMessageAt === null || r.customerMessageBefore === null
          ? null
          : Math.max(r.createdAt, lastMessageAt - r.customerMessageBefore);
      const closedAt = closed ? (lastMessageAt ?? r.createdAt) + r.closedAfter : null;
      const chat: Chat = {
        id: r.id,
        closedBy: closed ? (r.assignee?.id ?? null) : null,
        lastCustomerMessageAt,
        status: r.status.apiName,
        closedAt,
        rating: closed ? r.rating : null,
        createdAt: r.createdAt,
        lastMessageAt,
        snoozedUntil: null,
        lastMessageText: lastMessageAt === null ? null : r.text,
        lastMessageId: null,
        lastCommunicatedAgentId: r.agents[r.agents.length - 1]?.id ?? null,
        agents: r.agents,
        customer: r.customer,
        assignee: r.assignee,
        department: r.department,
      };
      return { chat, tags: r.tags, updatedAt: lastTouched(chat) + r.updatedAfter };
    });
}

/** A chat as the API returns it. */
export function chat(options: ChatArbitraryOptions = {}): fc.Arbitrary<Chat> {
  return chatRecord(options).map((r) => r.chat);
}

/** Chat records with distinct chat ids (what the emulator's `data` option takes). */
export function chatRecords(
  options: ChatArbitraryOptions & {
    readonly minLength?: number | undefined;
    readonly maxLength?: number | undefined;
  } = {},
): fc.Arbitrary<ChatRecord[]> {
  return fc.uniqueArray(chatRecord(options), {
    minLength: options.minLength ?? 0,
    maxLength: options.maxLength ?? 30,
    selector: (r) => r.chat.id,
  });
}
