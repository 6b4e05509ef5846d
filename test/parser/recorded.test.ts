import { NonTerminal, RepetitionMandatory, type Rule, Rule as RuleClass, Terminal } from "chevrotain";
import { describe, expect, it } from "vitest";
import { ALL_TOKENS } from "../../src/lexer/tokens.js";
import { hcqlParser, validatedParser } from "../../src/parser/parser.js";
import { recordedRule, recordGrammar } from "../../src/parser/recorded.js";
import { RECORDED_GRAMMAR } from "../../src/parser/recorded-table.js";

const recorded = Object.values(validatedParser().getGAstProductions());
const fromTable = hcqlParser().getGAstProductions();
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

  it("refuses a production it cannot keep as data", () => {
    const rule = new RuleClass({ name: "r", definition: [new RepetitionMandatory({ definition: [] })] });
    expect(() => recordGrammar([rule])).toThrow("a RepetitionMandatory cannot be kept as data");
  });

  it("refuses a table naming a rule or token the grammar does not have", () => {
    expect(() => recordedRule(RECORDED_GRAMMAR, "nope", tokens)).toThrow(
      "the recorded grammar has no rule 'nope'",
    );
    const grammar = { r: [{ type: "Terminal", token: "Nope", idx: 0 }] } as const;
    expect(() => recordedRule(grammar, "r", tokens)).toThrow(
      "the recorded grammar names an unknown token 'Nope'",
    );
    expect(new Terminal({ terminalType: tokens.get("Word")!, idx: 0 })).toEqual(
      recordedRule({ r: [{ type: "Terminal", token: "Word", idx: 0 }] }, "r", tokens).definition[0],
    );
  });
});
