import fc from "fast-check";
import type { ChatRecord } from "../emulator/index.js";
import {
  assertNever,
  COUNT_UNITS,
  DURATION_UNIT_NAMES,
  DURATION_UNITS,
  FILTER_FIELDS,
  type FieldSpec,
  GROUP_FIELDS,
  MAX_COUNT_GROUPS,
  MAX_LIMIT,
  NO_SPAN,
  OPERATOR_FORMS,
  type OperatorFormName,
  PAGE_SIZE,
  RATINGS,
  SORT_FIELDS,
  type Span,
  STATUSES,
  writtenOperators,
} from "../language/index.js";
import { isBareWord } from "../lexer/index.js";
import type {
  ComparisonOperator,
  CountClause,
  CountGroup,
  DurationUnit,
  Expr,
  FieldRef,
  IntegerValue,
  LimitClause,
  OffsetClause,
  Predicate,
  Query,
  SortClause,
  Value,
} from "../parser/index.js";
import { integerOption } from "./options.js";
import { DAY, idPool, type Pools, poolsOf, textPool } from "./pools.js";
import { printQuery } from "./print.js";

/*
 * fast-check arbitraries of HCQL: valid queries as syntax trees and as text, request bodies, chats
 * and chat records. Every generated query passes the checker (no `not` over a tag predicate, values
 * of the right type for each field); its plan may still exceed `maxRequests` (compile with a larger
 * one, or treat `plan-too-large` as an expected answer).
 */

// Past these, building the arbitrary runs out of memory, or nearly every query is too long to parse.
const MAX_ARBITRARY_DEPTH = 16;
const MAX_ARBITRARY_OPERANDS = 16;

/** What the query arbitraries (`queryText`, `queryTree`, `queryCase`) draw from and how far they go. */
export interface QueryArbitraryOptions {
  /** Draw ids, emails, user ids, tags and times from these records, so that queries have matches. */
  readonly records?: readonly ChatRecord[] | undefined;
  /** Deepest nesting of `and`/`or`/`not` (0: a single predicate), from 0 to 16. Default 3. */
  readonly maxDepth?: number | undefined;
  /**
   * Most operands of one `and`/`or` and most values of one `in` (1: no `and`/`or`), from 1 to 16.
   * Default 3. Queries grow as this to the power of `maxDepth`: with both large (5 and 16) most texts
   * pass the 65,536 characters a query may have.
   */
  readonly maxOperands?: number | undefined;
  /** Largest `limit`, from 1 to 10,000. Default 10,000. */
  readonly maxLimit?: number | undefined;
  /** Largest `offset`. Default 1,000. */
  readonly maxOffset?: number | undefined;
  /** Whether to add `sort`, `limit` and `offset` clauses (each sometimes). Default true. */
  readonly clauses?: boolean | undefined;
  /**
   * Whether to add a `count` or `count by` clause (sometimes; §10 of the language): up to three
   * groups, a date field `per` a unit. A query with a count has no `sort` or `offset` (a count
   * refuses them), and its `limit` keeps rows. Default false.
   */
  readonly counts?: boolean | undefined;
}

// ---------------------------------------------------------------------------------------------
// Values

function word(name: string): Value {
  return { kind: "word", span: NO_SPAN, name };
}

function str(value: string): Value {
  return { kind: "string", span: NO_SPAN, value };
}

function int(n: number, zeros = 0): IntegerValue {
  return { kind: "integer", span: NO_SPAN, text: `${"0".repeat(zeros)}${n}` };
}

/** A text as a bare word when it reads back as one, else as a string. */
function wordOrString(text: string): fc.Arbitrary<Value> {
  if (isBareWord(text)) return fc.constantFrom(word(text), str(text));
  if (/^[0-9]{1,15}$/.test(text))
    return fc.constantFrom<Value>({ kind: "integer", span: NO_SPAN, text }, str(text));
  return fc.constant(str(text));
}

/** A name in random letter case (names, keywords and field names are case-insensitive). */
function anyCase(name: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(name) },
    fc.constant(name.toUpperCase()),
    fc.constant(name.toLowerCase()),
    fc.constant(name.charAt(0).toUpperCase() + name.slice(1)),
  );
}

function integerValue(pool: readonly number[]): fc.Arbitrary<Value> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...pool).map((n) => int(n)) },
    fc
      .tuple(fc.constantFrom(...pool), fc.integer({ min: -3, max: 3 }))
      .map(([n, d]) => int(Math.max(0, n + d))),
    fc.tuple(fc.constantFrom(...pool), fc.integer({ min: 1, max: 2 })).map(([n, z]) => int(n, z)),
  );
}

function statusValue(): fc.Arbitrary<Value> {
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(...STATUSES.flatMap((s) => s.names))
        .chain((n) => anyCase(n).chain(wordOrString)),
    },
    fc.constantFrom(...STATUSES.map((s) => s.code)).chain((c) => fc.constantFrom(int(c), str(String(c)))),
  );
}

function ratingValue(): fc.Arbitrary<Value> {
  return fc.constantFrom(...RATINGS).chain((r) => anyCase(r).chain(wordOrString));
}

/** A whole string of the pool, or a piece of one (for `~`), sometimes in another letter case. */
function textValue(pool: readonly string[], piece: boolean): fc.Arbitrary<Value> {
  const whole = fc.constantFrom(...pool);
  if (!piece) return whole.chain(wordOrString);
  return fc
    .tuple(whole, fc.nat(), fc.integer({ min: 1, max: 6 }), fc.boolean())
    .map(([s, start, length, upper]) => {
      const from = start % s.length;
      const part = s.slice(from, from + length);
      return upper ? part.toUpperCase() : part;
    })
    .chain(wordOrString);
}

function tagValue(pool: readonly string[]): fc.Arbitrary<Value> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...pool).chain(wordOrString) },
    fc.constantFrom("limit", "today", "42", "Nope").chain((t) => wordOrString(t)),
  );
}

function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH:MM[:SS]` with no offset, `Z` or an offset such as `+05:30`. */
function dateTimeText(
  seconds: number,
  withSeconds: boolean,
  offsetMinutes: number | "Z" | undefined,
): string {
  const shift = typeof offsetMinutes === "number" ? offsetMinutes * 60 : 0;
  const iso = new Date((seconds + shift) * 1000).toISOString();
  const base = iso.slice(0, withSeconds ? 19 : 16);
  if (offsetMinutes === undefined) return base;
  if (offsetMinutes === "Z") return `${base}Z`;
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${base}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** How long a generated duration may be, in seconds (about 460 days), whatever its unit. */
const LONGEST_DURATION = 40_000_000;

function duration(): fc.Arbitrary<{ kind: "duration"; span: Span; amount: string; unit: DurationUnit }> {
  return fc
    .constantFrom(...DURATION_UNIT_NAMES)
    .chain((unit) =>
      fc
        .integer({ min: 0, max: Math.floor(LONGEST_DURATION / DURATION_UNITS[unit]) })
        .map((n) => ({ unit, n })),
    )
    .map(({ unit, n }) => ({ kind: "duration" as const, span: NO_SPAN, amount: String(n), unit }));
}

/** Every date form of §4: INT, DATE, DATETIME (with and without offset), now/today/yesterday ± a duration, `7d ago`, `-7d`. */
function dateValue(times: readonly number[]): fc.Arbitrary<Value> {
  // A time of the data, exactly or a second off (edges of `>`/`>=`), or up to two days off.
  const time = fc
    .tuple(
      fc.constantFrom(...times),
      fc.oneof(fc.constant(0), fc.integer({ min: -1, max: 1 }), fc.integer({ min: -2 * DAY, max: 2 * DAY })),
    )
    .map(([t, d]) => Math.max(0, t + d));
  const anchor = fc.constantFrom("now", "today", "yesterday").chain(anyCase);
  return fc.oneof(
    time.map((t) => int(t)),
    time.map((t): Value => ({ kind: "date", span: NO_SPAN, text: isoDate(t) })),
    fc
      .tuple(
        time,
        fc.boolean(),
        fc.oneof(
          fc.constant(undefined),
          fc.constant("Z" as const),
          fc.integer({ min: -12 * 60, max: 14 * 60 }).map((m) => m - (m % 15)),
        ),
      )
      .map(([t, s, o]): Value => ({ kind: "datetime", span: NO_SPAN, text: dateTimeText(t, s, o) })),
    anchor.map(word),
    fc.tuple(anchor, fc.constantFrom<"+" | "-">("+", "-"), duration()).map(
      ([a, sign, d]): Value => ({
        kind: "relative",
        span: NO_SPAN,
        form: "anchored",
        anchor: { kind: "word", span: NO_SPAN, name: a },
        sign,
        duration: d,
      }),
    ),
    duration().map(
      (d): Value => ({
        kind: "relative",
        span: NO_SPAN,
        form: "ago",
        anchor: undefined,
        sign: "-",
        duration: d,
      }),
    ),
    duration().map(
      (d): Value => ({
        kind: "relative",
        span: NO_SPAN,
        form: "prefix",
        anchor: undefined,
        sign: "-",
        duration: d,
      }),
    ),
  );
}

/** A value of the field's type; `piece` asks for a substring (the value of `~`/`contains`). */
function valueFor(field: FieldSpec, pools: Pools, piece = false): fc.Arbitrary<Value> {
  switch (field.type) {
    case "integer":
      return integerValue(idPool(field, pools));
    case "date":
      return dateValue(pools.times);
    case "status":
      return statusValue();
    case "rating":
      return ratingValue();
    case "string":
      return textValue(textPool(field, pools), piece);
    case "tag":
      return tagValue(pools.tags);
    default:
      return assertNever(field.type, "field type");
  }
}

// ---------------------------------------------------------------------------------------------
// Predicates and conditions

function fieldRef(field: FieldSpec): fc.Arbitrary<FieldRef> {
  return fc
    .constantFrom(...field.shortNames, field.name)
    .chain(anyCase)
    .map((name) => ({ kind: "field" as const, span: NO_SPAN, name }));
}

type PredicateForm = "comparison" | OperatorFormName;

const WORD_FORMS: ReadonlySet<string> = new Set(OPERATOR_FORMS.map((form) => form.written));

/** The predicate forms the checker accepts for the field; a negative context never gets a tag. */
function formsOf(field: FieldSpec): { forms: PredicateForm[]; operators: ComparisonOperator[] } {
  const wordForms = writtenOperators(field.operators).filter((w): w is OperatorFormName => WORD_FORMS.has(w));
  return { forms: ["comparison", ...wordForms], operators: [...field.operators] };
}

function predicateOf(field: FieldSpec, pools: Pools, maxOperands: number): fc.Arbitrary<Predicate> {
  const { forms, operators } = formsOf(field);
  const ref = fieldRef(field);
  return fc.constantFrom(...forms).chain((form): fc.Arbitrary<Predicate> => {
    switch (form) {
      case "comparison":
        return fc.constantFrom(...operators).chain((operator) =>
          fc.record({ field: ref, value: valueFor(field, pools, operator === "~" || operator === "!~") }).map(
            ({ field: f, value }): Predicate => ({
              kind: "comparison",
              span: NO_SPAN,
              field: f,
              operator,
              operatorSpan: NO_SPAN,
              value,
            }),
          ),
        );
      case "in":
      case "not in":
        return fc
          .record({
            field: ref,
            values: fc.array(valueFor(field, pools), { minLength: 1, maxLength: maxOperands }),
          })
          .map(({ field: f, values }) => ({
            kind: "in",
            span: NO_SPAN,
            field: f,
            negated: form === "not in",
            operatorSpan: NO_SPAN,
            values,
          }));
      case "between":
      case "not between":
        return fc
          .record({ field: ref, low: valueFor(field, pools), high: valueFor(field, pools) })
          .map(({ field: f, low, high }) => ({
            kind: "between",
            span: NO_SPAN,
            field: f,
            negated: form === "not between",
            operatorSpan: NO_SPAN,
            low,
            high,
          }));
      case "contains":
      case "not contains":
        return fc.record({ field: ref, value: valueFor(field, pools, true) }).map(({ field: f, value }) => ({
          kind: "contains",
          span: NO_SPAN,
          field: f,
          negated: form === "not contains",
          operatorSpan: NO_SPAN,
          value,
        }));
      default:
        return assertNever(form, "predicate form");
    }
  });
}

/** Conditions up to `maxDepth`; `negative[d]` is used under an odd number of `not`s (no tags there). */
function conditions(pools: Pools, maxDepth: number, maxOperands: number): fc.Arbitrary<Expr> {
  const positiveLeaf = fc.oneof(...FILTER_FIELDS.map((f) => predicateOf(f, pools, maxOperands)));
  const negativeLeaf = fc.oneof(
    ...FILTER_FIELDS.filter((f) => f.type !== "tag").map((f) => predicateOf(f, pools, maxOperands)),
  );
  let positive: fc.Arbitrary<Expr> = positiveLeaf;
  let negative: fc.Arbitrary<Expr> = negativeLeaf;
  for (let depth = 1; depth <= maxDepth; depth++) {
    const [p, n] = [positive, negative];
    // An `and`/`or` has two operands at least: with a most of 1 there is none. Weighed 4 (draws of
    // one operand are no junction), about as many junctions are drawn as with two operands at least.
    const junctions = (same: fc.Arbitrary<Expr>) =>
      maxOperands < 2
        ? []
        : [
            { weight: 4, arbitrary: operands(same, maxOperands).map(andOf) },
            { weight: 4, arbitrary: operands(same, maxOperands).map(orOf) },
          ];
    const level = (leaf: fc.Arbitrary<Expr>, same: fc.Arbitrary<Expr>, flipped: fc.Arbitrary<Expr>) =>
      fc.oneof({ weight: 3, arbitrary: leaf }, ...junctions(same), {
        weight: 1,
        arbitrary: flipped.map(notOf),
      });
    positive = level(positiveLeaf, p, n);
    negative = level(negativeLeaf, n, p);
  }
  return positive;
}

/**
 * The operands of an `and`/`or`: one alone stands for itself (`andOf`, `orOf`), so that shrinking can
 * drop the junction around the part of a query that fails, which two operands at least would forbid.
 */
function operands(same: fc.Arbitrary<Expr>, maxOperands: number): fc.Arbitrary<Expr[]> {
  return fc.array(same, { minLength: 1, maxLength: maxOperands });
}

function andOf(operands: Expr[]): Expr {
  return operands.length === 1 ? operands[0]! : { kind: "and", span: NO_SPAN, operands };
}

function orOf(operands: Expr[]): Expr {
  return operands.length === 1 ? operands[0]! : { kind: "or", span: NO_SPAN, operands };
}

function notOf(operand: Expr): Expr {
  return { kind: "not", span: NO_SPAN, keyword: NO_SPAN, operand };
}

function limitNumber(top: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 1, max: Math.min(top, 20) }) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: Math.min(top, PAGE_SIZE) }) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: top }) },
  );
}

function offsetNumber(max: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: Math.min(max, 10) }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max }) },
  );
}

/** `count`, or `count by` up to three fields that group (none twice), each date field `per` a unit. */
function countClause(): fc.Arbitrary<CountClause> {
  const group = (field: FieldSpec): fc.Arbitrary<CountGroup> =>
    fc
      .record({
        field: fieldRef(field),
        unit:
          field.type === "date"
            ? fc
                .constantFrom(...COUNT_UNITS)
                .chain(anyCase)
                .map((name) => ({ kind: "word" as const, span: NO_SPAN, name }))
            : fc.constant(undefined),
      })
      .map(({ field: ref, unit }) => ({ kind: "group" as const, span: NO_SPAN, field: ref, unit }));
  return fc
    .uniqueArray(fc.constantFrom(...GROUP_FIELDS), { maxLength: MAX_COUNT_GROUPS, selector: (f) => f.name })
    .chain((fields): fc.Arbitrary<CountGroup[]> => fc.tuple(...fields.map(group)))
    .map((groups) => ({ kind: "count" as const, span: NO_SPAN, groups }));
}

/**
 * Valid HCQL queries as syntax trees (spans are all zero). Nested and/or/not, every predicate form
 * the field table allows, every value form, `sort by` every sortable field, limits up to 10,000 and
 * offsets; with `counts`, `count` and `count by` too.
 */
export function queryTree(options: QueryArbitraryOptions = {}): fc.Arbitrary<Query> {
  const pools = poolsOf(options.records);
  const maxOperands = integerOption("maxOperands", options.maxOperands, 3, 1, MAX_ARBITRARY_OPERANDS);
  const maxDepth = integerOption("maxDepth", options.maxDepth, 3, 0, MAX_ARBITRARY_DEPTH);
  const maxLimit = integerOption("maxLimit", options.maxLimit, MAX_LIMIT, 1, MAX_LIMIT);
  const maxOffset = integerOption("maxOffset", options.maxOffset, 1000, 0);
  const condition = conditions(pools, maxDepth, maxOperands);
  const withClauses = options.clauses ?? true;
  // About half the queries count, so that searches keep their share.
  const count =
    options.counts === true ? fc.option(countClause(), { nil: undefined, freq: 2 }) : fc.constant(undefined);
  /** A clause sometimes, or never when clauses are off. */
  const clause = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
    withClauses ? fc.option(arbitrary, { nil: undefined }) : fc.constant(undefined);
  const sort: fc.Arbitrary<SortClause | undefined> = clause(
    fc
      .record({
        field: fc.constantFrom(...SORT_FIELDS).chain(fieldRef),
        direction: fc.constantFrom<"asc" | "desc" | undefined>("asc", "desc", undefined),
      })
      .map(({ field, direction }) => ({ kind: "sort" as const, span: NO_SPAN, field, direction })),
  );
  const limit: fc.Arbitrary<LimitClause | undefined> = clause(
    limitNumber(maxLimit).map((n) => ({
      kind: "limit" as const,
      span: NO_SPAN,
      value: int(n),
    })),
  );
  const offset: fc.Arbitrary<OffsetClause | undefined> = clause(
    offsetNumber(maxOffset).map((n) => ({
      kind: "offset" as const,
      span: NO_SPAN,
      value: int(n),
    })),
  );
  return fc
    .record({
      condition: fc.option(condition, { nil: undefined, freq: 20 }),
      sort,
      limit,
      offset,
      count,
    })
    .map(({ condition: c, sort: s, limit: l, offset: o, count: k }): Query => {
      const query = { kind: "query" as const, span: NO_SPAN, condition: c, sort: s, limit: l, offset: o };
      // A count refuses `sort` and `offset` (§10); its limit keeps rows.
      return k === undefined ? query : { ...query, sort: undefined, offset: undefined, count: k };
    });
}

/**
 * Valid HCQL queries as text: `queryTree` printed with varied spelling (keyword case, `&&`/`||`/`!`,
 * `==`/`<>`, single or double quotes and escapes, spare parentheses, line breaks and comments, clauses
 * in any order).
 */
export function queryText(options: QueryArbitraryOptions = {}): fc.Arbitrary<string> {
  return fc.tuple(queryTree(options), fc.integer()).map(([tree, seed]) => printQuery(tree, seed));
}

/** A tree and its text, when a test needs both; the tree's spans are zero, as `queryTree`'s. */
export function queryCase(options: QueryArbitraryOptions = {}): fc.Arbitrary<{ tree: Query; text: string }> {
  return fc
    .tuple(queryTree(options), fc.integer())
    .map(([tree, seed]) => ({ tree, text: printQuery(tree, seed) }));
}
