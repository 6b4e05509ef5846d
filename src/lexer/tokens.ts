import { createToken, Lexer, type TokenType } from "chevrotain";
import { COMMENT_SHAPE, DATE_SHAPE, DATETIME_SHAPE, DURATION_UNIT_NAMES } from "../language/index.js";

/**
 * The token table of HCQL (§1 of the language): each token is defined once, with its pattern, its
 * categories and how it is highlighted; the lexing order, the hand scanner's keyword map, the keyword
 * list and the highlighter's classes are derived from these definitions. A new keyword is one
 * `keyword(...)` line. Keywords are case-insensitive and never swallow a longer word (`longer_alt`);
 * `&&`, `||`, `!` share a category with `and`, `or`, `not`.
 */

/** How the highlighter paints a token. */
export type TokenClass =
  | "keyword"
  | "word"
  | "operator"
  | "string"
  | "number"
  | "date"
  | "duration"
  | "punctuation"
  | "comment"
  | "error";

const CLASS_BY_TYPE = new Map<TokenType, TokenClass>();
const KEYWORD_LIST: TokenType[] = [];

/** Records a token's highlighting class beside its definition. */
function classed(type: TokenType, cls: TokenClass): TokenType {
  CLASS_BY_TYPE.set(type, cls);
  return type;
}

// Every token names the characters it can start with (`start_chars_hint`): without them the lexer
// parses each pattern's regular expression at start-up to find them (a third of its set-up time).
export const WORD_PATTERN = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/;

// Abstract categories: the parser consumes these, so an alias may stand wherever its word may.
export const Keyword = createToken({ name: "Keyword", pattern: Lexer.NA });
export const AndOp = createToken({ name: "AndOp", label: "'and'", pattern: Lexer.NA });
export const OrOp = createToken({ name: "OrOp", label: "'or'", pattern: Lexer.NA });
export const NotOp = createToken({ name: "NotOp", label: "'not'", pattern: Lexer.NA });
export const SortStart = createToken({ name: "SortStart", label: "'sort'", pattern: Lexer.NA });
export const StringLiteral = createToken({ name: "StringLiteral", label: "a string", pattern: Lexer.NA });
export const DurationLike = createToken({ name: "DurationLike", label: "a duration", pattern: Lexer.NA });
export const ComparisonOp = createToken({ name: "ComparisonOp", label: "an operator", pattern: Lexer.NA });

const LETTERS = [..."abcdefghijklmnopqrstuvwxyz"];
const WORD_START = [...LETTERS, ...LETTERS.map((c) => c.toUpperCase()), "_"];
const DIGITS = [..."0123456789"];

export const Word = classed(
  createToken({
    name: "Word",
    label: "a word",
    pattern: WORD_PATTERN,
    start_chars_hint: WORD_START,
  }),
  "word",
);

/** A keyword of §1: defining it is all it takes for the lexer, the scanner and the highlighter. */
function keyword(word: string, categories: TokenType[] = []): TokenType {
  const type = createToken({
    name: word[0]!.toUpperCase() + word.slice(1),
    label: `'${word}'`,
    pattern: new RegExp(word, "i"),
    start_chars_hint: [word[0]!, word[0]!.toUpperCase()],
    longer_alt: Word,
    categories: [Keyword, ...categories],
  });
  KEYWORD_LIST.push(type);
  return classed(type, "keyword");
}

// `and`, `or`, `sort` and `order` are read through their categories (AndOp, OrOp, SortStart) only.
keyword("and", [AndOp]);
keyword("or", [OrOp]);
export const Not = keyword("not", [NotOp]);
export const In = keyword("in");
export const Between = keyword("between");
export const Contains = keyword("contains");
keyword("sort", [SortStart]);
keyword("order", [SortStart]);
export const By = keyword("by");
export const Asc = keyword("asc");
export const Desc = keyword("desc");
export const Limit = keyword("limit");
export const Offset = keyword("offset");
export const Ago = keyword("ago");
export const Count = keyword("count");
export const Per = keyword("per");

/** `starts`: the characters a match can begin with (the label's first one unless given). */
function punct(
  name: string,
  pattern: RegExp,
  label: string,
  cls: "operator" | "punctuation",
  categories: TokenType[] = [],
  starts: string[] = [label[1]!],
): TokenType {
  return classed(createToken({ name, pattern, label, categories, start_chars_hint: starts }), cls);
}

export const AmpAmp = punct("AmpAmp", /&&/, "'&&'", "operator", [AndOp]);
export const PipePipe = punct("PipePipe", /\|\|/, "'||'", "operator", [OrOp]);
export const NotEquals = punct("NotEquals", /!=|<>/, "'!='", "operator", [ComparisonOp], ["!", "<"]);
export const NotTilde = punct("NotTilde", /!~/, "'!~'", "operator", [ComparisonOp]);
export const Bang = punct("Bang", /!/, "'!'", "operator", [NotOp]);
export const Equals = punct("Equals", /==?/, "'='", "operator", [ComparisonOp]);
export const GreaterEq = punct("GreaterEq", />=/, "'>='", "operator", [ComparisonOp]);
export const Greater = punct("Greater", />/, "'>'", "operator", [ComparisonOp]);
export const LessEq = punct("LessEq", /<=/, "'<='", "operator", [ComparisonOp]);
export const Less = punct("Less", /</, "'<'", "operator", [ComparisonOp]);
export const Tilde = punct("Tilde", /~/, "'~'", "operator", [ComparisonOp]);
export const LParen = punct("LParen", /\(/, "'('", "punctuation");
export const RParen = punct("RParen", /\)/, "')'", "punctuation");
export const Comma = punct("Comma", /,/, "','", "punctuation");
export const Plus = punct("Plus", /\+/, "'+'", "operator");
export const Minus = punct("Minus", /-/, "'-'", "operator");

/** A string token, starting with one of `quotes`; `cls` tells a complete one from an unterminated one. */
function quoted(name: string, pattern: RegExp, quotes: string[], cls: "string" | "error"): TokenType {
  const type = createToken({
    name,
    label: "a string",
    pattern,
    start_chars_hint: quotes,
    categories: [StringLiteral],
  });
  return classed(type, cls);
}

export const DoubleString = quoted("DoubleString", /"(?:[^"\\\r\n]|\\[^\r\n])*"/, ['"'], "string");
export const SingleString = quoted("SingleString", /'(?:[^'\\\r\n]|\\[^\r\n])*'/, ["'"], "string");
/** A string without its closing quote, up to the end of the line; the lexer reports it. */
export const UnterminatedString = quoted(
  "UnterminatedString",
  /["'](?:[^\\\r\n]|\\[^\r\n])*\\?/,
  ['"', "'"],
  "error",
);

/**
 * A value with characters HCQL has no use for glued into it (`a@b.com`): never matched by the lexer,
 * made by `tokenize` from the pieces around a stray character, and read by the parser as a string,
 * so the stray character is the only error.
 */
export const GluedValue = createToken({
  name: "GluedValue",
  label: "a value",
  pattern: Lexer.NA,
  categories: [StringLiteral],
});

export const DateTime = classed(
  createToken({
    name: "DateTime",
    label: "a date-time",
    pattern: DATETIME_SHAPE,
    start_chars_hint: DIGITS,
  }),
  "date",
);
export const DateLiteral = classed(
  createToken({
    name: "Date",
    label: "a date",
    pattern: DATE_SHAPE,
    start_chars_hint: DIGITS,
  }),
  "date",
);
export const Duration = classed(
  createToken({
    name: "Duration",
    label: "a duration",
    pattern: new RegExp(`\\d+[${DURATION_UNIT_NAMES.join("")}](?![A-Za-z0-9_])`),
    start_chars_hint: DIGITS,
    categories: [DurationLike],
  }),
  "duration",
);
/** Digits run into letters (`7days`, `5x`): reported by the lexer, read as a duration by the parser. */
export const BadDuration = classed(
  createToken({
    name: "BadDuration",
    label: "a duration",
    pattern: /\d+[A-Za-z_][A-Za-z0-9_]*/,
    start_chars_hint: DIGITS,
    categories: [DurationLike],
  }),
  "error",
);
export const Integer = classed(
  createToken({
    name: "Integer",
    label: "an integer",
    pattern: /\d+/,
    start_chars_hint: DIGITS,
  }),
  "number",
);

export const Comment = classed(
  createToken({
    name: "Comment",
    pattern: COMMENT_SHAPE,
    group: "comments",
    start_chars_hint: ["#"],
  }),
  "comment",
);
export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n]+/,
  group: Lexer.SKIPPED,
  start_chars_hint: [" ", "\t", "\r", "\n"],
});

/** The comparison operators (the `ComparisonOp` category), two-character forms before their prefixes. */
export const COMPARISON_TOKENS: readonly TokenType[] = [
  NotEquals,
  NotTilde,
  Equals,
  GreaterEq,
  Greater,
  LessEq,
  Less,
  Tilde,
];

/** The keyword token types (those of the `Keyword` category), in the order they are defined. */
export const KEYWORD_TOKENS: readonly TokenType[] = KEYWORD_LIST;

/** The keywords of §1, lower-case, for completion and for quoting a word the formatter prints. */
export const KEYWORDS: readonly string[] = KEYWORD_TOKENS.map((t) => t.name.toLowerCase());

/** The keywords that are `type` or of its category (`SortStart`: `sort`, `order`), lower case. */
export function keywordsOf(type: TokenType): string[] {
  return KEYWORD_TOKENS.filter((t) => t === type || t.CATEGORIES?.includes(type)).map((t) =>
    t.name.toLowerCase(),
  );
}

/** Longer keywords first, so that one never loses to a keyword it starts with (`order` before `or`). */
const KEYWORDS_LONGEST_FIRST = [...KEYWORD_TOKENS].sort((a, b) => b.name.length - a.name.length);

/** In lexing order: longer and more specific patterns first. */
export const ALL_TOKENS: readonly TokenType[] = [
  WhiteSpace,
  Comment,
  GluedValue,
  DoubleString,
  SingleString,
  UnterminatedString,
  DateTime,
  DateLiteral,
  Duration,
  BadDuration,
  Integer,
  ...KEYWORDS_LONGEST_FIRST,
  Word,
  AmpAmp,
  PipePipe,
  ...COMPARISON_TOKENS,
  Bang,
  LParen,
  RParen,
  Comma,
  Plus,
  Minus,
  Keyword,
  AndOp,
  OrOp,
  NotOp,
  SortStart,
  StringLiteral,
  DurationLike,
  ComparisonOp,
];

/** The highlighting class of a token type (`error` for one the lexer reported). */
export function tokenClass(type: TokenType): TokenClass {
  return CLASS_BY_TYPE.get(type) ?? "error";
}

const BARE_WORD = new RegExp(`^(?:${WORD_PATTERN.source})$`);
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** Whether text may stand as a value without quotes: one word, and not a keyword. */
export function isBareWord(text: string): boolean {
  return BARE_WORD.test(text) && !KEYWORD_SET.has(text.toLowerCase());
}
