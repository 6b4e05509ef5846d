import type { IToken, TokenType } from "chevrotain";
import { DURATION_UNIT_NAMES } from "../language/values.js";
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

const KEYWORD_TYPES: ReadonlyMap<string, TokenType> = new Map(
  KEYWORD_TOKENS.map((type) => [type.name.toLowerCase(), type]),
);
/** No word longer than this is a keyword: those skip the lookup (and its lower-casing). */
const LONGEST_KEYWORD = Math.max(...KEYWORDS.map((word) => word.length));

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

function token(image: string, startOffset: number, type: TokenType): IToken {
  return { image, startOffset, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken;
}

export function scan(text: string): ScanResult {
  const tokens: IToken[] = [];
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
    const end = matchAt(text, i, c, tokens, comments);
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
  return { tokens, comments, errors };
}

/** Whether any token's pattern matches at `i` (what chevrotain looks for after a bad character). */
function canStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isBlank(c) || isDigit(c) || isWordStart(c)) return true;
  switch (c) {
    case 38: // &
      return text.charCodeAt(i + 1) === 38;
    case 124: // |
      return text.charCodeAt(i + 1) === 124;
    case 35: // #
    case 34: // "
    case 39: // '
    case 33: // !
    case 61: // =
    case 60: // <
    case 62: // >
    case 126: // ~
    case 40: // (
    case 41: // )
    case 44: // ,
    case 43: // +
    case 45: // -
      return true;
    default:
      return false;
  }
}

/** Pushes the token that starts at `i` and returns where it ends, or `i` when none starts there. */
function matchAt(text: string, i: number, c: number, tokens: IToken[], comments: IToken[]): number {
  if (isWordStart(c)) return word(text, i, tokens);
  if (isDigit(c)) return number(text, i, tokens);
  const next = text.charCodeAt(i + 1);
  let type: TokenType | undefined;
  let size = 1;
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
      return string(text, i, c, tokens);
    case 38:
      if (next === 38) [type, size] = [AmpAmp, 2];
      break;
    case 124:
      if (next === 124) [type, size] = [PipePipe, 2];
      break;
    case 33:
      if (next === 61) [type, size] = [NotEquals, 2];
      else if (next === 126) [type, size] = [NotTilde, 2];
      else type = Bang;
      break;
    case 61:
      [type, size] = next === 61 ? [Equals, 2] : [Equals, 1];
      break;
    case 62:
      [type, size] = next === 61 ? [GreaterEq, 2] : [Greater, 1];
      break;
    case 60:
      if (next === 62) [type, size] = [NotEquals, 2];
      else if (next === 61) [type, size] = [LessEq, 2];
      else type = Less;
      break;
    case 126:
      type = Tilde;
      break;
    case 40:
      type = LParen;
      break;
    case 41:
      type = RParen;
      break;
    case 44:
      type = Comma;
      break;
    case 43:
      type = Plus;
      break;
    case 45:
      type = Minus;
      break;
  }
  if (type === undefined) return i;
  tokens.push(token(text.slice(i, i + size), i, type));
  return i + size;
}

/** A word, or a keyword when the whole word is one (a keyword never swallows a longer word). */
function word(text: string, i: number, tokens: IToken[]): number {
  let end = i + 1;
  for (;;) {
    while (end < text.length && isWordPart(text.charCodeAt(end))) end++;
    // `a.b`: a dot continues the word only when a word part starting with a letter follows.
    if (text.charCodeAt(end) === 46 && isWordStart(text.charCodeAt(end + 1))) end += 2;
    else break;
  }
  const image = text.slice(i, end);
  const keyword = end - i <= LONGEST_KEYWORD ? KEYWORD_TYPES.get(image.toLowerCase()) : undefined;
  tokens.push(token(image, i, keyword ?? Word));
  return end;
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
function number(text: string, i: number, tokens: IToken[]): number {
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
      tokens.push(token(text.slice(i, end), i, DateTime));
      return end;
    }
    tokens.push(token(text.slice(i, i + 10), i, DateLiteral));
    return i + 10;
  }
  const digitsEnd = digitsFrom(text, i);
  const unit = text.charCodeAt(digitsEnd);
  if (isWordStart(unit)) {
    let end = digitsEnd + 1;
    while (end < text.length && isWordPart(text.charCodeAt(end))) end++;
    const type = end === digitsEnd + 1 && UNIT_CODES.has(unit) ? Duration : BadDuration;
    tokens.push(token(text.slice(i, end), i, type));
    return end;
  }
  tokens.push(token(text.slice(i, digitsEnd), i, Integer));
  return digitsEnd;
}

/**
 * A string in `quote`s with backslash escapes, on one line. Without its closing quote it is an
 * unterminated string up to the end of the line (any quote inside included; a last lone backslash too).
 */
function string(text: string, i: number, quote: number, tokens: IToken[]): number {
  let end = i + 1;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === quote) {
      tokens.push(token(text.slice(i, end + 1), i, quote === 34 ? DoubleString : SingleString));
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
  tokens.push(token(text.slice(i, end), i, UnterminatedString));
  return end;
}
