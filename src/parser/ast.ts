import type { DurationUnit, Operator, Span } from "../language/index.js";

/**
 * The HCQL syntax tree: a discriminated union of readonly plain objects, each with a span.
 * Spelling variants (`==`, `<>`, `&&`, `!`) do not survive; spans of every token a
 * diagnostic may point at do. Checker results live beside the tree, never on it.
 */

export interface Query {
  readonly kind: "query";
  readonly span: Span;
  /** Undefined when the query has no condition (all chats). */
  readonly condition: Expr | undefined;
  readonly sort: SortClause | undefined;
  readonly limit: LimitClause | undefined;
  readonly offset: OffsetClause | undefined;
  /** Left out by trees built before `count` existed; undefined when the query does not count. */
  readonly count?: CountClause | undefined;
}

/** A condition: `or`, `and`, `not`, a predicate, or an error node where the text did not parse. */
export type Expr = OrExpr | AndExpr | NotExpr | Predicate | ErrorNode;
/** A test of one field: a comparison, `in`, `between` or `contains`. */
export type Predicate = Comparison | InPredicate | BetweenPredicate | ContainsPredicate;

/** n-ary and/or: `a or b or c` is one node with three operands (in the AST and in the checked tree). */
export interface Junction<Kind extends "and" | "or", Operand> {
  readonly kind: Kind;
  readonly span: Span;
  readonly operands: readonly Operand[];
}

/** `a or b or …`: its operands, flattened. */
export type OrExpr = Junction<"or", Expr>;

/** `a and b and …`: its operands, flattened. */
export type AndExpr = Junction<"and", Expr>;

/** `not` over an operand (in the AST and in the checked tree). */
export interface Negation<Operand> {
  readonly kind: "not";
  readonly span: Span;
  /** The `not` or `!` token (in the checked tree, for `not between`, the operator span). */
  readonly keyword: Span;
  readonly operand: Operand;
}

/** `not a` (or `!a`). */
export type NotExpr = Negation<Expr>;

/** The comparison operators, as the field table names them. */
export type ComparisonOperator = Operator;

/** `field op value`, with `=`, `!=`, `>`, `>=`, `<` or `<=`. */
export interface Comparison {
  readonly kind: "comparison";
  readonly span: Span;
  readonly field: FieldRef;
  readonly operator: ComparisonOperator;
  readonly operatorSpan: Span;
  readonly value: ValueOrError;
}

/** `field in (v1, v2, …)` or `field not in (…)`. */
export interface InPredicate {
  readonly kind: "in";
  readonly span: Span;
  readonly field: FieldRef;
  readonly negated: boolean;
  /** From `not` (when negated) to `in`. */
  readonly operatorSpan: Span;
  readonly values: readonly ValueOrError[];
}

/** `field between low and high` (both ends included) or `not between`. */
export interface BetweenPredicate {
  readonly kind: "between";
  readonly span: Span;
  readonly field: FieldRef;
  readonly negated: boolean;
  readonly operatorSpan: Span;
  readonly low: ValueOrError;
  readonly high: ValueOrError;
}

/** `field contains value` (`~`) or `not contains` (`!~`). */
export interface ContainsPredicate {
  readonly kind: "contains";
  readonly span: Span;
  readonly field: FieldRef;
  readonly negated: boolean;
  readonly operatorSpan: Span;
  readonly value: ValueOrError;
}

/** A field as written (`Status`, `customer.email`); the checker resolves it. */
export interface FieldRef {
  readonly kind: "field";
  readonly span: Span;
  readonly name: string;
}

/** A value as written: a string, an integer, a date, a date-time, a word or a relative time. */
export type Value = StringValue | IntegerValue | DateValue | DateTimeValue | WordValue | RelativeValue;
/** A value, or an error node where the text had none that could be read. */
export type ValueOrError = Value | ErrorNode;

/** A quoted string: `"Paid"` or `'Paid'`. */
export interface StringValue {
  readonly kind: "string";
  readonly span: Span;
  /** The decoded text (escapes applied). */
  readonly value: string;
}

/** An integer: `3129`, `007`. */
export interface IntegerValue {
  readonly kind: "integer";
  readonly span: Span;
  /** The digits as written (`007`); may exceed 2^53 − 1, which the checker reports. */
  readonly text: string;
}

/** A date: `2020-06-24`, a whole day in the session time zone. */
export interface DateValue {
  readonly kind: "date";
  readonly span: Span;
  /** `YYYY-MM-DD` as written; the calendar is checked later. */
  readonly text: string;
}

/** A date-time: `2020-06-24T10:00`, `2020-06-24T10:00:00Z`. */
export interface DateTimeValue {
  readonly kind: "datetime";
  readonly span: Span;
  /** `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]` as written (a lower-case `t`/`z` is kept). */
  readonly text: string;
}

/** A bare word: a status or rating name, a tag, `now`, `today`, `yesterday`... the checker decides. */
export interface WordValue {
  readonly kind: "word";
  readonly span: Span;
  readonly name: string;
}

export type { DurationUnit } from "../language/index.js";

/** A duration: `7d`, `2h`, `30m`. */
export interface Duration {
  readonly kind: "duration";
  readonly span: Span;
  /** The digits as written. */
  readonly amount: string;
  readonly unit: DurationUnit;
}

/**
 * A relative time: `now - 7d`, `today + 1h` (form "anchored", with the anchor word),
 * `7d ago` (form "ago") and `-7d` (form "prefix"); the last two mean `now - 7d`.
 */
export interface RelativeValue {
  readonly kind: "relative";
  readonly span: Span;
  readonly form: "anchored" | "ago" | "prefix";
  /** The anchor word for the "anchored" form; undefined for "ago" and "prefix". */
  readonly anchor: WordValue | undefined;
  readonly sign: "+" | "-";
  readonly duration: Duration;
}

/** `sort by field` (or `order by`), with `asc` or `desc`. */
export interface SortClause {
  readonly kind: "sort";
  readonly span: Span;
  readonly field: FieldRef;
  readonly direction: "asc" | "desc" | undefined;
}

/** `limit N`. */
export interface LimitClause {
  readonly kind: "limit";
  readonly span: Span;
  readonly value: IntegerValue | ErrorNode;
}

/** `offset N`. */
export interface OffsetClause {
  readonly kind: "offset";
  readonly span: Span;
  readonly value: IntegerValue | ErrorNode;
}

/** `count` or `count by g1, g2`: count the matching chats, grouped (grammar.md §11). */
export interface CountClause {
  readonly kind: "count";
  readonly span: Span;
  /** Empty for `count` alone. */
  readonly groups: readonly CountGroup[];
}

/** One group of `count by`: a field and, for a date field, `per` a unit word (the checker reads it). */
export interface CountGroup {
  readonly kind: "group";
  readonly span: Span;
  readonly field: FieldRef;
  readonly unit: WordValue | undefined;
}

/** Stands where error recovery could not build a node; a syntax diagnostic covers it. */
export interface ErrorNode {
  readonly kind: "error";
  readonly span: Span;
}

/** A clause after the condition: sort, count, limit or offset. */
export type Clause = SortClause | LimitClause | OffsetClause | CountClause;
/** Any node of the syntax tree. */
export type Node = Query | Expr | FieldRef | Value | Duration | Clause | CountGroup;
