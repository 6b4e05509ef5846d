import type { Span } from "./span.js";
import { DATE_WORDS, STATUS_CODE_RANGE, spokenList } from "./values.js";

/*
 * The one table of diagnostics (like TypeScript's diagnosticMessages.json): every message a query
 * can get, keyed by a stable name, with its public `code`, its severity and its template.
 * Templates take positional arguments: `{0}`, `{1}`, ...
 */

/** How bad a diagnostic is: an error stops the query, a warning does not. */
export type Severity = "error" | "warning";

export const DIAGNOSTIC_CODES = [
  "syntax",
  "unknown-field",
  "operator-not-allowed",
  "invalid-value",
  "not-sortable",
  "duplicate-clause",
  "cannot-negate",
  "too-long",
  "too-deep",
  "plan-too-large",
  "never-matches",
  "invalid-group",
  "count-clause",
  "too-many-diagnostics",
] as const;
/** The code of a diagnostic (`unknown-field`, `syntax`...): what kind of problem it is. */
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** A problem of a query: its code, severity, message, where it is, and a hint and fix when there is one. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly hint?: string;
  /** The edit that makes the query what the hint suggests, when the hint is one replacement. */
  readonly fix?: Fix;
}

/** An edit of a query: the text of `span` replaced by `text` (see `applyFix`). */
export interface Fix {
  readonly span: Span;
  readonly text: string;
}

/** A hint together with the edit that makes it so. */
export interface FixingHint {
  readonly hint: string;
  readonly fix: Fix;
}

/**
 * `did you mean 'pending'?` for the text of `span`, with the edit that writes it: `replacement` when
 * the query must spell it differently (quoted), else the suggestion itself.
 */
export function suggest(span: Span, suggestion: string, replacement: string = suggestion): FixingHint {
  return { hint: hint("didYouMean", suggestion), fix: { span, text: replacement } };
}

/**
 * The edit that takes `span` out of `text` with the blanks before it (after it, at the start), so
 * that what is left reads as written.
 */
export function removal(text: string, span: Span): Fix {
  let start = span.start;
  while (start > 0 && /\s/.test(text[start - 1]!)) start--;
  let end = span.end;
  if (start === 0) while (end < text.length && /\s/.test(text[end]!)) end++;
  return { span: { start, end }, text: "" };
}

/** A hint of the table whose advice is one edit (`unquote it: 3129`). */
export function fixingHint(fix: Fix, name: keyof typeof HINTS, ...args: (string | number)[]): FixingHint {
  return { hint: hint(name, ...args), fix };
}

/** The text with the fix's edit made. */
export function applyFix(text: string, fix: Fix): string {
  return `${text.slice(0, fix.span.start)}${fix.text}${text.slice(fix.span.end)}`;
}

/**
 * The text with the fixes of the diagnostics made, each once; of fixes that overlap, the first in the
 * text (a later one is of text the first replaces: compile again to see what is left).
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): string {
  const fixes = diagnostics
    .flatMap((d) => (d.fix === undefined ? [] : [d.fix]))
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = "";
  let at = 0;
  for (const fix of fixes) {
    if (fix.span.start < at) continue;
    out += text.slice(at, fix.span.start) + fix.text;
    at = fix.span.end;
  }
  return out + text.slice(at);
}

export interface MessageTemplate {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly text: string;
}

function error(code: DiagnosticCode, text: string): MessageTemplate {
  return { code, severity: "error", text };
}

/** Add a message here (never inline a message elsewhere); a test checks names and templates. */
export const MESSAGES = {
  // lexer
  unterminatedString: error("syntax", "unterminated string: add the closing {0}"),
  badEscape: error("syntax", "invalid escape '{0}' in string"),
  strayCharacter: error("syntax", "unexpected character '{0}'"),
  strayCharacters: error("syntax", "unexpected characters '{0}'"),
  badDuration: error("syntax", "invalid duration '{0}'"),
  trailingSemicolon: error("syntax", "a query ends without ';'"),
  bracketList: error("syntax", "a list is written in parentheses, not '{0}'"),
  curlyQuotes: error("syntax", "{0} is in typographic quotes: a string is written in straight quotes"),
  mathOperator: error("syntax", "'{0}' is written '{1}'"),
  doubledQuote: error("syntax", "{0}: a quote inside a string is written \\{1}, not doubled"),
  foreignComment: error("syntax", "a comment starts with '#', not '{0}'"),
  // parser
  unexpectedToken: error("syntax", "unexpected {0}"),
  unexpectedWord: error("syntax", "unexpected word '{0}'"),
  missingJoin: error("syntax", "expected 'and' or 'or' before '{0}'"),
  dayAndTime: error("syntax", "'{0} {1}': a time of a day is written as a duration after its midnight"),
  sqlStatement: error("syntax", "'{0}' is SQL: an HCQL query is only the condition (and its clauses)"),
  sortWithoutSortBy: error("syntax", "a sort is written 'sort by {0}'"),
  colonOperator: error("syntax", "':' is no operator in '{0}': a field and its value are joined by '='"),
  dashedValue: error("syntax", "'{0}' has a '-' inside: such a value is written in quotes"),
  misshapenDate: error("syntax", "'{0}' is not a date: a date is written year-month-day, YYYY-MM-DD"),
  noMissingTest: error("syntax", "'{0}' tests for a missing value, which the API cannot"),
  // The same written with an operator (`assignee = null`): it parses, and the value is the problem.
  missingValueTest: error("invalid-value", "'{0}' tests for a missing value, which the API cannot"),
  spacedValue: error("syntax", "'{0}' is two words: such a value is written in quotes or with '_'"),
  expectedValueAfter: error("syntax", "expected a value after '{0}'"),
  expectedConditionAfter: error("syntax", "expected a condition after '{0}'"),
  expectedOperatorAfter: error("syntax", "expected an operator after '{0}'"),
  expected: error("syntax", "expected {0}, found {1}"),
  expectedFieldAfter: error("syntax", "expected a field name after {0}, found {1}"),
  expectedUnitAfterPer: error("syntax", "expected a unit ({0}) after 'per', found {1}"),
  expectedAfterNot: error("syntax", "expected {0} after '{1}', found {2}"),
  unmatchedParen: error("syntax", "')' has no matching '('"),
  expectedClosingParen: error("syntax", "expected ')' to close the '(' at {0}"),
  keywordAsValue: error("syntax", "'{0}' is a keyword and cannot be a bare value"),
  clauseBeforeCondition: error("syntax", "'{0}' must come after the condition"),
  // parser: slips told as what was meant (src/parser/slips.ts)
  listAfterOperator: error("syntax", "'{0}' compares with one value; a list of values takes '{1}'"),
  listWithoutParens: error("syntax", "the values after '{0}' are written in parentheses"),
  listWithoutCommas: error("syntax", "the values of a list are separated by commas"),
  dateWordCalled: error("syntax", "'{0}' is a date word, not a function: it takes no parentheses"),
  dateSpaceTime: error("syntax", "a date and its time are one value, joined by 'T' without a space"),
  timeWithoutMinutes: error("syntax", "'{0}' has no minutes: a time is written HH:MM"),
  unpaddedTime: error("syntax", "'{0}' is not a date-time: a time is written HH:MM"),
  fractionalSeconds: error("syntax", "'{0}' has a fraction of a second; the API takes whole seconds"),
  offsetWithoutColon: error("syntax", "an offset is written ±HH:MM, not '{0}'"),
  monthNotDate: error("syntax", "'{0}' is a month; a date needs its day"),
  spokenDate: error("syntax", "'{0}' is not a date HCQL reads"),
  dashedRange: error("syntax", "a '-' between two dates is no range: a range is written 'between … and …'"),
  sentence: error(
    "syntax",
    "this reads as a sentence: a query is conditions such as 'status = pending', joined by 'and' or 'or'",
  ),
  duplicateClause: error("duplicate-clause", "a second {0} clause: the query already has one"),
  tooLong: error("too-long", "the query is {0} characters long; the limit is {1}"),
  // a query read from stdin or a file, cut one past the limit: its length is not known
  tooLongInput: error("too-long", "{0} holds more than {1} characters, the longest a query may be"),
  formattedTooLong: error(
    "too-long",
    "the query's canonical form is {0} characters long; the limit is {1}, so it cannot be formatted",
  ),
  tooDeep: error("too-deep", "the query nests {0} levels deep; the limit is {1}"),
  tooDeepForStack: error("too-deep", "the query nests too many levels deep; the limit is {0}"),
  tooManyDiagnostics: error("too-many-diagnostics", "{0} more {1} not shown"),
  tooManyDiagnosticsAtLeast: error("too-many-diagnostics", "at least {0} more problems not shown"),
  // checker
  unknownField: error("unknown-field", "unknown field '{0}'"),
  valueNotField: error("unknown-field", "'{0}' is a {1}, not a field"),
  valueAfterJoin: error(
    "unknown-field",
    "unknown field '{0}': a condition after '{1}' names its field again",
  ),
  operatorNotAllowed: error("operator-not-allowed", "operator '{0}' is not allowed for {1}; it allows {2}"),
  notSortable: error("not-sortable", "cannot sort by '{0}'; sortable fields are {1}"),
  cannotNegate: error("cannot-negate", "{0} cannot be negated: the API has no '!=' for tags"),
  sortOnlyField: error("unknown-field", "'{0}' can only be used in 'sort by', not in a condition"),
  expectedInteger: error("invalid-value", "{0} takes an integer id, not {1}"),
  quotedInteger: error("invalid-value", '{0} takes an integer, not the string "{1}"'),
  integerTooLarge: error("invalid-value", "{0} is larger than the largest integer, 9007199254740991"),
  dateOutOfRange: error("invalid-value", "{0} falls outside the years 0 to 9999"),
  secondsAfter9999: error(
    "invalid-value",
    "{0} UNIX seconds is after the year 9999: dates are written in seconds, not milliseconds",
  ),
  unknownStatus: error("invalid-value", "unknown status '{0}'; statuses are {1}"),
  unknownStatusCode: error("invalid-value", `there is no status {0}; status codes are ${STATUS_CODE_RANGE}`),
  expectedStatus: error("invalid-value", "status takes a status name or code, not {0}"),
  unknownRating: error("invalid-value", "unknown rating '{0}'; ratings are {1}"),
  expectedRating: error("invalid-value", "rating takes {0}, not {1}"),
  expectedText: error("invalid-value", "{0} takes a string, not {1}"),
  expectedDate: error("invalid-value", "{0} takes a date, not {1}"),
  impossibleDate: error("invalid-value", "'{0}' is not a valid date: {1}"),
  unknownDateWord: error(
    "invalid-value",
    `'{0}' is not a date; the date words are ${spokenList(DATE_WORDS, "and")}`,
  ),
  relativeNotDate: error("invalid-value", "'{0}' is a relative time, but {1} is not a date field"),
  durationTooLarge: error("invalid-value", "the duration '{0}' is too large"),
  limitOutOfRange: error("invalid-value", "limit must be between 1 and {0}, not {1}"),
  // checker: count (§10)
  notGroupable: error("invalid-group", "cannot count by {0}: {1}; count by one of {2}"),
  perNotDate: error("invalid-group", "{0} is not a date: only dates are counted per {1}"),
  dateWithoutPer: error("invalid-group", "{0} is a date: say per which unit to count it ({1})"),
  unknownUnit: error("invalid-group", "unknown unit '{0}'; units are {1}"),
  tooManyGroups: error("invalid-group", "a count has at most {0} groups, not {1}"),
  repeatedGroup: error("invalid-group", "{0} is already a group of this count"),
  countClause: error("count-clause", "'{0}' cannot be used with count"),
  // planner
  planTooLarge: error("plan-too-large", "the query needs {0} requests; the limit is {1}"),
  planTooLargeUnbuilt: error(
    "plan-too-large",
    "the query expands to {0} AND-groups before simplifying, far more than the {1} requests allowed",
  ),
  bodyTooLarge: error(
    "plan-too-large",
    "request {0} of the query would be {1} bytes; the API reads at most {2} bytes",
  ),
  neverMatches: { code: "never-matches", severity: "warning", text: "{0} can never match" },
  // a shell's or command's query: `@NAME`, a saved query, with more after it
  savedQueryNotAlone: error(
    "syntax",
    "'@{0}' is a saved query, which runs alone: it cannot be part of a longer query",
  ),
  // running: a 400 from the API mapped back to the predicate that produced the filter item
  apiRejected: error("invalid-value", "the API rejected this: {0}"),
} as const satisfies Record<string, MessageTemplate>;

export type MessageName = keyof typeof MESSAGES;

/** The hints diagnostics carry (templates as in MESSAGES); `hint(name, ...args)` fills one. */
export const HINTS = {
  didYouMean: "did you mean '{0}'?",
  didYouMeanEither: "did you mean '{0}' or '{1}'?",
  joinConditions: "join two conditions with 'and' (both) or 'or' (either)",
  calendarSpan: "a calendar week, month or year starts on a date: write that date, as YYYY-MM-DD",
  sentenceExample: "for example: status = pending and createdAt > 7d ago",
  noWhere: "a query begins with its condition: it needs no 'where'",
  noSelect: "write only what follows 'where'",
  emptyQuery: "a query with no condition means all chats: leave it empty",
  notSearchable: "the API cannot search chats by {0}",
  afterCondition:
    "after a condition: 'and', 'or', or a clause such as 'sort by' or 'limit'; quote a value of several words",
  noMissingTest:
    "the API finds chats by values they have, never by one missing (open chats: status != closed)",
  idOfName: "'{0}' is {1} {2}",
  idsOfName: "'{0}' may be {1} {2}",
  noSuchName: "no {1} is named '{0}'",
  nearName: "no {1} is named '{0}'; did you mean {1} {2}?",
  sortableFields: "sortable fields are {0}",
  filterInstead: "sort by {0} instead, or filter on a date field such as createdAt",
  unquote: "unquote it: {0}",
  quote: "quote it: {0}",
  noWildcards: "a value has no wildcards; a part of a text is found with 'contains': {0}",
  dateForms: "write a date like 2020-06-24, 2020-06-24T10:00, 1592962538, today, now - 7d or 7d ago",
  durationMonths: "a duration has no months: write {0} (30 days a month); its units are {1}",
  durationYears: "a duration has no years: write {0} (365 days a year); its units are {1}",
  durationCapitalM: "write {0} for minutes, or {1} for months (30 days each)",
  tagsNoNot: "the API cannot test that a customer lacks a tag",
  tagsWhole: "the API matches a tag by its whole name: tags = Paid, tags in (Paid, VIP)",
  limitAtMost: "a limit is at most {0}",
  countLimitAtMost: "a count's limit keeps at most {0} of its rows; without one it shows every row",
  dropPer: "count by {0}",
  withPer: "count by {0} per day",
  countSort: "a count orders its rows by count, largest first (a date alone: by time)",
  countOrderAlready: "a count's rows are in that order already: leave it out",
  countOffset: "a count has no offset; limit N keeps the N largest rows",
  countOffsetInTime: "a count has no offset; limit N keeps the first N rows in time order",
  noChats: "the query matches no chat, so no request is sent",
  savedQueryText: "to add to it, write out its text instead: {0}",
  noSavedQuery: "no query is saved as '{0}'",
  planTooLarge:
    "each 'or' inside an 'and' multiplies the requests: take a condition shared by all alternatives out of the parentheses, narrow the alternatives, or split the query",
  bodyTooLarge: "split the query: fewer values in a list, or fewer conditions, in each",
} as const;

/** Why a date text is no real date: the second argument of `impossibleDate` (templates as in MESSAGES). */
export const CALENDAR_PROBLEMS = {
  noMonth: "month {0} does not exist",
  monthDays: "{0} {1} has {2} days",
  noHour: "hour {0} does not exist",
  noMinute: "minute {0} does not exist",
  noSecond: "second {0} does not exist",
  noOffset: "offset {0} does not exist",
  dateShape: "write a date as YYYY-MM-DD",
  dateTimeShape: "write a date-time as YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]",
} as const;

/** What `decompile` says about a body outside HCQL (`{0}` is where in the body, as `filter[2]`). */
export const BODY_PROBLEMS = {
  notObject: "{0} must be a JSON object",
  bodies: "the body must be a JSON object, not an array: decompile each body of a plan's requests on its own",
  unknownKey: "{0}: unknown key '{1}'",
  filterNotArray: "filter must be an array",
  missing: "{0}: missing '{1}'",
  fieldNotString: "{0}.field must be a string",
  unknownField: "{0}: unknown field '{1}'",
  unknownFieldNear: "{0}: unknown field '{1}'; did you mean '{2}'?",
  fieldNotApiName: "{0}: the API does not know the field '{1}'; it is written '{2}'",
  sortOnly: "{0}: '{1}' can only be sorted by, not filtered on",
  badOperator: "{0}: unknown operator {1}",
  operatorNotAllowed: "{0}: operator '{1}' is not allowed for {2} in HCQL; it allows {3}",
  badValue: "{0}: {1} takes {2}, not {3}",
  comparison: "comparison must be AND or OR, not {0}",
  sortNotString: "sort must be a string",
  notSortable: "sort: cannot sort by {0}",
  notSortableNear: "sort: cannot sort by {0}; did you mean '{1}'?",
  order: "order must be ASC or DESC, not {0}",
  orderWithoutSort: "order without sort",
  limit: "limit must be an integer from 1 to {0}, not {1}",
  offset: "offset must be a non-negative integer, not {0}",
  tooLong: "the body decompiles to {0} characters of HCQL, over the query limit of {1}",
  unreadable: "the body cannot be read as JSON data: {0}",
} as const;

/** The function that fills a template of `table`, named, with its arguments. */
function filling<Name extends string>(table: Readonly<Record<Name, string>>) {
  return (name: Name, ...args: (string | number)[]): string => formatMessage(table[name], args);
}

export const hint = filling(HINTS);
export const calendarProblem = filling(CALENDAR_PROBLEMS);
export const bodyProblem = filling(BODY_PROBLEMS);

/** Longest argument quoted whole in a message; a longer one (a 5,000-letter word) is cut with `…`. */
const MAX_ARGUMENT_LENGTH = 120;

function shorten(arg: string): string {
  if (arg.length <= MAX_ARGUMENT_LENGTH) return arg;
  let end = MAX_ARGUMENT_LENGTH - 1;
  const code = arg.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // never split a surrogate pair
  return `${arg.slice(0, end)}…`;
}

/** Fills a template's `{n}` placeholders. */
export function formatMessage(text: string, args: readonly (string | number)[]): string {
  return text.replace(/\{(\d+)\}/g, (_, i: string) => shorten(String(args[Number(i)] ?? "")));
}

/** Makes a diagnostic from the table: the only way diagnostics are created. */
export function diagnostic(
  name: MessageName,
  span: Span,
  args: readonly (string | number)[] = [],
  hint?: string | FixingHint,
): Diagnostic {
  const template: MessageTemplate = MESSAGES[name];
  const message = formatMessage(template.text, args);
  const { code, severity } = template;
  // Literals, not spreads of one base: a text of thousands of slips makes as many (fuzz time bounds).
  if (hint === undefined) return { code, severity, message, span };
  if (typeof hint === "string") return { code, severity, message, span, hint };
  return { code, severity, message, span, hint: hint.hint, fix: hint.fix };
}

/** At most this many diagnostics are reported; then one more says how many were left out. */
export const MAX_DIAGNOSTICS = 100;

/** `uncounted`: the checking stopped early (thousands of errors), so the count left out is a lower bound. */
export function capDiagnostics(all: readonly Diagnostic[], uncounted = false): Diagnostic[] {
  if (all.length <= MAX_DIAGNOSTICS) return [...all];
  const kept = all.slice(0, MAX_DIAGNOSTICS);
  const last = kept[kept.length - 1]!;
  const name = uncounted ? "tooManyDiagnosticsAtLeast" : "tooManyDiagnostics";
  const more = all.length - MAX_DIAGNOSTICS;
  kept.push(diagnostic(name, last.span, [more, more === 1 ? "problem" : "problems"]));
  return kept;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
