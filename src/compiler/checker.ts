import type { KnownNames, NamedId, SortOrder } from "../language/index.js";
import {
  assertNever,
  COUNT_UNITS,
  countUnitByName,
  cover,
  DATE_WORDS,
  type Diagnostic,
  DURATION_UNITS,
  diagnostic,
  displayName,
  FIELD_NAMES,
  FIRST_UNIX_SECOND,
  type FieldSpec,
  type FixingHint,
  fieldOfType,
  fieldsMeantBy,
  fixingHint,
  foldName,
  GROUP_FIELDS,
  groupDigits,
  hint,
  LACKING_WORDS,
  LAST_UNIX_SECOND,
  lookupField,
  MAX_COUNT_GROUPS,
  MAX_LIMIT,
  type MessageName,
  meansMissing,
  namesMatching,
  nearestListed,
  nearestName,
  nearestValue,
  notSearchable,
  type Operator,
  type OperatorForm,
  operatorForm,
  quote,
  RATINGS,
  ratingByName,
  ratingMeantBy,
  removal,
  SORT_FIELDS,
  type Span,
  STATUSES,
  secondsMeant,
  spokenList,
  statusByCode,
  statusByName,
  statusMeantBy,
  suggest,
  writtenOperators,
} from "../language/index.js";
import { tokens as T } from "../lexer/index.js";
import type {
  Comparison,
  ComparisonOperator,
  CountClause,
  CountGroup,
  ErrorNode,
  Expr,
  FieldRef,
  IntegerValue,
  OffsetClause,
  Predicate,
  Query,
  RelativeValue,
  SortClause,
  Value,
  ValueOrError,
} from "../parser/index.js";
import { loneWord, printWord } from "../parser/index.js";
import { addDays, looksLikeDate, parseDate, parseDateTime, utcSeconds } from "./calendar.js";
import type {
  CheckedCount,
  CheckedExpr,
  CheckedGroup,
  CheckedNumber,
  CheckedPredicate,
  CheckedQuery,
  CheckedSort,
  CheckedValue,
  ResolvedDate,
} from "./types.js";
import type { ZoneEngine } from "./zone.js";

/** What the checker reads and where it writes. */
export interface CheckerContext {
  readonly text: string;
  readonly zone: ZoneEngine;
  /** UNIX seconds, whole. */
  readonly now: number;
  readonly diagnostics: Diagnostic[];
  /** Where every date value is recorded, for `explain`; undefined when no one asked. */
  readonly dates: ResolvedDate[] | undefined;
  /** The account's agents and departments, for a hint when a query names one instead of its id. */
  readonly names?: KnownNames | undefined;
  /** Where an editor's cursor is while the text is typed; undefined for a finished text. */
  readonly cursor?: number | undefined;
  /** Set when a name stands where an agent's or department's id goes and `names` were not given. */
  namesWanted?: boolean;
  /**
   * Lone words reported with the whole condition they stand for (`pending` → `status = pending`):
   * the parser's "expected an operator" after each adds nothing (`compile` drops it).
   */
  wholeConditions?: Span[];
}

const INTEGER = /^[0-9]+$/;

const STATUS_LIST = STATUSES.map((s) => `${s.names[0]} (${s.code})`).join(", ");
const RATING_LIST = RATINGS.join(", ");
const SORTABLE_LIST = SORT_FIELDS.map(displayName).join(", ");

/** A checked query before `not` is pushed down (`plan/negation.ts`). */
export type AsWritten = Omit<CheckedQuery, "normalized">;

/** Checks a parsed query; problems go to `ctx.diagnostics`. The result is meaningful only without errors. */
export function checkQuery(query: Query, ctx: CheckerContext): AsWritten {
  return {
    condition: query.condition === undefined ? undefined : checkExpr(query.condition, ctx),
    sort: checkSort(query, ctx),
    limit: checkLimit(query, ctx),
    offset: checkOffset(query, ctx),
    count: checkCount(query, ctx),
  };
}

// ---------------------------------------------------------------------------------------------
// Conditions

function checkExpr(node: Expr, ctx: CheckerContext): CheckedExpr | undefined {
  switch (node.kind) {
    case "or":
    case "and":
      return checkJoined(node, ctx);
    case "not": {
      const operand = checkExpr(node.operand, ctx);
      return operand === undefined
        ? undefined
        : { kind: "not", span: node.span, keyword: node.keyword, operand };
    }
    case "comparison":
    case "in":
    case "between":
    case "contains":
      return checkPredicate(node, ctx);
    case "error":
      reportLoneUnknownWord(node, ctx);
      return undefined;
    default:
      return assertNever(node, "expression");
  }
}

/** Where a lone word at the start of an `and` stands: after the operands before it of an `or`. */
interface Preceded {
  readonly operands: readonly Expr[];
  readonly at: number;
}

/**
 * The operands of an `and` or `or`, each checked. A lone word after a join (`tags = Paid or Trial`)
 * may be a value whose field was left out; so may one that begins an `and` after `or`, which binds
 * tighter (`tags = Paid or Trial and status = new`): `preceded` gives the `or`'s operands before it.
 */
function checkJoined(
  node: Extract<Expr, { kind: "and" | "or" }>,
  ctx: CheckerContext,
  preceded?: Preceded,
): CheckedExpr | undefined {
  const count = node.operands.length;
  // Sized once, not grown by push: an empty array's first push allocates room for 17 (bench row
  // `compile-vs-json`).
  const operands = new Array<CheckedExpr>(count);
  let complete = true;
  // Indexed loops over operands: a wide OR runs once, mostly unoptimized, where for-of allocates
  // (bench row `flat-or-scaling`).
  for (let i = 0; i < count; i++) {
    const operand = node.operands[i]!;
    let checked: CheckedExpr | undefined;
    if (operand.kind === "error" && (i > 0 || preceded !== undefined)) {
      const previous =
        lastWholeCondition(node.operands, i) ??
        (preceded === undefined ? undefined : lastWholeCondition(preceded.operands, preceded.at));
      checked = checkLoneWordAfter(operand, previous, i > 0 ? node.kind : "or", ctx);
    } else if (operand.kind === "and" && node.kind === "or" && i > 0) {
      checked = checkJoined(operand, ctx, { operands: node.operands, at: i });
    } else {
      checked = checkExpr(operand, ctx);
    }
    if (checked === undefined) complete = false;
    else operands[i] = checked;
  }
  if (!complete) return undefined;
  return { kind: node.kind, span: node.span, operands };
}

/**
 * A lone word where a condition begins (`staus`, `clear`): the parser reports the operator it lacks;
 * a word that names no field is also reported unknown, with the nearest name, as in `staus = 1`, or
 * the condition it likely meant when it is a status or a rating (`pending` → `status = pending`).
 * Not, while the text is typed, the word at the cursor when a field's name begins with it (`stat`).
 */
function reportLoneUnknownWord(node: ErrorNode, ctx: CheckerContext): void {
  const written = loneWord(node, ctx.text);
  if (written === undefined || fieldNamed(written) !== undefined) return;
  if (node.span.end === ctx.cursor && isFieldPrefix(written)) return;
  // `unassigned`: a condition on a value chats lack, which the API cannot test.
  if (LACKING_WORDS.includes(written.toLowerCase())) {
    report(ctx, "noMissingTest", node.span, [written], hint("noMissingTest"));
    ctx.wholeConditions ??= [];
    ctx.wholeConditions.push(node.span);
    return;
  }
  const meant = conditionOfValue(written);
  if (meant === undefined) {
    resolveFilterField({ kind: "field", span: node.span, name: written }, ctx);
    return;
  }
  report(ctx, "valueNotField", node.span, [written, meant.field], suggest(node.span, meant.condition));
  ctx.wholeConditions ??= [];
  ctx.wholeConditions.push(node.span);
}

/**
 * A lone word after `or`/`and` and a condition on a tag or text field (`tags = Paid or Trial`, `email
 * contains gmail or yahoo`): a value whose field was left out, as in speech, and the condition it
 * likely meant (`tags = Trial`). Any other lone word is told as everywhere else.
 */
function checkLoneWordAfter(
  node: ErrorNode,
  previous: Expr | undefined,
  join: "and" | "or",
  ctx: CheckerContext,
): undefined {
  const written = loneWord(node, ctx.text);
  // Still being typed (`stat` on its way to `status`): told as a lone word is, which waits.
  const typing = written !== undefined && node.span.end === ctx.cursor && isFieldPrefix(written);
  const meant = written === undefined || typing ? undefined : spokenCondition(written, previous);
  if (written === undefined || meant === undefined) {
    reportLoneUnknownWord(node, ctx);
    return undefined;
  }
  report(ctx, "valueAfterJoin", node.span, [written, join], suggest(node.span, meant));
  ctx.wholeConditions ??= [];
  ctx.wholeConditions.push(node.span);
  return undefined;
}

/**
 * The last condition written whole among `operands` before `at`: lone words skipped (`tags = a or b
 * or c`), a group's last condition taken (`tags = a or b and c`: `and` binds tighter).
 */
function lastWholeCondition(operands: readonly Expr[], at: number): Expr | undefined {
  for (let k = at - 1; k >= 0; k--) {
    const operand = operands[k]!;
    if (operand.kind === "error") continue;
    if (operand.kind !== "and" && operand.kind !== "or") return operand;
    const inner = lastWholeCondition(operand.operands, operand.operands.length);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** The condition `word` stands for after `previous`, a condition on a tag or text field, with `word` as its value. */
function spokenCondition(word: string, previous: Expr | undefined): string | undefined {
  if (fieldNamed(word) !== undefined || conditionOfValue(word) !== undefined) return undefined;
  if (nearestName(word, FILTER_NAMES) !== undefined) return undefined;
  if (previous === undefined || (previous.kind !== "comparison" && previous.kind !== "contains"))
    return undefined;
  const field = fieldNamed(previous.field.name);
  if (field === undefined || (field.type !== "tag" && field.type !== "string")) return undefined;
  const operator =
    previous.kind === "comparison" ? previous.operator : previous.negated ? "not contains" : "contains";
  return `${previous.field.name} ${operator} ${word}`;
}

/** The condition a status or rating written alone stands for (`Pending` → `status = pending`). */
function conditionOfValue(word: string): { readonly field: string; readonly condition: string } | undefined {
  const status = statusByName(word);
  if (status !== undefined) {
    const field = displayName(fieldOfType("status"));
    return { field, condition: `${field} = ${status.names[0]}` };
  }
  const rating = ratingByName(word);
  if (rating === undefined) return undefined;
  const field = displayName(fieldOfType("rating"));
  return { field, condition: `${field} = ${rating}` };
}

function isFieldPrefix(word: string): boolean {
  const lower = word.toLowerCase();
  return FIELD_NAMES.some((name) => name.toLowerCase().startsWith(lower));
}

const form = (written: string, ...needs: Operator[]): OperatorForm => ({ written, needs });
// Built once: a form per predicate was a tenth of the checker's garbage on a wide OR (bench row
// `flat-or-scaling`).
const COMPARISON_FORMS: Readonly<Record<Operator, OperatorForm>> = {
  "=": form("=", "="),
  "!=": form("!=", "!="),
  ">": form(">", ">"),
  "<": form("<", "<"),
  ">=": form(">=", ">="),
  "<=": form("<=", "<="),
  "~": form("~", "~"),
  "!~": form("!~", "!~"),
};

/** The operators a sugar form expands to, and how it is written. */
function operatorsOf(node: Predicate): OperatorForm {
  switch (node.kind) {
    case "comparison":
      return COMPARISON_FORMS[node.operator];
    case "in":
    case "between":
    case "contains":
      return operatorForm(node.kind, node.negated);
    default:
      return assertNever(node, "predicate");
  }
}

function allowsAll(field: FieldSpec, needs: readonly Operator[]): boolean {
  for (let i = 0; i < needs.length; i++) if (!field.operators.includes(needs[i]!)) return false;
  return true;
}

function allowedList(field: FieldSpec): string {
  return writtenOperators(field.operators).join(", ");
}

function checkPredicate(node: Predicate, ctx: CheckerContext): CheckedExpr | undefined {
  const field = resolveFilterField(node.field, ctx);
  // The values are checked even when the field or the operator is wrong: every problem at once.
  const operatorOk = field !== undefined && checkOperator(field, node, ctx);
  const expanded = expandPredicate(node, field, ctx);
  return operatorOk ? expanded : undefined;
}

/** Whether the field allows the operator (or every operator its sugar expands to); reported if not. */
function checkOperator(field: FieldSpec, node: Predicate, ctx: CheckerContext): boolean {
  const { written, needs } = operatorsOf(node);
  if (allowsAll(field, needs)) return true;
  ctx.diagnostics.push(
    diagnostic(
      "operatorNotAllowed",
      node.operatorSpan,
      [written, displayName(field), allowedList(field)],
      field.type === "tag" ? tagOperatorHint(needs) : undefined,
    ),
  );
  return false;
}

/** Why a tag refuses the API operators a predicate needs: no test that a customer lacks one; no part of a tag's name. */
function tagOperatorHint(needs: readonly Operator[]): string | undefined {
  if (needs.includes("!=")) return hint("tagsNoNot");
  if (needs.includes("~") || needs.includes("!~")) return hint("tagsWhole");
  return undefined;
}

/** The predicate as comparisons (`in` an OR of `=`, `between` an AND of `>=` and `<=`); undefined when a value is wrong. */
function expandPredicate(
  node: Predicate,
  field: FieldSpec | undefined,
  ctx: CheckerContext,
): CheckedExpr | undefined {
  // No closures here: this runs once per predicate of a wide OR (bench row `flat-or-scaling`).
  // An unknown field: its values mean nothing to check against.
  if (field === undefined) return undefined;
  switch (node.kind) {
    case "comparison": {
      if (asksForMissing(field, node, ctx)) return undefined;
      const checked = checkValue(field, node.value, ctx);
      return checked && predicate(field, node.operator, checked, node.span, node.operatorSpan);
    }
    case "contains": {
      const checked = checkValue(field, node.value, ctx);
      return checked && predicate(field, node.negated ? "!~" : "~", checked, node.span, node.operatorSpan);
    }
    case "in":
      return expandIn(node, field, ctx);
    case "between":
      return expandBetween(node, field, ctx);
    default:
      return assertNever(node, "predicate");
  }
}

/**
 * `assignee = null`, `rating != empty`: a test for a missing value, which the API has none of (§5),
 * told as `assignee is null` is. A string or tag field takes the word as text.
 */
function asksForMissing(field: FieldSpec, node: Comparison, ctx: CheckerContext): boolean {
  const value = node.value;
  if (value.kind !== "word" || field.type === "string" || field.type === "tag") return false;
  if (!meansMissing(value.name, field)) return false;
  const span = cover(node.operatorSpan, value.span);
  report(ctx, "missingValueTest", span, [sourceText(ctx, span)], hint("noMissingTest"));
  return true;
}

/** `in (a, b)`: an OR of `=` (`not in`: an AND of `!=`); one value alone is its comparison. */
function expandIn(
  node: Extract<Predicate, { kind: "in" }>,
  field: FieldSpec,
  ctx: CheckerContext,
): CheckedExpr | undefined {
  const op: ComparisonOperator = node.negated ? "!=" : "=";
  const operands: CheckedExpr[] = [];
  let ok = true;
  for (const v of node.values) {
    const checked = checkValue(field, v, ctx);
    if (checked === undefined) ok = false;
    else operands.push(predicate(field, op, checked, node.span, node.operatorSpan));
  }
  if (!ok) return undefined;
  if (operands.length === 1) return operands[0];
  return { kind: node.negated ? "and" : "or", span: node.span, operands };
}

/** `between a and b`: an AND of `>=` and `<=` (`not between`: its negation). */
function expandBetween(
  node: Extract<Predicate, { kind: "between" }>,
  field: FieldSpec,
  ctx: CheckerContext,
): CheckedExpr | undefined {
  const low = checkValue(field, node.low, ctx);
  const high = checkValue(field, node.high, ctx);
  if (low === undefined || high === undefined) return undefined;
  const both: CheckedExpr = {
    kind: "and",
    span: node.span,
    operands: [
      predicate(field, ">=", low, node.span, node.operatorSpan),
      predicate(field, "<=", high, node.span, node.operatorSpan),
    ],
  };
  return node.negated ? { kind: "not", span: node.span, keyword: node.operatorSpan, operand: both } : both;
}

function predicate(
  field: FieldSpec,
  operator: ComparisonOperator,
  value: CheckedValue,
  span: Span,
  operatorSpan: Span,
): CheckedPredicate {
  return { kind: "predicate", field, operator, value, span, operatorSpan };
}

// ---------------------------------------------------------------------------------------------
// Fields

/** Fields by the name as written: most queries spell a field the same way every time. */
const FIELDS_AS_WRITTEN = new Map<string, FieldSpec | undefined>();

function fieldNamed(name: string): FieldSpec | undefined {
  let field = FIELDS_AS_WRITTEN.get(name);
  if (field === undefined && !FIELDS_AS_WRITTEN.has(name)) {
    field = lookupField(name);
    if (FIELDS_AS_WRITTEN.size >= 1024) FIELDS_AS_WRITTEN.clear(); // bounded: names are user input
    FIELDS_AS_WRITTEN.set(name, field);
  }
  return field;
}

const FILTER_NAMES = FIELD_NAMES.filter((n) => lookupField(n)!.filterable);
const SORT_NAMES = FIELD_NAMES.filter((n) => lookupField(n)!.sortable);

/** `customer.name`: what the API cannot search, and what it can; else the nearest field's name. */
function unknownFieldHint(ref: FieldRef): string | FixingHint | undefined {
  const instead = notSearchable(ref.name);
  if (instead !== undefined) return hint("notSearchable", instead);
  const meant = fieldsMeantBy(ref.name);
  if (meant !== undefined) {
    return meant.length === 1 ? suggest(ref.span, meant[0]!) : hint("didYouMeanEither", meant[0]!, meant[1]!);
  }
  const near = nearestName(ref.name, FILTER_NAMES);
  return near === undefined ? undefined : suggest(ref.span, near);
}

function resolveFilterField(ref: FieldRef, ctx: CheckerContext): FieldSpec | undefined {
  if (ref.name === "") return undefined; // the parser reported the missing name
  const field = fieldNamed(ref.name);
  if (field === undefined) {
    ctx.diagnostics.push(diagnostic("unknownField", ref.span, [ref.name], unknownFieldHint(ref)));
    return undefined;
  }
  if (!field.filterable) {
    ctx.diagnostics.push(
      diagnostic("sortOnlyField", ref.span, [ref.name], hint("filterInstead", displayName(field))),
    );
    return undefined;
  }
  return field;
}

// ---------------------------------------------------------------------------------------------
// Values

/** How a value is written, for messages ("a word", "a date"...). */
function describe(value: Value): string {
  switch (value.kind) {
    case "string":
      return "a string";
    case "integer":
      return "an integer";
    case "date":
      return "a date";
    case "datetime":
      return "a date-time";
    case "word":
      return `the word '${value.name}'`;
    case "relative":
      return "a relative time";
    default:
      return assertNever(value, "value");
  }
}

function report(
  ctx: CheckerContext,
  name: MessageName,
  span: Span,
  args: (string | number)[],
  hintText?: string | FixingHint,
): undefined {
  ctx.diagnostics.push(diagnostic(name, span, args, hintText));
  return undefined;
}

function sourceText(ctx: CheckerContext, span: Span): string {
  return ctx.text.slice(span.start, span.end);
}

/** The number of an INT, or a diagnostic (with `fix`, when given) when it is above 2^53 − 1. */
function integerOf(value: IntegerValue, ctx: CheckerContext, fix?: FixingHint): number | undefined {
  const n = Number(value.text);
  if (n > Number.MAX_SAFE_INTEGER) return report(ctx, "integerTooLarge", value.span, [value.text], fix);
  return n;
}

/** Converts a value for a field (§4), or reports why it cannot be. */
export function checkValue(
  field: FieldSpec,
  value: ValueOrError,
  ctx: CheckerContext,
): CheckedValue | undefined {
  if (value.kind === "error") return undefined;
  switch (field.type) {
    case "integer":
      return checkInteger(field, value, ctx);
    case "status":
      return checkStatus(value, ctx);
    case "rating":
      return checkRating(value, ctx);
    case "string":
    case "tag":
      return checkText(field, value, ctx);
    case "date":
      return checkDate(displayName(field), value, ctx);
    default:
      return assertNever(field.type, "field type");
  }
}

function checkInteger(field: FieldSpec, value: Value, ctx: CheckerContext): CheckedValue | undefined {
  if (value.kind === "integer") {
    const n = integerOf(value, ctx);
    return n === undefined ? undefined : { kind: "integer", value: n, span: value.span };
  }
  const name = displayName(field);
  if (value.kind === "string" && INTEGER.test(value.value)) {
    return report(
      ctx,
      "quotedInteger",
      value.span,
      [name, value.value],
      fixingHint({ span: value.span, text: value.value }, "unquote", value.value),
    );
  }
  const said = idHint(field, value, ctx) ?? byTextHint(field, value);
  return report(ctx, "expectedInteger", value.span, [name, describe(value)], said);
}

/** For a text written where a customer's id goes: the condition on the text field that finds it. */
function byTextHint(field: FieldSpec, value: Value): string | undefined {
  if (field.byText === undefined || (value.kind !== "word" && value.kind !== "string")) return undefined;
  const written = value.kind === "word" ? value.name : value.value;
  const [email, other] = field.byText;
  if (written.includes("@")) return hint("didYouMean", `${email} = ${quote(written)}`);
  // Letters alone read as a name (`customer = bob`), which no filter reads.
  if (/^\p{L}+(?:[\s.'-]\p{L}+)*$/u.test(written)) return hint("notSearchable", notSearchable("name")!);
  return hint("didYouMean", `${other} = ${quote(written)}`);
}

/** For a name written where an agent's or department's id goes: the id, when the names are known. */
function idHint(field: FieldSpec, value: Value, ctx: CheckerContext): string | FixingHint | undefined {
  if (field.references === undefined || (value.kind !== "word" && value.kind !== "string")) return undefined;
  if (ctx.names === undefined) ctx.namesWanted = true;
  const known = field.references === "agent" ? ctx.names?.agents : ctx.names?.departments;
  const written = value.kind === "word" ? value.name : value.value;
  const matches = namesMatching(written, known ?? []);
  if (matches.length === 0) return known && unknownNameHint(written, field.references, value.span, known);
  // The name beside the id unless it is exactly what was written.
  const ids = matches.slice(0, 3).map((m) => (m.name === written ? `${m.id}` : `${m.id} (${m.name})`));
  if (matches.length > 1) return hint("idsOfName", written, field.references, spokenList(ids, "or"));
  const fix = { span: value.span, text: String(matches[0]!.id) };
  return fixingHint(fix, "idOfName", written, field.references, ids[0]!);
}

/** For a name no agent (or department) has: the one it is nearest to, when one is near. */
function unknownNameHint(
  written: string,
  kind: "agent" | "department",
  span: Span,
  known: readonly NamedId[],
): string | FixingHint {
  const named = known.filter((n) => n.name !== null);
  const folded = named.map((n) => foldName(n.name!));
  const near = nearestName(foldName(written), folded);
  const meant = near === undefined ? undefined : named[folded.indexOf(near)];
  if (meant === undefined) return hint("noSuchName", written, kind);
  const fix = { span, text: String(meant.id) };
  return fixingHint(fix, "nearName", written, kind, `${meant.id} (${meant.name})`);
}

function checkStatus(value: Value, ctx: CheckerContext): CheckedValue | undefined {
  switch (value.kind) {
    case "word":
    case "string": {
      const text = value.kind === "word" ? value.name : value.value;
      if (value.kind === "string" && INTEGER.test(text))
        return statusCode(Number(text), text, value.span, ctx);
      const status = statusByName(text);
      if (status === undefined) {
        const near =
          statusMeantBy(text) ??
          nearestListed(
            text,
            STATUSES.flatMap((s) => s.names),
          );
        return report(
          ctx,
          "unknownStatus",
          value.span,
          [text, STATUS_LIST],
          near && suggest(value.span, near, printWord(near)),
        );
      }
      return { kind: "status", code: String(status.code), span: value.span };
    }
    case "integer":
      return statusCode(Number(value.text), value.text, value.span, ctx);
    default:
      return report(ctx, "expectedStatus", value.span, [describe(value)]);
  }
}

function statusCode(code: number, text: string, span: Span, ctx: CheckerContext): CheckedValue | undefined {
  const status = Number.isSafeInteger(code) ? statusByCode(code) : undefined;
  if (status === undefined) return report(ctx, "unknownStatusCode", span, [text]);
  return { kind: "status", code: String(status.code), span };
}

function checkRating(value: Value, ctx: CheckerContext): CheckedValue | undefined {
  if (value.kind === "word" || value.kind === "string") {
    const text = value.kind === "word" ? value.name : value.value;
    const rating = ratingByName(text);
    if (rating === undefined) {
      const near = ratingMeantBy(text) ?? nearestListed(text, RATINGS);
      return report(ctx, "unknownRating", value.span, [text, RATING_LIST], near && suggest(value.span, near));
    }
    return { kind: "rating", name: rating, span: value.span };
  }
  return report(ctx, "expectedRating", value.span, [RATING_LIST, describe(value)]);
}

function checkText(field: FieldSpec, value: Value, ctx: CheckerContext): CheckedValue | undefined {
  let text: string;
  switch (value.kind) {
    case "string":
      text = value.value;
      break;
    case "word":
      text = value.name;
      break;
    case "integer": {
      // §1: an integer above 2^53 − 1 is invalid on every field; quoted, its digits are the string.
      const quoted = quote(value.text);
      const fix = fixingHint({ span: value.span, text: quoted }, "quote", quoted);
      if (integerOf(value, ctx, fix) === undefined) return undefined;
      text = value.text;
      break;
    }
    case "date":
    case "datetime":
      return report(
        ctx,
        "expectedText",
        value.span,
        [displayName(field), describe(value)],
        fixingHint({ span: value.span, text: quote(value.text) }, "quote", quote(value.text)),
      );
    case "relative":
      return report(ctx, "relativeNotDate", value.span, [sourceText(ctx, value.span), displayName(field)]);
    default:
      return assertNever(value, "value");
  }
  return field.type === "tag"
    ? { kind: "tag", name: text, span: value.span }
    : { kind: "string", value: text, span: value.span };
}

function checkDate(name: string, value: Value, ctx: CheckerContext): CheckedValue | undefined {
  switch (value.kind) {
    case "integer": {
      const n = integerOf(value, ctx);
      if (n === undefined) return undefined;
      // 13 digits is JavaScript's Date.now(), milliseconds: as seconds, a date 50,000 years away.
      if (n > LAST_UNIX_SECOND) {
        const seconds = secondsMeant(n);
        const meant = seconds === undefined ? undefined : suggest(value.span, String(seconds));
        return report(ctx, "secondsAfter9999", value.span, [value.text], meant);
      }
      return instant(n, value.span, ctx);
    }
    case "date": {
      const date = parseDate(value.text);
      if (typeof date === "string") return report(ctx, "impossibleDate", value.span, [value.text, date]);
      return day(ctx.zone.startOfDay(date), ctx.zone.startOfDay(addDays(date, 1)), value.span, ctx);
    }
    case "datetime": {
      const t = parseDateTime(value.text);
      if (typeof t === "string") return report(ctx, "impossibleDate", value.span, [value.text, t]);
      const seconds =
        t.offsetSeconds === undefined ? ctx.zone.fromWallClock(t) : utcSeconds(t) - t.offsetSeconds;
      return instant(seconds, value.span, ctx);
    }
    case "word": {
      const anchor = dateWord(value.name, value.span, ctx);
      if (anchor === undefined) return undefined;
      return anchor.end === undefined
        ? instant(anchor.start, value.span, ctx)
        : day(anchor.start, anchor.end, value.span, ctx);
    }
    case "relative":
      return checkRelative(value, ctx);
    case "string": {
      const unquoted = looksLikeDate(value.value) || INTEGER.test(value.value) ? value.value : undefined;
      return report(
        ctx,
        "expectedDate",
        value.span,
        [name, describe(value)],
        unquoted === undefined
          ? hint("dateForms")
          : fixingHint({ span: value.span, text: unquoted }, "unquote", unquoted),
      );
    }
    default:
      return assertNever(value, "value");
  }
}

/** `now` (an instant), `today`, `yesterday` (whole days); `end` is undefined for an instant. */
function dateWord(
  word: string,
  span: Span,
  ctx: CheckerContext,
): { start: number; end: number | undefined } | undefined {
  const lower = word.toLowerCase();
  if (lower === "now") return { start: ctx.now, end: undefined };
  if (lower === "today" || lower === "yesterday") {
    const today = ctx.zone.dateOf(ctx.now);
    const date = lower === "today" ? today : addDays(today, -1);
    return { start: ctx.zone.startOfDay(date), end: ctx.zone.startOfDay(addDays(date, 1)) };
  }
  const near = nearestValue(lower, DATE_WORDS);
  return report(ctx, "unknownDateWord", span, [word], near ? suggest(span, near) : hint("dateForms"));
}

function checkRelative(value: RelativeValue, ctx: CheckerContext): CheckedValue | undefined {
  let base = ctx.now;
  if (value.form === "anchored") {
    const anchor = value.anchor!;
    const resolved = dateWord(anchor.name, anchor.span, ctx);
    if (resolved === undefined) return undefined;
    base = resolved.start;
  }
  const { amount, unit } = value.duration;
  const seconds = Number(amount) * DURATION_UNITS[unit];
  if (!Number.isSafeInteger(seconds)) {
    return report(ctx, "durationTooLarge", value.duration.span, [sourceText(ctx, value.duration.span)]);
  }
  const at = value.sign === "-" ? base - seconds : base + seconds;
  // Beyond these the API's dates, and `decompile` of the body sent, have no year to write.
  if (at < FIRST_UNIX_SECOND || at > LAST_UNIX_SECOND) {
    return report(ctx, "dateOutOfRange", value.span, [sourceText(ctx, value.span)]);
  }
  return instant(at, value.span, ctx);
}

function instant(seconds: number, span: Span, ctx: CheckerContext): CheckedValue {
  const value: ResolvedDate = { kind: "instant", seconds, span };
  ctx.dates?.push(value);
  return value;
}

function day(start: number, end: number, span: Span, ctx: CheckerContext): CheckedValue {
  const value: ResolvedDate = { kind: "day", start, end, span };
  ctx.dates?.push(value);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Clauses

function checkSort(query: Query, ctx: CheckerContext): CheckedSort | undefined {
  const clause = query.sort;
  if (clause === undefined) return undefined;
  const ref = clause.field;
  if (ref.name === "") return undefined; // the parser reported the missing name
  const field = fieldNamed(ref.name);
  if (field === undefined) {
    const near = nearestName(ref.name, SORT_NAMES);
    return report(
      ctx,
      "unknownField",
      ref.span,
      [ref.name],
      near ? suggest(ref.span, near) : hint("sortableFields", SORTABLE_LIST),
    );
  }
  if (!field.sortable) return report(ctx, "notSortable", ref.span, [ref.name, SORTABLE_LIST]);
  const order: SortOrder = clause.direction === "desc" ? "DESC" : "ASC";
  return { field, order, span: clause.span };
}

function checkLimit(query: Query, ctx: CheckerContext): CheckedNumber | undefined {
  const value = query.limit?.value;
  if (value === undefined || value.kind === "error") return undefined;
  const n = Number(value.text);
  if (n < 1 || n > MAX_LIMIT) {
    return report(
      ctx,
      "limitOutOfRange",
      value.span,
      [groupDigits(MAX_LIMIT), value.text],
      // A count's limit is of its rows (it counts every match), not of the chats fetched.
      n > MAX_LIMIT
        ? hint(query.count === undefined ? "limitAtMost" : "countLimitAtMost", groupDigits(MAX_LIMIT))
        : undefined,
    );
  }
  return { value: n, span: value.span };
}

function checkOffset(query: Query, ctx: CheckerContext): CheckedNumber | undefined {
  const value = query.offset?.value;
  if (value === undefined || value.kind === "error") return undefined;
  const n = integerOf(value, ctx);
  return n === undefined ? undefined : { value: n, span: value.span };
}

// ---------------------------------------------------------------------------------------------
// Count (§10)

const GROUP_LIST = GROUP_FIELDS.map(displayName).join(", ");
const UNIT_LIST = spokenList(COUNT_UNITS, "or");
const GROUP_NAMES = FIELD_NAMES.filter((n) => lookupField(n)!.notGroupable === undefined);

/** Where a sort clause may start: a word of the token table's SortStart (`sort`, `order`), then `by`. */
const SORT_STARTS = new RegExp(
  `\\b(?:${T.keywordsOf(T.SortStart).join("|")})\\s+(?:${T.keywordsOf(T.By).join("|")})\\b`,
  "gi",
);

/**
 * `sort by` in a count. Time order, asked of a count by that one date field alone, is its order
 * already: the fix leaves the clause out (not when the text has another sort clause to take its place).
 */
function reportCountSort(sort: SortClause, count: CountClause, ctx: CheckerContext): void {
  const only = count.groups.length === 1 ? count.groups[0]! : undefined;
  const field = fieldNamed(sort.field.name);
  const inTimeOrder =
    only !== undefined &&
    (ctx.text.match(SORT_STARTS)?.length ?? 0) === 1 &&
    sort.direction !== "desc" &&
    field?.type === "date" &&
    fieldNamed(only.field.name) === field;
  const said = inTimeOrder
    ? fixingHint(removal(ctx.text, sort.span), "countOrderAlready")
    : hint("countSort");
  report(ctx, "countClause", sort.span, ["sort by"], said);
}

/** `offset` with a count, and what `limit` keeps instead: the largest rows, or a date's first in time. */
function reportCountOffset(offset: OffsetClause, count: CountClause, ctx: CheckerContext): void {
  const only = count.groups.length === 1 ? fieldNamed(count.groups[0]!.field.name) : undefined;
  const said = hint(only?.type === "date" ? "countOffsetInTime" : "countOffset");
  report(ctx, "countClause", offset.span, ["offset"], said);
}

function checkCount(query: Query, ctx: CheckerContext): CheckedCount | undefined {
  const clause = query.count;
  if (clause === undefined) return undefined;
  if (query.sort !== undefined) reportCountSort(query.sort, clause, ctx);
  if (query.offset !== undefined) reportCountOffset(query.offset, clause, ctx);
  if (clause.groups.length > MAX_COUNT_GROUPS) {
    const extra = cover(clause.groups[MAX_COUNT_GROUPS]!.span, clause.groups[clause.groups.length - 1]!.span);
    report(ctx, "tooManyGroups", extra, [MAX_COUNT_GROUPS, clause.groups.length]);
  }
  const groups: CheckedGroup[] = [];
  let complete = true;
  for (const group of clause.groups.slice(0, MAX_COUNT_GROUPS)) {
    const checked = checkGroup(group, ctx);
    if (checked === undefined) complete = false;
    else if (groups.some((g) => g.field === checked.field)) {
      report(ctx, "repeatedGroup", group.span, [displayName(checked.field)]);
    } else groups.push(checked);
  }
  return complete ? { groups, span: clause.span } : undefined;
}

function checkGroup(group: CountGroup, ctx: CheckerContext): CheckedGroup | undefined {
  const ref = group.field;
  if (ref.name === "") return undefined; // the parser reported the missing name
  const field = fieldNamed(ref.name);
  if (field === undefined) {
    const near = nearestName(ref.name, GROUP_NAMES);
    return report(ctx, "unknownField", ref.span, [ref.name], near && suggest(ref.span, near));
  }
  if (field.notGroupable !== undefined) {
    return report(ctx, "notGroupable", ref.span, [ref.name, field.notGroupable, GROUP_LIST]);
  }
  const isDate = field.type === "date";
  if (group.unit === undefined) {
    if (!isDate) return { field, unit: undefined, span: group.span };
    const perDay = fixingHint({ span: group.span, text: `${ref.name} per day` }, "withPer", ref.name);
    return report(ctx, "dateWithoutPer", group.span, [ref.name, UNIT_LIST], perDay);
  }
  if (!isDate) {
    const alone = fixingHint({ span: group.span, text: ref.name }, "dropPer", ref.name);
    return report(ctx, "perNotDate", group.span, [ref.name, UNIT_LIST], alone);
  }
  if (group.unit.name === "") return undefined; // the parser reported the missing unit
  const unit = countUnitByName(group.unit.name);
  if (unit === undefined) {
    const near = nearestValue(group.unit.name.toLowerCase(), COUNT_UNITS);
    return report(
      ctx,
      "unknownUnit",
      group.unit.span,
      [group.unit.name, UNIT_LIST],
      near && suggest(group.unit.span, near),
    );
  }
  return { field, unit, span: group.span };
}
