import fc from "fast-check";
import { displayName, FILTER_FIELDS, type FieldSpec, SORT_FIELDS } from "../../src/language/fields.js";
import { DURATION_UNIT_NAMES, RATINGS, STATUSES } from "../../src/language/values.js";
import type {
  BetweenPredicate,
  Comparison,
  ComparisonOperator,
  ContainsPredicate,
  Expr,
  FieldRef,
  InPredicate,
  Query,
  RelativeValue,
  SortClause,
  Value,
  WordValue,
} from "../../src/parser/ast.js";

/**
 * fast-check arbitraries for HCQL syntax trees, built over the field table: every predicate uses an
 * operator its field allows and a value of its field's type, so generated queries are valid.
 * Trees are canonical (what `format` prints reads back as the same tree apart from spans): fields by
 * their first short name, status and rating values by their first name, no `~`/`!~` comparisons (those
 * are `contains`), no `asc`, and no `and` directly inside `and` (nor `or` inside `or`).
 * Spans are all empty at 0; compare trees with `stripSpans`.
 */

const NO_SPAN = { start: 0, end: 0 } as const;

/** Any text, including quotes, backslashes, control characters, wide characters and lone surrogates. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 10 }),
  fc.string({
    unit: fc.constantFrom('"', "'", "\\", "\n", "\t", "\u0000", "\ud800", "\udc00", "状", "😀", "a", " "),
    maxLength: 6,
  }),
);

const digits = (min: number, max: number) => fc.integer({ min, max }).map(String);
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

const dateText = fc
  .tuple(
    fc.integer({ min: 1990, max: 2040 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`);

const dateTimeText = fc
  .tuple(
    dateText,
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
    fc.constantFrom("", "Z", "+02:00", "-05:30"),
  )
  .map(([date, h, m, s, zone]) => `${date}T${pad(h)}:${pad(m)}${s === undefined ? "" : `:${pad(s)}`}${zone}`);

const word = (name: string): WordValue => ({ kind: "word", span: NO_SPAN, name });

const stringValue: fc.Arbitrary<Value> = anyText.map((value) => ({ kind: "string", span: NO_SPAN, value }));
const integerValue: fc.Arbitrary<Value> = digits(0, 2 ** 40).map((text) => ({
  kind: "integer",
  span: NO_SPAN,
  text,
}));

const relativeValue: fc.Arbitrary<Value> = fc
  .tuple(
    fc.constantFrom("anchored", "ago", "prefix") as fc.Arbitrary<RelativeValue["form"]>,
    fc.constantFrom("now", "today", "yesterday"),
    fc.constantFrom("+", "-") as fc.Arbitrary<"+" | "-">,
    digits(0, 999),
    fc.constantFrom(...DURATION_UNIT_NAMES),
  )
  .map(([form, anchor, sign, amount, unit]) => ({
    kind: "relative",
    span: NO_SPAN,
    form,
    anchor: form === "anchored" ? word(anchor) : undefined,
    sign: form === "anchored" ? sign : "-",
    duration: { kind: "duration", span: NO_SPAN, amount, unit },
  }));

const dateValue: fc.Arbitrary<Value> = fc.oneof(
  dateText.map((text): Value => ({ kind: "date", span: NO_SPAN, text })),
  dateTimeText.map((text): Value => ({ kind: "datetime", span: NO_SPAN, text })),
  integerValue,
  relativeValue,
  fc.constantFrom("now", "today", "yesterday").map(word),
);

/** A value of the field's type, in canonical spelling. */
function valueFor(field: FieldSpec): fc.Arbitrary<Value> {
  switch (field.type) {
    case "integer":
      return integerValue;
    case "date":
      return dateValue;
    case "status":
      return fc.constantFrom(...STATUSES.map((s) => s.names[0]!)).map(word);
    case "rating":
      return fc.constantFrom(...RATINGS).map(word);
    case "string":
    case "tag":
      // Canonical text quotes them (a bare word is another spelling of the same string).
      return stringValue;
  }
}

function fieldRef(field: FieldSpec): FieldRef {
  return { kind: "field", span: NO_SPAN, name: displayName(field) };
}

/** A predicate on one field with an operator it allows (sugar forms where their operators are allowed). */
function predicateFor(field: FieldSpec): fc.Arbitrary<Expr> {
  const value = valueFor(field);
  const ref = fieldRef(field);
  const comparisonOps = field.operators.filter((op) => op !== "~" && op !== "!~") as ComparisonOperator[];
  const forms: fc.Arbitrary<Expr>[] = [
    fc.tuple(fc.constantFrom(...comparisonOps), value).map(
      ([operator, v]): Comparison => ({
        kind: "comparison",
        span: NO_SPAN,
        field: ref,
        operator,
        operatorSpan: NO_SPAN,
        value: v,
      }),
    ),
  ];
  const allows = (op: ComparisonOperator) => field.operators.includes(op);
  if (allows("=")) {
    forms.push(
      fc
        .tuple(fc.boolean(), fc.array(value, { minLength: 1, maxLength: 4 }))
        .filter(([negated]) => !negated || allows("!="))
        .map(
          ([negated, values]): InPredicate => ({
            kind: "in",
            span: NO_SPAN,
            field: ref,
            negated,
            operatorSpan: NO_SPAN,
            values,
          }),
        ),
    );
  }
  if (allows(">=") && allows("<=")) {
    forms.push(
      fc.tuple(fc.boolean(), value, value).map(
        ([negated, low, high]): BetweenPredicate => ({
          kind: "between",
          span: NO_SPAN,
          field: ref,
          negated,
          operatorSpan: NO_SPAN,
          low,
          high,
        }),
      ),
    );
  }
  if (allows("~")) {
    forms.push(
      fc.tuple(fc.boolean(), value).map(
        ([negated, v]): ContainsPredicate => ({
          kind: "contains",
          span: NO_SPAN,
          field: ref,
          negated,
          operatorSpan: NO_SPAN,
          value: v,
        }),
      ),
    );
  }
  return fc.oneof(...forms);
}

/** A predicate on any filterable field. */
const predicate: fc.Arbitrary<Expr> = fc.oneof(...FILTER_FIELDS.map(predicateFor));

/** A condition: predicates under n-ary `and`/`or` and `not`, a few levels deep. */
const condition: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr; and: Expr; or: Expr; not: Expr }>((tie) => ({
  expr: fc.oneof({ depthSize: "small", withCrossShrink: true }, predicate, tie("and"), tie("or"), tie("not")),
  and: fc.array(tie("expr"), { minLength: 2, maxLength: 4 }).map((operands) => ({
    kind: "and" as const,
    span: NO_SPAN,
    operands: operands.flatMap((e) => (e.kind === "and" ? e.operands : [e])),
  })),
  or: fc.array(tie("expr"), { minLength: 2, maxLength: 4 }).map((operands) => ({
    kind: "or" as const,
    span: NO_SPAN,
    operands: operands.flatMap((e) => (e.kind === "or" ? e.operands : [e])),
  })),
  not: tie("expr").map((operand) => ({ kind: "not" as const, span: NO_SPAN, keyword: NO_SPAN, operand })),
})).expr;

const sortClause: fc.Arbitrary<SortClause> = fc
  .tuple(fc.constantFrom(...SORT_FIELDS), fc.constantFrom(undefined, "desc" as const))
  .map(([field, direction]) => ({ kind: "sort", span: NO_SPAN, field: fieldRef(field), direction }));

/** A whole query: an optional condition, then optional sort, limit (1–10,000) and offset. */
export const query: fc.Arbitrary<Query> = fc
  .tuple(
    fc.option(condition, { nil: undefined }),
    fc.option(sortClause, { nil: undefined }),
    fc.option(digits(1, 10_000), { nil: undefined }),
    fc.option(digits(0, 100_000), { nil: undefined }),
  )
  .map(([cond, sort, limit, offset]) => ({
    kind: "query",
    span: NO_SPAN,
    condition: cond,
    sort,
    limit:
      limit === undefined
        ? undefined
        : { kind: "limit", span: NO_SPAN, value: { kind: "integer", span: NO_SPAN, text: limit } },
    offset:
      offset === undefined
        ? undefined
        : { kind: "offset", span: NO_SPAN, value: { kind: "integer", span: NO_SPAN, text: offset } },
  }));

/** The pieces queries are made of, in any spelling, for "token soup" texts that often nearly parse. */
const TOKENS = [
  "status",
  "Rating",
  "tags",
  "customer.email",
  "createdAt",
  "x",
  "(",
  ")",
  ",",
  "=",
  "==",
  "!=",
  "<>",
  ">",
  ">=",
  "<",
  "<=",
  "~",
  "!~",
  "&&",
  "||",
  "!",
  "and",
  "OR",
  "not",
  "in",
  "between",
  "contains",
  "sort",
  "order",
  "by",
  "asc",
  "desc",
  "limit",
  "offset",
  "ago",
  "now",
  "today",
  "-",
  "+",
  "7d",
  "1h",
  "7days",
  "5",
  "007",
  "2020-06-24",
  "2020-06-24T10:00Z",
  '"Paid"',
  "'a\\'b'",
  '"open',
  '"\\x"',
  "#c\n",
  "@",
  "[",
  "]",
  "{",
  "}",
  "*",
  "%",
  "状态",
  "😀",
  "\ud800",
];

export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom(" ", "", "\n", "\t", "  ")), { maxLength: 14 })
  .map((parts) => parts.map(([token, space]) => token + space).join(""));

/** A text, and an edit of it: characters typed, deleted or replaced at some place. */
export const textEdit: fc.Arbitrary<{ before: string; after: string }> = fc
  .tuple(
    fc.oneof(tokenSoup, anyText),
    fc.nat(),
    fc.nat({ max: 4 }),
    fc.oneof(tokenSoup, fc.string({ maxLength: 3 })),
  )
  .map(([text, at, removed, inserted]) => {
    const i = at % (text.length + 1);
    return { before: text, after: text.slice(0, i) + inserted.slice(0, 6) + text.slice(i + removed) };
  });
