/** Arbitraries of chats and chat records, internally consistent. */

import fc from "fast-check";
import { type ChatRecord, lastTouched, TAG_VOCABULARY } from "../emulator/index.js";
import type { Chat } from "../language/index.js";
import { RATINGS, STATUSES, shownArgument } from "../language/index.js";
import { integerOption } from "./options.js";
import { AGENT_POOL, DAY, DEFAULT_TIMES } from "./pools.js";

/** The time span of the chats `chatRecord`, `chatRecords` and `chat` draw. */
export interface ChatArbitraryOptions {
  /** Timestamps fall in [from, to): UNIX seconds, `from` before `to`. Default 2019-01-01 to 2027-01-01. */
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

/** A chat record (the API's chat, the customer's tags and `updatedAt`), internally consistent: a
 *  closed chat has `closedAt`, others none; times never precede `createdAt`. */
export function chatRecord(options: ChatArbitraryOptions = {}): fc.Arbitrary<ChatRecord> {
  return recordArbitrary(options, "chatRecord");
}

/** A time option: an integer (UNIX seconds), else a RangeError naming it. */
function timeOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value)) {
    throw new RangeError(`${name} must be an integer (UNIX seconds), not ${shownArgument(value)}`);
  }
  return value;
}

/** `chatRecord`'s arbitrary; `fn` is the function a bad range is told of. */
function recordArbitrary(options: ChatArbitraryOptions, fn: string): fc.Arbitrary<ChatRecord> {
  const from = timeOption("from", options.from, DEFAULT_TIMES[0]!);
  const to = timeOption("to", options.to, DEFAULT_TIMES[3]!);
  if (from >= to) throw new RangeError(`${fn}: from (${from}) must be before to (${to})`);
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
  return recordArbitrary(options, "chat").map((r) => r.chat);
}

/** Chat records with distinct chat ids (what the emulator's `data` option takes). */
export function chatRecords(
  options: ChatArbitraryOptions & {
    /** Fewest records, an integer of at least 0. Default 0. */
    readonly minLength?: number | undefined;
    /** Most records, at least `minLength`. Default 30 (or `minLength` when more). */
    readonly maxLength?: number | undefined;
  } = {},
): fc.Arbitrary<ChatRecord[]> {
  const minLength = integerOption("minLength", options.minLength, 0, 0);
  const maxLength = integerOption("maxLength", options.maxLength, Math.max(30, minLength), 0);
  if (minLength > maxLength) {
    throw new RangeError(`chatRecords: minLength (${minLength}) must be at most maxLength (${maxLength})`);
  }
  return fc.uniqueArray(recordArbitrary(options, "chatRecords"), {
    minLength,
    maxLength,
    selector: (r) => r.chat.id,
  });
}
