import {
  Alternation,
  Alternative,
  getLookaheadPaths,
  type IOrAlt,
  type IProduction,
  type IToken,
  type LookaheadProductionType,
  Option,
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
 * chevrotain computes, and `lookaheadFunctions` turns them into the same decisions chevrotain's LL(k)
 * makes.
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

/** A parser's lookahead functions, keyed as chevrotain looks them up (its `lookAheadFuncsCache`). */
export type LookaheadFunctions = Map<number, AlternativeChooser | OptionalTest>;

/**
 * The bits chevrotain 11.2 gives each kind of decision in a lookahead key (its grammar/keys.js): a
 * key is `occurrence | kind | the rule's short index`. test/parser/lookahead.test.ts checks that the
 * keys made here are those chevrotain makes.
 */
const KIND_KEYS: Readonly<Record<LookaheadProductionType, number>> = {
  Alternation: 1 << 8,
  Option: 2 << 8,
  Repetition: 3 << 8,
  RepetitionMandatory: 4 << 8,
  RepetitionMandatoryWithSeparator: 6 << 8,
  RepetitionWithSeparator: 5 << 8,
};

/**
 * Every decision's lookahead function, from the table: what chevrotain builds by walking the grammar
 * when the parser is built (bench rows `cold-start`, `library-import`). `ruleIndexes` is the parser's
 * short index of each rule, `gated` the alternations whose gates the lookahead reads. The parser is
 * built by the first compile of a process, so this runs then: indexed loops and a byte per token type
 * for the one-token decisions, where `for...of`, spread arrays and sparse arrays allocated ~50 KB more
 * (bench row `library-import`).
 */
export function lookaheadFunctions(
  table: LookaheadTable,
  tokens: readonly TokenType[],
  ruleIndexes: Readonly<Record<string, number>>,
  gated: ReadonlySet<string>,
): LookaheadFunctions {
  const byName = new Map<string, TokenType>();
  let typeCount = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    byName.set(token.name, token);
    typeCount = Math.max(typeCount, token.tokenTypeIdx! + 1);
    const members = token.categoryMatches ?? [];
    for (let m = 0; m < members.length; m++) typeCount = Math.max(typeCount, members[m]! + 1);
  }
  const token = (name: string): TokenType => {
    const found = byName.get(name);
    if (found === undefined) throw new Error(`lookahead table names an unknown token '${name}'`);
    return found;
  };
  const functions: LookaheadFunctions = new Map();
  const keys = Object.keys(table);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const [rule, kind, occurrence] = key.split("/") as [string, LookaheadProductionType, string];
    const ruleIndex = ruleIndexes[rule];
    if (ruleIndex === undefined) throw new Error(`lookahead table names an unknown rule '${rule}'`);
    const paths = table[key]!.map((alternative) => alternative.map((path) => path.map(token)));
    functions.set(
      Number(occurrence) | KIND_KEYS[kind] | ruleIndex,
      // An optional part's first alternative is what leads into it; the second, what follows it.
      kind === "Alternation"
        ? chooseAlternative(paths, gated.has(key), typeCount)
        : entersOptional(paths[0] ?? [], typeCount),
    );
  }
  return functions;
}

/** No alternative, in a one-token decision's table. */
const NO_CHOICE = -1;

/** Which alternative the next tokens lead into: the first whose gate is open and one of whose paths matches. */
function chooseAlternative(
  alternatives: TokenType[][][],
  hasPredicates: boolean,
  typeCount: number,
): AlternativeChooser {
  if (!hasPredicates && alternatives.every(isOneToken)) {
    // One token decides: a table from token type (and each category it belongs to) to alternative.
    const choice = new Int8Array(typeCount).fill(NO_CHOICE);
    for (let index = alternatives.length - 1; index >= 0; index--) {
      const alternative = alternatives[index]!;
      // The first alternative a token leads into wins: filled from the last, each overwrites.
      for (let p = 0; p < alternative.length; p++) markTypes(choice, alternative[p]![0]!, index);
    }
    return function (this: TokenSource) {
      const index = choice[this.LA(1).tokenTypeIdx];
      return index === undefined || index === NO_CHOICE ? undefined : index;
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
function entersOptional(paths: TokenType[][], typeCount: number): OptionalTest {
  if (isOneToken(paths)) {
    const enters = new Int8Array(typeCount);
    for (let p = 0; p < paths.length; p++) markTypes(enters, paths[p]![0]!, 1);
    return function (this: TokenSource) {
      return enters[this.LA(1).tokenTypeIdx] === 1;
    };
  }
  return function (this: TokenSource) {
    return anyPathMatches(this, paths);
  };
}

function isOneToken(paths: readonly (readonly TokenType[])[]): boolean {
  for (let p = 0; p < paths.length; p++) if (paths[p]!.length !== 1) return false;
  return true;
}

/** Sets a token type's entry, and those of the token types in its category (chevrotain fills both). */
function markTypes(table: Int8Array, token: TokenType, value: number): void {
  table[token.tokenTypeIdx!] = value;
  const members = token.categoryMatches ?? [];
  for (let m = 0; m < members.length; m++) table[members[m]!] = value;
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
