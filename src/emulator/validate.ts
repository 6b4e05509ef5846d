import type { SortKey } from "../language/index.js";
import {
  assertNever,
  type FieldSpec,
  fieldByApiName,
  OPERATORS,
  type Operator,
  PAGE_SIZE,
  SORT_FIELDS,
  statusByCode,
} from "../language/index.js";
import { type ApiError, RESPONSES, VALIDATION_TEXTS as T, validationError } from "./errors.js";
import { runInSlices, runNow, type Work } from "./slices.js";

/** A filter item as the emulator evaluates it: the value already converted for the field's type. */
export interface Criterion {
  readonly field: FieldSpec;
  readonly operator: Operator;
  /** integer, date, status (code): number; rating, string: string; tag: the tag names. */
  readonly value: number | string | readonly string[];
  /** For `~` and `!~`: the value's text lower-cased, once per request (not once per chat). */
  readonly folded?: string;
}

/** A search body the emulator accepted, with every default filled in. */
export interface SearchRequest {
  readonly filter: readonly Criterion[];
  readonly comparison: "AND" | "OR";
  readonly sort: SortKey;
  readonly order: "ASC" | "DESC";
  readonly limit: number;
  readonly offset: number;
}

/** `validateSearchBody`'s answer: the accepted request, or the errors the API would answer with. */
export type Validation =
  | { readonly ok: true; readonly request: SearchRequest }
  | { readonly ok: false; readonly errors: readonly ApiError[] };

const BODY_KEYS = ["filter", "comparison", "sort", "order", "limit", "offset"] as const;
const LIST_KEYS = ["sort", "order", "limit", "offset"] as const;
const ITEM_KEYS = ["field", "operator", "value"] as const;
const SORT_NAMES: readonly string[] = SORT_FIELDS.map((f) => f.name);
const MAX_ID = Number.MAX_SAFE_INTEGER;

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A key's own value, never one inherited from Object.prototype. */
function own(o: Record<string, Json>, key: string): Json {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A safe integer given as a JSON integer or a string of digits; undefined when it is neither. */
function integer(value: Json): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === "string" && /^-?[0-9]{1,16}$/.test(value)) {
    const n = Number(value);
    return Math.abs(n) <= MAX_ID ? n : undefined;
  }
  return undefined;
}

/** An integer ≥ 0 (limit, offset, a status code), given as integer() reads it. */
function wholeNumber(value: Json): number | undefined {
  const n = integer(value);
  return n !== undefined && n >= 0 ? n : undefined;
}

/** The name a value message uses for a field: `status`, `customer.email`. */
function shortName(field: FieldSpec): string {
  return field.name.replace(/^chats\./, "");
}

/**
 * Converts a filter value for the field's type, or returns the error for it. Integers and dates are
 * any integer, negative ones included (the API's type table says Integer; a date before 1970 is
 * negative UNIX seconds).
 */
function convertValue(
  field: FieldSpec,
  value: Json,
  path: string,
  errors: ApiError[],
): Criterion["value"] | ApiError {
  const name = shortName(field);
  switch (field.type) {
    case "integer": {
      const n = integer(value);
      if (n !== undefined) return n;
      // The seed page reports these two fields' bad values with its own code and wording.
      return field.name === "chats.customer" || field.name === "chats.assignee"
        ? validationError("invalid_chat_value", path, T.chatValueInvalid(name))
        : validationError("invalid_value", path, T.notInteger(name));
    }
    case "date":
      return integer(value) ?? validationError("invalid_value", path, T.notInteger(name));
    case "status": {
      const code = wholeNumber(value);
      return code !== undefined && statusByCode(code) !== undefined
        ? code
        : validationError("invalid_value", path, T.notInteger(name));
    }
    case "rating":
    case "string":
      return typeof value === "string" ? value : validationError("invalid_value", path, T.notString(name));
    case "tag": {
      const tags = tagNames(value, path, errors);
      return tags ?? validationError("invalid_value", path, T.notTags(name));
    }
    default:
      return assertNever(field.type, "field type");
  }
}

/** The names of a tag list; a tag with a key besides `name` is refused as extra keys are elsewhere. */
function tagNames(value: Json, path: string, errors: ApiError[]): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const names: string[] = [];
  let extraKeys = false;
  for (const [i, tag] of value.entries()) {
    const name = isObject(tag) ? own(tag, "name") : undefined;
    if (typeof name !== "string") return undefined;
    for (const key of Object.keys(tag as object)) {
      if (key === "name") continue;
      extraKeys = true;
      errors.push(
        validationError("invalid_value", `${path}[${i}].${key}`, T.unknownTagKey(`${path}[${i}]`, key)),
      );
    }
    names.push(name);
  }
  return extraKeys ? [] : names;
}

function checkField(raw: Json, item: string, errors: ApiError[]): FieldSpec | undefined {
  const path = `${item}.field`;
  if (raw === undefined) {
    errors.push(validationError("invalid_field", path, T.fieldMissing(item)));
    return undefined;
  }
  const field = typeof raw === "string" ? fieldByApiName(raw) : undefined;
  if (field?.filterable) return field;
  const name = typeof raw === "string" ? raw : JSON.stringify(raw);
  errors.push(validationError("invalid_field", path, T.fieldInvalid(name)));
  return undefined;
}

/** An operator the API knows and the field's type accepts; any other is "Operator X is invalid". */
function checkOperator(
  raw: Json,
  field: FieldSpec | undefined,
  item: string,
  errors: ApiError[],
): Operator | undefined {
  const path = `${item}.operator`;
  if (raw === undefined) {
    errors.push(validationError("invalid_operator", path, T.operatorMissing(item)));
    return undefined;
  }
  const op = OPERATORS.find((o) => o === raw);
  if (op === undefined || (field && !field.apiOperators.includes(op))) {
    const shown = typeof raw === "string" ? raw : JSON.stringify(raw);
    errors.push(validationError("invalid_operator", path, T.operatorInvalid(shown)));
    return undefined;
  }
  return op;
}

function checkItem(item: Json, index: number, errors: ApiError[]): Criterion | undefined {
  const path = `filter[${index}]`;
  if (!isObject(item)) {
    errors.push(validationError("invalid_value", path, T.itemNotObject(path)));
    return undefined;
  }
  for (const key of Object.keys(item)) {
    if (!(ITEM_KEYS as readonly string[]).includes(key)) {
      errors.push(validationError("invalid_value", `${path}.${key}`, T.unknownItemKey(path, key)));
    }
  }
  const field = checkField(own(item, "field"), path, errors);
  const operator = checkOperator(own(item, "operator"), field, path, errors);
  const raw = own(item, "value");
  if (raw === undefined) {
    errors.push(validationError("invalid_value", `${path}.value`, T.valueMissing(path)));
    return undefined;
  }
  if (!field) return undefined;
  const value = convertValue(field, raw, `${path}.value`, errors);
  if (isApiError(value)) {
    errors.push(value);
    return undefined;
  }
  if (!operator || (Array.isArray(value) && value.length === 0)) return undefined;
  return operator === "~" || operator === "!~"
    ? { field, operator, value, folded: String(value).toLowerCase() }
    : { field, operator, value };
}

function isApiError(value: Criterion["value"] | ApiError): value is ApiError {
  return isObject(value) && "code" in value;
}

interface Paging {
  readonly sort: SortKey;
  readonly order: "ASC" | "DESC";
  readonly limit: number;
  readonly offset: number;
}

/** sort, order, limit and offset, shared by the search body and `GET /v1/chats`. */
function checkPaging(params: Record<string, Json>, errors: ApiError[]): Paging {
  const rawSort = own(params, "sort");
  const rawOrder = own(params, "order");
  const rawLimit = own(params, "limit");
  const rawOffset = own(params, "offset");
  let sort: SortKey = "createdAt";
  let order: "ASC" | "DESC" = rawSort === undefined ? "DESC" : "ASC";
  let limit = PAGE_SIZE;
  let offset = 0;
  if (rawSort !== undefined) {
    const name = typeof rawSort === "string" ? rawSort.replace(/^chats\./, "") : undefined;
    const found = SORT_NAMES.find((n) => name !== undefined && n === `chats.${name}`);
    if (found) sort = found.slice("chats.".length) as SortKey;
    else errors.push(validationError("invalid_value", "sort", T.sort(SORT_NAMES)));
  }
  if (rawOrder !== undefined) {
    const upper = typeof rawOrder === "string" ? rawOrder.toUpperCase() : undefined;
    if (upper === "ASC" || upper === "DESC") order = upper;
    else errors.push(validationError("invalid_value", "order", T.order()));
  }
  if (rawLimit !== undefined) {
    const n = wholeNumber(rawLimit);
    if (n !== undefined && n >= 1 && n <= PAGE_SIZE) limit = n;
    else errors.push(validationError("invalid_value", "limit", T.limit(PAGE_SIZE)));
  }
  if (rawOffset !== undefined) {
    const n = wholeNumber(rawOffset);
    if (n !== undefined) offset = n;
    else errors.push(validationError("invalid_value", "offset", T.offset()));
  }
  return { sort, order, limit, offset };
}

function checkKeys(o: Record<string, Json>, allowed: readonly string[], errors: ApiError[]): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key))
      errors.push(validationError("invalid_value", key, T.unknownParameter(key, allowed)));
  }
}

/**
 * Validates a parsed `POST /v1/chats/search` body, reporting every problem at once. A missing `filter`
 * means no condition (all chats); a missing `comparison` means AND. It takes any value (a `SearchBody`,
 * parsed JSON): one that is not an object is refused as the API refuses it.
 */
export function validateSearchBody(body: unknown): Validation {
  if (!isObject(body)) return { ok: false, errors: RESPONSES.notObject().errors };
  return runNow(validating(body));
}

/** `validateSearchBody` a slice at a time, yielding to other requests between: a 1 MiB body holds some 20,000 items. */
export function validateSearchBodyInSlices(body: Record<string, Json>): Promise<Validation> {
  return runInSlices(validating(body));
}

function* validating(body: Record<string, Json>): Work<Validation> {
  const errors: ApiError[] = [];
  checkKeys(body, BODY_KEYS, errors);
  const rawFilter = own(body, "filter");
  const filter: Criterion[] = [];
  if (rawFilter !== undefined && !Array.isArray(rawFilter)) {
    errors.push(validationError("invalid_value", "filter", T.filterNotArray()));
  } else if (rawFilter !== undefined) {
    // An indexed loop: a hole in a sparse array is an item like any other.
    for (let i = 0; i < rawFilter.length; i++) {
      const criterion = checkItem(rawFilter[i], i, errors);
      if (criterion) filter.push(criterion);
      yield;
    }
  }
  // Exactly AND or OR, as the contract says (not "and" or "Or"), whether or not there is a filter.
  const rawComparison = own(body, "comparison");
  let comparison: "AND" | "OR" = "AND";
  if (rawComparison === "AND" || rawComparison === "OR") comparison = rawComparison;
  else if (rawComparison !== undefined) {
    errors.push(validationError("invalid_chat_value", "comparison", T.comparison()));
  }
  const paging = checkPaging(body, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, request: { filter, comparison, ...paging } };
}

/** Validates the query parameters of `GET /v1/chats` (sort, order, limit, offset). */
export function validateListQuery(params: URLSearchParams): Validation {
  const errors: ApiError[] = [];
  const values: Record<string, Json> = Object.create(null);
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    if (all.length > 1) errors.push(validationError("invalid_value", key, T.repeatedParameter(key)));
    values[key] = all[0];
  }
  checkKeys(values, LIST_KEYS, errors);
  const paging = checkPaging(values, errors);
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, request: { filter: [], comparison: "AND", ...paging } };
}
