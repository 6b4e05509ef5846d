import { createToken, Lexer, type TokenType } from "chevrotain";

/**
 * The token types of HCQL (§1 of the language). Keywords are case-insensitive and never swallow a
 * longer word (`longer_alt`); `&&`, `||`, `!` share a category with `and`, `or`, `not`.
 */

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

export const Word = createToken({
  name: "Word",
  label: "a word",
  pattern: WORD_PATTERN,
  start_chars_hint: WORD_START,
});

function keyword(word: string, categories: TokenType[] = []): TokenType {
  return createToken({
    name: word[0]!.toUpperCase() + word.slice(1),
    label: `'${word}'`,
    pattern: new RegExp(word, "i"),
    start_chars_hint: [word[0]!, word[0]!.toUpperCase()],
    longer_alt: Word,
    categories: [Keyword, ...categories],
  });
}

export const And = keyword("and", [AndOp]);
export const Or = keyword("or", [OrOp]);
export const Not = keyword("not", [NotOp]);
export const In = keyword("in");
export const Between = keyword("between");
export const Contains = keyword("contains");
export const Sort = keyword("sort", [SortStart]);
export const Order = keyword("order", [SortStart]);
export const By = keyword("by");
export const Asc = keyword("asc");
export const Desc = keyword("desc");
export const Limit = keyword("limit");
export const Offset = keyword("offset");
export const Ago = keyword("ago");

/** `starts`: the characters a match can begin with (the label's first one unless given). */
function punct(
  name: string,
  pattern: RegExp,
  label: string,
  categories: TokenType[] = [],
  starts: string[] = [label[1]!],
): TokenType {
  return createToken({ name, pattern, label, categories, start_chars_hint: starts });
}

export const AmpAmp = punct("AmpAmp", /&&/, "'&&'", [AndOp]);
export const PipePipe = punct("PipePipe", /\|\|/, "'||'", [OrOp]);
export const NotEquals = punct("NotEquals", /!=|<>/, "'!='", [ComparisonOp], ["!", "<"]);
export const NotTilde = punct("NotTilde", /!~/, "'!~'", [ComparisonOp]);
export const Bang = punct("Bang", /!/, "'!'", [NotOp]);
export const Equals = punct("Equals", /==?/, "'='", [ComparisonOp]);
export const GreaterEq = punct("GreaterEq", />=/, "'>='", [ComparisonOp]);
export const Greater = punct("Greater", />/, "'>'", [ComparisonOp]);
export const LessEq = punct("LessEq", /<=/, "'<='", [ComparisonOp]);
export const Less = punct("Less", /</, "'<'", [ComparisonOp]);
export const Tilde = punct("Tilde", /~/, "'~'", [ComparisonOp]);
export const LParen = punct("LParen", /\(/, "'('");
export const RParen = punct("RParen", /\)/, "')'");
export const Comma = punct("Comma", /,/, "','");
export const Plus = punct("Plus", /\+/, "'+'");
export const Minus = punct("Minus", /-/, "'-'");

export const DoubleString = createToken({
  name: "DoubleString",
  label: "a string",
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/,
  start_chars_hint: ['"'],
  categories: [StringLiteral],
});
export const SingleString = createToken({
  name: "SingleString",
  label: "a string",
  pattern: /'(?:[^'\\\r\n]|\\[^\r\n])*'/,
  start_chars_hint: ["'"],
  categories: [StringLiteral],
});
/** A string without its closing quote, up to the end of the line; the lexer reports it. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  label: "a string",
  pattern: /["'](?:[^\\\r\n]|\\[^\r\n])*\\?/,
  start_chars_hint: ['"', "'"],
  categories: [StringLiteral],
});

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

export const DateTime = createToken({
  name: "DateTime",
  label: "a date-time",
  pattern: /\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(?::\d{2})?(?:[Zz]|[+-]\d{2}:\d{2})?/,
  start_chars_hint: DIGITS,
});
export const DateLiteral = createToken({
  name: "Date",
  label: "a date",
  pattern: /\d{4}-\d{2}-\d{2}/,
  start_chars_hint: DIGITS,
});
export const Duration = createToken({
  name: "Duration",
  label: "a duration",
  pattern: /\d+[smhdw](?![A-Za-z0-9_])/,
  start_chars_hint: DIGITS,
  categories: [DurationLike],
});
/** Digits run into letters (`7days`, `5x`): reported by the lexer, read as a duration by the parser. */
export const BadDuration = createToken({
  name: "BadDuration",
  label: "a duration",
  pattern: /\d+[A-Za-z_][A-Za-z0-9_]*/,
  start_chars_hint: DIGITS,
  categories: [DurationLike],
});
export const Integer = createToken({
  name: "Integer",
  label: "an integer",
  pattern: /\d+/,
  start_chars_hint: DIGITS,
});

export const Comment = createToken({
  name: "Comment",
  pattern: /#[^\r\n]*/,
  group: "comments",
  start_chars_hint: ["#"],
});
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
  And,
  Order, // before Or, which it starts with
  Or,
  Not,
  In,
  Between,
  Contains,
  Sort,
  By,
  Asc,
  Desc,
  Limit,
  Offset,
  Ago,
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

/** How the REPL's highlighter paints a token. */
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

/** The keyword token types (those of the `Keyword` category). */
export const KEYWORD_TOKENS: readonly TokenType[] = [
  And,
  Or,
  Not,
  In,
  Between,
  Contains,
  Sort,
  Order,
  By,
  Asc,
  Desc,
  Limit,
  Offset,
  Ago,
];

const CLASS_BY_TYPE: ReadonlyMap<TokenType, TokenClass> = new Map<TokenType, TokenClass>([
  [Word, "word"],
  [DoubleString, "string"],
  [SingleString, "string"],
  [UnterminatedString, "error"],
  [DateTime, "date"],
  [DateLiteral, "date"],
  [Duration, "duration"],
  [BadDuration, "error"],
  [Integer, "number"],
  [Comment, "comment"],
  [LParen, "punctuation"],
  [RParen, "punctuation"],
  [Comma, "punctuation"],
  ...KEYWORD_TOKENS.map((t) => [t, "keyword"] as [TokenType, TokenClass]),
  ...[AmpAmp, PipePipe, Bang, ...COMPARISON_TOKENS, Plus, Minus].map(
    (t) => [t, "operator"] as [TokenType, TokenClass],
  ),
]);

/** The highlighting class of a token type (`error` for one the lexer reported). */
export function tokenClass(type: TokenType): TokenClass {
  return CLASS_BY_TYPE.get(type) ?? "error";
}

/** The keywords of §1, lower-case, for completion and for quoting a word the formatter prints. */
export const KEYWORDS: readonly string[] = KEYWORD_TOKENS.map((t) => t.name.toLowerCase());

const BARE_WORD = new RegExp(`^(?:${WORD_PATTERN.source})$`);
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** Whether text may stand as a value without quotes: one word, and not a keyword. */
export function isBareWord(text: string): boolean {
  return BARE_WORD.test(text) && !KEYWORD_SET.has(text.toLowerCase());
}
