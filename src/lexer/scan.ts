import type { IToken, TokenType } from "chevrotain";
import { DURATION_UNIT_NAMES } from "../language/index.js";
import {
  AmpAmp,
  BadDuration,
  Bang,
  Comma,
  Comment,
  DateLiteral,
  DateTime,
  DoubleString,
  Duration,
  Equals,
  Greater,
  GreaterEq,
  Integer,
  KEYWORD_TOKENS,
  KEYWORDS,
  Less,
  LessEq,
  LParen,
  Minus,
  NotEquals,
  NotTilde,
  PipePipe,
  Plus,
  RParen,
  SingleString,
  Tilde,
  UnterminatedString,
  Word,
} from "./tokens.js";

/**
 * A hand-written scanner producing exactly the tokens chevrotain's Lexer produces from the token
 * definitions in tokens.ts (first matching pattern in ALL_TOKENS order, keywords yielding to a
 * longer word, unknown characters skipped up to the next place a token can start). It is several
 * times faster and needs no set-up; test/lexer/scan.test.ts checks it against chevrotain's Lexer.
 */

export interface ScanError {
  readonly offset: number;
  readonly length: number;
}

export interface ScanResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly errors: ScanError[];
}

/** A keyword, lower-case, and its token type. */
interface KeywordEntry {
  readonly word: string;
  readonly type: TokenType;
}

/**
 * The keywords by length, so that a word is compared with a few of them, letter by letter, without
 * being cut out of the text and lower-cased first; a keyword written in lower case then takes the
 * table's string as its image (bench row `compile-vs-json`).
 */
const KEYWORDS_BY_LENGTH: readonly (readonly KeywordEntry[])[] = (() => {
  const table: KeywordEntry[][] = [];
  KEYWORD_TOKENS.forEach((type, i) => {
    const word = KEYWORDS[i]!;
    table[word.length] ??= [];
    table[word.length]!.push({ word, type });
  });
  return table;
})();

/** The character codes of the duration units (`s m h d w`). */
const UNIT_CODES: ReadonlySet<number> = new Set(DURATION_UNIT_NAMES.map((u) => u.charCodeAt(0)));

const CR = 13;
const LF = 10;
const BACKSLASH = 92;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === CR || c === LF;
}

/**
 * Token objects that one scan hands out and the next takes back, for a caller that drops the tokens
 * when it is done (the parser): a long query's tokens then live in the old generation instead of
 * being copied by every young collection while the query is read (bench row `flat-or-scaling`).
 * It keeps at most `cap` tokens; `release` empties them, so no text stays reachable through them.
 * The list a scan returns is the pool's too (see `list`), valid until the next scan.
 */
export class TokenPool {
  private readonly tokens: IToken[] = [];
  private used = 0;
  /** Whether a scan since the last release made a token the pool could not keep. */
  private overflowed = false;
  /**
   * The token list of the scans, reused: past 16 Ki tokens an array's store is a large object,
   * which V8 places on pages fresh from the system, so growing a new one per parse costs a page
   * fault per 4 KiB, several times the scan itself (bench row `flat-or-scaling`).
   */
  readonly list: IToken[] = [];

  constructor(private readonly cap: number) {}

  take(image: string, startOffset: number, type: TokenType): IToken {
    const reused = this.tokens[this.used];
    if (reused !== undefined) {
      this.used++;
      reused.image = image;
      reused.startOffset = startOffset;
      reused.tokenTypeIdx = type.tokenTypeIdx!;
      reused.tokenType = type;
      return reused;
    }
    const made = withPayloadSlot(image, startOffset, type);
    if (this.tokens.length < this.cap) {
      this.tokens.push(made);
      this.used++;
    } else this.overflowed = true;
    return made;
  }

  /** Takes every token back (after its last use), emptied. */
  release(): void {
    for (let k = 0; k < this.used; k++) {
      const token = this.tokens[k]!;
      token.image = "";
      token.payload = undefined;
    }
    this.used = 0;
    // Tokens of their own would keep their text: the list lets go of them.
    if (this.overflowed) this.list.length = 0;
    this.overflowed = false;
  }
}

/** The pool of the scan running now, if its caller gave one. */
let pool: TokenPool | undefined;

function token(image: string, startOffset: number, type: TokenType): IToken {
  if (pool !== undefined) return pool.take(image, startOffset, type);
  return { image, startOffset, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken;
}

/**
 * A string token, with the slot for the payload `tokenize` gives it: a property added later would
 * cost each string token a second object (bench row `flat-or-scaling`).
 */
function stringToken(image: string, startOffset: number, type: TokenType): IToken {
  if (pool !== undefined) return pool.take(image, startOffset, type);
  return withPayloadSlot(image, startOffset, type);
}

function withPayloadSlot(image: string, startOffset: number, type: TokenType): IToken {
  const tokenTypeIdx = type.tokenTypeIdx!;
  return { image, startOffset, tokenTypeIdx, tokenType: type, payload: undefined } as IToken;
}

/** The tokens of `text`; with `reuse`, made of that pool's tokens, valid until it is released. */
export function scan(text: string, reuse?: TokenPool): ScanResult {
  pool = reuse;
  list = reuse === undefined ? [] : reuse.list;
  count = 0;
  try {
    return scanText(text);
  } finally {
    pool = undefined;
    list = NO_TOKENS;
  }
}

const NO_TOKENS: IToken[] = [];

/** Where the running scan puts its tokens (the pool's list, written over from the start) and how many. */
let list: IToken[] = NO_TOKENS;
let count = 0;

function add(token: IToken): void {
  list[count++] = token;
}

function scanText(text: string): ScanResult {
  const comments: IToken[] = [];
  const errors: ScanError[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) {
      i++;
      while (i < length && isBlank(text.charCodeAt(i))) i++;
      continue;
    }
    const end = matchAt(text, i, c, comments);
    if (end > i) {
      i = end;
      continue;
    }
    // Nothing starts here: skip to the next place where something does.
    const start = i;
    i++;
    while (i < length && !canStart(text, i)) i++;
    errors.push({ offset: start, length: i - start });
  }
  // A pool's list longer than these tokens keeps its length (cut, its store would be freed and grown
  // again by the next long query): these tokens go in a copy.
  const tokens = count === list.length ? list : list.slice(0, count);
  return { tokens, comments, errors };
}

/** Whether any token's pattern matches at `i` (what chevrotain looks for after a bad character). */
function canStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isBlank(c) || isDigit(c) || isWordStart(c)) return true;
  // Every symbol but `&&` and `||` has a one-character form.
  if (ONE_CHAR_SYMBOLS[c] !== undefined) return true;
  switch (c) {
    case 38: // &
      return text.charCodeAt(i + 1) === 38;
    case 124: // |
      return text.charCodeAt(i + 1) === 124;
    case 35: // #
    case 34: // "
    case 39: // '
      return true;
    default:
      return false;
  }
}

/** A symbol one character long: its image and token type. */
interface OneCharSymbol {
  readonly image: string;
  readonly type: TokenType;
}

/**
 * The one-character symbols by character code: `matchAt` reads a symbol from here, after its cases
 * for the two-character symbols (bench row `compile-vs-json`).
 */
const ONE_CHAR_SYMBOLS: readonly (OneCharSymbol | undefined)[] = (() => {
  const symbols: [string, TokenType][] = [
    ["!", Bang],
    ["=", Equals],
    [">", Greater],
    ["<", Less],
    ["~", Tilde],
    ["(", LParen],
    [")", RParen],
    [",", Comma],
    ["+", Plus],
    ["-", Minus],
  ];
  const table: (OneCharSymbol | undefined)[] = new Array(128).fill(undefined);
  for (const [image, type] of symbols) table[image.charCodeAt(0)] = { image, type };
  return table;
})();

/** Pushes the token that starts at `i` and returns where it ends, or `i` when none starts there. */
function matchAt(text: string, i: number, c: number, comments: IToken[]): number {
  if (isWordStart(c)) return word(text, i);
  if (isDigit(c)) return number(text, i);
  const next = text.charCodeAt(i + 1);
  // Symbols take their image from here, not cut out of the text (bench row `compile-vs-json`).
  switch (c) {
    case 35: {
      // # comment to the end of the line
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== CR && text.charCodeAt(end) !== LF) end++;
      comments.push(token(text.slice(i, end), i, Comment));
      return end;
    }
    case 34:
    case 39:
      return string(text, i, c);
    case 38:
      return next === 38 ? symbol("&&", i, AmpAmp) : i;
    case 124:
      return next === 124 ? symbol("||", i, PipePipe) : i;
    case 33:
      if (next === 61) return symbol("!=", i, NotEquals);
      if (next === 126) return symbol("!~", i, NotTilde);
      break;
    case 61:
      if (next === 61) return symbol("==", i, Equals);
      break;
    case 62:
      if (next === 61) return symbol(">=", i, GreaterEq);
      break;
    case 60:
      if (next === 62) return symbol("<>", i, NotEquals);
      if (next === 61) return symbol("<=", i, LessEq);
      break;
  }
  const single = ONE_CHAR_SYMBOLS[c];
  return single === undefined ? i : symbol(single.image, i, single.type);
}

function symbol(image: string, i: number, type: TokenType): number {
  add(token(image, i, type));
  return i + image.length;
}

/** A word, or a keyword when the whole word is one (a keyword never swallows a longer word). */
function word(text: string, i: number): number {
  let end = i + 1;
  for (;;) {
    while (end < text.length && isWordPart(text.charCodeAt(end))) end++;
    // `a.b`: a dot continues the word only when a word part starting with a letter follows.
    if (text.charCodeAt(end) === 46 && isWordStart(text.charCodeAt(end + 1))) end += 2;
    else break;
  }
  const keyword = keywordAt(text, i, end - i);
  if (keyword === undefined) add(token(wordImage(text, i, end), i, Word));
  else {
    const image = text.startsWith(keyword.word, i) ? keyword.word : text.slice(i, end);
    add(token(image, i, keyword.type));
  }
  return end;
}

/**
 * Words seen lately, by length and first letter: a word written again (a field name in each
 * predicate of a wide OR) takes the string made the first time instead of a new one, and that
 * string's hash is already known to the field lookup (bench row `flat-or-scaling`). Only words short
 * enough to be copied out of the text: a longer slice would keep the whole text alive.
 */
const RECENT_WORDS: (string | undefined)[] = new Array(256).fill(undefined);
const MAX_RECENT_WORD = 12;

function wordImage(text: string, i: number, end: number): string {
  const length = end - i;
  if (length > MAX_RECENT_WORD) return text.slice(i, end);
  const slot = (length * 31 + text.charCodeAt(i)) & 255;
  const recent = RECENT_WORDS[slot];
  if (recent !== undefined && recent.length === length) {
    let j = 1;
    while (j < length && text.charCodeAt(i + j) === recent.charCodeAt(j)) j++;
    if (j === length && text.charCodeAt(i) === recent.charCodeAt(0)) return recent;
  }
  const image = text.slice(i, end);
  RECENT_WORDS[slot] = image;
  return image;
}

/**
 * The keyword that the `length` word characters at `i` spell in any case. Keywords are lower-case
 * letters; `| 0x20` lower-cases a letter and turns no other word character into one.
 */
function keywordAt(text: string, i: number, length: number): KeywordEntry | undefined {
  const candidates = KEYWORDS_BY_LENGTH[length];
  if (candidates === undefined) return undefined;
  for (let k = 0; k < candidates.length; k++) {
    const entry = candidates[k]!;
    const word = entry.word;
    let j = 0;
    while (j < length && (text.charCodeAt(i + j) | 0x20) === word.charCodeAt(j)) j++;
    if (j === length) return entry;
  }
  return undefined;
}

function digitsFrom(text: string, at: number): number {
  let end = at;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  return end;
}

/** `count` digits at `at`? */
function digitsAt(text: string, at: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (!isDigit(text.charCodeAt(at + k))) return false;
  return true;
}

/** Date-time, date, duration, digits run into letters, or integer: the first that matches. */
function number(text: string, i: number): number {
  const date =
    digitsAt(text, i, 4) &&
    text.charCodeAt(i + 4) === 45 &&
    digitsAt(text, i + 5, 2) &&
    text.charCodeAt(i + 7) === 45 &&
    digitsAt(text, i + 8, 2);
  if (date) {
    const t = text.charCodeAt(i + 10);
    if (
      (t === 84 || t === 116) &&
      digitsAt(text, i + 11, 2) &&
      text.charCodeAt(i + 13) === 58 &&
      digitsAt(text, i + 14, 2)
    ) {
      let end = i + 16;
      if (text.charCodeAt(end) === 58 && digitsAt(text, end + 1, 2)) end += 3;
      const z = text.charCodeAt(end);
      if (z === 90 || z === 122) end += 1;
      else if (
        (z === 43 || z === 45) &&
        digitsAt(text, end + 1, 2) &&
        text.charCodeAt(end + 3) === 58 &&
        digitsAt(text, end + 4, 2)
      ) {
        end += 6;
      }
      add(token(text.slice(i, end), i, DateTime));
      return end;
    }
    add(token(text.slice(i, i + 10), i, DateLiteral));
    return i + 10;
  }
  const digitsEnd = digitsFrom(text, i);
  const unit = text.charCodeAt(digitsEnd);
  if (isWordStart(unit)) {
    let end = digitsEnd + 1;
    while (end < text.length && isWordPart(text.charCodeAt(end))) end++;
    const type = end === digitsEnd + 1 && UNIT_CODES.has(unit) ? Duration : BadDuration;
    add(token(text.slice(i, end), i, type));
    return end;
  }
  add(token(text.slice(i, digitsEnd), i, Integer));
  return digitsEnd;
}

/**
 * A string in `quote`s with backslash escapes, on one line. Without its closing quote it is an
 * unterminated string up to the end of the line (any quote inside included; a last lone backslash too).
 */
function string(text: string, i: number, quote: number): number {
  let end = i + 1;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === quote) {
      add(stringToken(text.slice(i, end + 1), i, quote === 34 ? DoubleString : SingleString));
      return end + 1;
    }
    if (c === CR || c === LF) break;
    if (c === BACKSLASH) {
      const n = text.charCodeAt(end + 1);
      if (end + 1 >= text.length || n === CR || n === LF) break;
      end += 2;
    } else end++;
  }
  // Unterminated: everything to the end of the line, escapes in pairs, a lone backslash at the end.
  if (text.charCodeAt(end) === BACKSLASH) end++;
  add(stringToken(text.slice(i, end), i, UnterminatedString));
  return end;
}
