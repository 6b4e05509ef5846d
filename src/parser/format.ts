import {
  assertNever,
  DATE_WORDS,
  type Diagnostic,
  diagnostic,
  displayName,
  type FieldSpec,
  groupDigits,
  lookupField,
  operatorForm,
  operatorWord,
  quote,
  ratingByName,
  statusByCode,
  statusByName,
} from "../language/index.js";
import { isBareWord } from "../lexer/index.js";
import type { ComparisonOperator, CountClause, Expr, FieldRef, Query, ValueOrError } from "./ast.js";
import { DEFAULT_MAX_LENGTH, type ParseOptions } from "./options.js";
import { parse } from "./parse.js";

/**
 * The canonical text of a query (grammar.md §8): lower-case keywords, `and or not`, `=` and `!=`, `contains`
 * for `~`, each field's first short name, status and rating values by their first bare name,
 * strings and the values of string and tag fields double-quoted, `today`/`yesterday`/`now` in lower
 * case, single spaces, parentheses only where precedence needs them, then `sort by`, `count by`,
 * `limit`, `offset`. Comments are dropped unless `keepComments` asks for them. Idempotent.
 */

/**
 * `format` was given text that does not parse, a tree with error nodes, or text whose canonical form
 * is longer than a query may be; `diagnostics` says why.
 */
export class FormatError extends Error {
  override name = "FormatError";
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(message);
  }
}

/** What `formatQuery` returns: the canonical text, or the syntax diagnostics. */
export interface FormatResult {
  /** The canonical text, or undefined when the query has syntax errors (or its canonical form is too long). */
  readonly text: string | undefined;
  /** The parser's diagnostics (all errors when `text` is undefined). */
  readonly diagnostics: readonly Diagnostic[];
}

/** How `format` and `formatQuery` read the text: the parser's limits, and whether comments are kept. */
export interface FormatOptions extends ParseOptions {
  /**
   * Keep the text's `#` comments, each on a line of its own above the query, in their order (an
   * editor's Format keeps a person's notes). Default false: canonical text has no comments.
   */
  readonly keepComments?: boolean | undefined;
}

/** Formats query text without throwing: the canonical text, or the syntax diagnostics. */
export function formatQuery(text: string, options: FormatOptions = {}): FormatResult {
  const { query, diagnostics, comments = [] } = parse(text, options);
  if (diagnostics.length > 0) return { text: undefined, diagnostics };
  const printed = printQuery(query);
  const formatted = options.keepComments === true ? withComments(comments, printed) : printed;
  // Canonical text is longer than terse text (`a=1` → `a = 1`): past the limit, no query could read it.
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (formatted.length > maxLength) {
    const span = { start: 0, end: text.length };
    return {
      text: undefined,
      diagnostics: [
        diagnostic("formattedTooLong", span, [groupDigits(formatted.length), groupDigits(maxLength)]),
      ],
    };
  }
  return { text: formatted, diagnostics };
}

/** The printed query under the text's `#` comments, in their order. */
function withComments(comments: readonly string[], printed: string): string {
  if (comments.length === 0) return printed;
  const lines = comments.map((comment) => comment.trimEnd());
  return [...lines, ...(printed === "" ? [] : [printed])].join("\n");
}

/**
 * Formats query text or a parsed tree. Throws `FormatError` (carrying the diagnostics) when the text
 * has syntax errors or the tree holds error nodes; `formatQuery` returns them instead.
 */
export function format(input: string | Query, options: FormatOptions = {}): string {
  if (typeof input !== "string") return printQuery(input);
  const result = formatQuery(input, options);
  if (result.text === undefined) {
    throw new FormatError(`cannot format the query: ${result.diagnostics[0]!.message}`, result.diagnostics);
  }
  return result.text;
}

/**
 * How each piece of a query is spelled. `format` prints through `CANONICAL_SPELLING`; the testing
 * arbitraries print the same walk through a seeded spelling that varies keyword case, `&&`/`||`/`!`,
 * `==`/`<>`, quotes, spare parentheses, white space and clause order. The walk calls these in a fixed
 * order (left to right through the text), so a seeded spelling reproduces its text.
 */
export interface Spelling {
  /** A keyword, given in lower case. */
  keyword(word: string): string;
  /** The connective between the operands of `and`/`or`, spaces included. */
  connective(word: "and" | "or"): string;
  /** The prefix `not` (or `!`). */
  not(): string;
  /** The `and` between the bounds of `between`. */
  betweenAnd(): string;
  /** A comparison operator as written. */
  operator(operator: ComparisonOperator): string;
  /** The operator words of `in`, `between` and `contains`, with their negation. */
  form(name: "in" | "between" | "contains", negated: boolean): string;
  /** The values of `in`, between its parentheses. */
  list(values: readonly string[]): string;
  /** Parentheses around a node that does not need them. */
  spareParentheses(): boolean;
  /** Parenthesise `or` in `or` and `and` in `and`, so the text reads back as the same (unflattened) tree. */
  readonly keepsNesting: boolean;
  /** Parenthesise an `and` inside an `or`, as precedence reads it though it needs none. */
  readonly groupsAnd?: boolean;
  /** The first word of `sort by` (or of `order by`). */
  sortHead(): string;
  /** The text after the sort field: `""` or `" desc"`. */
  direction(direction: "asc" | "desc" | undefined): string;
  /** The printed clauses in the order they are written. */
  order(clauses: string[]): string[];
  /** What joins the condition and the clauses. */
  separator(): string;
  /** A field's name; `undefined` is the field table's entry, when there is one. */
  field(ref: FieldRef, field: FieldSpec | undefined): string;
  /**
   * A value spelled as its field reads it (canonically: status and rating names, words and digits on
   * string and tag fields as strings, date words in lower case), or undefined to print it as written.
   */
  fieldValue(value: ValueOrError, field: FieldSpec): string | undefined;
  /** A string literal. */
  string(value: string): string;
  /** A bare word's name. */
  word(name: string): string;
  /** A date-time's text. */
  datetime(text: string): string;
  /** The anchor of `now - 7d`, `today + 1d`... as written in the tree. */
  anchor(name: string): string;
  /** A duration unit of `count by ... per`. */
  unit(name: string): string;
}

/** Today's canonical text (grammar.md §8). */
export const CANONICAL_SPELLING: Spelling = {
  keyword: (word) => word,
  connective: (word) => ` ${word} `,
  not: () => "not",
  betweenAnd: () => "and",
  operator: (operator) => operatorWord(operator),
  form: (name, negated) => operatorForm(name, negated).written,
  list: (values) => values.join(", "),
  spareParentheses: () => false,
  keepsNesting: false,
  sortHead: () => "sort",
  direction: (direction) => (direction === "desc" ? " desc" : ""),
  order: (clauses) => clauses,
  separator: () => " ",
  field: (ref, field) => (field === undefined ? ref.name : displayName(field)),
  fieldValue: canonicalValue,
  string: quote,
  word: printWord,
  datetime: (text) => text.toUpperCase(),
  anchor: (name) => name.toLowerCase(),
  unit: (name) => name.toLowerCase(),
};

/**
 * How a condition that mixes `and` and `or` without parentheses reads (`a or b and c` is `a or (b
 * and c)`): its canonical text with each such `and` in parentheses; undefined for one that needs no
 * saying (no `and` inside an `or` left unparenthesised in `text`).
 */
export function readingOf(query: Query, text: string): string | undefined {
  if (query.condition === undefined || !hasBareAndInOr(query.condition, text)) return undefined;
  const grouped: Spelling = { ...CANONICAL_SPELLING, groupsAnd: true };
  return printBare(query.condition, grouped);
}

function hasBareAndInOr(expr: Expr, text: string): boolean {
  switch (expr.kind) {
    case "or":
      return expr.operands.some(
        (e) => (e.kind === "and" && !parenthesised(e, text)) || hasBareAndInOr(e, text),
      );
    case "and":
      return expr.operands.some((e) => hasBareAndInOr(e, text));
    case "not":
      return hasBareAndInOr(expr.operand, text);
    default:
      return false;
  }
}

/** Whether the text writes `expr` in parentheses of its own (its span holds what is inside them). */
function parenthesised(expr: Expr, text: string): boolean {
  return /\(\s*$/.test(text.slice(0, expr.span.start)) && /^\s*\)/.test(text.slice(expr.span.end));
}

/** Prints a query tree as HCQL text through `spelling` (canonical unless given). */
export function printQuery(query: Query, spelling: Spelling = CANONICAL_SPELLING): string {
  const condition =
    query.condition === undefined ? [] : [printExpr(query.condition, Precedence.Or, spelling)];
  const clauses: string[] = [];
  if (query.sort !== undefined) {
    const head = spelling.sortHead();
    const direction = spelling.direction(query.sort.direction);
    const by = spelling.keyword("by");
    clauses.push(`${head} ${by} ${printField(query.sort.field, spelling)}${direction}`);
  }
  if (query.count !== undefined) clauses.push(printCount(query.count, spelling));
  if (query.limit !== undefined)
    clauses.push(`${spelling.keyword("limit")} ${printValue(query.limit.value, undefined, spelling)}`);
  if (query.offset !== undefined)
    clauses.push(`${spelling.keyword("offset")} ${printValue(query.offset.value, undefined, spelling)}`);
  const parts = [...condition, ...spelling.order(clauses)];
  return parts.join(spelling.separator());
}

/** `count`, or `count by assignee, createdAt per week` (units lower-case). */
function printCount(count: CountClause, spelling: Spelling): string {
  const head = spelling.keyword("count");
  if (count.groups.length === 0) return head;
  const by = spelling.keyword("by");
  const groups = count.groups.map((g) => {
    const field = printField(g.field, spelling);
    return g.unit === undefined ? field : `${field} ${spelling.keyword("per")} ${spelling.unit(g.unit.name)}`;
  });
  return `${head} ${by} ${groups.join(", ")}`;
}

enum Precedence {
  Or = 1,
  And = 2,
  Not = 3,
  Predicate = 4,
}

function precedence(expr: Expr): Precedence {
  switch (expr.kind) {
    case "or":
      return Precedence.Or;
    case "and":
      return Precedence.And;
    case "not":
      return Precedence.Not;
    case "comparison":
    case "in":
    case "between":
    case "contains":
    case "error":
      return Precedence.Predicate;
    default:
      return assertNever(expr, "expression");
  }
}

/** Prints `expr` where the context binds at least as tightly as `context`. */
function printExpr(expr: Expr, context: Precedence, spelling: Spelling): string {
  const text = printBare(expr, spelling);
  const grouped = spelling.groupsAnd === true && expr.kind === "and" && context === Precedence.Or;
  return precedence(expr) < context || grouped || spelling.spareParentheses() ? `(${text})` : text;
}

function printBare(expr: Expr, spelling: Spelling): string {
  switch (expr.kind) {
    case "or":
    case "and": {
      const own = expr.kind === "or" ? Precedence.Or : Precedence.And;
      const context = spelling.keepsNesting ? own + 1 : own;
      const operands = expr.operands.map((e) => printExpr(e, context, spelling));
      return operands.join(spelling.connective(expr.kind));
    }
    case "not":
      return `${spelling.not()} ${printExpr(expr.operand, Precedence.Not, spelling)}`;
    case "comparison": {
      const field = lookupField(expr.field.name);
      return `${printField(expr.field, spelling)} ${spelling.operator(expr.operator)} ${printValue(expr.value, field, spelling)}`;
    }
    case "in": {
      const field = lookupField(expr.field.name);
      const values = spelling.list(expr.values.map((v) => printValue(v, field, spelling)));
      return `${printField(expr.field, spelling)} ${spelling.form("in", expr.negated)} (${values})`;
    }
    case "between": {
      const field = lookupField(expr.field.name);
      const and = spelling.betweenAnd();
      const keyword = spelling.form("between", expr.negated);
      const low = printValue(expr.low, field, spelling);
      return `${printField(expr.field, spelling)} ${keyword} ${low} ${and} ${printValue(expr.high, field, spelling)}`;
    }
    case "contains": {
      const keyword = spelling.form("contains", expr.negated);
      const value = printValue(expr.value, lookupField(expr.field.name), spelling);
      return `${printField(expr.field, spelling)} ${keyword} ${value}`;
    }
    case "error":
      throw errorNode();
    default:
      return assertNever(expr, "expression");
  }
}

function errorNode(): FormatError {
  return new FormatError("cannot format a tree with error nodes", []);
}

function printField(ref: FieldRef, spelling: Spelling): string {
  if (ref.name === "") throw errorNode();
  return spelling.field(ref, lookupField(ref.name));
}

/** A value as text; the spelling may first spell it as its field reads it (`fieldValue`). */
function printValue(value: ValueOrError, field: FieldSpec | undefined, spelling: Spelling): string {
  const read = field === undefined ? undefined : spelling.fieldValue(value, field);
  if (read !== undefined) return read;
  switch (value.kind) {
    case "string":
      return spelling.string(value.value);
    case "integer":
    case "date":
      return value.text;
    case "datetime":
      return spelling.datetime(value.text);
    case "word":
      return spelling.word(value.name);
    case "relative": {
      const duration = `${value.duration.amount}${value.duration.unit}`;
      if (value.form === "ago") return `${duration} ${spelling.keyword("ago")}`;
      if (value.form === "prefix") return `-${duration}`;
      const anchor = value.anchor === undefined ? "now" : spelling.anchor(value.anchor.name);
      return `${anchor} ${value.sign} ${duration}`;
    }
    case "error":
      throw errorNode();
    default:
      return assertNever(value, "value");
  }
}

/** A bare word, or a string when it could not be read back as one (a keyword, a space...). */
export function printWord(name: string): string {
  return isBareWord(name) ? name : quote(name);
}

/**
 * A value in canonical form where its field says how (grammar.md §8): status and rating values by their
 * first bare name, text on string and tag fields double-quoted (`tags = VIP` → `tags = "VIP"`, `userId =
 * 007` → `userId = "007"`), `today`, `yesterday` and `now` in lower case; undefined for the rest.
 */
function canonicalValue(value: ValueOrError, field: FieldSpec): string | undefined {
  switch (field.type) {
    case "status":
      return statusName(value);
    case "rating":
      return value.kind === "word"
        ? ratingByName(value.name)
        : value.kind === "string"
          ? ratingByName(value.value)
          : undefined;
    case "string":
    case "tag":
      return value.kind === "word"
        ? quote(value.name)
        : value.kind === "integer"
          ? quote(value.text)
          : undefined;
    case "date":
      return value.kind === "word" && isDateWord(value.name) ? value.name.toLowerCase() : undefined;
    case "integer":
      return undefined;
    default:
      return assertNever(field.type, "field type");
  }
}

function statusName(value: ValueOrError): string | undefined {
  if (value.kind === "integer") return statusByCode(Number(value.text))?.names[0];
  if (value.kind === "word") return statusByName(value.name)?.names[0];
  if (value.kind !== "string") return undefined;
  const status = /^\d+$/.test(value.value) ? statusByCode(Number(value.value)) : statusByName(value.value);
  return status?.names[0];
}

function isDateWord(name: string): boolean {
  return (DATE_WORDS as readonly string[]).includes(name.toLowerCase());
}
