import type { IToken } from "chevrotain";
import { tokenize } from "../lexer/index.js";

/** The tokens and comments of a text, in text order each, as an editor reads them. */
export interface Lexed {
  readonly tokens: readonly IToken[];
  readonly comments: readonly IToken[];
  /** The pieces starting before this offset are those of the previous read, unchanged. */
  readonly keptBefore: number;
}

/**
 * The last text's tokens, reused up to an edit: an editor asks again after every keystroke, and
 * lexing again only from just before the change makes that cost grow with what follows the edit,
 * not with the whole text (bench row `highlight-keystroke`). Offsets are right; a token's line and
 * column are those of its re-lexed piece, which editors do not read.
 */
export class TokenCache {
  #text: string | undefined;
  #lexed: Lexed = { tokens: [], comments: [], keptBefore: 0 };

  read(text: string): Lexed {
    if (text === this.#text) return { ...this.#lexed, keptBefore: text.length + 1 };
    const restart =
      this.#text === undefined
        ? 0
        : beforeOpenBracket(text, this.#lexed, restartOffset(this.#lexed, commonPrefix(this.#text, text)));
    const fresh = tokenize(restart === 0 ? text : text.slice(restart));
    this.#text = text;
    this.#lexed = {
      tokens: joined(this.#lexed.tokens, fresh.tokens, restart),
      comments: joined(this.#lexed.comments, fresh.comments, restart),
      keptBefore: restart,
    };
    return this.#lexed;
  }
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  // Equal chunks first: comparing two strings is one native call, where a loop of charCodeAt over a
  // 2,000-character line was most of a keystroke.
  while (i + CHUNK <= n && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

const CHUNK = 128;

function end(token: IToken): number {
  return token.startOffset + token.image.length;
}

/**
 * Where to lex again: the start of the run of pieces before the one the change touches, where a run
 * is pieces written against each other. Pieces that touch can become one (`2026-06-0` is five pieces
 * until `1` makes it a date; a stray character glues to its neighbours), and a number and the unit
 * after a space are one duration, so both runs are read again.
 */
function restartOffset(lexed: Lexed, changedAt: number): number {
  const pieces = [...lastEndingBy(lexed.tokens, changedAt), ...lastEndingBy(lexed.comments, changedAt)];
  pieces.sort((a, b) => a.startOffset - b.startOffset);
  let runs = 0;
  for (let i = pieces.length - 1; i > 0; i--) {
    // A gap before this piece ends its run; the start of the second run back is the restart.
    if (end(pieces[i - 1]!) < pieces[i]!.startOffset && ++runs === 2) return pieces[i]!.startOffset;
  }
  return 0;
}

/**
 * The lexer reads `[a, b]` as the list in parentheses it means, its two brackets together: a restart
 * after a `[` or `{` moves back before the piece that holds the first of them (a string, a comment)
 * or starts with it, and the run before that, so that no pair is split and nothing that glues to the
 * bracket is left out (brackets are rare: the text is then mostly lexed again).
 */
function beforeOpenBracket(text: string, lexed: Lexed, restart: number): number {
  if (restart === 0) return 0;
  const openers = [text.indexOf("["), text.indexOf("{")].filter((at) => at >= 0 && at < restart);
  if (openers.length === 0) return restart;
  const bracket = Math.min(...openers);
  const start = Math.max(lastStartBy(lexed.tokens, bracket), lastStartBy(lexed.comments, bracket));
  // A bracket that no longer pairs glues to the piece written against it (`sort{` in `!~sort{ x }$`):
  // the restart moves back from the bracket's piece as from an edit, to the run before it.
  return Math.min(restart, restartOffset(lexed, Math.max(0, start)));
}

/** The start of the last piece that starts at or before `offset`; -1 when none does. */
function lastStartBy(pieces: readonly IToken[], offset: number): number {
  let low = 0;
  let high = pieces.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (pieces[mid]!.startOffset <= offset) low = mid + 1;
    else high = mid;
  }
  return low === 0 ? -1 : pieces[low - 1]!.startOffset;
}

/** The last pieces that end at or before `offset` (in text order): enough for two runs. */
function lastEndingBy(pieces: readonly IToken[], offset: number): IToken[] {
  let low = 0;
  let high = pieces.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (end(pieces[mid]!) <= offset) low = mid + 1;
    else high = mid;
  }
  // A run is a few pieces (a date is five, a glued value a few more); past 64, lex from the start.
  return pieces.slice(Math.max(0, low - 64), low);
}

/**
 * The pieces of the previous read before `offset`, then the fresh ones moved to their place. The
 * previous array is cut and extended in place: it is the cache's own, and copying it would cost in
 * proportion to the whole text again.
 */
function joined(previous: readonly IToken[], fresh: readonly IToken[], offset: number): readonly IToken[] {
  if (offset === 0) return fresh;
  const pieces = previous as IToken[];
  let n = pieces.length;
  while (n > 0 && pieces[n - 1]!.startOffset >= offset) n--;
  pieces.length = n;
  for (const piece of fresh) {
    piece.startOffset += offset;
    if (piece.endOffset !== undefined) piece.endOffset += offset;
    pieces.push(piece);
  }
  return pieces;
}
