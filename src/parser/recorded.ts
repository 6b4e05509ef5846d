import {
  Alternation,
  Alternative,
  type IProduction,
  NonTerminal,
  Option,
  Repetition,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator,
  Rule,
  Terminal,
  type TokenType,
} from "chevrotain";
import { assertNever } from "../language/index.js";
import { decisionKey } from "./lookahead.js";

/**
 * The grammar as chevrotain records it, kept as data.
 *
 * Building a parser, chevrotain runs every rule once in a recording mode to learn the grammar's
 * shape: most of building it. The shape depends on the grammar alone, so `npm run grammar:lookahead`
 * writes it to recorded-table.ts beside the lookahead, a test keeps that file equal to what
 * chevrotain records, and the parser builds the same productions from it (bench rows `cold-start`
 * and `library-import`).
 */

/**
 * One production, as a tuple: the token or rule used and its occurrence index; the option or
 * repetition and what it holds; the alternation with chevrotain's two flags (has predicates, ignores
 * ambiguities) and its alternatives, each with its own ignore-ambiguities flag. Tuples keep the table
 * small (bench rows `cold-start` and `library-import` load it). The grammar uses these kinds of
 * chevrotain's; others are refused when written.
 */
export type RecordedProduction =
  | readonly ["Terminal", token: string, idx: number]
  | readonly ["NonTerminal", rule: string, idx: number]
  | readonly [
      "Alternation",
      idx: number,
      hasPredicates: boolean,
      ignoreAmbiguities: boolean,
      alternatives: readonly RecordedAlternative[],
    ]
  | readonly ["Option" | "Repetition", idx: number, definition: readonly RecordedProduction[]];

export type RecordedAlternative = readonly [
  ignoreAmbiguities: boolean,
  definition: readonly RecordedProduction[],
];

/** Every rule's definition, in the order the rules are defined. */
export type RecordedGrammar = Readonly<Record<string, readonly RecordedProduction[]>>;

/** What chevrotain's productions hold beyond their declared types. */
interface Flags {
  readonly hasPredicates: boolean;
  readonly ignoreAmbiguities: boolean;
}

/** The recorded rules as data (what recorded-table.ts holds). */
export function recordGrammar(rules: readonly Rule[]): RecordedGrammar {
  return Object.fromEntries(rules.map((rule) => [rule.name, rule.definition.map(toData)]));
}

function toData(production: IProduction): RecordedProduction {
  if (production instanceof Terminal) return ["Terminal", production.terminalType.name, production.idx];
  if (production instanceof NonTerminal) return ["NonTerminal", production.nonTerminalName, production.idx];
  if (production instanceof Alternation) {
    const flags = production as Alternation & Flags;
    const alternatives = production.definition.map((alternative): RecordedAlternative => {
      const recorded = alternative as Alternative & Flags;
      return [recorded.ignoreAmbiguities, recorded.definition.map(toData)];
    });
    return ["Alternation", production.idx, flags.hasPredicates, flags.ignoreAmbiguities, alternatives];
  }
  // chevrotain's other repetitions are classes of their own, not kinds of these two.
  if (production instanceof Option || production instanceof Repetition) {
    const type = production instanceof Option ? "Option" : "Repetition";
    if ((production as { maxLookahead?: number }).maxLookahead !== undefined) {
      throw new Error(`a ${type} with its own maxLookahead cannot be kept as data`);
    }
    return [type, production.idx, production.definition.map(toData)];
  }
  throw new Error(`a ${kindOf(production)} cannot be kept as data`);
}

/** The name of a production's kind (class names do not survive minifying). */
function kindOf(production: IProduction): string {
  if (production instanceof RepetitionMandatory) return "RepetitionMandatory";
  if (production instanceof RepetitionWithSeparator) return "RepetitionWithSeparator";
  if (production instanceof RepetitionMandatoryWithSeparator) return "RepetitionMandatoryWithSeparator";
  return "production of another kind";
}

/**
 * The rules as a parser keeps them (chevrotain's `gastProductionsCache`), built when one is first
 * read. A parse that meets no error reads none: its lookahead and recovery come from the tables, and
 * the productions serve error messages, in-rule recovery and completion (bench rows `cold-start`,
 * `library-import`). The keys are there from the start, in the order the rules are defined.
 */
export function lazyRules(
  grammar: RecordedGrammar,
  tokens: ReadonlyMap<string, TokenType>,
): Record<string, Rule> {
  const rules: Record<string, Rule> = {};
  const build = () => {
    for (const [name, rule] of Object.entries(resolvedRules(grammar, tokens))) {
      Object.defineProperty(rules, name, {
        value: rule,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  };
  for (const name of Object.keys(grammar)) {
    Object.defineProperty(rules, name, {
      get() {
        build();
        return rules[name];
      },
      enumerable: true,
      configurable: true,
    });
  }
  return rules;
}

/** Every rule, each non-terminal pointing at the rule it names, as chevrotain's resolver leaves them. */
export function resolvedRules(
  grammar: RecordedGrammar,
  tokens: ReadonlyMap<string, TokenType>,
): Record<string, Rule> {
  const rules: Record<string, Rule> = {};
  for (const name of Object.keys(grammar)) rules[name] = recordedRule(grammar, name, tokens);
  const resolve = (productions: readonly IProduction[]): void => {
    for (const production of productions) {
      if (production instanceof NonTerminal) {
        const rule = rules[production.nonTerminalName];
        if (rule === undefined) {
          throw new Error(`the recorded grammar refers to no rule '${production.nonTerminalName}'`);
        }
        production.referencedRule = rule;
      } else if (
        production instanceof Alternation ||
        production instanceof Alternative ||
        production instanceof Option ||
        production instanceof Repetition
      ) {
        resolve(production.definition);
      }
    }
  };
  for (const rule of Object.values(rules)) resolve(rule.definition);
  return rules;
}

/** The alternations that have gates (`GATE`), by decision key: their lookahead reads the gates. */
export function gatedAlternations(grammar: RecordedGrammar): ReadonlySet<string> {
  const gated = new Set<string>();
  const visit = (rule: string, productions: readonly RecordedProduction[]): void => {
    for (const production of productions) {
      switch (production[0]) {
        case "Terminal":
        case "NonTerminal":
          break;
        case "Alternation":
          if (production[2]) gated.add(decisionKey(rule, "Alternation", production[1]));
          for (const [, definition] of production[4]) visit(rule, definition);
          break;
        case "Option":
        case "Repetition":
          visit(rule, production[2]);
          break;
        default:
          assertNever(production[0], "recorded production");
      }
    }
  };
  for (const [rule, definition] of Object.entries(grammar)) visit(rule, definition);
  return gated;
}

/** A rule as chevrotain's recording makes it (its non-terminals are resolved by chevrotain next). */
export function recordedRule(
  grammar: RecordedGrammar,
  name: string,
  tokens: ReadonlyMap<string, TokenType>,
): Rule {
  const definition = grammar[name];
  if (definition === undefined) throw new Error(`the recorded grammar has no rule '${name}'`);
  return new Rule({ name, definition: definition.map((p) => fromData(p, tokens)) });
}

function fromData(production: RecordedProduction, tokens: ReadonlyMap<string, TokenType>): IProduction {
  const definitionOf = (productions: readonly RecordedProduction[]) =>
    productions.map((p) => fromData(p, tokens));
  switch (production[0]) {
    case "Terminal": {
      const [, name, idx] = production;
      const terminalType = tokens.get(name);
      if (terminalType === undefined)
        throw new Error(`the recorded grammar names an unknown token '${name}'`);
      return new Terminal({ terminalType, idx });
    }
    case "NonTerminal":
      return new NonTerminal({ nonTerminalName: production[1], idx: production[2] });
    case "Alternation": {
      const [, idx, hasPredicates, ignoreAmbiguities, recorded] = production;
      // chevrotain's constructors take these flags (they copy every option), its types do not say so.
      const alternatives = recorded.map(([ignoreAmbiguities, definition]) => {
        const options = { ignoreAmbiguities, definition: definitionOf(definition) };
        return new Alternative(options as ConstructorParameters<typeof Alternative>[0]);
      });
      const options = { idx, hasPredicates, ignoreAmbiguities, definition: alternatives };
      return new Alternation(options as ConstructorParameters<typeof Alternation>[0]);
    }
    case "Option":
      return new Option({ idx: production[1], definition: definitionOf(production[2]) });
    case "Repetition":
      return new Repetition({ idx: production[1], definition: definitionOf(production[2]) });
    default:
      return assertNever(production[0], "recorded production");
  }
}

/**
 * The tokens that may follow each use of a rule, which chevrotain computes for error recovery when it
 * builds a parser (its `resyncFollows`, keyed by rule, occurrence and enclosing rule): data too.
 */
export type RecordedFollows = Readonly<Record<string, readonly string[]>>;

/** A parser's follows as data (token names). */
export function recordFollows(follows: Readonly<Record<string, readonly TokenType[]>>): RecordedFollows {
  return Object.fromEntries(Object.entries(follows).map(([key, tokens]) => [key, tokens.map((t) => t.name)]));
}

/** The follows as chevrotain keeps them, from the table. */
export function followsFromTable(
  table: RecordedFollows,
  tokens: ReadonlyMap<string, TokenType>,
): Record<string, TokenType[]> {
  const follows: Record<string, TokenType[]> = {};
  for (const [key, names] of Object.entries(table)) {
    follows[key] = names.map((name) => {
      const token = tokens.get(name);
      if (token === undefined) throw new Error(`the recorded follows name an unknown token '${name}'`);
      return token;
    });
  }
  return follows;
}

/**
 * Where each repetition of the grammar leads when it ends: chevrotain works it out, for in-repetition
 * recovery, the first time a parse leaves the repetition (every parse, so the first compile paid for
 * it). Kept as data for every repetition, keyed as chevrotain keys them.
 */
export type RecordedAfterRepetitions = Readonly<Record<string, RecordedAfterRepetition>>;

export interface RecordedAfterRepetition {
  readonly token: string | null;
  readonly occurrence: number | null;
  readonly isEndOfRule: boolean | null;
}

/** What chevrotain keeps per repetition (its `firstAfterRepMap`). */
export interface AfterRepetition {
  readonly token: TokenType | undefined;
  readonly occurrence: number | undefined;
  readonly isEndOfRule: boolean | undefined;
}

/** Queries whose parse leaves every repetition of the grammar (the test checks that none is missed). */
export const REPETITION_CORPUS = [
  "status = new and tags = Paid or rating = poor sort by createdAt desc limit 5 offset 2",
  "status in (new, closed) count by status, tags",
];

export function recordAfterRepetitions(
  map: Readonly<Record<string, AfterRepetition>>,
): RecordedAfterRepetitions {
  return Object.fromEntries(
    Object.entries(map).map(([key, after]) => [
      key,
      {
        token: after.token?.name ?? null,
        occurrence: after.occurrence ?? null,
        isEndOfRule: after.isEndOfRule ?? null,
      },
    ]),
  );
}

export function afterRepetitionsFromTable(
  table: RecordedAfterRepetitions,
  tokens: ReadonlyMap<string, TokenType>,
): Record<string, AfterRepetition> {
  const map: Record<string, AfterRepetition> = {};
  for (const [key, after] of Object.entries(table)) {
    const token = after.token === null ? undefined : tokens.get(after.token);
    if (after.token !== null && token === undefined) {
      throw new Error(`the recorded repetitions name an unknown token '${after.token}'`);
    }
    map[key] = {
      token,
      occurrence: after.occurrence ?? undefined,
      isEndOfRule: after.isEndOfRule ?? undefined,
    };
  }
  return map;
}
