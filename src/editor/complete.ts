import { type IToken, type TokenType, tokenMatcher } from "chevrotain";
import { assertNever } from "../language/assert.js";
import {
  FIELDS,
  FILTER_FIELDS,
  type FieldSpec,
  GROUP_FIELDS,
  lookupField,
  SORT_FIELDS,
  writtenOperators,
} from "../language/fields.js";
import { editDistance } from "../language/names.js";
import { COUNT_UNITS, DATE_WORDS, RATINGS, STATUSES } from "../language/values.js";
import { tokens as T, tokenize } from "../lexer/index.js";
import { quote as quoteString } from "../parser/format.js";

/**
 * Completion: a pure function of the text, the cursor and what the caller knows (agents,
 * departments, saved queries). It completes the word at the cursor from one scan of the tokens
 * before it (linear in the line; nothing after the word is read, nothing is parsed).
 */

export interface CompletionItem {
  /** What is inserted. */
  readonly text: string;
  /** Shown beside it in the list (an agent's name for its id, a field's type). */
  readonly detail?: string;
}

export interface CompletionResult {
  readonly items: readonly CompletionItem[];
  /** The items replace line[replaceFrom, cursor). */
  readonly replaceFrom: number;
}

export interface NamedId {
  readonly id: number;
  readonly name: string | null;
}

/** What the caller knows beyond the language; every part may be left out. */
export interface CompletionContext {
  /** From `GET /v1/agents`, once fetched: offered as values of agent fields. */
  readonly agents?: readonly NamedId[];
  /** From `GET /v1/departments`, once fetched: offered as values of department fields. */
  readonly departments?: readonly NamedId[];
  /** Names of saved queries, offered after `.run` and `.save`. */
  readonly savedNames?: readonly string[];
  /** A shell's dot-command names without the dot (a line starting with `.` completes them). */
  readonly commands?: readonly string[];
  /** Values of the shell's `.format`. */
  readonly formats?: readonly string[];
  /** Tags known to exist (seen in this session's results, the demo's vocabulary): values of `tags`. */
  readonly tags?: readonly string[];
}

const NO_CONTEXT: CompletionContext = {};

/** What a word being completed is made of: a query's names, and any letter of a name typed (`王`, `zoë`). */
const WORD_CHAR = /[\p{L}\p{M}\p{N}_.]/u;

/** Completes the word that ends at `cursor` (an offset into `line`, clamped to it). */
export function complete(
  line: string,
  cursor: number,
  context: CompletionContext = NO_CONTEXT,
): CompletionResult {
  cursor = Math.max(0, Math.min(cursor, line.length));
  let from = cursor;
  while (from > 0 && WORD_CHAR.test(line[from - 1]!)) from--;
  const word = line.slice(from, cursor);
  const before = line.slice(0, from);
  const dot = /^(\s*)\.(\S*)/.exec(line);
  if (dot) {
    if (cursor <= dot[0].length) return commandCompletion(line, cursor, context);
    const arg = /^\s*\.(\S+)\s+/.exec(before);
    if (!arg) return { items: [], replaceFrom: cursor };
    return commandArgument(arg[1]!.toLowerCase(), arg[0].length, line, cursor, from, word, context);
  }
  const quote = openString(line, from);
  if (quote !== undefined) {
    // Inside a string left open: complete quoted values (`"on h` → `"on hold"`).
    const typed = line.slice(quote, cursor);
    const items = queryCompletion(line.slice(0, quote), typed, context, false);
    return { items: filter(items, typed).filter((i) => /^["']/.test(i.text)), replaceFrom: quote };
  }
  const items = queryCompletion(line.slice(0, from), word, context, before.trim() === "");
  return { items: filter(items, word), replaceFrom: from };
}

let lastTokenized: { text: string; tokens: readonly IToken[] } | undefined;

/** The tokens of `text`; a completion usually asks twice for the same text (open string, then state). */
function tokensOf(text: string): readonly IToken[] {
  if (lastTokenized?.text !== text) lastTokenized = { text, tokens: tokenize(text).tokens };
  return lastTokenized.tokens;
}

/** Where the string left open just before `at` starts (a `"` or `'` with no closing quote yet). */
function openString(line: string, at: number): number | undefined {
  const quote = Math.max(line.lastIndexOf('"', at - 1), line.lastIndexOf("'", at - 1));
  if (quote < 0 || /[\r\n]/.test(line.slice(quote, at))) return undefined;
  const last = tokensOf(line.slice(0, at)).at(-1);
  return last && last.tokenType === T.UnterminatedString && last.startOffset === quote ? quote : undefined;
}

function commandCompletion(line: string, cursor: number, context: CompletionContext): CompletionResult {
  const start = line.indexOf(".");
  // The cursor in the blanks before the dot: there is no word to complete.
  if (cursor <= start) return { items: [], replaceFrom: cursor };
  const typed = line.slice(start + 1, cursor).toLowerCase();
  const items = (context.commands ?? [])
    .filter((c) => c.startsWith(typed))
    .map((c) => ({ text: `.${c}` }))
    .sort((a, b) => a.text.localeCompare(b.text));
  return { items, replaceFrom: start };
}

/** The argument of a dot-command: a query for `.explain`/`.compile`, a name for `.run`, a format. */
function commandArgument(
  name: string,
  argStart: number,
  line: string,
  cursor: number,
  from: number,
  word: string,
  context: CompletionContext,
): CompletionResult {
  const none = { items: [], replaceFrom: cursor };
  switch (name) {
    case "explain":
    case "compile": {
      const query = line.slice(argStart, from);
      const items = queryCompletion(query, word, context, query.trim() === "");
      return { items: filter(items, word), replaceFrom: from };
    }
    case "run":
    case "save": {
      if (line.slice(argStart, from).trim() !== "") {
        if (name === "run") return none;
        const rest = /^\s*\S+\s+/.exec(line.slice(argStart));
        if (!rest || argStart + rest[0].length > from) return none;
        const query = line.slice(argStart + rest[0].length, from);
        const items = queryCompletion(query, word, context, query.trim() === "");
        return { items: filter(items, word), replaceFrom: from };
      }
      return { items: filter((context.savedNames ?? []).map(text), word), replaceFrom: from };
    }
    case "format":
      if (line.slice(argStart, from).trim() !== "") return none;
      return { items: filter((context.formats ?? []).map(text), word), replaceFrom: from };
    default:
      return none;
  }
}

function text(t: string): CompletionItem {
  return { text: t };
}

/** An item with the group of names it belongs to (a field's aliases, a status's names). */
interface Candidate extends CompletionItem {
  readonly group?: string;
}

/**
 * Items whose text (or, for ids, a word of the detail: an agent's name) starts with the typed word,
 * ignoring case and accents (`zoe` finds Zoë Müller). Of a group of aliases only the first that matches
 * is offered (only the main one before typing). When nothing starts so, the values within a typo's
 * reach (`grate` → `great`), nearest first.
 */
function filter(items: readonly Candidate[], word: string): CompletionItem[] {
  const typed = fold(word);
  const seen = new Set<string>();
  const out: CompletionItem[] = [];
  for (const item of items) {
    const key = item.group ?? item.text;
    if (seen.has(key) || !matches(item, typed)) continue;
    seen.add(key);
    out.push(plain(item));
  }
  return out.length > 0 || typed.length < 3 ? out : nearest(items, typed);
}

function matches(item: Candidate, typed: string): boolean {
  if (fold(item.text).startsWith(typed)) return true;
  if (typed === "" || /^\d/.test(typed) || item.detail === undefined || !/^\d+$/.test(item.text))
    return false;
  return fold(item.detail)
    .split(/[\s.@_-]+/)
    .some((part) => part.startsWith(typed));
}

function plain(item: Candidate): CompletionItem {
  return item.detail === undefined ? { text: item.text } : { text: item.text, detail: item.detail };
}

/** Lower case without accents: `Zoë Müller` → `zoe muller`. */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The items (not ids) whose text is within a typo of the word, nearest first, one per group. */
function nearest(items: readonly Candidate[], typed: string): CompletionItem[] {
  const reach = typed.length < 5 ? 1 : Math.max(2, Math.floor(typed.length / 3));
  const near = new Map<string, { item: Candidate; distance: number }>();
  for (const item of items) {
    if (/^\d+$/.test(item.text)) continue;
    const candidate = fold(item.text.replace(/^"|"$/g, ""));
    // The lengths' difference is a lower bound of the distance: a 40 KB word costs nothing here.
    if (Math.abs(candidate.length - typed.length) > reach) continue;
    const distance = editDistance(typed, candidate);
    const key = item.group ?? item.text;
    if (distance <= reach && distance < (near.get(key)?.distance ?? Number.POSITIVE_INFINITY)) {
      near.set(key, { item, distance });
    }
  }
  return [...near.values()].sort((a, b) => a.distance - b.distance).map(({ item }) => plain(item));
}

/** What may stand at the end of the tokens read so far. */
type State =
  | { readonly kind: "predicate"; readonly clauses: boolean }
  | { readonly kind: "operator"; readonly field: FieldSpec | undefined }
  | { readonly kind: "negatedOperator"; readonly field: FieldSpec | undefined }
  | { readonly kind: "value"; readonly field: FieldSpec | undefined; readonly role: AfterValue }
  | { readonly kind: "open"; readonly field: FieldSpec | undefined }
  | { readonly kind: "afterValue"; readonly field: FieldSpec | undefined; readonly role: AfterValue }
  | { readonly kind: "afterPredicate" }
  | { readonly kind: "by" }
  | { readonly kind: "sortField" }
  | { readonly kind: "direction" }
  | { readonly kind: "number" }
  | { readonly kind: "afterClause" }
  | { readonly kind: "countBy" }
  | { readonly kind: "groupField" }
  | { readonly kind: "afterGroup"; readonly field: FieldSpec | undefined }
  | { readonly kind: "unit" }
  | { readonly kind: "unknown" };

/** Where a value belongs: a plain predicate, an `in` list, or either end of `between`. */
type AfterValue = "predicate" | "list" | "low" | "high";

// States without data are shared: scanning a long line allocates little.
const PREDICATE: State = { kind: "predicate", clauses: false };
const AFTER_PREDICATE: State = { kind: "afterPredicate" };
const UNKNOWN: State = { kind: "unknown" };
const BY: State = { kind: "by" };
const SORT_FIELD: State = { kind: "sortField" };
const DIRECTION: State = { kind: "direction" };
const NUMBER: State = { kind: "number" };
const AFTER_CLAUSE: State = { kind: "afterClause" };
const COUNT_BY: State = { kind: "countBy" };
const GROUP_FIELD: State = { kind: "groupField" };
const UNIT: State = { kind: "unit" };
const AFTER_UNIT: State = { kind: "afterGroup", field: undefined };

const COMPARISON = new Set<TokenType>(T.COMPARISON_TOKENS);
const VALUE = new Set<TokenType>([
  T.Word,
  T.DoubleString,
  T.SingleString,
  T.UnterminatedString,
  T.Integer,
  T.DateLiteral,
  T.DateTime,
  T.Duration,
  T.BadDuration,
]);

const CLAUSES = ["sort by", "count by", "limit", "offset"];
/** A count has no sort and no offset (§10): once one is written, the others are not offered. */
const EXCLUDES: Readonly<Record<string, readonly string[]>> = {
  "count by": ["sort by", "offset"],
  "sort by": ["count by"],
  offset: ["count by"],
};

interface Scan {
  state: State;
  depth: number;
  clauses: Set<string>;
  condition: boolean;
}

/** Whether the token is of one of the types (no rest array: this runs for every token of the line). */
function is(
  token: IToken,
  a: TokenType,
  b?: TokenType,
  c?: TokenType,
  d?: TokenType,
  e?: TokenType,
): boolean {
  const t = token.tokenType;
  return t === a || t === b || t === c || t === d || t === e;
}

// The lexer's categories: `and`/`&&`, `or`/`||`, `not`/`!`, `sort`/`order`.
function isAnd(token: IToken): boolean {
  return tokenMatcher(token, T.AndOp);
}

function isOr(token: IToken): boolean {
  return tokenMatcher(token, T.OrOp);
}

function isNot(token: IToken): boolean {
  return tokenMatcher(token, T.NotOp);
}

/** Reads the tokens once, left to right, keeping only the state at their end. */
function scan(tokens: readonly IToken[]): Scan {
  const s: Scan = {
    state: { kind: "predicate", clauses: true },
    depth: 0,
    clauses: new Set(),
    condition: false,
  };
  for (const token of tokens) s.state = step(s, token);
  return s;
}

function clauseStart(s: Scan, token: IToken): State | undefined {
  if (tokenMatcher(token, T.SortStart)) {
    s.clauses.add("sort by");
    return BY;
  }
  if (is(token, T.Limit, T.Offset)) {
    s.clauses.add(token.image.toLowerCase());
    return NUMBER;
  }
  if (is(token, T.Count)) {
    s.clauses.add("count by");
    return COUNT_BY;
  }
  return undefined;
}

function step(s: Scan, token: IToken): State {
  const state = s.state;
  switch (state.kind) {
    case "predicate":
      if (isNot(token)) return PREDICATE;
      if (is(token, T.LParen)) {
        s.depth++;
        return PREDICATE;
      }
      if (is(token, T.Word)) {
        s.condition = true;
        return { kind: "operator", field: lookupField(token.image) };
      }
      return (state.clauses && clauseStart(s, token)) || UNKNOWN;
    case "operator":
      if (isNot(token)) return { kind: "negatedOperator", field: state.field };
      if (COMPARISON.has(token.tokenType)) return { kind: "value", field: state.field, role: "predicate" };
      return afterSugar(state.field, token);
    case "negatedOperator":
      return afterSugar(state.field, token);
    case "open":
      return is(token, T.LParen) ? { kind: "value", field: state.field, role: "list" } : UNKNOWN;
    case "value":
      if (is(token, T.Minus, T.Plus)) return state; // `-7d`
      if (VALUE.has(token.tokenType)) return { kind: "afterValue", field: state.field, role: state.role };
      return UNKNOWN;
    case "afterValue":
      return afterValue(s, state, token);
    case "afterPredicate":
      return afterPredicate(s, token);
    case "by":
      return is(token, T.By) ? SORT_FIELD : UNKNOWN;
    case "sortField":
      return is(token, T.Word) ? DIRECTION : UNKNOWN;
    case "direction":
      if (is(token, T.Asc, T.Desc)) return AFTER_CLAUSE;
      return clauseStart(s, token) ?? UNKNOWN;
    case "number":
      return is(token, T.Integer) ? AFTER_CLAUSE : UNKNOWN;
    case "afterClause":
      return clauseStart(s, token) ?? UNKNOWN;
    case "countBy":
      return is(token, T.By) ? GROUP_FIELD : (clauseStart(s, token) ?? UNKNOWN);
    case "groupField":
      return is(token, T.Word) ? { kind: "afterGroup", field: lookupField(token.image) } : UNKNOWN;
    case "afterGroup":
      if (is(token, T.Comma)) return GROUP_FIELD;
      if (is(token, T.Per) && state.field !== undefined) return UNIT;
      return clauseStart(s, token) ?? UNKNOWN;
    case "unit":
      return is(token, T.Word) ? AFTER_UNIT : UNKNOWN;
    case "unknown":
      return state;
  }
}

function afterSugar(field: FieldSpec | undefined, token: IToken): State {
  if (is(token, T.In)) return { kind: "open", field };
  if (is(token, T.Between)) return { kind: "value", field, role: "low" };
  if (is(token, T.Contains)) return { kind: "value", field, role: "predicate" };
  return UNKNOWN;
}

function afterValue(s: Scan, state: State & { kind: "afterValue" }, token: IToken): State {
  // The rest of a relative time (`now - 7d`, `7d ago`) keeps the value open.
  if (is(token, T.Plus, T.Minus, T.Duration, T.BadDuration, T.Ago)) return state;
  switch (state.role) {
    case "list":
      if (is(token, T.Comma)) return { kind: "value", field: state.field, role: "list" };
      return is(token, T.RParen) ? AFTER_PREDICATE : UNKNOWN;
    case "low":
      return isAnd(token) ? { kind: "value", field: state.field, role: "high" } : UNKNOWN;
    case "high":
    case "predicate":
      return afterPredicate(s, token);
  }
}

function afterPredicate(s: Scan, token: IToken): State {
  if (isAnd(token) || isOr(token)) return PREDICATE;
  if (is(token, T.RParen) && s.depth > 0) {
    s.depth--;
    return AFTER_PREDICATE;
  }
  return clauseStart(s, token) ?? UNKNOWN;
}

function fieldItems(fields: readonly FieldSpec[]): Candidate[] {
  return fields.flatMap((f) =>
    [...f.shortNames, f.name].map((name) => ({ text: name, detail: f.type, group: f.name })),
  );
}

const FIELD_ITEMS: readonly Candidate[] = fieldItems(FILTER_FIELDS);
const SORT_ITEMS: readonly Candidate[] = fieldItems(SORT_FIELDS);
const GROUP_ITEMS: readonly Candidate[] = fieldItems(GROUP_FIELDS);

function operatorItems(field: FieldSpec | undefined): CompletionItem[] {
  const ops = field ? field.operators : FIELDS.flatMap((f) => f.operators);
  return writtenOperators([...new Set(ops)]).map(text);
}

function negatedOperatorItems(field: FieldSpec | undefined): CompletionItem[] {
  return operatorItems(field)
    .filter((i) => i.text.startsWith("not "))
    .map((i) => text(i.text.slice(4)));
}

function quote(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name}"`;
}

function named(item: NamedId): CompletionItem {
  return { text: String(item.id), detail: item.name ?? "" };
}

function valueItems(field: FieldSpec | undefined, context: CompletionContext): Candidate[] {
  if (!field) return [];
  switch (field.references) {
    case "agent":
      return (context.agents ?? []).map(named);
    case "department":
      return (context.departments ?? []).map(named);
    case undefined:
      break;
    default:
      return assertNever(field.references, "reference");
  }
  switch (field.type) {
    case "status":
      return STATUSES.flatMap((s) =>
        s.names.map((n) => ({ text: quote(n), detail: `code ${s.code}`, group: `status ${s.code}` })),
      );
    case "rating":
      return RATINGS.map(text);
    case "date":
      return DATE_WORDS.map(text);
    case "tag":
      return (context.tags ?? []).map((tag) => text(T.isBareWord(tag) ? tag : quoteString(tag)));
    default:
      return [];
  }
}

function queryCompletion(
  textBefore: string,
  word: string,
  context: CompletionContext,
  lineStart: boolean,
): Candidate[] {
  const s = scan(tokensOf(textBefore));
  const state = s.state;
  const excluded = new Set([...s.clauses].flatMap((c) => [c, ...(EXCLUDES[c] ?? [])]));
  const remainingClauses = () => CLAUSES.filter((c) => !excluded.has(c)).map(text);
  const next = (): Candidate[] => [
    ...["and", "or"].map(text),
    ...(s.depth > 0 ? [text(")")] : []),
    ...remainingClauses(),
  ];
  switch (state.kind) {
    case "predicate": {
      const items: Candidate[] = [...FIELD_ITEMS, text("not"), text("(")];
      if (state.clauses) items.push(...remainingClauses());
      if (lineStart && word === "") items.push(...(context.commands ?? []).map((c) => text(`.${c}`)));
      return items;
    }
    case "operator":
      return operatorItems(state.field);
    case "negatedOperator":
      return negatedOperatorItems(state.field);
    case "open":
      return [text("(")];
    case "value":
      return valueItems(state.field, context);
    case "afterValue":
      if (state.role === "list") return [text(","), text(")")];
      if (state.role === "low") return [text("and")];
      return next();
    case "afterPredicate":
      return next();
    case "by":
      return [text("by")];
    case "sortField":
      return [...SORT_ITEMS];
    case "direction":
      return [text("asc"), text("desc"), ...remainingClauses()];
    case "number":
      return [];
    case "afterClause":
      return remainingClauses();
    case "countBy":
      return [text("by"), ...remainingClauses()];
    case "groupField":
      return [...GROUP_ITEMS];
    case "afterGroup": {
      const per = state.field?.type === "date" ? [text("per")] : [];
      return [...per, text(","), ...remainingClauses()];
    }
    case "unit":
      return COUNT_UNITS.map(text);
    case "unknown":
      return [];
  }
}
