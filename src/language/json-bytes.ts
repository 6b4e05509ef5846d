import type { FilterItem, FilterValue, SearchBody } from "./api.js";

/**
 * The bytes of `JSON.stringify(body)` in UTF-8, counted without building the text: a plan's bodies
 * are measured against what the API reads on every long query (bench row `flat-or-scaling`).
 */
export function jsonBytes(body: SearchBody): number {
  // `{"filter":[…],…}`: the rest of the body is ASCII, and short.
  let bytes = JSON.stringify({ ...body, filter: [] }).length + Math.max(0, body.filter.length - 1);
  for (const item of body.filter) bytes += itemBytes(item);
  return bytes;
}

/** `{"field":…,"operator":…,"value":…}` */
function itemBytes(item: FilterItem): number {
  return 31 + stringBytes(item.field) + stringBytes(item.operator) + valueBytes(item.value);
}

function valueBytes(value: FilterValue): number {
  if (typeof value === "number") return numberBytes(value);
  if (typeof value === "string") return stringBytes(value);
  // `[{"name":…},…]`
  let bytes = 2 + Math.max(0, value.length - 1);
  for (const tag of value) bytes += 9 + stringBytes(tag.name);
  return bytes;
}

/**
 * A number as JSON writes it: an integer's digits are counted, not written, since an id or a time
 * in every item of a long query made a string each (bench row `flat-or-scaling`).
 */
function numberBytes(value: number): number {
  if (!Number.isSafeInteger(value)) return JSON.stringify(value).length;
  let bytes = value < 0 ? 2 : 1;
  for (let rest = Math.abs(value); rest >= 10; rest = Math.floor(rest / 10)) bytes++;
  return bytes;
}

/** A JSON string literal's UTF-8 bytes: quotes, escapes as JSON.stringify writes them, a pair as 4. */
function stringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) bytes += 2;
    else if (c < 0x20) bytes += SHORT_ESCAPES.has(c) ? 2 : 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

/** `\b \t \n \f \r`: the control characters JSON writes in two characters, not as `\uXXXX`. */
const SHORT_ESCAPES: ReadonlySet<number> = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
