import { type ISyntacticContentAssistPath, type IToken, type TokenType, tokenMatcher } from "chevrotain";
import { tokens as T, tokenize } from "../lexer/index.js";
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH, measureDepth, nextTokenPaths } from "../parser/index.js";

/**
 * What may come after a query's first tokens, read from the grammar (chevrotain's content assist on
 * the parser) and sorted by what completion offers there: the name of a field, of a sort or group
 * field or unit, a value, an operator, or a keyword or punctuation token. Rules the grammar leaves to
 * the parser's actions (§10) are applied here: the condition comes first and once, each clause once,
 * and a count has no sort and no offset.
 */

/** Where the grammar reads a word: what kind of name or value it is. */
export type WordSlot = "field" | "value" | "sortField" | "groupField" | "unit";

export interface Expected {
  readonly words: ReadonlySet<WordSlot>;
  /** Whether an operator may follow a field: `plain` (`=`, `in`, `not in`...) or, after `not`, `negated`. */
  readonly operator: "plain" | "negated" | undefined;
  /** Every other token type (or category) the grammar may read: keywords, punctuation, value tokens. */
  readonly tokens: ReadonlySet<TokenType>;
}

const NOTHING: Expected = { words: new Set(), operator: undefined, tokens: new Set() };

/** A clause keyword that begins a clause, and the clauses it cannot stand with (§10). */
const EXCLUSIVE: readonly (readonly [TokenType, TokenType])[] = [
  [T.Count, T.SortStart],
  [T.Count, T.Offset],
];
const CLAUSE_STARTS: readonly TokenType[] = [T.SortStart, T.Limit, T.Offset, T.Count];

/**
 * Valid text leaves a few tokens to read per open group (see `assistTokens`), and groups nest at most
 * DEFAULT_MAX_DEPTH deep: more is a run the grammar cannot read as one query (conditions side by side).
 */
const MAX_READ = 1000;

/** The grammar's answer for `tokens`, with the rules of §10. */
export function expectedAfter(tokens: readonly IToken[]): Expected {
  // Past the parser's own limits the query cannot run; deep nesting would make the assist quadratic.
  const end = tokens[tokens.length - 1];
  if (end !== undefined && end.startOffset > DEFAULT_MAX_LENGTH) return NOTHING;
  if (measureDepth(tokens, DEFAULT_MAX_DEPTH) !== undefined) return NOTHING;
  const read = assistTokens(tokens);
  if (read.length > MAX_READ) return NOTHING;
  const used = usedClauses(tokens);
  const answer: Answer = { words: new Set(), operator: undefined, tokens: new Set() };
  for (const path of pathsAfter(read)) {
    if (isAllowed(path, tokens.length === 0, used)) add(answer, path);
  }
  return answer;
}

interface Answer {
  readonly words: Set<WordSlot>;
  operator: Expected["operator"];
  readonly tokens: Set<TokenType>;
}

/** §10 where the grammar allows more: one condition, first; each clause once; no count with sort or offset. */
function isAllowed(
  path: ISyntacticContentAssistPath,
  atStart: boolean,
  used: ReadonlySet<TokenType>,
): boolean {
  if (!startsItem(path)) return true;
  const type = path.nextTokenType;
  return isClauseStart(type) ? clauseFits(type, used) : atStart;
}

/** Sorts a path's token into the answer: a word by the rule reading it, an operator, or the token. */
function add(answer: Answer, path: ISyntacticContentAssistPath): void {
  const rule = path.ruleStack[path.ruleStack.length - 1];
  const type = path.nextTokenType;
  const slot = type === T.Word ? wordSlot(rule, path.nextTokenOccurrence) : undefined;
  if (slot !== undefined) answer.words.add(slot);
  else if (rule === "predicate" && (type === T.ComparisonOp || type === T.NotOp)) answer.operator = "plain";
  else if (type === T.In || type === T.Between || type === T.Contains) answer.operator ??= "negated";
  else answer.tokens.add(type);
}

function wordSlot(rule: string | undefined, occurrence: number): WordSlot | undefined {
  switch (rule) {
    case "predicate":
      return "field";
    case "value":
      return "value";
    case "sort":
      return "sortField";
    case "group":
      // `count by createdAt per week`: the group's field, then (CONSUME2) its unit.
      return occurrence === 2 ? "unit" : "groupField";
    default:
      return undefined;
  }
}

function isClauseStart(type: TokenType): boolean {
  return CLAUSE_STARTS.includes(type);
}

/** The clause keywords written so far (as the clause categories: `order` is a `sort`). */
function usedClauses(tokens: readonly IToken[]): Set<TokenType> {
  const used = new Set<TokenType>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    for (const start of CLAUSE_STARTS) if (tokenMatcher(token, start)) used.add(start);
  }
  return used;
}

/** A clause fits when it is not written yet and stands with every clause that is. */
function clauseFits(clause: TokenType, used: ReadonlySet<TokenType>): boolean {
  if (used.has(clause)) return false;
  return !EXCLUSIVE.some(([a, b]) => (a === clause && used.has(b)) || (b === clause && used.has(a)));
}

let lastRead: { readonly key: string; readonly paths: readonly ISyntacticContentAssistPath[] } | undefined;

/**
 * The grammar's paths after the tokens, kept for the next call: while a word is typed the text before
 * it stays the same, and so does the answer (its tokens' types are all the assist reads).
 */
function pathsAfter(tokens: IToken[]): readonly ISyntacticContentAssistPath[] {
  let key = "";
  for (let i = 0; i < tokens.length; i++) key += `${tokens[i]!.tokenTypeIdx},`;
  if (lastRead?.key !== key) lastRead = { key, paths: nextTokenPaths(tokens) };
  return lastRead.paths;
}

let itemStarts: ReadonlySet<string> | undefined;

/**
 * Whether the path reads the first token of a new condition or clause: the places the grammar
 * reads first in an empty query are those, and only those.
 */
function startsItem(path: ISyntacticContentAssistPath): boolean {
  itemStarts ??= new Set(nextTokenPaths([]).map(place));
  return itemStarts.has(place(path));
}

/** A place in the grammar: the token read there and the rules (and which call of each) around it. */
function place(path: ISyntacticContentAssistPath): string {
  return `${path.nextTokenType.name}#${path.nextTokenOccurrence}@${path.ruleStack.join(">")}:${path.occurrenceStack.join(",")}`;
}

/** A group of parentheses being read: a condition's, or an `in` list's. */
interface Group {
  /** Where its contents start in the tokens the assist reads (after its `(`). */
  readonly from: number;
  readonly list: boolean;
  /** A `between` is waiting for its `and`. */
  between: boolean;
}

let standIns: { readonly operand: readonly IToken[]; readonly value: readonly IToken[] } | undefined;

/**
 * The tokens the assist reads: the query with what is finished left out. The operands before the last
 * `and`/`or` of a condition, the values before the last `,` of an `in` list and a closed group's
 * contents each become one stand-in (`x = x`, `x`): the grammar is in the same state after them, so
 * it reads the same next, and the assist costs in proportion to the open groups and the last operand,
 * not to the line (bench row `completion-p99`). An `and` that ends a `between` joins nothing.
 */
export function assistTokens(tokens: readonly IToken[]): IToken[] {
  standIns ??= { operand: tokenize("x = x").tokens, value: tokenize("x").tokens };
  const { operand, value } = standIns;
  const read: IToken[] = [];
  const groups: Group[] = [{ from: 0, list: false, between: false }];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const group = groups[groups.length - 1]!;
    const type = token.tokenType;
    if (type === T.LParen) {
      read.push(token);
      groups.push({ from: read.length, list: tokens[i - 1]?.tokenType === T.In, between: false });
    } else if (type === T.RParen && groups.length > 1) {
      groups.pop();
      finished(read, group.from, group.list ? value : operand, token);
    } else if (type === T.Between) {
      group.between = true;
      read.push(token);
    } else if (group.list ? type === T.Comma : isJoin(token, group)) {
      finished(read, group.from, group.list ? value : operand, token);
    } else {
      read.push(token);
    }
  }
  return read;
}

/** Whether the token joins operands of the group's condition (not the `and` of a `between`). */
function isJoin(token: IToken, group: Group): boolean {
  if (tokenMatcher(token, T.OrOp)) {
    group.between = false;
    return true;
  }
  if (!tokenMatcher(token, T.AndOp)) return false;
  if (!group.between) return true;
  group.between = false;
  return false;
}

/** Replaces what was read from `from` by the stand-in, then reads the token that ends it. */
function finished(read: IToken[], from: number, standIn: readonly IToken[], end: IToken): void {
  read.length = from;
  read.push(...standIn, end);
}
