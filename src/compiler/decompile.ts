import {
  assertNever,
  type BODY_PROBLEMS,
  bodyProblem,
  displayName,
  FIELDS,
  FIRST_UNIX_SECOND,
  type FieldSpec,
  fieldByApiName,
  groupDigits,
  LAST_UNIX_SECOND,
  lookupField,
  NO_SPAN,
  nearestName,
  OPERATORS,
  type Operator,
  PAGE_SIZE,
  RATINGS,
  STATUS_CODE_RANGE,
  spokenList,
  statusByCode,
} from "../language/index.js";
import type {
  Comparison,
  DateTimeValue,
  Expr,
  FieldRef,
  IntegerValue,
  LimitClause,
  OffsetClause,
  Query,
  SortClause,
  StringValue,
  Value,
  WordValue,
} from "../parser/index.js";
import { DEFAULT_MAX_LENGTH, format } from "../parser/index.js";
import type { DecompileResult } from "./types.js";

/**
 * `decompile(body)`: a search body (parsed JSON) back to HCQL text with the same meaning (§9).
 * It never throws: a body outside HCQL is `{ok: false, error}` naming the part (`filter[2]: ...`).
 * It reads what the API reads (a missing `filter` is all chats, a missing `comparison` is AND,
 * `comparison` and `order` in any case, sort names with or without `chats.`, integers and dates as
 * numbers or digit strings, status codes as numbers or strings), but only what HCQL can say: fields of
 * the table, operators HCQL allows for them, values HCQL can write.
 */

class DecompileError extends Error {}

function fail(name: keyof typeof BODY_PROBLEMS, ...args: string[]): never {
  throw new DecompileError(bodyProblem(name, ...args.map(printable)));
}

/** Control, bidi and invisible characters: a key or name holding one would drive a terminal or hide. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/** Text of the body as a message quotes it: its unprintable characters as `\u` escapes. */
function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
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
  // JSON writes them as null (1e400 parses as Infinity).
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

const BODY_KEYS: ReadonlySet<string> = new Set(["filter", "comparison", "sort", "order", "limit", "offset"]);
const ITEM_KEYS: ReadonlySet<string> = new Set(["field", "operator", "value"]);
const DIGITS = /^[0-9]+$/;

/**
 * A request body of POST /v1/chats/search (parsed JSON) back into HCQL: `{ ok: true, text }` with its
 * canonical text, or `{ ok: false, error }` naming the part of the body HCQL cannot say.
 */
export function decompile(body: unknown): DecompileResult {
  try {
    const text = decompileBody(body);
    if (text.length > DEFAULT_MAX_LENGTH) {
      fail("tooLong", groupDigits(text.length), groupDigits(DEFAULT_MAX_LENGTH));
    }
    return { ok: true, text };
  } catch (error) {
    if (error instanceof DecompileError) return { ok: false, error: error.message };
    // Not JSON data: a getter or a Proxy trap threw while the body was read.
    return { ok: false, error: bodyProblem("unreadable", errorText(error)) };
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
  if (Array.isArray(body)) fail("bodies");
  if (!isObject(body)) fail("notObject", "the body");
  for (const key of Object.keys(body)) if (!BODY_KEYS.has(key)) fail("unknownKey", "body", key);
  const filter = own(body, "filter") ?? [];
  if (!Array.isArray(filter)) fail("filterNotArray");
  // An indexed loop: a hole in a sparse array is an item like any other (and not an object).
  const predicates: Comparison[][] = [];
  for (let i = 0; i < filter.length; i++) predicates.push(decompileItem(filter[i], i));
  const comparison = comparisonOf(own(body, "comparison"));
  const condition =
    comparison === "OR"
      ? joined(
          "or",
          predicates.map((p) => joined("and", p)!),
        )
      : joined("and", predicates.flat());
  const sort = own(body, "sort");
  const order = own(body, "order");
  if (sort === undefined && order !== undefined) fail("orderWithoutSort");
  const query: Query = {
    kind: "query",
    span: NO_SPAN,
    condition,
    sort: sort === undefined ? undefined : sortClause(sort, order),
    limit: limitClause(own(body, "limit")),
    offset: offsetClause(own(body, "offset")),
  };
  return format(query);
}

/** The operands joined by `and` or `or`; one alone stands for itself, none is no condition. */
function joined(kind: "and" | "or", operands: readonly Expr[]): Expr | undefined {
  if (operands.length <= 1) return operands[0];
  return { kind, span: NO_SPAN, operands };
}

function limitClause(limit: Json): LimitClause | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > PAGE_SIZE)
    fail("limit", String(PAGE_SIZE), show(limit));
  return { kind: "limit", span: NO_SPAN, value: integer(limit as number) };
}

function offsetClause(offset: Json): OffsetClause | undefined {
  if (offset === undefined) return undefined;
  if (!Number.isSafeInteger(offset) || (offset as number) < 0) fail("offset", show(offset));
  return { kind: "offset", span: NO_SPAN, value: integer(offset as number) };
}

function comparisonOf(value: Json): "AND" | "OR" {
  if (value === undefined) return "AND";
  const upper = typeof value === "string" ? value.toUpperCase() : undefined;
  if (upper === "AND" || upper === "OR") return upper;
  return fail("comparison", show(value));
}

function sortClause(sort: Json, order: Json): SortClause {
  if (typeof sort !== "string") fail("sortNotString");
  const name = sort.startsWith("chats.") || sort.startsWith("Chats.") ? sort : `chats.${sort}`;
  const field = lookupField(name);
  if (field === undefined || !field.sortable) {
    const near = field === undefined ? nearestName(name, SORTABLE_API_NAMES) : undefined;
    if (near === undefined) fail("notSortable", show(sort));
    fail("notSortableNear", show(sort), near);
  }
  let direction: "desc" | undefined;
  if (order !== undefined) {
    const upper = typeof order === "string" ? order.toUpperCase() : undefined;
    if (upper !== "ASC" && upper !== "DESC") fail("order", show(order));
    if (upper === "DESC") direction = "desc";
  }
  return { kind: "sort", span: NO_SPAN, field: fieldRef(field), direction };
}

function fieldRef(field: FieldSpec): FieldRef {
  return { kind: "field", span: NO_SPAN, name: field.name };
}

function integer(n: number): IntegerValue {
  return { kind: "integer", span: NO_SPAN, text: String(n) };
}

function dateTime(seconds: number): DateTimeValue {
  const text = new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
  return { kind: "datetime", span: NO_SPAN, text };
}

function word(name: string): WordValue {
  return { kind: "word", span: NO_SPAN, name };
}

function text(value: string): StringValue {
  return { kind: "string", span: NO_SPAN, value };
}

/** The API's names of the fields, for what a body's misspelt one meant. */
const API_FIELD_NAMES = FIELDS.map((f) => f.name);
const SORTABLE_API_NAMES = FIELDS.filter((f) => f.sortable).map((f) => f.name);

/** A filter field the API does not know: an HCQL name for one it does (`assignee`), or none. */
function notApiField(where: string, name: string): never {
  const meant = lookupField(name);
  if (meant !== undefined) fail("fieldNotApiName", where, name, meant.name);
  unknownField(where, name);
}

function unknownField(where: string, name: string): never {
  const near = nearestName(name, API_FIELD_NAMES);
  if (near === undefined) fail("unknownField", where, name);
  fail("unknownFieldNear", where, name, near);
}

/** An item as HCQL predicates joined by `and` (several only for a tag item with several names). */
function decompileItem(item: Json, index: number): Comparison[] {
  const where = `filter[${index}]`;
  if (!isObject(item)) fail("notObject", where);
  for (const key of Object.keys(item)) if (!ITEM_KEYS.has(key)) fail("unknownKey", where, key);
  for (const key of ITEM_KEYS) if (!Object.hasOwn(item, key)) fail("missing", where, key);
  const name = own(item, "field");
  if (typeof name !== "string") fail("fieldNotString", where);
  const field = fieldByApiName(name);
  if (field === undefined) notApiField(where, name);
  if (!field.filterable) fail("sortOnly", where, name);
  const operator = own(item, "operator");
  if (typeof operator !== "string" || !(OPERATORS as readonly string[]).includes(operator))
    fail("badOperator", where, show(operator));
  const op = operator as Operator;
  if (!field.operators.includes(op))
    fail("operatorNotAllowed", where, op, displayName(field), field.operators.join(", "));
  const values = valuesOf(field, own(item, "value"), where);
  const ref = fieldRef(field);
  return values.map((value) => ({
    kind: "comparison",
    span: NO_SPAN,
    field: ref,
    operator: op,
    operatorSpan: NO_SPAN,
    value,
  }));
}

/** An item's value as HCQL values (several for a tag item with several names). */
function valuesOf(field: FieldSpec, value: Json, where: string): Value[] {
  const bad = (expected: string): never => fail("badValue", where, displayName(field), expected, show(value));
  switch (field.type) {
    case "integer":
    case "date": {
      const n = typeof value === "string" && DIGITS.test(value) ? Number(value) : value;
      const isInteger = typeof n === "number" && Number.isSafeInteger(n);
      if (field.type === "date") {
        if (!isInteger || n < FIRST_UNIX_SECOND || n > LAST_UNIX_SECOND) {
          return bad(
            `UNIX seconds (an integer from ${FIRST_UNIX_SECOND} to ${LAST_UNIX_SECOND}, the years 0 to 9999)`,
          );
        }
        // Before 1970 (negative seconds) a date is written as a UTC date-time: HCQL has no negative numbers.
        return [n < 0 ? dateTime(n) : integer(n)];
      }
      if (!isInteger || n < 0) return bad("a non-negative integer");
      return [integer(n)];
    }
    case "status": {
      const code = typeof value === "string" && DIGITS.test(value) ? Number(value) : value;
      const status = typeof code === "number" ? statusByCode(code) : undefined;
      if (status === undefined) return bad(`a status code from ${STATUS_CODE_RANGE}`);
      return [word(status.names[0]!)];
    }
    case "rating": {
      // Exactly as the API matches them: `"POOR"` matches no chat, and `rating = poor` would.
      const rating = RATINGS.find((r) => r === value);
      if (rating === undefined) return bad(spokenList(RATINGS, "or"));
      return [word(rating)];
    }
    case "string":
      if (typeof value !== "string") return bad("a string");
      return [text(value)];
    case "tag": {
      if (!Array.isArray(value) || value.length === 0) return bad('a non-empty array of {"name": string}');
      return value.map((tag: Json) => {
        const name = isObject(tag) && Object.keys(tag).length === 1 ? own(tag, "name") : undefined;
        if (typeof name !== "string") return bad('a non-empty array of {"name": string}');
        return text(name);
      });
    }
    default:
      return assertNever(field.type, "field type");
  }
}
