import type {
  CountUnit,
  Diagnostic,
  FieldSpec,
  KnownNames,
  Operator,
  Rating,
  SearchBody,
  SortOrder,
  Span,
} from "../language/index.js";
import type { Junction, Negation } from "../parser/index.js";

/**
 * The public results of the checker and the compiler.
 *
 * The checked query is a tree beside the AST (never on it). Its leaves are checked predicates: a
 * resolved field, one of the API's operators and a converted value. The sugar forms are already
 * expanded in it (`in` → or of `=`, `not in` → and of `!=`, `between` → and of `>=`/`<=`,
 * `not between` → not of that and, `contains` → `~`, `not contains` → `!~`), so an evaluator only
 * needs the eight operators and the value kinds below.
 */

/** A value converted to what the API compares against. */
export type CheckedValue =
  /** An integer id (assignee, agents, department, customer). */
  | { readonly kind: "integer"; readonly value: number; readonly span: Span }
  /** A chat status as the API's code string, `"1"`..`"7"`. */
  | { readonly kind: "status"; readonly code: string; readonly span: Span }
  /** A rating, lower case. */
  | { readonly kind: "rating"; readonly name: Rating; readonly span: Span }
  /** A string (email, userId), case kept. */
  | { readonly kind: "string"; readonly value: string; readonly span: Span }
  /** One tag name, case kept (`tags = "Paid"` holds when the customer has that tag). */
  | { readonly kind: "tag"; readonly name: string; readonly span: Span }
  /** An instant in UNIX seconds (INT, DATETIME, `now`, `now - 7d`, `7d ago`, `today + 1h`...). */
  | { readonly kind: "instant"; readonly seconds: number; readonly span: Span }
  /**
   * A whole day in the session time zone, [start, end) in UNIX seconds (23, 24 or 25 hours).
   * Against a day: `= d` means start <= x < end; `!= d`: x < start or x >= end; `> d`: x >= end;
   * `>= d`: x >= start; `< d`: x < start; `<= d`: x < end.
   */
  | { readonly kind: "day"; readonly start: number; readonly end: number; readonly span: Span };

/** A predicate after checking: `field operator value`, three-valued (a missing value never matches). */
export interface CheckedPredicate {
  readonly kind: "predicate";
  readonly field: FieldSpec;
  readonly operator: Operator;
  readonly value: CheckedValue;
  /** The source predicate node (for an expanded `in`/`between`, the whole sugar predicate). */
  readonly span: Span;
  /** The operator as written (`not in`, `between`, `~`...). */
  readonly operatorSpan: Span;
  /** Only in the normalized tree: a `not` above it was pushed into it, so its operator is the written one's opposite. */
  readonly negated?: true;
}

/** An `and` of the checked query and its operands. */
export type CheckedAnd = Junction<"and", CheckedExpr>;

/** An `or` of the checked query and its operands. */
export type CheckedOr = Junction<"or", CheckedExpr>;

/** Only in the as-written tree; the normalized tree has none. */
export type CheckedNot = Negation<CheckedExpr>;

/** A condition of the checked query: an `and`, an `or`, a `not` or a predicate. */
export type CheckedExpr = CheckedAnd | CheckedOr | CheckedNot | CheckedPredicate;

/** The checked `sort by` clause: the field and the direction. */
export interface CheckedSort {
  /** A sortable field (`chats.lastMessageAt`...). */
  readonly field: FieldSpec;
  /** ASC when the query does not say. */
  readonly order: SortOrder;
  readonly span: Span;
}

/** A checked `limit` or `offset`: its value and where the query writes it. */
export interface CheckedNumber {
  readonly value: number;
  readonly span: Span;
}

/** One group of `count by`: a field whose value the chat objects carry, and a unit for a date. */
export interface CheckedGroup {
  readonly field: FieldSpec;
  /** The bucket of a date field; undefined for any other field. */
  readonly unit: CountUnit | undefined;
  readonly span: Span;
}

/** `count` (no groups) or `count by ...` (grammar.md §11). */
export interface CheckedCount {
  readonly groups: readonly CheckedGroup[];
  readonly span: Span;
}

/** A query that passed the checker. */
export interface CheckedQuery {
  /**
   * The condition as written: and/or/not as in the query (and/or n-ary as the parser built them),
   * sugar expanded as described above. Undefined when the query has no condition (all chats).
   */
  readonly condition: CheckedExpr | undefined;
  /**
   * The same condition with `not` pushed down to the predicates (grammar.md §5, no `CheckedNot` left) and
   * nested and/or of the same kind flattened. Same meaning as `condition` under three-valued logic.
   */
  readonly normalized: CheckedExpr | undefined;
  readonly sort: CheckedSort | undefined;
  /** 1..10,000 */
  readonly limit: CheckedNumber | undefined;
  /** >= 0 */
  readonly offset: CheckedNumber | undefined;
  /** The count clause; with it, `limit` keeps that many rows and there is no sort or offset. */
  readonly count: CheckedCount | undefined;
}

/** Options of `check` and `compile`. */
export interface CompileOptions {
  /**
   * The compile-time clock: UNIX seconds (not milliseconds) or a Date, in the years 0 to 9999 (else a
   * RangeError); floored to the second. Default: the current time.
   */
  readonly now?: number | Date | undefined;
  /** IANA time zone of dates without an offset and of whole days. Default "UTC". Unknown: RangeError. */
  readonly timeZone?: string | undefined;
  /** The most request bodies a plan may have. Default 8. */
  readonly maxRequests?: number | undefined;
  /** Longest query in UTF-16 units. Default 65,536. */
  readonly maxLength?: number | undefined;
  /** Deepest nesting. Default 64. */
  readonly maxDepth?: number | undefined;
  /**
   * A page size used when the query has no `limit` (the REPL's `.limit N`). Without it a single
   * body carries no limit.
   */
  readonly defaultLimit?: number | undefined;
  /**
   * The account's agents and departments, when known: a query that writes a name where one's id
   * goes (`department = Support`) gets a hint with the id (`'Support' is department 101`).
   */
  readonly names?: KnownNames | undefined;
  /**
   * Where an editor's cursor is in the text being typed (a UTF-16 offset, at most the text's
   * length). A word that ends at the cursor and begins a field's name (`stat` on the way to
   * `status`) is unfinished, not an unknown field. Without it the text is finished: every word is
   * checked, and `stat` gets `did you mean 'status'?`. Not an integer in range: RangeError.
   */
  readonly cursor?: number | undefined;
}

/** The source of one filter item: the predicate(s) it comes from. */
export interface ItemOrigin {
  /** The predicate that produced the item (the first one, for merged tags). */
  readonly span: Span;
  /** Every predicate merged into the item, in order (one span unless tags were merged). */
  readonly spans: readonly Span[];
  /** The predicate was under a `not` (§5): the item is its negation. */
  readonly negated?: true;
}

/** A date value of the query as compiled (the checked value itself), for `explain`. */
export type ResolvedDate = Extract<CheckedValue, { readonly kind: "instant" | "day" }>;

/**
 * Why the plan has the bodies it has (grammar.md §7):
 * - `none`: no conjunction can match; no request is sent;
 * - `all`: the query has no condition; one body with an empty filter;
 * - `and`: one conjunction; one body (`AND` when it has several items);
 * - `or`: several conjunctions of one item each; one `OR` body;
 * - `several`: several conjunctions, some of several items; one `AND` body for each of those,
 *   then one body for the single-item conjunctions; results are merged on the client.
 */
export type PlanShape = "none" | "all" | "and" | "or" | "several";

/**
 * What executing a query needs: the bodies, how their results combine and which chats to keep. Why the
 * plan is what it is (the normal form's size, what was dropped, the clock and the dates) is not here:
 * `explain` gives it.
 */
export interface Plan {
  /** The request bodies (pages of one body are added by the client with `offset`). */
  readonly bodies: readonly SearchBody[];
  /** `origins[b][i]` is the source of `bodies[b].filter[i]`. */
  readonly origins: readonly (readonly ItemOrigin[])[];
  /** The order of the results: the query's sort, or `chats.createdAt` DESC. Ties by chat id ascending. */
  readonly sort: { readonly field: string; readonly order: SortOrder };
  /** The query's offset (0 when it gives none). */
  readonly offset: number;
  /** How many chats the query wants: its limit, else `defaultLimit`, else undefined (all). */
  readonly limit: number | undefined;
  /** Whether the query gives `limit` itself (else there are further pages to ask for). */
  readonly limitExplicit: boolean;
  /** True when several bodies' results are merged on the client (dedup by id, sort, offset, limit). */
  readonly merge: boolean;
  readonly shape: PlanShape;
  /**
   * For a count query: its groups and how many rows to keep (its limit). Its bodies then fetch every
   * chat: pages of 100 (`limit` 100 in each body, later pages add `offset`), no query limit.
   */
  readonly count?: PlanCount | undefined;
}

/** What a count query's plan counts: its groups and the rows it keeps. */
export interface PlanCount {
  readonly groups: readonly CheckedGroup[];
  /** The query's limit: the first rows of the count's order (top N); undefined for all rows. */
  readonly rows: number | undefined;
  /** The session time zone: the one that dates are bucketed in (days, weeks, months...). */
  readonly timeZone: string;
}

/** What the planner did (grammar.md §7), for `explain`. */
export interface PlanSteps {
  /** Conjunctions of the disjunctive normal form as built (step 3), before any were dropped. */
  readonly conjunctions: number;
  /** Conjunctions dropped as never matching (step 4). */
  readonly neverMatching: number;
  /** Conjunctions dropped as duplicates or absorbed (step 5). */
  readonly absorbed: number;
}

/** Why a plan is what it is, kept beside it for `explain`: the planner's steps, the clock and the dates. */
export interface PlanTrace extends PlanSteps {
  /** Every date value of the query, in source order. */
  readonly dates: readonly ResolvedDate[];
  /** The compile-time clock used, UNIX seconds. */
  readonly now: number;
  /** The session time zone used. */
  readonly timeZone: string;
  /** How a condition mixing `and` and `or` without parentheses reads (`readingOf`); undefined otherwise. */
  readonly readsAs: string | undefined;
}

/**
 * `check`'s answer. `ok` means no error among the diagnostics (warnings allowed); then `checked` is
 * always there. A query that checks but cannot be planned (`plan-too-large`) fails with `checked` set.
 */
export type CheckResult = CheckSuccess | CheckFailure;

/** `check`'s answer for a query without errors: its warnings and the checked query. */
export interface CheckSuccess {
  readonly ok: true;
  /** Warnings only (`never-matches`), in source order. */
  readonly diagnostics: readonly Diagnostic[];
  /** The checked query. */
  readonly checked: CheckedQuery;
}

/** `check`'s answer for a query with errors: the diagnostics, and what could be checked. */
export interface CheckFailure {
  readonly ok: false;
  /** Parser's, checker's and planner's diagnostics, in source order, capped; at least one error. */
  readonly diagnostics: readonly Diagnostic[];
  /** Present when parsing and checking found no error (the planner failed). */
  readonly checked: CheckedQuery | undefined;
  /** Present when what failed is the plan's size (`plan-too-large`): for the caller's advice. */
  readonly tooLarge: TooLarge | undefined;
  /**
   * True when a name stands where an agent's or department's id goes and no `names` were given:
   * checking again with the account's agents and departments gives their ids as hints.
   */
  readonly namesWanted: boolean;
}

/** A plan refused for needing more requests than `maxRequests` allows (`plan-too-large`). */
export interface TooLarge {
  /**
   * The requests the plan needs: a `maxRequests` of at least this plans it. Undefined when the
   * query expands too far to be planned at all.
   */
  readonly requestsNeeded: number | undefined;
}

/** `compile`'s answer: the request bodies and their plan, or the diagnostics that stop them. */
export type CompileResult = CompileSuccess | CompileFailure;

/** `compile`'s answer for a query that compiles: the request bodies, the plan and any warnings. */
export interface CompileSuccess extends CheckSuccess {
  /** The request bodies (same as `plan.bodies`); empty when the query can never match. */
  readonly requests: readonly SearchBody[];
  readonly plan: Plan;
}

/** `compile`'s answer for a query that does not compile: the diagnostics that stop it, no request. */
export interface CompileFailure extends CheckFailure {
  readonly requests: readonly [];
  readonly plan: undefined;
}

/** `decompile`'s answer: HCQL text with the same meaning as the body, or what stops it. */
export type DecompileResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly error: string };
