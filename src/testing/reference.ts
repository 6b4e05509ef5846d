import type { CheckedExpr, CheckedPredicate, CheckedQuery, CheckedValue } from "../compiler/index.js";
import type { ChatRecord } from "../emulator/index.js";
import type { Operator, SortKey, SortOrder } from "../language/index.js";
import {
  argumentError,
  assertNever,
  isRecord,
  MAX_LIMIT,
  requireOptions,
  statusByName,
} from "../language/index.js";
import { integerOption } from "./options.js";

/*
 * The reference evaluator: what a query means (§5, §6), computed directly on chat records from the
 * checked query as written, before any planning. It shares no code with the planner, the client or
 * the emulator's search, so agreeing with it is evidence that a plan is right.
 *
 * Truth is three-valued: `true`, `false` or `undefined` (unknown). A comparison with a missing value
 * is unknown; `not unknown` is unknown; `and` is false when any operand is false, else unknown when
 * any is unknown; `or` is true when any operand is true, else unknown when any is unknown. A record
 * is in the result only when the condition is `true`.
 */

/** A condition's truth on a record: `true`, `false` or `undefined` (unknown). */
export type Truth = boolean | undefined;

/** How `evaluate` treats a query without a limit. */
export interface EvaluateOptions {
  /**
   * How many chats to return when the query gives no `limit`, from 1 to 10,000 as `compile`'s. Default:
   * all of them (the query's meaning); pass 100 for what `hcql run` returns without `--all`.
   */
  readonly defaultLimit?: number | undefined;
}

/**
 * The ids of the chats a checked query returns from `records`, in order: the records whose condition
 * is true, ordered by the query's sort (else `createdAt` descending; missing values last in both
 * orders; ties by chat id ascending), then the query's offset and limit applied. For a count query,
 * the ids of every chat it counts, in that default order: its limit keeps rows of counts, not chats
 * (§10), and `defaultLimit` does not apply.
 */
export function evaluate(
  checked: CheckedQuery,
  records: readonly ChatRecord[],
  options: EvaluateOptions = {},
): number[] {
  if (!isRecord(checked)) {
    throw argumentError(
      "evaluate",
      "a checked query (compile(text).checked of a query that compiled)",
      checked,
    );
  }
  if (!Array.isArray(records)) throw argumentError("evaluate", "the chat records as an array", records);
  requireOptions(options, "evaluate");
  // As compile's `defaultLimit`: from 1 to 10,000.
  const defaultLimit = integerOption(
    "defaultLimit",
    options.defaultLimit,
    Number.POSITIVE_INFINITY,
    1,
    MAX_LIMIT,
  );
  const condition = checked.condition;
  const hits = records.filter((r) => condition === undefined || truth(condition, r) === true);
  const key = checked.sort === undefined ? "createdAt" : sortKey(checked.sort.field.name);
  const order: SortOrder = checked.sort === undefined ? "DESC" : checked.sort.order;
  hits.sort(recordOrder(key, order));
  const offset = checked.offset?.value ?? 0;
  // A count's limit keeps its rows (§10): it counts every chat its condition matches.
  const limit =
    checked.count !== undefined ? Number.POSITIVE_INFINITY : (checked.limit?.value ?? defaultLimit);
  return hits.slice(offset, offset + limit).map((r) => r.chat.id);
}

/** The three-valued truth of a checked condition (as written or normalized) for one record. */
export function truth(expr: CheckedExpr, record: ChatRecord): Truth {
  switch (expr.kind) {
    case "and":
      return junction(expr.operands, record, false);
    case "or":
      return junction(expr.operands, record, true);
    case "not": {
      const t = truth(expr.operand, record);
      return t === undefined ? undefined : !t;
    }
    case "predicate":
      return predicateTruth(expr, record);
    default:
      return assertNever(expr, "checked expression");
  }
}

/**
 * `and` (`decisive` false) or `or` (`decisive` true): the decisive value when an operand has it, else
 * unknown when an operand is unknown, else the other value.
 */
function junction(operands: readonly CheckedExpr[], record: ChatRecord, decisive: boolean): Truth {
  let result: Truth = !decisive;
  for (const operand of operands) {
    const t = truth(operand, record);
    if (t === decisive) return decisive;
    if (t === undefined) result = undefined;
  }
  return result;
}

type Held = { readonly one: number | string | null } | { readonly many: readonly (number | string)[] };

/** What the record holds for a filterable field: one value (null when missing) or a set. */
function held(field: string, record: ChatRecord): Held {
  const chat = record.chat;
  switch (field) {
    case "chats.assignee":
      return { one: chat.assignee === null ? null : chat.assignee.id };
    case "chats.agents":
      return { many: chat.agents.map((a) => a.id) };
    case "chats.department":
      return { one: chat.department === null ? null : chat.department.id };
    case "chats.customer":
      return { one: chat.customer.id };
    case "chats.createdAt":
      return { one: chat.createdAt };
    case "chats.updatedAt":
      return { one: record.updatedAt };
    case "chats.closedAt":
      return { one: chat.closedAt };
    case "chats.status": {
      const status = statusByName(chat.status);
      return { one: status === undefined ? null : String(status.code) };
    }
    case "chats.rating":
      return { one: chat.rating };
    case "chats.customer.email":
      return { one: chat.customer.email };
    case "chats.customer.userId":
      return { one: chat.customer.userId };
    case "chats.customer.tagsData":
      return { many: record.tags };
    default:
      throw new Error(`the reference evaluator does not know the field ${field}`);
  }
}

function predicateTruth(p: CheckedPredicate, record: ChatRecord): Truth {
  const h = held(p.field.name, record);
  if ("many" in h) {
    // A set (agents, tags): `!=` holds when no member equals the value; every other operator when
    // some member compares so. An empty set is known, so never unknown.
    if (p.operator === "!=") return !h.many.some((x) => compareValue(x, "=", p.value));
    return h.many.some((x) => compareValue(x, p.operator, p.value));
  }
  if (h.one === null) return undefined;
  return compareValue(h.one, p.operator, p.value);
}

/** `actual operator value` for a present value. */
function compareValue(actual: number | string, operator: Operator, value: CheckedValue): boolean {
  if (value.kind === "day") return inDay(actual as number, operator, value.start, value.end);
  return order(actual, operator, comparedAs(value));
}

/** What a value (but a whole day) is compared as: a number or a string, as the chat holds it. */
function comparedAs(value: Exclude<CheckedValue, { readonly kind: "day" }>): number | string {
  switch (value.kind) {
    case "integer":
    case "string":
      return value.value;
    case "instant":
      return value.seconds;
    case "status":
      return value.code;
    case "rating":
    case "tag":
      return value.name;
    default:
      return assertNever(value, "checked value");
  }
}

function order(actual: number | string, operator: Operator, expected: number | string): boolean {
  switch (operator) {
    case "=":
      return actual === expected;
    case "!=":
      return actual !== expected;
    case ">":
      return actual > expected;
    case ">=":
      return actual >= expected;
    case "<":
      return actual < expected;
    case "<=":
      return actual <= expected;
    case "~":
      return String(actual).toLowerCase().includes(String(expected).toLowerCase());
    case "!~":
      return !String(actual).toLowerCase().includes(String(expected).toLowerCase());
    default:
      return assertNever(operator, "operator");
  }
}

/** An instant against a whole day [start, end) (§4). */
function inDay(x: number, operator: Operator, start: number, end: number): boolean {
  switch (operator) {
    case "=":
      return start <= x && x < end;
    case "!=":
      return x < start || x >= end;
    case ">":
      return x >= end;
    case ">=":
      return x >= start;
    case "<":
      return x < start;
    case "<=":
      return x < end;
    case "~":
    case "!~":
      throw new Error(`operator ${operator} on a date`);
    default:
      return assertNever(operator, "operator");
  }
}

function sortKey(field: string): SortKey {
  switch (field) {
    case "chats.createdAt":
      return "createdAt";
    case "chats.closedAt":
      return "closedAt";
    case "chats.lastMessageAt":
      return "lastMessageAt";
    case "chats.lastCustomerMessageAt":
      return "lastCustomerMessageAt";
    default:
      throw new Error(`the reference evaluator cannot sort by ${field}`);
  }
}

/** Missing values last in both orders; ties (equal or both missing) by chat id ascending. */
function recordOrder(key: SortKey, direction: SortOrder): (a: ChatRecord, b: ChatRecord) => number {
  return (a, b) => {
    const x = a.chat[key];
    const y = b.chat[key];
    if (x !== null && y !== null && x !== y) return direction === "ASC" ? x - y : y - x;
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    return a.chat.id - b.chat.id;
  };
}
