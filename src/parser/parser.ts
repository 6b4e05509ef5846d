import {
  EmbeddedActionsParser,
  type IOrAlt,
  type IRecognitionException,
  type ISyntacticContentAssistPath,
  type IToken,
  isRecognitionException,
  NotAllInputParsedException,
  type Rule,
  type TokenType,
  tokenMatcher,
} from "chevrotain";
import { cover, type Diagnostic, diagnostic, quote, type Span } from "../language/index.js";
import { stringValue, tokens as T } from "../lexer/index.js";
import type {
  BetweenPredicate,
  Clause,
  ComparisonOperator,
  ContainsPredicate,
  CountClause,
  CountGroup,
  DurationUnit,
  ErrorNode,
  Expr,
  FieldRef,
  InPredicate,
  IntegerValue,
  LimitClause,
  OffsetClause,
  Query,
  SortClause,
  ValueOrError,
  WordValue,
} from "./ast.js";
import { type LookaheadFunctions, lookaheadFunctions } from "./lookahead.js";
import { LOOKAHEAD_TABLE } from "./lookahead-table.js";
import { decode, isEof, isMissingParen, messageProvider } from "./messages.js";
import { afterRepetitionsFromTable, followsFromTable, gatedAlternations, lazyRules } from "./recorded.js";
import { RECORDED_AFTER_REPETITIONS, RECORDED_FOLLOWS, RECORDED_GRAMMAR } from "./recorded-table.js";

const OPERATOR_BY_TYPE: ReadonlyMap<TokenType, ComparisonOperator> = new Map<TokenType, ComparisonOperator>([
  [T.Equals, "="],
  [T.NotEquals, "!="],
  [T.Greater, ">"],
  [T.GreaterEq, ">="],
  [T.Less, "<"],
  [T.LessEq, "<="],
  [T.Tilde, "~"],
  [T.NotTilde, "!~"],
]);

function isReal(token: IToken): boolean {
  return token.isInsertedInRecovery !== true && !Number.isNaN(token.startOffset) && !isEof(token);
}

const REPLACEABLE: readonly TokenType[] = [T.Integer, T.Word, T.DurationLike];
const VALUE_LIKE: readonly TokenType[] = [
  T.Word,
  T.StringLiteral,
  T.Integer,
  T.DateLiteral,
  T.DateTime,
  T.DurationLike,
];
const baseTryInRuleRecovery = (
  EmbeddedActionsParser.prototype as unknown as {
    tryInRuleRecovery(this: unknown, expected: TokenType, follows: TokenType[]): IToken;
  }
).tryInRuleRecovery;

/**
 * What an alternative returns while chevrotain records the grammar, as its ACTION does. The
 * alternatives every predicate of a wide OR runs test RECORDING_PHASE themselves rather than pass a
 * new closure to ACTION on each call.
 */
const RECORDING = undefined as never;

const TOKENS_BY_NAME: ReadonlyMap<string, TokenType> = new Map(
  T.ALL_TOKENS.map((token) => [token.name, token]),
);

/** Where parsing went on after text no part can start: the `and` or `or` skipped to, if any. */
interface Resumed {
  readonly kind: "resumed";
  readonly join: "and" | "or" | undefined;
}

/** A clause that is a keyword and an integer: `limit 10` or `offset 20` (LimitClause or OffsetClause). */
interface IntegerClause<K extends "limit" | "offset"> {
  readonly kind: K;
  readonly span: Span;
  readonly value: IntegerValue | ErrorNode;
}

/** The parts `in`, `between` and `contains` predicates share (their `field` … `operatorSpan`). */
type NegatableStart = Pick<BetweenPredicate, "span" | "field" | "negated" | "operatorSpan">;

/** A part of the query: a condition, a clause, a clause that failed (undefined) or where parsing resumed. */
type Part = Expr | Clause | Resumed | undefined;

/** The tokens that start a clause: where parsing resumes after text no part can start. */
const CLAUSE_STARTS: readonly TokenType[] = [T.SortStart, T.Limit, T.Offset, T.Count];

/**
 * Where parsing resumes after an `and` or `or` in skipped text: the tokens that start a condition,
 * and an operator (`and ~ x`: a condition with its field left out, an error of its own to report).
 */
const CONDITION_STARTS: readonly TokenType[] = [T.Word, T.NotOp, T.LParen, T.ComparisonOp, T.Contains];

/** The parts list between parses: nothing is ever added to it. */
const NO_PARTS: Part[] = [];

/** Tokens of lookahead the grammar needs (it is LL(2)). */
export const MAX_LOOKAHEAD = 2;

/** Past this many syntax errors the parse stops: recovery costs per error, and 100 are reported. */
export const MAX_PARSE_ERRORS = 1000;

/** Thrown out of the parse when it reaches MAX_PARSE_ERRORS (not a recognition exception: no recovery). */
export class TooManyParseErrors extends Error {
  override name = "TooManyParseErrors";
}

/** What building a parser from the tables sets of chevrotain's own state (names as in chevrotain 11.2). */
interface ParserState {
  gastProductionsCache: Record<string, Rule>;
  resyncFollows: Record<string, TokenType[]>;
  lookAheadFuncsCache: LookaheadFunctions;
  readonly fullRuleNameToShort: Readonly<Record<string, number>>;
}
const baseTracer = EmbeddedActionsParser.prototype as unknown as {
  TRACE_INIT(this: unknown, phase: string, implementation: () => unknown): unknown;
};

const baseSaveError = (
  EmbeddedActionsParser.prototype as unknown as {
    SAVE_ERROR(this: unknown, error: IRecognitionException): IRecognitionException;
  }
).SAVE_ERROR;

class HcqlParser extends EmbeddedActionsParser {
  /** The text being parsed, for spans at the end of input and hints. */
  text = "";
  /** Diagnostics reported by grammar actions (duplicate clause, keyword as value...). */
  reported: Diagnostic[] = [];
  /** Offsets of the `(`s open at the current point, for "expected ')' to close the '(' at 1:5". */
  openParens: number[] = [];
  /** The field and `not` of the predicate being parsed (predicates never nest, so one of each). */
  private currentField: IToken | undefined;
  private currentNot: IToken | undefined;
  /** `(`s left open before the token `parensCounted` indexes (read after a syntax error only). */
  private parensOpen = 0;
  private parensCounted = 0;

  /** Whether the grammar comes from recorded-table.ts instead of running each rule to record it. */
  private readonly fromTables: boolean;

  /**
   * Validated: chevrotain checks the grammar and computes its lookahead (the tests, and writing the
   * lookahead table). Otherwise the lookahead comes from the table: a faster start, same decisions.
   */
  constructor(validated: boolean) {
    super([...T.ALL_TOKENS], {
      recoveryEnabled: true,
      maxLookahead: MAX_LOOKAHEAD,
      skipValidations: !validated,
      errorMessageProvider: messageProvider(() => this),
    });
    this.fromTables = !validated;
    this.performSelfAnalysis();
    // Worked out by chevrotain on the first parse otherwise (bench rows `cold-start`, `library-import`).
    if (this.fromTables) {
      const known = (this as unknown as { firstAfterRepMap: Record<string, unknown> }).firstAfterRepMap;
      Object.assign(known, afterRepetitionsFromTable(RECORDED_AFTER_REPETITIONS, TOKENS_BY_NAME));
    }
  }

  /**
   * The phases of building the parser. From the tables, chevrotain's walks of the grammar are skipped
   * (bench rows `cold-start` and `library-import`; test/parser/recorded.test.ts and lookahead.test.ts
   * keep the result equal to chevrotain's): the rules are built when first read and their references
   * resolved then, and the follows and the lookahead functions come from the tables.
   */
  protected TRACE_INIT<Result>(phase: string, implementation: () => Result): Result {
    if (!this.fromTables) return baseTracer.TRACE_INIT.call(this, phase, implementation) as Result;
    const self = this as unknown as ParserState;
    switch (phase) {
      case "Grammar Recording":
        self.gastProductionsCache = lazyRules(RECORDED_GRAMMAR, TOKENS_BY_NAME);
        return undefined as Result;
      case "Grammar Resolving":
        // lazyRules resolves the references as it builds the rules.
        return undefined as Result;
      case "computeAllProdsFollows":
        self.resyncFollows = followsFromTable(RECORDED_FOLLOWS, TOKENS_BY_NAME);
        return undefined as Result;
      case "ComputeLookaheadFunctions":
        self.lookAheadFuncsCache = lookaheadFunctions(
          LOOKAHEAD_TABLE,
          T.ALL_TOKENS,
          self.fullRuleNameToShort,
          gatedAlternations(RECORDED_GRAMMAR),
        );
        return undefined as Result;
      default:
        return baseTracer.TRACE_INIT.call(this, phase, implementation) as Result;
    }
  }

  /** Where an error at `token` points: its span, or the end of the text for end of input. */
  spanAt(token: IToken): Span {
    if (!isReal(token)) {
      const next = this.LA(1);
      if (!isReal(next)) return { start: this.text.length, end: this.text.length };
      return { start: next.startOffset, end: next.startOffset };
    }
    return { start: token.startOffset, end: token.startOffset + token.image.length };
  }

  /** The span of a consumed token; a token inserted by recovery takes the span of the token found in its place. */
  tokenSpan(token: IToken): Span {
    if (isReal(token)) return { start: token.startOffset, end: token.startOffset + token.image.length };
    return this.spanAt(this.LA(1));
  }

  /** chevrotain records each error here; past the cap, the parse ends. */
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    if (this.errors.length >= MAX_PARSE_ERRORS) throw new TooManyParseErrors();
    return baseSaveError.call(this, error);
  }

  /** Readies the one instance for a new text. */
  begin(text: string, tokens: IToken[]): void {
    this.text = text;
    this.reported = [];
    this.openParens = [];
    this.currentField = undefined;
    this.currentNot = undefined;
    this.parensOpen = 0;
    this.parensCounted = 0;
    this.andDepth = 0;
    for (const operands of this.andOperands) operands.fill(undefined);
    this.input = tokens;
  }

  /** The token before `token` in the input (the keyword's operator, for a hint). */
  private tokenBefore(token: IToken): IToken | undefined {
    const tokens = this.input;
    const at = tokens.indexOf(token);
    return at > 0 ? tokens[at - 1] : undefined;
  }

  errorAt(e: IRecognitionException): ErrorNode {
    const token = e.token;
    if (isReal(token)) return { kind: "error", span: this.spanAt(token) };
    return { kind: "error", span: { start: this.text.length, end: this.text.length } };
  }

  /** The conditions and clauses of the query being parsed, in order (the top rule does not nest). */
  private parts: Part[] = NO_PARTS;
  // Built once, like the alternatives below, not once per part of every query (bench row
  // `compile-vs-json`).
  private readonly partAlts: IOrAlt<number>[] = [
    { ALT: () => this.parts.push(this.SUBRULE(this.clause)) },
    { ALT: () => this.parts.push(this.SUBRULE(this.expr)) },
  ];
  private readonly queryPart = (): void => {
    this.OR(this.partAlts);
  };

  query = this.RULE(
    "query",
    (): Query => {
      const parts: Part[] = [];
      this.parts = parts;
      // One loop over conditions and clauses, so that a misplaced one is parsed, reported and kept.
      try {
        this.MANY(this.queryPart);
        // Text no part can start (`createdAt > past 3 days and …`, `…) and …`) is reported, and the
        // parse goes on after it, so that the errors after it are found in the same run.
        if (!this.RECORDING_PHASE) while (this.skipToNextPart()) this.MANY(this.queryPart);
      } finally {
        this.parts = NO_PARTS; // holds no tree past its parse
      }
      return this.ACTION(() => this.buildQuery(parts));
    },
    { recoveryValueFunc: (e) => this.buildQuery([this.errorAt(e)]) },
  );

  /**
   * At text no part can start, reports it as chevrotain would at the end of the query, skips it to
   * the next condition after an `and` or `or` (kept as the join) or to the next clause, and says
   * whether a part may follow.
   */
  private skipToNextPart(): boolean {
    const first = this.LA(1);
    let reported = false;
    for (let token = first; !isEof(token); token = this.LA(1)) {
      if (token !== first && CLAUSE_STARTS.some((type) => tokenMatcher(token, type))) {
        this.parts.push({ kind: "resumed", join: undefined });
        return true;
      }
      // The `)` of a `(` whose group failed inside (`(past 3 days or a = 1)`) is no error of its own.
      const closesGroup = tokenMatcher(token, T.RParen) && this.parensOpenBefore(token) > 0;
      // After the `and` of `between 2026-11-1 and 2026-11-30`, no condition starts: still skipped.
      const joins =
        (tokenMatcher(token, T.AndOp) || tokenMatcher(token, T.OrOp)) &&
        CONDITION_STARTS.some((type) => tokenMatcher(this.LA(2), type));
      if (!reported && !closesGroup && !(joins && token !== first)) {
        this.reportUnparsed(token);
        reported = true;
      }
      this.SKIP_TOKEN();
      if (joins) {
        this.parts.push({ kind: "resumed", join: tokenMatcher(token, T.AndOp) ? "and" : "or" });
        return true;
      }
    }
    return false;
  }

  /** Reports text no part can start, as chevrotain does at the end of the query. */
  private reportUnparsed(token: IToken): void {
    const provider = messageProvider(() => this);
    const message = provider.buildNotAllInputParsedMessage({ firstRedundant: token, ruleName: "query" });
    this.SAVE_ERROR(new NotAllInputParsedException(message, token));
  }

  /** How many `(`s the text opens and leaves open before `token`; counted on from the last call. */
  private parensOpenBefore(token: IToken): number {
    const tokens = this.input;
    for (; this.parensCounted < tokens.length && tokens[this.parensCounted] !== token; this.parensCounted++) {
      const counted = tokens[this.parensCounted]!;
      if (tokenMatcher(counted, T.LParen)) this.parensOpen++;
      else if (tokenMatcher(counted, T.RParen)) this.parensOpen = Math.max(0, this.parensOpen - 1);
    }
    return this.parensOpen;
  }

  // Alternatives are built once, not on each call (most of the garbage a parse would make; bench rows
  // `compile-vs-json` and `flat-or-scaling`): they capture nothing but `this`.
  private readonly clauseAlts: IOrAlt<Clause>[] = [
    { ALT: () => this.SUBRULE(this.sort) },
    { ALT: () => this.SUBRULE(this.limit) },
    { ALT: () => this.SUBRULE(this.offset) },
    { ALT: () => this.SUBRULE(this.count) },
  ];

  clause = this.RULE("clause", (): Clause => this.OR(this.clauseAlts));

  private readonly directionAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Asc) },
    { ALT: () => this.CONSUME(T.Desc) },
  ];

  private readonly direction = (): IToken => this.OR(this.directionAlts);

  // The clauses test RECORDING_PHASE rather than pass new closures to ACTION and OPTION on each call
  // (bench row `compile-vs-json`).
  sort = this.RULE("sort", (): SortClause => {
    const keyword = this.CONSUME(T.SortStart);
    this.CONSUME(T.By);
    const fieldToken = this.CONSUME(T.Word);
    const direction = this.OPTION(this.direction);
    if (this.RECORDING_PHASE) return RECORDING;
    const field = this.fieldRef(fieldToken);
    const end = direction === undefined ? field.span : this.tokenSpan(direction);
    return {
      kind: "sort",
      span: cover(this.tokenSpan(keyword), end),
      field,
      direction: direction === undefined ? undefined : tokenMatcher(direction, T.Asc) ? "asc" : "desc",
    };
  });

  limit = this.RULE("limit", (): LimitClause => this.keywordInteger("limit", T.Limit));

  offset = this.RULE("offset", (): OffsetClause => this.keywordInteger("offset", T.Offset));

  /**
   * The body of `limit` and `offset`: the keyword, then its integer. It consumes within the calling
   * rule, so each rule records the same two terminals as if it consumed them itself.
   */
  private keywordInteger<K extends "limit" | "offset">(kind: K, keywordType: TokenType): IntegerClause<K> {
    const keyword = this.CONSUME(keywordType);
    const number = this.CONSUME(T.Integer);
    if (this.RECORDING_PHASE) return RECORDING;
    const value = this.integerOrError(number);
    return { kind, span: cover(this.tokenSpan(keyword), value.span), value };
  }

  count = this.RULE("count", (): CountClause => {
    const keyword = this.CONSUME(T.Count);
    const groups: CountGroup[] = [];
    this.OPTION(() => {
      this.CONSUME(T.By);
      groups.push(this.SUBRULE(this.group));
      this.MANY(() => {
        this.CONSUME(T.Comma);
        groups.push(this.SUBRULE2(this.group));
      });
    });
    return this.ACTION(() => {
      const last = groups[groups.length - 1];
      const span = last === undefined ? this.tokenSpan(keyword) : cover(this.tokenSpan(keyword), last.span);
      return { kind: "count", span, groups };
    });
  });

  group = this.RULE("group", (): CountGroup => {
    const fieldToken = this.CONSUME(T.Word);
    let unitToken: IToken | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Per);
      unitToken = this.CONSUME2(T.Word);
    });
    return this.ACTION(() => {
      const field = this.fieldRef(fieldToken);
      const unit = unitToken === undefined ? undefined : this.wordValue(unitToken);
      return {
        kind: "group",
        span: unit === undefined ? field.span : cover(field.span, unit.span),
        field,
        unit,
      };
    });
  });

  expr = this.RULE(
    "expr",
    (): Expr => {
      const operands: Expr[] = [this.SUBRULE(this.and)];
      this.MANY(() => {
        this.CONSUME(T.OrOp);
        operands.push(this.SUBRULE2(this.and));
      });
      return this.ACTION(() => this.nary("or", operands));
    },
    { recoveryValueFunc: (e) => this.errorAt(e) },
  );

  // Subrule calls built once, like the alternatives: each runs once per predicate of a wide OR (bench
  // row `flat-or-scaling`).
  private readonly unaryOperand = (): Expr => this.SUBRULE(this.unary);
  private readonly unaryOperand2 = (): Expr => this.SUBRULE2(this.unary);
  private readonly predicateOperand = (): Expr => this.SUBRULE(this.predicate);
  private readonly valueOperand = (): ValueOrError => this.SUBRULE(this.value);

  /**
   * The operands of the `and`s being parsed: one reused array per nesting level (they nest through
   * parentheses) and how many it holds. Every operand of a wide OR is an `and` of one operand, which
   * this way allocates nothing (the arrays never shrink, so they are never grown again).
   */
  private readonly andOperands: (Expr | undefined)[][] = [];
  private readonly andCounts: number[] = [];
  private andDepth = 0;
  private readonly andOperand = (operand: Expr): void => {
    const level = this.andDepth - 1;
    this.andOperands[level]![this.andCounts[level]!++] = operand;
  };
  private readonly andRest = (): void => {
    this.CONSUME(T.AndOp);
    this.andOperand(this.orError(this.unaryOperand2));
  };
  private readonly andNode = (): Expr => {
    const level = this.andDepth - 1;
    const operands = this.andOperands[level]!;
    const count = this.andCounts[level]!;
    const node = count === 1 ? operands[0]! : this.nary("and", operands.slice(0, count) as Expr[]);
    operands.fill(undefined, 0, count); // holds no tree past its parse
    return node;
  };

  and = this.RULE(
    "and",
    (): Expr => {
      this.andOperands[this.andDepth] ??= [];
      this.andCounts[this.andDepth] = 0;
      this.andDepth++;
      try {
        this.andOperand(this.orError(this.unaryOperand));
        // MANY only when an `and` follows: each MANY call allocates chevrotain's recovery arguments, once
        // per operand of a wide OR (bench row `flat-or-scaling`). The same parse: the loop would not run,
        // and after it the rule ends, where chevrotain attempts no recovery.
        if (this.RECORDING_PHASE || tokenMatcher(this.LA(1), T.AndOp)) this.MANY(this.andRest);
        return this.ACTION(this.andNode);
      } finally {
        this.andDepth--;
      }
    },
    { recoveryValueFunc: (e) => this.errorAt(e) },
  );

  private readonly unaryAlts: IOrAlt<Expr>[] = [
    {
      ALT: () => {
        const keyword = this.CONSUME(T.NotOp);
        const operand = this.orError(this.unaryOperand);
        return this.ACTION(() => {
          const keywordSpan = this.tokenSpan(keyword);
          return {
            kind: "not",
            span: cover(keywordSpan, this.outerSpan(operand)),
            keyword: keywordSpan,
            operand,
          };
        });
      },
    },
    { ALT: () => this.SUBRULE(this.primary) },
  ];

  unary = this.RULE("unary", (): Expr => this.OR(this.unaryAlts), {
    recoveryValueFunc: (e) => this.errorAt(e),
  });

  private readonly primaryAlts: IOrAlt<Expr>[] = [
    {
      ALT: () => {
        const open = this.CONSUME(T.LParen);
        this.ACTION(() => this.openParens.push(isReal(open) ? open.startOffset : -1));
        try {
          const inner = this.orError(() => this.SUBRULE(this.expr));
          const close = this.CONSUME(T.RParen);
          return this.ACTION(() => this.withParentheses(inner, open, close));
        } finally {
          this.ACTION(() => this.openParens.pop());
        }
      },
    },
    { ALT: () => this.orError(this.predicateOperand) },
  ];

  primary = this.RULE("primary", (): Expr => this.OR(this.primaryAlts), {
    recoveryValueFunc: (e) => this.errorAt(e),
  });

  private readonly negatableAlts: IOrAlt<Expr>[] = [
    { ALT: () => this.SUBRULE(this.inList) },
    { ALT: () => this.SUBRULE(this.between) },
    { ALT: () => this.SUBRULE(this.contains) },
  ];

  private readonly predicateAlts: IOrAlt<Expr>[] = [
    {
      ALT: () => {
        const op = this.CONSUME(T.ComparisonOp);
        const value = this.orError(this.valueOperand);
        if (this.RECORDING_PHASE) return RECORDING;
        const field = this.fieldRef(this.currentField!);
        return {
          kind: "comparison",
          span: cover(field.span, value.span),
          field,
          operator: OPERATOR_BY_TYPE.get(op.tokenType)!,
          operatorSpan: this.tokenSpan(op),
          value,
        };
      },
    },
    {
      ALT: () => {
        let not: IToken | undefined;
        this.OPTION(() => {
          not = this.CONSUME(T.NotOp);
        });
        this.ACTION(() => {
          this.currentNot = not;
        });
        return this.OR2(this.negatableAlts);
      },
    },
  ];

  predicate = this.RULE(
    "predicate",
    (): Expr => {
      const fieldToken = this.CONSUME(T.Word);
      this.ACTION(() => {
        this.currentField = fieldToken;
      });
      return this.OR(this.predicateAlts);
    },
    { recoveryValueFunc: (e) => this.errorAt(e) },
  );

  inList = this.RULE("inList", (): InPredicate => {
    const keyword = this.CONSUME(T.In);
    const open = this.CONSUME(T.LParen);
    this.ACTION(() => this.openParens.push(isReal(open) ? open.startOffset : -1));
    const values: ValueOrError[] = [this.orError(this.valueOperand)];
    let close: IToken;
    try {
      this.MANY(() => {
        this.CONSUME(T.Comma);
        values.push(this.orError(() => this.SUBRULE2(this.value)));
      });
      this.OPTION(() => this.CONSUME2(T.Comma));
      close = this.CONSUME(T.RParen);
    } finally {
      this.ACTION(() => this.openParens.pop());
    }
    return this.ACTION(() => {
      const end = isReal(close) ? this.tokenSpan(close) : values[values.length - 1]!.span;
      return { kind: "in", ...this.negatableStart(keyword, end), values };
    });
  });

  /**
   * What `in`, `between` and `contains` begin with: the field, whether a `not` came before the
   * keyword, the operator's span, and the span from the field to `end`.
   */
  private negatableStart(keyword: IToken, end: Span): NegatableStart {
    const field = this.fieldRef(this.currentField!);
    const not = this.currentNot;
    return {
      span: cover(field.span, end),
      field,
      negated: not !== undefined,
      operatorSpan: this.operatorSpan(not, keyword),
    };
  }

  between = this.RULE("between", (): BetweenPredicate => {
    const keyword = this.CONSUME(T.Between);
    const low = this.orError(this.valueOperand);
    this.CONSUME(T.AndOp);
    const high = this.orError(() => this.SUBRULE2(this.value));
    return this.ACTION(() => ({ kind: "between", ...this.negatableStart(keyword, high.span), low, high }));
  });

  private readonly signAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(T.Plus) },
    { ALT: () => this.CONSUME(T.Minus) },
  ];

  contains = this.RULE("contains", (): ContainsPredicate => {
    const keyword = this.CONSUME(T.Contains);
    const value = this.orError(this.valueOperand);
    return this.ACTION(() => ({ kind: "contains", ...this.negatableStart(keyword, value.span), value }));
  });

  private readonly valueAlts: IOrAlt<ValueOrError>[] = [
    {
      ALT: () => {
        const token = this.CONSUME(T.StringLiteral);
        if (this.RECORDING_PHASE) return RECORDING;
        return {
          kind: "string",
          span: this.tokenSpan(token),
          value: stringValue(token) ?? "",
        };
      },
    },
    {
      ALT: () => {
        const token = this.CONSUME(T.Integer);
        return this.RECORDING_PHASE ? RECORDING : this.integerOrError(token);
      },
    },
    {
      ALT: () => {
        const token = this.CONSUME(T.DateLiteral);
        return this.ACTION(() => ({ kind: "date", span: this.tokenSpan(token), text: token.image }));
      },
    },
    {
      ALT: () => {
        const token = this.CONSUME(T.DateTime);
        return this.ACTION(() => ({
          kind: "datetime",
          span: this.tokenSpan(token),
          text: token.image,
        }));
      },
    },
    {
      ALT: () => {
        const anchorToken = this.CONSUME(T.Word);
        const anchor = this.ACTION(() => this.wordValue(anchorToken));
        let sign: IToken | undefined;
        let duration: IToken | undefined;
        this.OPTION(() => {
          sign = this.OR2(this.signAlts);
          duration = this.CONSUME(T.DurationLike);
        });
        return this.ACTION(() => {
          if (sign === undefined || duration === undefined) return anchor;
          return this.relative("anchored", anchor, sign, duration, anchor.span);
        });
      },
    },
    {
      ALT: () => {
        const duration = this.CONSUME2(T.Duration);
        const ago = this.CONSUME(T.Ago);
        return this.ACTION(() => {
          const start = this.tokenSpan(duration);
          const end = isReal(ago) ? this.tokenSpan(ago) : start;
          return this.relative("ago", undefined, undefined, duration, cover(start, end));
        });
      },
    },
    {
      // `7days` (reported by the lexer), with or without `ago`: one error node, no second error.
      ALT: () => {
        const bad = this.CONSUME(T.BadDuration);
        let ago: IToken | undefined;
        this.OPTION2(() => {
          ago = this.CONSUME2(T.Ago);
        });
        return this.ACTION(() => {
          const span = this.tokenSpan(bad);
          return { kind: "error", span: ago === undefined ? span : cover(span, this.tokenSpan(ago)) };
        });
      },
    },
    {
      ALT: () => {
        const minus = this.CONSUME2(T.Minus);
        const duration = this.CONSUME2(T.DurationLike);
        return this.ACTION(() => this.relative("prefix", undefined, minus, duration, this.tokenSpan(minus)));
      },
    },
    {
      // A keyword where a value belongs: one clear error with the quoted form as hint.
      GATE: () => this.keywordCanBeValue(),
      ALT: () => {
        const keyword = this.CONSUME(T.Keyword);
        return this.ACTION(() => this.keywordAsValue(keyword));
      },
    },
  ];

  value = this.RULE("value", (): ValueOrError => this.OR(this.valueAlts), {
    recoveryValueFunc: (e) => this.errorAt(e),
  });

  // ----- recovery -----

  /**
   * Runs a subrule; when it fails (its error is already recorded), stands an error node in its place
   * so that the rest of the tree survives. chevrotain's own re-sync only helps where a rule is followed
   * by a token inside its caller, which leaves most HCQL errors to the top rule.
   */
  private orError<Result>(parse: () => Result): Result | ErrorNode {
    const first = this.LA(1);
    try {
      return parse();
    } catch (error) {
      if (!isRecognitionException(error as Error)) throw error;
      const node = this.errorAt(error as IRecognitionException);
      // The error node covers what the failed part consumed (`a` in `a or b = 1`), else the error.
      const last = this.LA(0);
      if (!isReal(first) || !isReal(last) || last.startOffset < first.startOffset) return node;
      return { kind: "error", span: { start: first.startOffset, end: last.startOffset + last.image.length } };
    }
  }

  /**
   * A missing token is inserted (and reported) unless dropping the next token recovers instead:
   * `(a = 1` gets its `)`, `limit` at the end gets an error node, and parsing goes on.
   */
  canRecoverWithSingleTokenInsertion(expected: TokenType, _follows: TokenType[]): boolean {
    return !tokenMatcher(this.LA(2), expected);
  }

  /**
   * Where an integer, a field name or a duration is expected and another value stands
   * (`limit x`, `sort by "a"`, `now - 5`), that value takes its place as an error: no second error.
   */
  tryInRuleRecovery(expected: TokenType, follows: TokenType[]): IToken {
    const next = this.LA(1);
    if (REPLACEABLE.includes(expected) && VALUE_LIKE.some((t) => tokenMatcher(next, t))) {
      this.SKIP_TOKEN();
      return next;
    }
    return baseTryInRuleRecovery.call(this, expected, follows);
  }

  // ----- helpers used by the actions -----

  private buildQuery(parts: readonly Part[]): Query {
    let condition: Expr | undefined;
    let join: "and" | "or" | undefined;
    let sort: SortClause | undefined;
    let limit: LimitClause | undefined;
    let offset: OffsetClause | undefined;
    let count: CountClause | undefined;
    let firstClause: Clause | undefined;
    for (const part of parts) {
      if (part === undefined) continue; // a clause that failed: its error is reported
      if (part.kind === "resumed") {
        join = part.join;
        continue;
      }
      if (part.kind === "sort" || part.kind === "limit" || part.kind === "offset" || part.kind === "count") {
        firstClause ??= part;
        join = undefined;
        const existing =
          part.kind === "sort"
            ? sort
            : part.kind === "limit"
              ? limit
              : part.kind === "offset"
                ? offset
                : count;
        if (existing !== undefined) this.reported.push(diagnostic("duplicateClause", part.span, [part.kind]));
        else if (part.kind === "sort") sort = part;
        else if (part.kind === "limit") limit = part;
        else if (part.kind === "offset") offset = part;
        else count = part;
      } else if (part.kind === "error") {
        condition ??= part; // reported where it failed
      } else if (condition !== undefined) {
        // A condition after the skipped text, or with no join before it: kept, so that it is checked.
        if (join === undefined) {
          this.reported.push(diagnostic("unexpectedToken", part.span, [this.describeAt(part.span)]));
        }
        condition = {
          kind: join ?? "and",
          span: cover(condition.span, part.span),
          operands: [condition, part],
        };
        join = undefined;
      } else {
        if (firstClause !== undefined) {
          this.reported.push(
            diagnostic("clauseBeforeCondition", firstClause.span, [this.clauseWords(firstClause)]),
          );
        }
        condition = part;
      }
    }
    return {
      kind: "query",
      span: { start: 0, end: this.text.length },
      condition,
      sort,
      limit,
      offset,
      count,
    };
  }

  /** The first word or symbol at a span, quoted, for "unexpected ...". */
  private describeAt(span: Span): string {
    const text = this.text.slice(span.start, span.end);
    return `'${/^[\w.]+|^\S/.exec(text)?.[0] ?? text}'`;
  }

  private clauseWords(clause: Clause): string {
    const text = this.text.slice(clause.span.start, clause.span.end).toLowerCase();
    if (clause.kind !== "sort") return clause.kind;
    return text.startsWith("order") ? "order by" : "sort by";
  }

  /**
   * Where each condition written in parentheses starts and ends, the parentheses included. Its own span
   * holds what is inside them (format reads them from the text around it); an `and`, `or` or `not`
   * made of it spans them, so that `(a or b) and (c or d)` is all the text a diagnostic on it points at.
   */
  private readonly parenthesised = new WeakMap<Expr, Span>();

  private withParentheses(inner: Expr, open: IToken, close: IToken): Expr {
    if (isReal(open) && isReal(close)) {
      this.parenthesised.set(inner, cover(this.tokenSpan(open), this.tokenSpan(close)));
    }
    return inner;
  }

  /** The text an operand takes, its parentheses included. */
  private outerSpan(operand: Expr): Span {
    return this.parenthesised.get(operand) ?? operand.span;
  }

  private nary(kind: "and" | "or", operands: Expr[]): Expr {
    if (operands.length === 1) return operands[0]!;
    const span = cover(this.outerSpan(operands[0]!), this.outerSpan(operands[operands.length - 1]!));
    return { kind, span, operands };
  }

  private fieldRef(token: IToken): FieldRef {
    const name = isReal(token) && token.tokenType === T.Word ? token.image : "";
    return { kind: "field", span: this.tokenSpan(token), name };
  }

  private wordValue(token: IToken): WordValue {
    return { kind: "word", span: this.tokenSpan(token), name: token.image };
  }

  private integerOrError(token: IToken): IntegerValue | ErrorNode {
    const span = this.tokenSpan(token);
    const ok = isReal(token) && token.tokenType === T.Integer;
    return ok ? { kind: "integer", span, text: token.image } : { kind: "error", span };
  }

  private operatorSpan(not: IToken | undefined, keyword: IToken): Span {
    const span = this.tokenSpan(keyword);
    return not === undefined ? span : cover(this.tokenSpan(not), span);
  }

  private relative(
    form: "anchored" | "ago" | "prefix",
    anchor: WordValue | undefined,
    sign: IToken | undefined,
    durationToken: IToken,
    start: Span,
  ): ValueOrError {
    const durationSpan = this.tokenSpan(durationToken);
    const span = cover(start, durationSpan);
    if (!isReal(durationToken) || durationToken.tokenType !== T.Duration) return { kind: "error", span };
    const image = durationToken.image;
    const duration = {
      kind: "duration" as const,
      span: durationSpan,
      amount: image.slice(0, -1),
      unit: image[image.length - 1] as DurationUnit,
    };
    const signText = sign === undefined || tokenMatcher(sign, T.Minus) ? "-" : "+";
    return { kind: "relative", span, form, anchor, sign: signText, duration };
  }

  /** `tags = limit`: a keyword cannot be a value; `and`, `or` and a clause that goes on are not taken. */
  keywordCanBeValue(): boolean {
    const next = this.LA(1);
    if (tokenMatcher(next, T.AndOp) || tokenMatcher(next, T.OrOp)) return false;
    const after = this.LA(2);
    if ((tokenMatcher(next, T.Limit) || tokenMatcher(next, T.Offset)) && tokenMatcher(after, T.Integer))
      return false;
    if (tokenMatcher(next, T.SortStart) && tokenMatcher(after, T.By)) return false;
    return true;
  }

  private keywordAsValue(keyword: IToken): ErrorNode {
    const span = this.tokenSpan(keyword);
    this.reported.push(diagnostic("keywordAsValue", span, [keyword.image], this.keywordHint(keyword)));
    return { kind: "error", span };
  }

  /** The hint for a keyword used as a value: the predicate with it quoted (`tags = "limit"`). */
  private keywordHint(keyword: IToken): string {
    const quoted = quote(keyword.image);
    const previous = this.tokenBefore(keyword);
    const field = this.currentField;
    const afterOperator =
      previous !== undefined &&
      (tokenMatcher(previous, T.ComparisonOp) || tokenMatcher(previous, T.Contains));
    if (!afterOperator || field === undefined || !isReal(field)) return quoted;
    const prefix = this.text.slice(field.startOffset, keyword.startOffset);
    return prefix.includes("\n") ? quoted : `${prefix}${quoted}`;
  }
}

let instance: HcqlParser | undefined;

/** The one parser instance (grammar validations skipped: the tests run them). */
export function hcqlParser(): HcqlParser {
  instance ??= new HcqlParser(false);
  return instance;
}

/**
 * What the grammar may read after `tokens` (a query's first tokens): chevrotain's content assist on
 * the one parser, whose productions come from the recorded grammar like every parse's.
 */
export function nextTokenPaths(tokens: IToken[]): ISyntacticContentAssistPath[] {
  return hcqlParser().computeContentAssist("query", tokens);
}

/** Builds a parser with chevrotain's grammar validations on; throws if the grammar is invalid. */
export function validatedParser(): HcqlParser {
  return new HcqlParser(true);
}

export type { HcqlParser };

/** Turns a recognition exception into our diagnostic. */
export function exceptionToDiagnostic(parser: HcqlParser, e: IRecognitionException): Diagnostic {
  const { n, a } = decode(e);
  return diagnostic(n, parser.errorAt(e).span, a);
}

export { isMissingParen };
