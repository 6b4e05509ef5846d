import fc from "fast-check";
import { FIELD_NAMES, FIELDS, OPERATORS } from "../../src/language/fields.js";
import { RATINGS, STATUSES } from "../../src/language/values.js";
import { KEYWORDS } from "../../src/lexer/index.js";

/**
 * Generators of hostile input for the fuzz suites: random strings (unicode, control characters,
 * lone surrogates), token soups, and mutations of valid queries and bodies; plus a recorder of the
 * slowest case per input size class.
 */

/** Valid queries (the public examples and more): the seeds of the mutation generator. */
export const VALID_QUERIES: readonly string[] = [
  'status = 5 or tags = "Paid" sort by lastMessageAt asc limit 10',
  "status = pending",
  "rating = great and assignee = 3129 sort by closedAt desc limit 50 offset 100",
  'email contains "@example.com"',
  "createdAt > 2020-06-24",
  "createdAt = 2020-06-24",
  "createdAt > 7d ago",
  "updatedAt between 2020-06-01 and 2020-06-30",
  'tags in ("Paid", "Lead")',
  "not status = closed",
  "status = new or (tags = VIP and tags = Paid)",
  "sort by lastCustomerMessageAt desc limit 5",
  "(status = pending and assignee = 3129) or rating = poor or tags = VIP",
  "status in (new, opened) and department = 12 limit 10",
  'tags in ("A", "B") and tags = "C"',
  "createdAt >= now - 2h and createdAt < today + 1d",
  "closedAt not between 2024-01-01T00:00 and 2024-02-01T12:30:00Z # a comment",
  "!(status = closed || rating != poor) && customer.email !~ 'x\\'y'",
  'agents != 3129 and userId ~ "abc\\u00e9" and customer > 10 sort by createdAt limit 250 offset 3',
  "status = new or status = opened or status = pending or (rating = great and tags = a)",
  "not (status in (new, closed) or not (assignee <= 5 and assignee >= 1))",
  "createdAt = yesterday and updatedAt > 2w ago",
];

/** Every token the lexer knows, a few of each kind, and near-misses. */
const TOKENS: readonly string[] = [
  ...KEYWORDS,
  ...KEYWORDS.map((k) => k.toUpperCase()),
  ...FIELD_NAMES,
  ...FIELDS.map((f) => f.name),
  ...OPERATORS,
  ...STATUSES.flatMap((s) => s.names),
  ...RATINGS,
  "now",
  "today",
  "yesterday",
  "&&",
  "||",
  "!",
  "==",
  "=>",
  "(",
  ")",
  ",",
  "+",
  "-",
  "#",
  "# comment",
  '"Paid"',
  '"',
  "'",
  "'on hold'",
  '"unterminated',
  '"\\q"',
  '"\\u12"',
  "\\",
  "0",
  "1",
  "3129",
  "007",
  "9007199254740993",
  "99999999999999999999999",
  "2020-06-24",
  "2020-02-30",
  "9999-99-99",
  "2020-06-24T12:00",
  "2020-06-24T25:61:61+99:99",
  "7d",
  "1w",
  "99999999999999d",
  "3x",
  "12abc",
  "sort by",
  "limit 0",
  "offset",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "stauts",
  "ünïcode",
  "日本",
  "😀",
  "\u0000",
  "\u2028",
  "\ud800",
  "\udfff",
];

const SEPARATORS = ["", " ", " ", " ", "  ", "\n", "\t", "\r\n"];

/** A UTF-16 code unit of any value: lone surrogates and control characters included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
/** Mostly characters the lexer cares about, some of anything. */
const hcqlChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(..."()=!<>~,&|+-#\"'\\ \t\n\r0123456789abcdeimnorstTZ:.") },
  { weight: 1, arbitrary: codeUnit },
);

export const randomString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: codeUnit, maxLength: 64 }),
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.string({ unit: hcqlChar, maxLength: 96 }),
  fc.string({ unit: "grapheme", maxLength: 32 }),
);

export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom(...SEPARATORS)), { maxLength: 40 })
  .map((parts) => parts.map(([token, sep]) => token + sep).join(""));

type Edit =
  | { kind: "insert"; at: number; text: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "replace"; at: number; length: number; text: string };

const editText = fc.oneof(fc.constantFrom(...TOKENS), hcqlChar, fc.constantFrom(...SEPARATORS));
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: editText }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    kind: fc.constant("replace" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 6 }),
    text: editText,
  }),
);

function applyEdit(text: string, e: Edit): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  switch (e.kind) {
    case "insert":
      return text.slice(0, at) + e.text + text.slice(at);
    case "delete":
      return text.slice(0, at) + text.slice(at + e.length);
    case "replace":
      return text.slice(0, at) + e.text + text.slice(at + e.length);
  }
}

/** A valid query with 0–4 random edits (characters or whole tokens inserted, deleted, replaced). */
export const mutatedQuery: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...VALID_QUERIES), fc.array(edit, { maxLength: 4 }))
  .map(([query, edits]) => edits.reduce(applyEdit, query));

/** Any of the three kinds of hostile text. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(randomString, tokenSoup, mutatedQuery);

/** Long inputs up to the 64 KiB limit (and a little past it): repeated soups and mutated queries. */
export const longText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(tokenSoup, mutatedQuery, fc.string({ unit: hcqlChar, maxLength: 200 })),
    fc.integer({ min: 1, max: 66_000 }),
    fc.constantFrom(" ", " or ", " and ", "(", "not ", "", "\n"),
  )
  .map(([unit, size, joiner]) => {
    const piece = unit + joiner;
    if (piece.length === 0) return "";
    return piece.repeat(Math.ceil(size / piece.length)).slice(0, size);
  });

/** JSON values shaped like search bodies, mostly near-valid, with hostile keys and values. */
const fieldName = fc.oneof(
  fc.constantFrom(...FIELDS.map((f) => f.name)),
  fc.constantFrom("status", "chats.", "__proto__", "constructor", "prototype", "toString", ""),
  fc.string({ unit: codeUnit, maxLength: 12 }),
);
const operatorName = fc.oneof(fc.constantFrom(...OPERATORS), fc.constantFrom("==", "in", "__proto__", ""));
const hostileKey = fc.constantFrom("__proto__", "constructor", "prototype", "polluted", "filter", "limit");
const filterValue = fc.oneof(
  fc.integer({ min: -5, max: 10_000_000 }),
  fc.constantFrom("3", "great", "Paid", "", "1592962538", "pending", "__proto__", "9007199254740993"),
  fc.array(
    fc.record({ name: fc.oneof(fc.constantFrom("Paid", "VIP", "__proto__"), fc.string({ maxLength: 6 })) }),
    { maxLength: 3 },
  ),
  fc.dictionary(hostileKey, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const filterItem = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      { field: fieldName, operator: operatorName, value: filterValue },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const bodyRecord = fc.record(
  {
    filter: fc.oneof(
      { weight: 6, arbitrary: fc.array(filterItem, { maxLength: 5 }) },
      fc.jsonValue({ maxDepth: 1 }),
    ),
    comparison: fc.oneof(fc.constantFrom("AND", "OR", "or", "XOR"), fc.jsonValue({ maxDepth: 0 })),
    sort: fc.oneof(
      fc.constantFrom("chats.createdAt", "closedAt", "chats.updatedAt", "__proto__"),
      fc.string(),
    ),
    order: fc.oneof(fc.constantFrom("ASC", "desc", "up"), fc.jsonValue({ maxDepth: 0 })),
    limit: fc.oneof(fc.integer({ min: -1, max: 102 }), fc.jsonValue({ maxDepth: 0 })),
    offset: fc.oneof(fc.integer({ min: -1, max: 3000 }), fc.jsonValue({ maxDepth: 0 })),
  },
  { requiredKeys: [] },
);

/** Sets a key as JSON.parse does (an own data property, even `__proto__`), never through a setter. */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Bodies as they arrive over the wire: hostile keys are own properties, as JSON.parse makes them for
 * a real request (a `__proto__` key is never the object's prototype).
 */
export const hostileBody: fc.Arbitrary<unknown> = fc
  .tuple(
    bodyRecord,
    fc.array(fc.tuple(hostileKey, fc.jsonValue({ maxDepth: 1 })), { maxLength: 2 }),
    fc.boolean(),
  )
  .map(([record, extra, inFirstItem]) => {
    const body = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
    const first = Array.isArray(body.filter) ? (body.filter[0] as unknown) : undefined;
    const target =
      inFirstItem && typeof first === "object" && first !== null && !Array.isArray(first)
        ? (first as Record<string, unknown>)
        : body;
    for (const [key, value] of extra) defineOwn(target, key, value);
    return body;
  });

/** Any JSON value at all, for the "not a body" cases. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

/** The slowest call per size class (≤ 1 KiB, ≤ 64 KiB, more), to report and, in the long run, bound. */
export class SlowestCases {
  readonly small = { ms: 0, input: "" };
  readonly large = { ms: 0, input: "" };

  record(input: string, ms: number): void {
    const slot = input.length <= 1024 ? this.small : this.large;
    if (ms > slot.ms) {
      slot.ms = ms;
      slot.input = input;
    }
  }

  summary(name: string): string {
    const show = (s: { ms: number; input: string }) =>
      `${s.ms.toFixed(2)} ms (${s.input.length} chars: ${JSON.stringify(s.input.slice(0, 60))})`;
    return `${name}: slowest ≤ 1 KiB ${show(this.small)}; slowest ≤ 64 KiB ${show(this.large)}`;
  }
}

/** The time a call takes at best over a few tries (a garbage collection pause is not the input's cost). */
export function bestTime(fn: () => unknown, tries = 3): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < tries; i++) {
    const started = performance.now();
    fn();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
