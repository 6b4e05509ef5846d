import { assertNever } from "../language/assert.js";
import {
  displayName,
  type FieldSpec,
  lookupField,
  OPERATORS,
  type Operator,
  operatorWord,
} from "../language/fields.js";
import { PAGE_SIZE, ratingByName, statusByCode } from "../language/values.js";
import { quote } from "../parser/format.js";
import { DEFAULT_MAX_LENGTH } from "../parser/parse.js";
import type { DecompileResult } from "./types.js";

/**
 * `decompile(body)`: a search body (parsed JSON) back to HCQL text with the same meaning (§9).
 * It never throws: a body outside HCQL is `{ok: false, error}` naming the part (`filter[2]: ...`).
 * It reads what the API reads (a missing `filter` is all chats, a missing `comparison` is AND,
 * `comparison` and `order` in any case, sort names with or without `chats.`, integers and dates as
 * numbers or digit strings, status codes as numbers or strings), but only what HCQL can say: fields of
 * the table, operators HCQL allows for them, values HCQL can write.
 */

const ERRORS = {
  notObject: "{0} must be a JSON object",
  unknownKey: "{0}: unknown key '{1}'",
  filterNotArray: "filter must be an array",
  missing: "{0}: missing '{1}'",
  fieldNotString: "{0}.field must be a string",
  unknownField: "{0}: unknown field '{1}'",
  sortOnly: "{0}: '{1}' can only be sorted by, not filtered on",
  badOperator: "{0}: unknown operator {1}",
  operatorNotAllowed: "{0}: operator '{1}' is not allowed for {2} in HCQL; it allows {3}",
  badValue: "{0}: {1} takes {2}, not {3}",
  comparison: "comparison must be AND or OR, not {0}",
  sortNotString: "sort must be a string",
  notSortable: "sort: cannot sort by {0}",
  order: "order must be ASC or DESC, not {0}",
  orderWithoutSort: "order without sort",
  limit: "limit must be an integer from 1 to {0}, not {1}",
  offset: "offset must be a non-negative integer, not {0}",
  tooLong: "the body decompiles to {0} characters of HCQL, over the query limit of {1}",
  unreadable: "the body cannot be read as JSON data: {0}",
} as const;

class DecompileError extends Error {}

function fail(name: keyof typeof ERRORS, ...args: string[]): never {
  throw new DecompileError(ERRORS[name].replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? ""));
}

type Json = unknown;
type JsonObject = Record<string, Json>;

function isObject(value: Json): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function own(o: JsonObject, key: string): Json {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A value as JSON for a message; a value JSON cannot hold (BigInt, a cycle) as best it can be said. */
function show(value: Json): string {
  if (typeof value === "bigint") return `${value}n`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

const BODY_KEYS: ReadonlySet<string> = new Set(["filter", "comparison", "sort", "order", "limit", "offset"]);
const ITEM_KEYS: ReadonlySet<string> = new Set(["field", "operator", "value"]);
const DIGITS = /^[0-9]+$/;

export function decompile(body: unknown): DecompileResult {
  try {
    const text = decompileBody(body);
    if (text.length > DEFAULT_MAX_LENGTH) {
      fail("tooLong", text.length.toLocaleString("en-US"), DEFAULT_MAX_LENGTH.toLocaleString("en-US"));
    }
    return { ok: true, text };
  } catch (error) {
    if (error instanceof DecompileError) return { ok: false, error: error.message };
    // Not JSON data: a getter or a Proxy trap threw while the body was read.
    return { ok: false, error: ERRORS.unreadable.replace("{0}", errorText(error)) };
  }
}

function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "reading it threw";
  }
}

function decompileBody(body: Json): string {
  if (!isObject(body)) fail("notObject", "the body");
  for (const key of Object.keys(body)) if (!BODY_KEYS.has(key)) fail("unknownKey", "body", key);
  const filter = own(body, "filter") ?? [];
  if (!Array.isArray(filter)) fail("filterNotArray");
  // An indexed loop: a hole in a sparse array is an item like any other (and not an object).
  const predicates: string[][] = [];
  for (let i = 0; i < filter.length; i++) predicates.push(decompileItem(filter[i], i));
  const comparison = comparisonOf(own(body, "comparison"));
  const parts: string[] = [];
  if (predicates.length > 0) {
    parts.push(
      comparison === "OR"
        ? predicates.map((p) => (p.length > 1 ? `(${p.join(" and ")})` : p[0])).join(" or ")
        : predicates.flat().join(" and "),
    );
  }
  const sort = own(body, "sort");
  const order = own(body, "order");
  if (sort !== undefined) parts.push(sortClause(sort, order));
  else if (order !== undefined) fail("orderWithoutSort");
  const limit = own(body, "limit");
  if (limit !== undefined) {
    if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > PAGE_SIZE)
      fail("limit", String(PAGE_SIZE), show(limit));
    parts.push(`limit ${limit}`);
  }
  const offset = own(body, "offset");
  if (offset !== undefined) {
    if (!Number.isSafeInteger(offset) || (offset as number) < 0) fail("offset", show(offset));
    parts.push(`offset ${offset}`);
  }
  return parts.join(" ");
}

function comparisonOf(value: Json): "AND" | "OR" {
  if (value === undefined) return "AND";
  const upper = typeof value === "string" ? value.toUpperCase() : undefined;
  if (upper === "AND" || upper === "OR") return upper;
  return fail("comparison", show(value));
}

function sortClause(sort: Json, order: Json): string {
  if (typeof sort !== "string") fail("sortNotString");
  const field = lookupField(sort.startsWith("chats.") || sort.startsWith("Chats.") ? sort : `chats.${sort}`);
  if (field === undefined || !field.sortable) fail("notSortable", show(sort));
  let direction = "";
  if (order !== undefined) {
    const upper = typeof order === "string" ? order.toUpperCase() : undefined;
    if (upper !== "ASC" && upper !== "DESC") fail("order", show(order));
    if (upper === "DESC") direction = " desc";
  }
  return `sort by ${displayName(field)}${direction}`;
}

/** An item as HCQL predicates joined by `and` (several only for a tag item with several names). */
function decompileItem(item: Json, index: number): string[] {
  const where = `filter[${index}]`;
  if (!isObject(item)) fail("notObject", where);
  for (const key of Object.keys(item)) if (!ITEM_KEYS.has(key)) fail("unknownKey", where, key);
  for (const key of ITEM_KEYS) if (!Object.hasOwn(item, key)) fail("missing", where, key);
  const name = own(item, "field");
  if (typeof name !== "string") fail("fieldNotString", where);
  const field = lookupField(name);
  if (field === undefined) fail("unknownField", where, name);
  if (!field.filterable) fail("sortOnly", where, name);
  const operator = own(item, "operator");
  if (typeof operator !== "string" || !(OPERATORS as readonly string[]).includes(operator))
    fail("badOperator", where, show(operator));
  const op = operator as Operator;
  if (!field.operators.includes(op))
    fail("operatorNotAllowed", where, op, displayName(field), field.operators.join(", "));
  const values = valuesOf(field, own(item, "value"), where);
  return values.map((v) => `${displayName(field)} ${operatorWord(op)} ${v}`);
}

function utcDateTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

/** The HCQL text of an item's value (several for a tag item with several names). */
function valuesOf(field: FieldSpec, value: Json, where: string): string[] {
  const bad = (expected: string): never => fail("badValue", where, displayName(field), expected, show(value));
  switch (field.type) {
    case "integer":
    case "date": {
      const n = typeof value === "string" && DIGITS.test(value) ? Number(value) : value;
      // Before 1970 (negative seconds) a date is written as a UTC date-time: HCQL has no negative numbers.
      if (field.type === "date" && typeof n === "number" && Number.isSafeInteger(n) && n < 0) {
        return [utcDateTime(n)];
      }
      if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
        return bad(
          field.type === "date" ? "UNIX seconds (a non-negative integer)" : "a non-negative integer",
        );
      }
      return [String(n)];
    }
    case "status": {
      const code = typeof value === "string" && DIGITS.test(value) ? Number(value) : value;
      const status = typeof code === "number" ? statusByCode(code) : undefined;
      if (status === undefined) return bad("a status code from 1 to 7");
      return [status.names[0]!];
    }
    case "rating": {
      const rating = typeof value === "string" ? ratingByName(value) : undefined;
      if (rating === undefined) return bad("great, average or poor");
      return [rating];
    }
    case "string":
      if (typeof value !== "string") return bad("a string");
      return [quote(value)];
    case "tag": {
      if (!Array.isArray(value) || value.length === 0) return bad('a non-empty array of {"name": string}');
      return value.map((tag: Json) => {
        const name = isObject(tag) && Object.keys(tag).length === 1 ? own(tag, "name") : undefined;
        if (typeof name !== "string") return bad('a non-empty array of {"name": string}');
        return quote(name);
      });
    }
    default:
      return assertNever(field.type, "field type");
  }
}
