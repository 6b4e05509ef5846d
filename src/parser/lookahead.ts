import {
  Alternation,
  Alternative,
  getLookaheadPaths,
  type ILookaheadStrategy,
  type IOrAlt,
  type IProduction,
  type IToken,
  LLkLookaheadStrategy,
  type LookaheadProductionType,
  Option,
  type OptionalProductionType,
  Repetition,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator,
  type Rule,
  type TokenType,
  tokenMatcher,
} from "chevrotain";

/**
 * The parser's lookahead, computed when the grammar changes instead of at every start.
 *
 * chevrotain works out which tokens lead into each alternative and optional part of the grammar when
 * the parser is built: a third of building it. The answers depend on the grammar alone, so
 * `npm run grammar:lookahead` writes them to lookahead-table.ts, a test keeps that file equal to what
 * chevrotain computes, and this strategy turns them into the same decisions chevrotain's LL(k) makes.
 */

/** A decision's paths by token name: per alternative, the token sequences that lead into it. */
export type DecisionPaths = readonly (readonly (readonly string[])[])[];

/** Every decision of the grammar, keyed by `decisionKey`. */
export type LookaheadTable = Readonly<Record<string, DecisionPaths>>;

export function decisionKey(rule: string, production: LookaheadProductionType, occurrence: number): string {
  return `${rule}/${production}/${occurrence}`;
}

/** The part of the parser a lookahead function reads: the next tokens. */
interface TokenSource {
  LA(offset: number): IToken;
}

type AlternativeChooser = (this: TokenSource, alternatives?: IOrAlt<unknown>[]) => number | undefined;
type OptionalTest = (this: TokenSource) => boolean;

export class PrecomputedLookahead implements ILookaheadStrategy {
  private readonly byName: ReadonlyMap<string, TokenType>;
  /** For a decision missing from the table (the test reports it): chevrotain's own computation. */
  private readonly fallback: ILookaheadStrategy;

  constructor(
    private readonly table: LookaheadTable,
    tokens: readonly TokenType[],
    maxLookahead: number,
  ) {
    this.byName = new Map(tokens.map((token) => [token.name, token]));
    this.fallback = new LLkLookaheadStrategy({ maxLookahead });
  }

  /** The grammar is validated with chevrotain's LL(k) strategy in the tests, not at every start. */
  validate(): [] {
    return [];
  }

  buildLookaheadForAlternation(options: {
    prodOccurrence: number;
    rule: Rule;
    maxLookahead: number;
    hasPredicates: boolean;
    dynamicTokensEnabled: boolean;
  }): AlternativeChooser {
    const paths = this.paths(options.rule.name, "Alternation", options.prodOccurrence);
    if (paths === undefined) return this.fallback.buildLookaheadForAlternation(options);
    return chooseAlternative(paths, options.hasPredicates);
  }

  buildLookaheadForOptional(options: {
    prodOccurrence: number;
    prodType: OptionalProductionType;
    rule: Rule;
    maxLookahead: number;
    dynamicTokensEnabled: boolean;
  }): OptionalTest {
    const paths = this.paths(options.rule.name, options.prodType, options.prodOccurrence);
    if (paths === undefined) return this.fallback.buildLookaheadForOptional(options);
    // An optional part's first alternative is what leads into it; the second, what follows it.
    return entersOptional(paths[0] ?? []);
  }

  private paths(
    rule: string,
    production: LookaheadProductionType,
    occurrence: number,
  ): TokenType[][][] | undefined {
    const named = this.table[decisionKey(rule, production, occurrence)];
    return named?.map((alternative) => alternative.map((path) => path.map((name) => this.token(name))));
  }

  private token(name: string): TokenType {
    const token = this.byName.get(name);
    if (token === undefined) throw new Error(`lookahead table names an unknown token '${name}'`);
    return token;
  }
}

/** Which alternative the next tokens lead into: the first whose gate is open and one of whose paths matches. */
function chooseAlternative(alternatives: TokenType[][][], hasPredicates: boolean): AlternativeChooser {
  const oneToken = alternatives.every((alternative) => alternative.every((path) => path.length === 1));
  if (oneToken && !hasPredicates) {
    // One token decides: a table from token type (and each category it belongs to) to alternative.
    const choice: number[] = [];
    alternatives.forEach((alternative, index) => {
      for (const [token] of alternative) {
        for (const idx of typeIndexes(token!)) choice[idx] ??= index;
      }
    });
    return function (this: TokenSource) {
      return choice[this.LA(1).tokenTypeIdx];
    };
  }
  // Runs once per value of a wide OR: plain loops, no closure or array per call.
  return function (this: TokenSource, orAlternatives?: IOrAlt<unknown>[]) {
    for (let index = 0; index < alternatives.length; index++) {
      const gate = hasPredicates ? orAlternatives?.[index]?.GATE : undefined;
      if (gate !== undefined && gate.call(this) === false) continue;
      if (anyPathMatches(this, alternatives[index]!)) return index;
    }
    return undefined;
  };
}

/** Whether the next tokens lead into an optional part (OPTION, MANY, ...). */
function entersOptional(paths: TokenType[][]): OptionalTest {
  if (paths.every((path) => path.length === 1)) {
    const enters: boolean[] = [];
    for (const [token] of paths) {
      for (const idx of typeIndexes(token!)) enters[idx] = true;
    }
    return function (this: TokenSource) {
      return enters[this.LA(1).tokenTypeIdx] === true;
    };
  }
  return function (this: TokenSource) {
    return anyPathMatches(this, paths);
  };
}

function anyPathMatches(parser: TokenSource, paths: readonly TokenType[][]): boolean {
  for (let p = 0; p < paths.length; p++) {
    if (nextTokensMatch(parser, paths[p]!)) return true;
  }
  return false;
}

function nextTokensMatch(parser: TokenSource, path: readonly TokenType[]): boolean {
  for (let i = 0; i < path.length; i++) {
    if (!tokenMatcher(parser.LA(i + 1), path[i]!)) return false;
  }
  return true;
}

/** A token type's index and those of the token types in its category (chevrotain fills both). */
function typeIndexes(token: TokenType): number[] {
  return [token.tokenTypeIdx!, ...(token.categoryMatches ?? [])];
}

/** Every decision of the grammar with chevrotain's own lookahead paths: what lookahead-table.ts holds. */
export function computeLookaheadTable(rules: readonly Rule[], maxLookahead: number): LookaheadTable {
  const table: Record<string, DecisionPaths> = {};
  for (const rule of rules) {
    for (const [production, occurrence] of decisionsOf(rule)) {
      const paths = getLookaheadPaths({ occurrence, rule, prodType: production, maxLookahead });
      const named = paths.map((alternative) => alternative.map((path) => path.map((token) => token.name)));
      // What follows an optional part is only needed to build the paths into it.
      table[decisionKey(rule.name, production, occurrence)] =
        production === "Alternation" ? named : named.slice(0, 1);
    }
  }
  return table;
}

/** A decision of a rule: its kind and its occurrence index. */
type Decision = readonly [kind: LookaheadProductionType, occurrence: number];

/** A production that is a decision: it has an occurrence index and holds productions. */
interface DecisionProduction {
  readonly idx: number;
  readonly definition: readonly IProduction[];
}

/**
 * The productions that are decisions, by class, with the name chevrotain's lookahead gives their kind
 * (written out: class names do not survive minifying).
 */
const DECISION_KINDS: readonly (readonly [
  new (...args: never[]) => DecisionProduction,
  LookaheadProductionType,
])[] = [
  [Option, "Option"],
  [Repetition, "Repetition"],
  [RepetitionMandatory, "RepetitionMandatory"],
  [RepetitionWithSeparator, "RepetitionWithSeparator"],
  [RepetitionMandatoryWithSeparator, "RepetitionMandatoryWithSeparator"],
  [Alternation, "Alternation"],
];

/** The decisions of a rule, each before those it holds: the order chevrotain's grammar visitor meets them. */
function decisionsOf(rule: Rule): Decision[] {
  const found: Decision[] = [];
  collectDecisions(rule.definition, found);
  return found;
}

function collectDecisions(productions: readonly IProduction[], found: Decision[]): void {
  for (const production of productions) {
    // A terminal holds nothing, and a rule's reference holds that rule's decisions, not this rule's:
    // neither is looked into.
    if (production instanceof Alternative) collectDecisions(production.definition, found);
    for (const [type, kind] of DECISION_KINDS) {
      if (production instanceof type) {
        found.push([kind, production.idx]);
        collectDecisions(production.definition, found);
      }
    }
  }
}
