import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RAILROAD_PATH, railroadHtml } from "../../scripts/railroad.js";
import { DIAGNOSTIC_CODES } from "../../src/language/diagnostics.js";
import { FIELDS, type FieldSpec } from "../../src/language/fields.js";
import { parse } from "../../src/parser/index.js";
import { validatedParser } from "../../src/parser/parser.js";

const GRAMMAR = readFileSync(fileURLToPath(new URL("../../grammar.md", import.meta.url)), "utf8");

/** Each EBNF terminal, as the parser's token type (a category where several spellings share one). */
const TERMINALS: Readonly<Record<string, string>> = {
  '"sort"': "SortStart",
  '"order"': "SortStart",
  '"by"': "By",
  '"asc"': "Asc",
  '"desc"': "Desc",
  '"limit"': "Limit",
  '"offset"': "Offset",
  '"or"': "OrOp",
  '"||"': "OrOp",
  '"and"': "AndOp",
  '"&&"': "AndOp",
  '"not"': "NotOp",
  '"!"': "NotOp",
  '"("': "LParen",
  '")"': "RParen",
  '","': "Comma",
  '"in"': "In",
  '"between"': "Between",
  '"contains"': "Contains",
  '"+"': "Plus",
  '"-"': "Minus",
  '"ago"': "Ago",
  '"count"': "Count",
  '"per"': "Per",
  WORD: "Word",
  INT: "Integer",
  STRING: "StringLiteral",
  DATE: "Date",
  DATETIME: "DateTime",
  DURATION: "Duration",
  OP: "ComparisonOp",
};

/** Tokens the parser reads only to report them (a keyword as a value, `7days`): not part of the language. */
const ERROR_PRODUCTIONS: Readonly<Record<string, readonly string[]>> = { value: ["Keyword", "BadDuration"] };
const SAME_TOKEN: Readonly<Record<string, string>> = { DurationLike: "Duration" };

function ebnfRules(markdown: string): Map<string, Set<string>> {
  const block = /```ebnf\n([\s\S]*?)```/.exec(markdown)?.[1];
  if (block === undefined) throw new Error("grammar.md has no ebnf block");
  const rules = new Map<string, Set<string>>();
  for (const [, name, body] of block.replace(/\(\*[\s\S]*?\*\)/g, "").matchAll(/(\w+)\s*=\s*([^;]*);/g)) {
    const symbols = new Set<string>();
    const quoted = body!.match(/"[^"]*"/g) ?? [];
    for (const q of quoted) symbols.add(`tok:${TERMINALS[q] ?? `unknown ${q}`}`);
    for (const id of body!.replace(/"[^"]*"/g, " ").match(/[A-Za-z]+/g) ?? []) {
      symbols.add(/^[A-Z]+$/.test(id) ? `tok:${TERMINALS[id] ?? `unknown ${id}`}` : `rule:${id}`);
    }
    rules.set(name!, symbols);
  }
  return rules;
}

interface Gast {
  readonly type: string;
  readonly name?: string;
  readonly definition?: readonly Gast[];
}

function symbolsOf(node: Gast, out = new Set<string>()): Set<string> {
  if (node.type === "NonTerminal") out.add(`rule:${node.name}`);
  if (node.type === "Terminal") out.add(`tok:${SAME_TOKEN[node.name!] ?? node.name}`);
  for (const child of node.definition ?? []) symbolsOf(child, out);
  return out;
}

function parserRules(): Map<string, Set<string>> {
  const rules = new Map<string, Set<string>>();
  for (const rule of validatedParser().getSerializedGastProductions() as unknown as Gast[]) {
    const symbols = symbolsOf(rule);
    for (const error of ERROR_PRODUCTIONS[rule.name!] ?? []) symbols.delete(`tok:${error}`);
    rules.set(rule.name!, symbols);
  }
  return rules;
}

const sorted = (s: Set<string> | undefined) => [...(s ?? [])].sort();

describe("grammar.md", () => {
  const ebnf = ebnfRules(GRAMMAR);
  const parser = parserRules();

  it("names the parser's rules, and only those", () => {
    expect([...ebnf.keys()].sort()).toEqual([...parser.keys()].sort());
  });

  it.each([...parserRules().keys()])("gives rule %s the parser's tokens and subrules", (name) => {
    expect(sorted(ebnf.get(name))).toEqual(sorted(parser.get(name)));
  });

  it("describes every terminal of the EBNF in its lexical table", () => {
    for (const name of Object.keys(TERMINALS).filter((t) => /^[A-Z]+$/.test(t))) {
      expect(GRAMMAR).toContain(`| ${name} |`);
    }
  });

  it("has the field table of src/language/fields.ts", () => {
    const table = /<!-- fields:start[^>]*-->\n([\s\S]*?)<!-- fields:end -->/.exec(GRAMMAR)?.[1];
    expect(table).toBe(fieldTable(FIELDS));
  });

  it("explains every diagnostic code", () => {
    for (const code of DIAGNOSTIC_CODES) expect(GRAMMAR).toContain(`| \`${code}\` |`);
  });

  it("quotes the messages hcql gives for its syntax error examples", () => {
    const table = GRAMMAR.slice(GRAMMAR.indexOf("Syntax errors, with what hcql says"));
    const rows = [...table.matchAll(/^\| `([^`]+)` \| (.+) \|$/gm)];
    expect(rows.length).toBeGreaterThan(10);
    for (const [, query, said] of rows) {
      const first = parse(query!).diagnostics[0];
      expect(first, query).toBeDefined();
      expect(said!.startsWith(first!.message), `${query}: ${first!.message}`).toBe(true);
    }
  });

  it("speaks to its readers only: no notes about the source tree, the tests or the scripts", () => {
    expect(GRAMMAR).not.toMatch(/\bsrc\/|\btest\/|npm run/);
    expect([...GRAMMAR.matchAll(/<!--(.*?)-->/g)].map((m) => m[1])).toEqual([
      " fields:start ",
      " fields:end ",
      " statuses:start ",
      " statuses:end ",
    ]);
  });
});

describe("docs/railroad.html", () => {
  it("is generated from the current parser, with its scripts inline", () => {
    const html = readFileSync(RAILROAD_PATH, "utf8");
    expect(html).toBe(railroadHtml());
    expect(html).not.toMatch(/<script src=|<link rel=|https?:\/\/unpkg/);
  });
});

function fieldTable(fields: readonly FieldSpec[]): string {
  const code = (s: string) => `\`${s}\``;
  const rows = fields.map((f) =>
    [
      code(f.name),
      f.shortNames.map(code).join(", "),
      f.type,
      f.operators.map(code).join(" "),
      f.sortable ? "yes" : "",
      f.description,
    ].join(" | "),
  );
  const header = [
    "| field (API name) | also accepted | type | operators | sort by | what it holds |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  return `${[...header, ...rows.map((r) => `| ${r} |`.replace(/ {2}\|/g, " |"))].join("\n")}\n`;
}
