/** The ids, strings and times the query, body and chat arbitraries draw their values from. */

import type { ChatRecord } from "../emulator/index.js";
import { TAG_VOCABULARY } from "../emulator/index.js";
import type { Agent, FieldSpec } from "../language/index.js";

export const DAY = 86_400;
/** Times of generated values when no records are given: 2019-01-01 to 2027-01-01. */
export const DEFAULT_TIMES: readonly number[] = [1_546_300_800, 1_592_962_538, 1_750_000_000, 1_798_761_600];
/** The agents of generated chats; their ids are also the agent ids of queries when no records are given. */
export const AGENT_POOL: readonly Agent[] = [
  { id: 3129, name: "Kosta", email: "kosta@company.com", role: "admin" },
  { id: 6668, name: "Donald", email: "donald@blabla.co", role: "admin" },
  { id: 3140, name: "Zoë Müller", email: "zoe.mueller@company.com", role: "agent" },
  { id: 4012, name: "José Álvarez", email: null, role: "agent" },
];

/** Ids, strings and times a query's values are drawn from. */
export interface Pools {
  readonly agents: readonly number[];
  readonly departments: readonly number[];
  readonly customers: readonly number[];
  readonly emails: readonly string[];
  readonly userIds: readonly string[];
  readonly tags: readonly string[];
  readonly times: readonly number[];
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export function poolsOf(records: readonly ChatRecord[] | undefined): Pools {
  const rs = records ?? [];
  const nonEmpty = <T>(values: T[], fallback: readonly T[]): readonly T[] =>
    values.length > 0 ? values : fallback;
  return {
    agents: nonEmpty(
      unique(
        rs.flatMap((r) => [
          ...r.chat.agents.map((a) => a.id),
          ...(r.chat.assignee ? [r.chat.assignee.id] : []),
        ]),
      ),
      AGENT_POOL.map((a) => a.id),
    ),
    departments: nonEmpty(
      unique(rs.flatMap((r) => (r.chat.department ? [r.chat.department.id] : []))),
      [12, 101, 102],
    ),
    customers: nonEmpty(unique(rs.map((r) => r.chat.customer.id)), [8_740_723, 7_831_501]),
    emails: nonEmpty(unique(rs.flatMap((r) => (r.chat.customer.email ? [r.chat.customer.email] : []))), [
      "mike.nike@hellomail.com",
      "zoë@example.com",
    ]),
    userIds: nonEmpty(unique(rs.flatMap((r) => (r.chat.customer.userId ? [r.chat.customer.userId] : []))), [
      "u-12345",
    ]),
    tags: unique([...TAG_VOCABULARY, ...rs.flatMap((r) => r.tags)]),
    times: nonEmpty(
      rs.flatMap((r) => [
        r.chat.createdAt,
        r.updatedAt,
        ...(r.chat.closedAt === null ? [] : [r.chat.closedAt]),
      ]),
      DEFAULT_TIMES,
    ),
  };
}

/** The ids an integer field's values are drawn from. */
export function idPool(field: FieldSpec, pools: Pools): readonly number[] {
  if (field.name === "chats.department") return pools.departments;
  return field.name === "chats.customer" ? pools.customers : pools.agents;
}

/** The strings a string field's values are drawn from. */
export function textPool(field: FieldSpec, pools: Pools): readonly string[] {
  return field.name === "chats.customer.email" ? pools.emails : pools.userIds;
}
