import { type IRecognitionException, type IToken, tokenMatcher } from "chevrotain";
import type { Span } from "../language/index.js";
import {
  capDiagnostics,
  type Diagnostic,
  diagnostic,
  groupDigits,
  shownArgument,
} from "../language/index.js";
import { tokens as T, TokenPool, tokenize } from "../lexer/index.js";
import type { Query } from "./ast.js";
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH, type ParseOptions } from "./options.js";
import { exceptionToDiagnostic, hcqlParser, isMissingParen, TooManyParseErrors } from "./parser.js";
import { explainSlips } from "./slips/index.js";

export interface ParseResult {
  /** The tree; where the text does not parse, it holds error nodes and the diagnostics say why. */
  readonly query: Query;
  /** Syntax, too-long and too-deep diagnostics, in text order, at most 100 (+1 saying how many more). */
  readonly diagnostics: Diagnostic[];
  /** Text a slip's hint writes anew, where the checker's findings add nothing (in text order). */
  readonly covered?: readonly Span[];
  /** The text's `#` comments as written, in text order: the tree has none, and `formatQuery` keeps them. */
  readonly comments?: readonly string[];
}

/** The parser's tokens, taken back after each parse (bench row `flat-or-scaling`): at most 64 Ki of them. */
const POOL = new TokenPool(1 << 16);

/** Parses HCQL text into a tree; never throws, whatever the string. */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  try {
    return parseText(text, options);
  } finally {
    POOL.release();
  }
}

/**
 * Runs `run` with no stack traces captured: chevrotain makes each syntax error an Error (its stack
 * captured twice), and a text of thousands of errors spent a tenth of its parse on stacks no one reads
 * (the fuzz suite's time bounds). Synchronous, so nothing else runs while the limit is 0.
 */
function withoutStackTraces<Result>(run: () => Result): Result {
  const errors = Error as { stackTraceLimit?: number };
  const limit = errors.stackTraceLimit;
  try {
    errors.stackTraceLimit = 0;
  } catch {
    return run(); // a realm whose intrinsics are frozen: its stacks as they are
  }
  try {
    return run();
  } finally {
    errors.stackTraceLimit = limit;
  }
}

function parseText(text: string, options: ParseOptions): ParseResult {
  const maxLength = limitOption(options.maxLength, DEFAULT_MAX_LENGTH, "maxLength");
  const maxDepth = limitOption(options.maxDepth, DEFAULT_MAX_DEPTH, "maxDepth");
  if (text.length > maxLength) {
    const lengths = [groupDigits(text.length), groupDigits(maxLength)];
    const tooLong = diagnostic("tooLong", { start: maxLength, end: text.length }, lengths);
    return failed(text, [tooLong]);
  }
  const lexed = tokenize(text, POOL);
  const tooDeep = measureDepth(lexed.tokens, maxDepth);
  if (tooDeep !== undefined) {
    return failed(text, capDiagnostics(sortByStart([...lexed.diagnostics, tooDeep])));
  }
  const parser = hcqlParser();
  parser.begin(text, lexed.tokens);
  let query: Query;
  let stopped = false;
  try {
    query = withoutStackTraces(() => parser.query());
  } catch (error) {
    if (error instanceof TooManyParseErrors) {
      // Thousands of errors: the first ones are reported, the tree is one error node.
      stopped = true;
      query = failed(text, []).query;
    } else {
      // Only reachable with a maxDepth far above the default: the stack is the real limit.
      if (!(error instanceof RangeError)) throw error;
      const span = { start: 0, end: text.length };
      return failed(text, [diagnostic("tooDeepForStack", span, [maxDepth])]);
    }
  }
  if (parser.errors.length === 0 && parser.reported.length === 0 && lexed.diagnostics.length === 0) {
    // The common case: nothing to sort, filter or cap.
    parser.input = [];
    return { query, diagnostics: [], comments: commentTexts(lexed.comments) };
  }
  const errors = withoutRedundantInput(parser.errors);
  const syntax = errors.map((e) => exceptionToDiagnostic(parser, e));
  const parens = new Set(syntax.filter((_, i) => isMissingParen(errors[i]!)));
  for (const paren of parens)
    if (closedAfter(lexed.tokens, paren, syntax)) syntax.splice(syntax.indexOf(paren), 1);
  const { diagnostics: all, covered } = explainSlips(
    text,
    lexed.tokens,
    onePerPlace(sortByStart([...lexed.diagnostics, ...syntax, ...parser.reported]), parens),
    options.cursor,
  );
  parser.input = []; // after reading the errors: setting the input clears them
  parser.reported = [];
  return {
    query,
    diagnostics: capDiagnostics(all, stopped),
    covered,
    comments: commentTexts(lexed.comments),
  };
}

const NO_COMMENTS: readonly string[] = [];

/** The comments' texts, read now: their tokens are the pool's, taken back after the parse. */
function commentTexts(comments: readonly IToken[]): readonly string[] {
  return comments.length === 0 ? NO_COMMENTS : comments.map((comment) => comment.image);
}

function sortByStart(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.span.start - b.span.start);
}

/** `status = = 1`: the leftover input after an error already reported there says nothing new. */
function withoutRedundantInput(errors: readonly IRecognitionException[]): IRecognitionException[] {
  // Counted once, not searched per error: a query may hold a thousand of them.
  const atOffset = new Map<number, number>();
  for (const e of errors) atOffset.set(e.token.startOffset, (atOffset.get(e.token.startOffset) ?? 0) + 1);
  return errors.filter(
    (e) => e.name !== "NotAllInputParsedException" || atOffset.get(e.token.startOffset) === 1,
  );
}

/**
 * Whether a missing `)` is none: another error stands where it was reported (`(= 1 or a = 2)`: no
 * condition after `(`), and a `)` further on closes the group, so only that other error is real.
 */
function closedAfter(tokens: readonly IToken[], paren: Diagnostic, syntax: readonly Diagnostic[]): boolean {
  const at = paren.span.start;
  if (!syntax.some((d) => d !== paren && d.span.start === at)) return false;
  let depth = 0;
  let [low, high] = [0, tokens.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (tokens[middle]!.startOffset < at) low = middle + 1;
    else high = middle;
  }
  for (const token of tokens.slice(low)) {
    if (tokenMatcher(token, T.LParen)) depth++;
    else if (tokenMatcher(token, T.RParen) && depth-- === 0) return true;
  }
  return false;
}

/**
 * Recovery can report one spot several times (`a = (1)`): the first syntax error at each offset is
 * kept, except that each missing `)` is its own error.
 */
function onePerPlace(sorted: readonly Diagnostic[], parens: ReadonlySet<Diagnostic>): Diagnostic[] {
  const seen = new Set<number>();
  return sorted.filter((d) => {
    if (d.code !== "syntax" || parens.has(d)) return true;
    if (seen.has(d.span.start)) return false;
    seen.add(d.span.start);
    return true;
  });
}

function failed(text: string, diagnostics: Diagnostic[]): ParseResult {
  const span = { start: 0, end: text.length };
  const query: Query = {
    kind: "query",
    span,
    condition: { kind: "error", span },
    sort: undefined,
    limit: undefined,
    offset: undefined,
  };
  return { query, diagnostics };
}

/**
 * How deep the parser would recurse, from the tokens alone: each `(` adds one level, and so does each
 * `not` until the next token that is neither `not` nor `(` (its operand begins there). Returns the
 * too-deep diagnostic at the first token that goes past `maxDepth`, or undefined.
 */
export function measureDepth(tokens: readonly IToken[], maxDepth: number): Diagnostic | undefined {
  const levels: number[] = []; // depth at each open parenthesis
  let base = 0; // depth of the innermost open parenthesis
  let nots = 0; // `not`s in a row right before the current token
  let deepest = 0;
  let first: IToken | undefined;
  // Indexed, not for-of: run once per query, mostly as unoptimized code, where for-of allocates per step
  // (bench row `flat-or-scaling`).
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    let depth: number;
    if (token.tokenType === T.LParen) {
      levels.push(base);
      base += nots + 1;
      nots = 0;
      depth = base;
    } else if (token.tokenType === T.RParen) {
      base = levels.pop() ?? 0;
      nots = 0;
      depth = base;
    } else if (token.tokenType === T.Not || token.tokenType === T.Bang) {
      nots++;
      depth = base + nots;
    } else {
      nots = 0;
      depth = base;
    }
    if (depth > deepest) deepest = depth;
    if (depth > maxDepth && first === undefined) first = token;
  }
  if (first === undefined) return undefined;
  const span = { start: first.startOffset, end: first.startOffset + first.image.length };
  return diagnostic("tooDeep", span, [deepest, maxDepth]);
}

/**
 * A limit option: a whole number from 1, or Infinity for none (NaN or a fraction would turn the limit
 * off unnoticed).
 */
function limitOption(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (value !== Number.POSITIVE_INFINITY && !(Number.isInteger(value) && value >= 1)) {
    throw new RangeError(`'${name}' must be a whole number from 1, or Infinity, not ${shownArgument(value)}`);
  }
  return value;
}
