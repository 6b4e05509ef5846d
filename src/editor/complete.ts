import { type IToken, type TokenType, tokenMatcher } from "chevrotain";
import type { NamedId } from "../language/index.js";
import {
  assertNever,
  COUNT_UNITS,
  DATE_WORDS,
  editDistance,
  FIELDS,
  FILTER_FIELDS,
  type FieldSpec,
  fieldKind,
  foldName as fold,
  GROUP_FIELDS,
  lookupField,
  quote,
  RATINGS,
  SORT_FIELDS,
  STATUSES,
  writtenOperators,
} from "../language/index.js";
import { stringValue, tokens as T } from "../lexer/index.js";
import { printWord } from "../parser/index.js";
import { expectedAfter } from "./expected.js";
import { TokenCache } from "./token-cache.js";

/*
 * Completion: a function of the text, the cursor and what the caller knows (agents, departments,
 * saved queries). What may stand at the cursor comes from the grammar (`expected.ts`: chevrotain's
 * content assist on the parser), which names, values and operators fit from the field and value
 * tables, and how keywords are written from the token table. Nothing after the word is read.
 */

/** One completion: the text that replaces the word, and what it is. */
export interface CompletionItem {
  /** What is inserted. */
  readonly text: string;
  /** Shown beside it in the list (an agent's name for its id, a field's type). */
  readonly detail?: string;
}

/** `complete`'s answer: what may be written at the cursor, and where it starts. */
export interface CompletionResult {
  readonly items: readonly CompletionItem[];
  /** The items replace line[replaceFrom, cursor). */
  readonly replaceFrom: number;
}

/** What the caller knows beyond the language; every part may be left out. */
export interface CompletionContext {
  /** From `GET /v1/agents`, once fetched: offered as values of agent fields. */
  readonly agents?: readonly NamedId[] | undefined;
  /** From `GET /v1/departments`, once fetched: offered as values of department fields. */
  readonly departments?: readonly NamedId[] | undefined;
  /** Names of saved queries, offered where a command takes one (`saved-name`) and after `@` alone on a line. */
  readonly savedNames?: readonly string[] | undefined;
  /**
   * A shell's dot-commands, by name without the dot, with what each takes: a line starting with `.`
   * completes their names, and then their argument.
   */
  readonly commands?: Readonly<Record<string, CommandArgument>> | undefined;
  /** Tags known to exist (seen in this session's results, the demo's vocabulary): values of `tags`. */
  readonly tags?: readonly string[] | undefined;
}

/** What a dot-command takes after its name, for completing it. */
export type CommandArgument =
  | { readonly kind: "none" }
  /** A query (`.explain <query>`). */
  | { readonly kind: "query" }
  /** The name of a saved query (`.run <name>`). */
  | { readonly kind: "saved-name" }
  /** The name of a saved query, then a query (`.save <name> <query>`). */
  | { readonly kind: "saved-name-then-query" }
  /** One of a few words (`.format table|json|ndjson|csv`). */
  | { readonly kind: "one-of"; readonly words: readonly string[] }
  /** An IANA time zone (`.tz Europe/Berlin`), found by its name or its city (`berl`). */
  | { readonly kind: "time-zone" };

const NO_CONTEXT: CompletionContext = {};

/**
 * What a word being completed is made of: a query's names, and any letter of a name typed (`王`, `zoë`).
 * Made on first need: a pattern of Unicode properties costs ~0.2 ms to make, and importing the
 * library makes none (bench row `library-import`).
 */
let wordChar: RegExp | undefined;

/** Completes the word that ends at `cursor` (an offset into `line`, clamped to it). */
export function complete(
  line: string,
  cursor: number,
  context: CompletionContext = NO_CONTEXT,
): CompletionResult {
  cursor = Math.max(0, Math.min(cursor, line.length));
  let from = cursor;
  wordChar ??= /[\p{L}\p{M}\p{N}_.]/u;
  while (from > 0 && wordChar.test(line[from - 1]!)) from--;
  const word = line.slice(from, cursor);
  const before = line.slice(0, from);
  const saved = /^(\s*)@(\S*)$/.exec(line.slice(0, cursor));
  if (saved && context.savedNames !== undefined)
    return savedNameCompletion(saved[1]!.length, saved[2]!, context.savedNames);
  const dot = /^(\s*)\.(\S*)/.exec(line);
  if (dot) {
    if (cursor <= dot[0].length) return commandCompletion(line, cursor, context);
    const arg = /^\s*\.(\S+)\s+/.exec(before);
    if (!arg) return { items: [], replaceFrom: cursor };
    return commandArgument(arg[1]!.toLowerCase(), arg[0].length, line, cursor, from, word, context);
  }
  const opening = openString(line, from);
  if (opening !== undefined) {
    // Inside a string left open: the values the word alone gets, quoted (`"on h` → `"on hold"`, `"Pa` → `"Paid"`).
    const items = stringValueItems(line.slice(0, opening), context);
    return { items: filter(items, line.slice(opening + 1, cursor)), replaceFrom: opening };
  }
  const items = queryCompletion(line.slice(0, from), word, context, before.trim() === "");
  return { items: filter(items, word), replaceFrom: from };
}

/**
 * The tokens of the text before the cursor, kept from the last completion up to the edit: typing
 * lexes only the end again (bench row `completion-p99`). Apart from the highlighter's cache: the
 * two read different texts (the text before the cursor, the whole line).
 */
const prefixes = new TokenCache();

/** Where the string left open just before `at` starts (a `"` or `'` with no closing quote yet). */
function openString(line: string, at: number): number | undefined {
  const quote = Math.max(line.lastIndexOf('"', at - 1), line.lastIndexOf("'", at - 1));
  if (quote < 0 || /[\r\n]/.test(line.slice(quote, at))) return undefined;
  const last = prefixes.read(line.slice(0, at)).tokens.at(-1);
  return last && last.tokenType === T.UnterminatedString && last.startOffset === quote ? quote : undefined;
}

function commandCompletion(line: string, cursor: number, context: CompletionContext): CompletionResult {
  const start = line.indexOf(".");
  // The cursor in the blanks before the dot: there is no word to complete.
  if (cursor <= start) return { items: [], replaceFrom: cursor };
  const typed = line.slice(start + 1, cursor).toLowerCase();
  const items = Object.keys(context.commands ?? {})
    .filter((c) => c.startsWith(typed))
    .map((c) => ({ text: `.${c}` }))
    .sort((a, b) => a.text.localeCompare(b.text));
  return { items, replaceFrom: start };
}

/** `@name`, the line that runs a saved query: the saved names that begin with what is typed. */
function savedNameCompletion(at: number, typed: string, names: readonly string[]): CompletionResult {
  const items = savedNamesStarting(names, typed)
    .sort((a, b) => a.localeCompare(b))
    .map((n) => text(`@${n}`));
  return { items, replaceFrom: at };
}

/**
 * The saved names that begin with `typed`: in its letter case when any does (names are
 * case-sensitive: `P` picks `Pend`, not `pend`), else in any case.
 */
function savedNamesStarting(names: readonly string[], typed: string): string[] {
  const exact = names.filter((n) => n.startsWith(typed));
  if (exact.length > 0) return exact;
  const lower = typed.toLowerCase();
  return names.filter((n) => n.toLowerCase().startsWith(lower));
}

/** The argument of a dot-command, as the context says the command takes it. */
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
  const argument =
    context.commands !== undefined && Object.hasOwn(context.commands, name)
      ? context.commands[name]!
      : NO_ARGUMENT;
  const first = line.slice(argStart, from).trim() === "";
  const query = (start: number): CompletionResult => {
    const before = line.slice(start, from);
    const items = queryCompletion(before, word, context, before.trim() === "");
    return { items: filter(items, word), replaceFrom: from };
  };
  const words = (list: readonly string[]): CompletionResult =>
    first ? { items: filter(list.map(text), word), replaceFrom: from } : none;
  const names = (list: readonly string[]): CompletionResult =>
    first ? { items: savedNamesStarting(list, word).map(text), replaceFrom: from } : none;
  switch (argument.kind) {
    case "none":
      return none;
    case "query":
      return query(argStart);
    case "saved-name":
      return names(context.savedNames ?? []);
    case "saved-name-then-query": {
      if (first) return names(context.savedNames ?? []);
      const rest = /^\s*\S+\s+/.exec(line.slice(argStart));
      return rest && argStart + rest[0].length <= from ? query(argStart + rest[0].length) : none;
    }
    case "one-of":
      return words(argument.words);
    case "time-zone":
      return timeZones(line, argStart, cursor);
    default:
      return assertNever(argument, "command argument");
  }
}

const NO_ARGUMENT: CommandArgument = { kind: "none" };

/**
 * The zones whose name or city begins with what is typed after the command (a zone's `/` is part
 * of the word here, unlike a query's), UTC first.
 */
function timeZones(line: string, argStart: number, cursor: number): CompletionResult {
  const typed = line.slice(argStart, cursor);
  const start = cursor - typed.trimStart().length;
  const prefix = typed.trim().toLowerCase();
  if (/\s/.test(prefix)) return { items: [], replaceFrom: cursor };
  const items = ["UTC", ...Intl.supportedValuesOf("timeZone")]
    .filter((zone) => {
      const lower = zone.toLowerCase();
      return lower.startsWith(prefix) || lower.split("/").at(-1)!.startsWith(prefix.replaceAll(" ", "_"));
    })
    .map(text);
  return { items, replaceFrom: start };
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
  // A value offered quoted (`"on hold"`) is found by its words as well: `on` finds it.
  if (typed !== "" && fold(unquoted(item.text)).startsWith(typed)) return true;
  if (typed === "" || /^\d/.test(typed) || item.detail === undefined || !/^\d+$/.test(item.text))
    return false;
  return fold(item.detail)
    .split(/[\s.@_-]+/)
    .some((part) => part.startsWith(typed));
}

/** A value offered as a string (`"on hold"`), without its quotes. */
function unquoted(text: string): string {
  return text.replace(/^"|"$/g, "");
}

function plain(item: Candidate): CompletionItem {
  return item.detail === undefined ? { text: item.text } : { text: item.text, detail: item.detail };
}

/** The items (not ids) whose text is within a typo of the word, nearest first, one per group. */
function nearest(items: readonly Candidate[], typed: string): CompletionItem[] {
  const reach = typed.length < 5 ? 1 : Math.max(2, Math.floor(typed.length / 3));
  const near = new Map<string, { item: Candidate; distance: number }>();
  for (const item of items) {
    if (/^\d+$/.test(item.text)) continue;
    const candidate = fold(unquoted(item.text));
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

function fieldItems(fields: readonly FieldSpec[]): Candidate[] {
  return fields.flatMap((f) =>
    [...f.shortNames, f.name].map((name) => ({ text: name, detail: fieldKind(f), group: f.name })),
  );
}

const FIELD_ITEMS: readonly Candidate[] = fieldItems(FILTER_FIELDS);
/** Right after `not`: the fields a condition on which can be negated (the API cannot test a lacking tag). */
const NEGATABLE_FIELD_ITEMS: readonly Candidate[] = fieldItems(FILTER_FIELDS.filter((f) => f.type !== "tag"));
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

function named(item: NamedId): CompletionItem {
  return { text: String(item.id), detail: item.name ?? "" };
}

/**
 * The values that may be written as a string where the text before leaves a value, each quoted: not
 * ids nor dates, which a string is not.
 */
function stringValueItems(textBefore: string, context: CompletionContext): Candidate[] {
  const tokens = prefixes.read(textBefore).tokens;
  const field = valueField(tokens);
  if (!expectedAfter(tokens).words.has("value") || field === undefined) return [];
  if (field.references !== undefined || field.type === "date") return [];
  return notListed(valueItems(field, context, quote), tokens);
}

function valueItems(
  field: FieldSpec | undefined,
  context: CompletionContext,
  spell: (value: string) => string = printWord,
): Candidate[] {
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
        s.names.map((n) => ({ text: spell(n), detail: `code ${s.code}`, group: `status ${s.code}` })),
      );
    case "rating":
      return RATINGS.map((rating) => text(spell(rating)));
    case "date":
      return DATE_WORDS.map(text);
    case "tag":
      return (context.tags ?? []).map((tag) => text(spell(tag)));
    default:
      return [];
  }
}

/** Keywords and punctuation that begin a condition, offered after the fields. */
const CONDITION_TOKENS: readonly TokenType[] = [T.NotOp, T.LParen];
/** Keywords and punctuation that go on after a name or value, in the order they are offered. */
const FOLLOWING_TOKENS: readonly TokenType[] = [
  T.AndOp,
  T.OrOp,
  T.Ago,
  T.Per,
  T.Comma,
  T.RParen,
  T.By,
  T.Asc,
  T.Desc,
];
/** The clauses as they are offered: `sort by` and `count by` with their `by`. */
const CLAUSES: readonly (readonly TokenType[])[] = [
  [T.SortStart, T.By],
  [T.Count, T.By],
  [T.Limit],
  [T.Offset],
];

/** How a keyword or punctuation token is written: its label in the token table without the quotes. */
function spelling(type: TokenType): string {
  return (type.LABEL ?? type.name).replace(/^'|'$/g, "");
}

/** The items for what the grammar may read after the text before the word being completed. */
function queryCompletion(
  textBefore: string,
  word: string,
  context: CompletionContext,
  lineStart: boolean,
): Candidate[] {
  const tokens = prefixes.read(textBefore).tokens;
  const next = expectedAfter(tokens);
  const items: Candidate[] = [];
  if (next.words.has("field")) {
    const last = tokens[tokens.length - 1];
    items.push(...(last !== undefined && tokenMatcher(last, T.NotOp) ? NEGATABLE_FIELD_ITEMS : FIELD_ITEMS));
  }
  for (const type of CONDITION_TOKENS) if (next.tokens.has(type)) items.push(text(spelling(type)));
  if (next.operator === "plain") items.push(...operatorItems(fieldBefore(tokens, tokens.length)));
  if (next.operator === "negated") items.push(...negatedOperatorItems(fieldBefore(tokens, tokens.length)));
  if (next.words.has("value")) items.push(...notListed(valueItems(valueField(tokens), context), tokens));
  if (next.words.has("sortField")) items.push(...SORT_ITEMS);
  if (next.words.has("groupField")) items.push(...GROUP_ITEMS);
  if (next.words.has("unit") && !perAfterUndated(tokens)) items.push(...COUNT_UNITS.map(text));
  for (const type of FOLLOWING_TOKENS) {
    if (next.tokens.has(type) && fits(type, tokens)) items.push(text(spelling(type)));
  }
  for (const clause of CLAUSES)
    if (next.tokens.has(clause[0]!)) items.push(text(clause.map(spelling).join(" ")));
  if (lineStart && word === "") items.push(...Object.keys(context.commands ?? {}).map((c) => text(`.${c}`)));
  return items;
}

/** The values not yet in the `in (…)` list being written (`tags in (Paid, ` offers Paid no more). */
function notListed(items: readonly Candidate[], tokens: readonly IToken[]): Candidate[] {
  const listed = listedValues(tokens);
  if (listed.size === 0) return [...items];
  return items.filter((item) => !listed.has(fold(unquoted(item.text))));
}

/** The values written so far in the `in (` list the tokens end in, folded; none outside a list. */
function listedValues(tokens: readonly IToken[]): Set<string> {
  const listed = new Set<string>();
  for (let i = tokens.length - 1; i > 0; i--) {
    const token = tokens[i]!;
    if (token.tokenType === T.LParen) return tokenMatcher(tokens[i - 1]!, T.In) ? listed : new Set();
    if (token.tokenType !== T.Comma) listed.add(fold(stringValue(token) ?? token.image));
  }
  return new Set();
}

/**
 * What the field and the text allow beyond the grammar: `per` after a date field only (a count per
 * week of a status means nothing), and no `)` right after a `,` (accepted, but not worth offering).
 */
function fits(type: TokenType, tokens: readonly IToken[]): boolean {
  const last = tokens[tokens.length - 1];
  if (type === T.Per) return last !== undefined && lookupField(last.image)?.type === "date";
  if (type === T.RParen) return last?.tokenType !== T.Comma;
  return true;
}

/** `count by status per`: a known field that is no date takes no unit, so none is offered. */
function perAfterUndated(tokens: readonly IToken[]): boolean {
  const field = tokens[tokens.length - 2];
  if (tokens[tokens.length - 1]?.tokenType !== T.Per || field === undefined) return false;
  const spec = lookupField(field.image);
  return spec !== undefined && spec.type !== "date";
}

/** The field before the operator at `at` (and its `not`): the word the predicate starts with. */
function fieldBefore(tokens: readonly IToken[], at: number): FieldSpec | undefined {
  let i = at - 1;
  if (i >= 0 && tokenMatcher(tokens[i]!, T.NotOp)) i--;
  const field = tokens[i];
  return field?.tokenType === T.Word ? lookupField(field.image) : undefined;
}

/** The field whose value is being written: the one before the nearest operator (values hold none). */
function valueField(tokens: readonly IToken[]): FieldSpec | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (OPERATOR_TOKENS.some((type) => tokenMatcher(tokens[i]!, type))) return fieldBefore(tokens, i);
  }
  return undefined;
}

const OPERATOR_TOKENS: readonly TokenType[] = [T.ComparisonOp, T.In, T.Between, T.Contains];
