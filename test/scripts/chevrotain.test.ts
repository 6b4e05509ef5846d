import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { TokenType } from "chevrotain";
import * as real from "chevrotain";
import { describe, expect, it, vi } from "vitest";
import {
  chevrotainModule,
  LEXER_STUB,
  lexerStub,
  NATIVE_BUILT_INS,
  nativeBuiltIns,
  withCheapMixins,
  withLightTokens,
  withOwnHas,
} from "../../scripts/chevrotain.mjs";

const SOURCES = new URL("../../node_modules/chevrotain/lib/src/", import.meta.url);
const APPLY_MIXINS = readFileSync(
  fileURLToPath(new URL("parse/parser/utils/apply_mixins.js", SOURCES)),
  "utf8",
);
const LEXER_PUBLIC = readFileSync(fileURLToPath(new URL("scan/lexer_public.js", SOURCES)), "utf8");
const TOKENS = readFileSync(fileURLToPath(new URL("scan/tokens.js", SOURCES)), "utf8");
const TOKENS_PUBLIC = readFileSync(fileURLToPath(new URL("scan/tokens_public.js", SOURCES)), "utf8");
/** A module of lodash, found as chevrotain's sources find it. */
const lodashSource = (file: string) =>
  readFileSync(createRequire(fileURLToPath(SOURCES)).resolve(`lodash-es/${file}`), "utf8");

type Chevrotain = typeof import("chevrotain");

async function load(text: string): Promise<Chevrotain> {
  return (await import(`data:text/javascript;base64,${Buffer.from(text).toString("base64")}`)) as Chevrotain;
}

/**
 * What chevrotain's token bookkeeping gave token types: every property in its order, indexes counted
 * from the first token type's (a module has made token types of its own before), categories by name.
 */
function bookkeeping(tokens: readonly TokenType[]) {
  const first = tokens[0]!.tokenTypeIdx!;
  return tokens.map((token) => ({
    name: token.name,
    properties: Object.keys(token),
    tokenTypeIdx: token.tokenTypeIdx! - first,
    CATEGORIES: (token.CATEGORIES ?? []).map((category) => category.name),
    categoryMatches: (token.categoryMatches ?? []).map((idx) => idx - first),
    categoryMatchesMap: Object.keys(token.categoryMatchesMap ?? {}).map((idx) => Number(idx) - first),
    isParent: token.isParent,
  }));
}

/**
 * Token types with every kind of category (one given alone, several, a category's category) and every
 * option of createToken, then a parser over them (which runs the bookkeeping again).
 */
function tokenTypesIn(chevrotain: Chevrotain) {
  const { createToken, Lexer, EmbeddedActionsParser } = chevrotain;
  const top = createToken({ name: "Top", pattern: Lexer.NA });
  const middle = createToken({ name: "Middle", pattern: Lexer.NA, categories: top as never });
  const other = createToken({ name: "Other", pattern: Lexer.NA });
  const a = createToken({ name: "A", pattern: /a/, categories: [middle, other] });
  const b = createToken({
    name: "B",
    pattern: /b/,
    label: "'b'",
    longer_alt: a,
    start_chars_hint: ["b"],
    categories: [middle],
  });
  const c = createToken({
    name: "C",
    pattern: /c/,
    group: "g",
    push_mode: "m",
    pop_mode: true,
    line_breaks: false,
  });
  const tokens = [top, middle, other, a, b, c];
  const created = bookkeeping(tokens);
  class Parser extends EmbeddedActionsParser {
    constructor() {
      super(tokens);
      this.RULE("rule", () => this.CONSUME(top));
      this.performSelfAnalysis();
    }
  }
  new Parser();
  return { created, afterParser: bookkeeping(tokens) };
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

  it("takes lodash's built-ins as they are, without testing their source text, and refuses a lodash whose getNative differs", async () => {
    expect(nativeBuiltIns(lodashSource("_getNative.js"))).toBe(NATIVE_BUILT_INS);
    expect(() => nativeBuiltIns("export default function getNative() {}")).toThrow(
      "lodash's _getNative.js is not the one hcql replaces",
    );
    const { default: getNative } = (await load(NATIVE_BUILT_INS)) as unknown as {
      default: (object: unknown, key: string) => unknown;
    };
    expect([
      getNative(globalThis, "Map"),
      getNative(Object, "create"),
      getNative(globalThis, "DataView"),
    ]).toEqual([Map, Object.create, DataView]);
    expect([getNative(undefined, "Map"), getNative(globalThis, "NoSuchThing")]).toEqual([
      undefined,
      undefined,
    ]);
    // lodash's own test reads Function.prototype.toString through a pattern, and core-js's shared store.
    expect(await chevrotainModule()).not.toContain("__core-js_shared__");
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

  it("replaces chevrotain 11.2's token bookkeeping and lodash's has in createToken, and refuses a chevrotain where either differs", () => {
    expect(withLightTokens(TOKENS)).toContain("function markInCategories(path) {");
    expect(withLightTokens(TOKENS)).not.toContain("expandCategories(tokenTypes);");
    expect(withOwnHas(TOKENS_PUBLIC)).not.toContain("import { has,");
    expect(() =>
      withLightTokens(TOKENS.replace("assignCategoriesMapProp(tokenTypesAndParents);", "")),
    ).toThrow("tokens.js: expected chevrotain 11.2's augmentTokenTypes once, found it 0 times");
    expect(() => withOwnHas(`${TOKENS_PUBLIC}\nhas(config, "a.b");`)).toThrow(
      "tokens_public.js: a has() call that is not has(config, NAME)",
    );
    expect(() => withOwnHas("export const x = 1;")).toThrow(
      "tokens_public.js: expected its lodash import once, found it 0 times",
    );
  });

  it("gives token types exactly the bookkeeping chevrotain's own does, when created and once a parser is built", async () => {
    const bundled = tokenTypesIn(await load(await chevrotainModule()));
    const own = tokenTypesIn(real);
    expect(bundled).toEqual(own);
    expect(own.afterParser.find((token) => token.name === "Top")).toEqual({
      name: "Top",
      properties: [
        "name",
        "PATTERN",
        "tokenTypeIdx",
        "CATEGORIES",
        "categoryMatches",
        "categoryMatchesMap",
        "isParent",
      ],
      tokenTypeIdx: 0,
      CATEGORIES: [],
      categoryMatches: [1, 3, 4],
      categoryMatchesMap: [1, 3, 4],
      isParent: true,
    });
  });

  it("gives hcql's own token table the same bookkeeping as chevrotain's own does", async () => {
    const ownTable = (await import("../../src/lexer/tokens.js")).ALL_TOKENS;
    const bundled = await load(await chevrotainModule());
    vi.resetModules();
    let created = 0;
    vi.doMock("chevrotain", () => ({
      ...bundled,
      createToken: (config: Parameters<Chevrotain["createToken"]>[0]) => {
        created++;
        return bundled.createToken(config);
      },
    }));
    try {
      const bundledTable = (await import("../../src/lexer/tokens.js")).ALL_TOKENS;
      expect(bundledTable).not.toBe(ownTable);
      expect(bookkeeping(bundledTable)).toEqual(bookkeeping(ownTable));
      expect([bundledTable.length, created]).toEqual([52, 52]);
    } finally {
      vi.doUnmock("chevrotain");
      vi.resetModules();
    }
  });
});
