import {
  NonTerminal,
  RepetitionMandatory,
  type Rule,
  Rule as RuleClass,
  Terminal,
  type TokenType,
} from "chevrotain";
import { describe, expect, it, vi } from "vitest";
import { tokenize } from "../../src/lexer/index.js";
import { ALL_TOKENS } from "../../src/lexer/tokens.js";
import { hcqlParser, validatedParser } from "../../src/parser/parser.js";
import {
  type AfterRepetition,
  afterRepetitionsFromTable,
  followsFromTable,
  lazyRules,
  REPETITION_CORPUS,
  type RecordedGrammar,
  type RecordedProduction,
  recordAfterRepetitions,
  recordedRule,
  recordFollows,
  recordGrammar,
  resolvedRules,
} from "../../src/parser/recorded.js";
import {
  RECORDED_AFTER_REPETITIONS,
  RECORDED_FOLLOWS,
  RECORDED_GRAMMAR,
} from "../../src/parser/recorded-table.js";

const validated = validatedParser();
const recorded = Object.values(validated.getGAstProductions());
const fromTable = hcqlParser().getGAstProductions();
const followsOf = (parser: unknown) =>
  (parser as { resyncFollows: Record<string, TokenType[]> }).resyncFollows;
const tokens = new Map(ALL_TOKENS.map((token) => [token.name, token]));

/** Every non-terminal of a rule, nested ones included. */
function nonTerminals(rule: Rule): NonTerminal[] {
  const found: NonTerminal[] = [];
  const visit = (production: unknown) => {
    if (production instanceof NonTerminal) found.push(production);
    else for (const child of (production as { definition?: unknown[] }).definition ?? []) visit(child);
  };
  for (const production of rule.definition) visit(production);
  return found;
}

/** How many repetitions (MANY) the recorded grammar has. */
function repetitions(grammar: RecordedGrammar): number {
  let count = 0;
  const visit = (productions: readonly RecordedProduction[]) => {
    for (const p of productions) {
      if (p[0] === "Repetition") count++;
      if (p[0] === "Alternation") for (const [, definition] of p[4]) visit(definition);
      else if (p[0] === "Option" || p[0] === "Repetition") visit(p[2]);
    }
  };
  for (const rule of Object.values(grammar)) visit(rule);
  return count;
}

describe("the recorded grammar", () => {
  it("the table is what chevrotain records from the grammar (npm run grammar:lookahead writes it)", () => {
    expect(RECORDED_GRAMMAR).toEqual(recordGrammar(recorded));
  });

  it("the parser built from it has the rules chevrotain records, in the same order", () => {
    expect(Object.keys(fromTable)).toEqual(recorded.map((rule) => rule.name));
    expect(recordGrammar(Object.values(fromTable))).toEqual(recordGrammar(recorded));
  });

  it("rebuilds the productions field for field, chevrotain resolving the non-terminals", () => {
    for (const rule of recorded) {
      const rebuilt = fromTable[rule.name]!;
      expect(rebuilt.definition).toEqual(rule.definition);
      for (const reference of nonTerminals(rebuilt)) {
        expect(reference.referencedRule).toBe(fromTable[reference.nonTerminalName]);
      }
    }
  });

  it("builds the rules when one is first read: all of them, each reference resolved", () => {
    const rules = lazyRules(RECORDED_GRAMMAR, tokens);
    const built = () =>
      Object.values(Object.getOwnPropertyDescriptors(rules)).map((d) => d.get === undefined);
    expect(Object.keys(rules)).toEqual(Object.keys(RECORDED_GRAMMAR));
    expect(built().every((isBuilt) => !isBuilt)).toBe(true);
    const query = rules.query;
    expect(built().every((isBuilt) => isBuilt)).toBe(true);
    expect(rules.query).toBe(query);
    expect(recordGrammar(Object.values(rules))).toEqual(RECORDED_GRAMMAR);
    for (const rule of Object.values(rules)) {
      for (const reference of nonTerminals(rule)) {
        expect(reference.referencedRule).toBe(rules[reference.nonTerminalName]);
      }
    }
    expect(() => resolvedRules({ r: [["NonTerminal", "nope", 0]] }, tokens)).toThrow(
      "the recorded grammar refers to no rule 'nope'",
    );
  });

  it.each([
    ["status = pending and (tags = 'Paid' or rating = poor) sort by lastMessageAt desc limit 20", false],
    ["status in (1, 2) count by status, tags", false],
    ["status = ", true],
  ])("a fresh parser builds its rules only for errors: %j → %s", async (text, builds) => {
    vi.resetModules();
    // A new parser module, and the token types it was built with.
    const fresh = (await import("../../src/parser/parser.js")).hcqlParser();
    const lexer = await import("../../src/lexer/index.js");
    const rules = fresh.getGAstProductions();
    const isBuilt = () => Object.getOwnPropertyDescriptor(rules, "query")?.get === undefined;
    expect(isBuilt()).toBe(false);
    fresh.begin(text, lexer.tokenize(text).tokens);
    fresh.query();
    expect([fresh.errors.length > 0, isBuilt()]).toEqual([builds, builds]);
  });

  it("the follows in the table are those chevrotain computes for recovery, and the parser uses them", () => {
    expect(RECORDED_FOLLOWS).toEqual(recordFollows(followsOf(validated)));
    // The same token types, not copies: recovery compares them by identity.
    expect(followsOf(hcqlParser())).toStrictEqual(followsOf(validated));
    for (const [key, types] of Object.entries(followsOf(hcqlParser()))) {
      for (const [i, type] of types.entries()) expect(type).toBe(followsOf(validated)[key]![i]);
    }
  });

  it("where each repetition leads is what chevrotain works out, for every repetition of the grammar", () => {
    const fresh = validatedParser();
    for (const text of REPETITION_CORPUS) {
      fresh.begin(text, tokenize(text).tokens);
      fresh.query();
      expect(fresh.errors).toEqual([]);
    }
    const worked = (fresh as unknown as { firstAfterRepMap: Record<string, AfterRepetition> })
      .firstAfterRepMap;
    expect(RECORDED_AFTER_REPETITIONS).toEqual(recordAfterRepetitions(worked));
    expect(Object.keys(RECORDED_AFTER_REPETITIONS)).toHaveLength(repetitions(RECORDED_GRAMMAR));
    const installed = (hcqlParser() as unknown as { firstAfterRepMap: Record<string, AfterRepetition> })
      .firstAfterRepMap;
    for (const [key, after] of Object.entries(worked)) {
      expect(installed[key]).toEqual(after);
      expect(installed[key]!.token).toBe(after.token);
    }
    expect(() =>
      afterRepetitionsFromTable({ "1": { token: "Nope", occurrence: 1, isEndOfRule: false } }, tokens),
    ).toThrow("the recorded repetitions name an unknown token 'Nope'");
  });

  it("refuses follows naming a token the grammar does not have", () => {
    expect(() => followsFromTable({ "expr0_~IN~_query": ["Nope"] }, tokens)).toThrow(
      "the recorded follows name an unknown token 'Nope'",
    );
  });

  it("refuses a production it cannot keep as data", () => {
    const rule = new RuleClass({ name: "r", definition: [new RepetitionMandatory({ definition: [] })] });
    expect(() => recordGrammar([rule])).toThrow("a RepetitionMandatory cannot be kept as data");
  });

  it("refuses a table naming a rule or token the grammar does not have", () => {
    expect(() => recordedRule(RECORDED_GRAMMAR, "nope", tokens)).toThrow(
      "the recorded grammar has no rule 'nope'",
    );
    const grammar = { r: [["Terminal", "Nope", 0]] } as const;
    expect(() => recordedRule(grammar, "r", tokens)).toThrow(
      "the recorded grammar names an unknown token 'Nope'",
    );
    expect(new Terminal({ terminalType: tokens.get("Word")!, idx: 0 })).toEqual(
      recordedRule({ r: [["Terminal", "Word", 0]] }, "r", tokens).definition[0],
    );
  });
});
