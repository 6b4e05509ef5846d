import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as real from "chevrotain";
import { describe, expect, it } from "vitest";
import { chevrotainModule, LEXER_STUB, lexerStub, withCheapMixins } from "../../scripts/chevrotain.mjs";

const SOURCES = new URL("../../node_modules/chevrotain/lib/src/", import.meta.url);
const APPLY_MIXINS = readFileSync(
  fileURLToPath(new URL("parse/parser/utils/apply_mixins.js", SOURCES)),
  "utf8",
);
const LEXER_PUBLIC = readFileSync(fileURLToPath(new URL("scan/lexer_public.js", SOURCES)), "utf8");

type Chevrotain = typeof import("chevrotain");

async function load(text: string): Promise<Chevrotain> {
  return (await import(`data:text/javascript;base64,${Buffer.from(text).toString("base64")}`)) as Chevrotain;
}

/** The own properties of chevrotain's Parser class's prototype, which applyMixins fills. */
function parserMethods(chevrotain: Chevrotain): string[] {
  return Object.getOwnPropertyNames(Object.getPrototypeOf(chevrotain.EmbeddedActionsParser.prototype)).sort();
}

describe("the bundles' chevrotain (scripts/chevrotain.mjs)", () => {
  it("puts the parser's prototype in dictionary mode once, just before the mixins are copied onto it", () => {
    const patched = withCheapMixins(APPLY_MIXINS);
    expect(patched.match(/__hcqlA/g)).toHaveLength(2);
    expect(patched).toContain(
      "export function applyMixins(derivedCtor, baseCtors) {const p=derivedCtor.prototype;p.__hcqlA=0;p.__hcqlB=0;delete p.__hcqlA;delete p.__hcqlB;",
    );
  });

  it("refuses a chevrotain whose applyMixins or lexer module it does not know, rather than build without the change", () => {
    expect(() => withCheapMixins("export const x = 1;")).toThrow(
      "apply_mixins.js: expected applyMixins once, found it 0 times",
    );
    expect(lexerStub(LEXER_PUBLIC)).toBe(LEXER_STUB);
    expect(() => lexerStub(`${LEXER_PUBLIC}\nexport function newLexerApi() {}`)).toThrow(
      "chevrotain's lexer_public.js exports Lexer, LexerDefinitionErrorType, newLexerApi; the stub stands in for Lexer, LexerDefinitionErrorType",
    );
  });

  it("exports what chevrotain does, the parser's prototype with the same methods and no trace of the two properties", async () => {
    const bundled = await load(await chevrotainModule());
    expect(Object.keys(bundled).sort()).toEqual(Object.keys(real).sort());
    const methods = parserMethods(bundled);
    expect(methods).toEqual(parserMethods(real));
    expect(methods).toEqual(
      expect.arrayContaining(["CONSUME", "OR", "MANY", "SUBRULE", "performSelfAnalysis"]),
    );
    expect(methods.filter((name) => name.startsWith("__hcql"))).toEqual([]);
  });

  it("has no Lexer to lex with, only the two markers the rest of chevrotain reads", async () => {
    const bundled = await load(await chevrotainModule());
    expect([bundled.Lexer.NA, bundled.Lexer.SKIPPED]).toEqual([real.Lexer.NA, real.Lexer.SKIPPED]);
    expect(() => new bundled.Lexer([])).toThrow(
      "chevrotain's Lexer is not in hcql's bundles: queries are lexed by hcql's scanner",
    );
    expect(bundled.EOF.PATTERN).toEqual(real.Lexer.NA);
    const word = bundled.createToken({ name: "Word", pattern: /\w+/ });
    expect(bundled.tokenMatcher(bundled.createTokenInstance(word, "a", 0, 0, 0, 0, 0, 0), word)).toBe(true);
  });
});
