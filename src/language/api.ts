import type { Operator } from "./fields.js";

/* The shapes of HelpCrunch's chat search API that hcql produces and reads. */

/** A filter item's value: a number, a string, or tags as `[{ name }]`. */
export type FilterValue = number | string | readonly { readonly name: string }[];

/** One condition of a search body's `filter`: an API field, an operator and a value. */
export interface FilterItem {
  readonly field: string;
  readonly operator: Operator;
  readonly value: FilterValue;
}

/** The order of a sort, as the API spells it. */
export type SortOrder = "ASC" | "DESC";

/**
 * The emulator's header naming where in the body each error of an error answer is: one entry per
 * error, in order, separated by commas, each percent-encoded (empty when an error has no place).
 * HelpCrunch does not send it; a client reads it when it is there.
 */
export const ERROR_PATHS_HEADER = "x-hcql-error-paths";

/** The chat properties the API sorts by (a body's `sort` is `chats.` and one of them). */
export type SortKey = "createdAt" | "closedAt" | "lastMessageAt" | "lastCustomerMessageAt";

/** A `POST /v1/chats/search` body; keys in this order when emitted. */
export interface SearchBody {
  readonly filter: readonly FilterItem[];
  readonly comparison?: "AND" | "OR";
  readonly sort?: string;
  readonly order?: SortOrder;
  readonly limit?: number;
  readonly offset?: number;
}

/** What a chat's customer and its agents have in common: an id, a name and an email. */
export interface Person {
  readonly id: number;
  readonly name: string | null;
  readonly email: string | null;
}

/** A support agent of the account, as the API returns one. */
export interface Agent extends Person {
  readonly role: string;
}

/** A chat's customer, as the API returns one. */
export interface Customer extends Person {
  readonly userId: string | null;
}

/** A chat object as the API returns it (timestamps normalised to numbers). */
export interface Chat {
  readonly id: number;
  readonly closedBy: number | null;
  readonly lastCustomerMessageAt: number | null;
  readonly status: string;
  readonly closedAt: number | null;
  readonly rating: string | null;
  readonly createdAt: number;
  readonly lastMessageAt: number | null;
  readonly snoozedUntil: number | null;
  readonly lastMessageText: string | null;
  readonly lastMessageId: number | null;
  readonly lastCommunicatedAgentId: number | null;
  readonly agents: readonly Agent[];
  readonly customer: Customer;
  readonly assignee: Agent | null;
  readonly department: { readonly id: number; readonly name: string } | null;
}

/** An agent or a department as far as a query needs it: its id, and its name when it has one. */
export interface NamedId {
  readonly id: number;
  readonly name: string | null;
}

/** The account's agents and departments, when the caller has them (`GET /v1/agents`, `/v1/departments`). */
export interface KnownNames {
  readonly agents?: readonly NamedId[];
  readonly departments?: readonly NamedId[];
}

/** A department of the account and the ids of its agents, as the API returns one. */
export interface Department {
  readonly id: number;
  readonly name: string;
  readonly agents: readonly number[];
}

export const DEFAULT_BASE_URL = "https://api.helpcrunch.com/v1";
