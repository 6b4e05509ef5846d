// chevrotain as every bundle takes it: built from its ES module sources into one minified module (as
// its own min build is), without its Lexer, and with start-up costs taken out: the mixins, the token
// bookkeeping, and lodash's test of each built-in it takes.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** chevrotain's entry among its ES module sources (its package entry costs ~200 ms to import unbundled). */
const API = fileURLToPath(new URL("../node_modules/chevrotain/lib/src/api.js", import.meta.url));

const LEXER_PUBLIC = /[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer_public\.js$/;
const APPLY_MIXINS_FILE =
  /[\\/]chevrotain[\\/]lib[\\/]src[\\/]parse[\\/]parser[\\/]utils[\\/]apply_mixins\.js$/;

/** What chevrotain's lexer module exports; the stub below stands in for exactly these. */
const LEXER_EXPORTS = ["Lexer", "LexerDefinitionErrorType"];

/**
 * hcql lexes with its own scanner (src/lexer/scan.ts; chevrotain's Lexer is the reference it is tested
 * against, from the sources). Its bundles keep what the rest of chevrotain reads of the Lexer, the two
 * markers of token patterns, and leave out its analysis of patterns and the regexp parser behind it:
 * ~35 KB of code, ~10 KB gzipped (the 80 KB budget of `hcql/core` in a browser, test/package).
 */
export const LEXER_STUB = `export var LexerDefinitionErrorType = {};
export class Lexer {
  constructor() {
    throw new Error("chevrotain's Lexer is not in hcql's bundles: queries are lexed by hcql's scanner");
  }
}
Lexer.SKIPPED = "This marks a skipped Token pattern, this means each token identified by it will be consumed and then thrown into oblivion, this can be used to for example to completely ignore whitespace.";
Lexer.NA = /NOT_APPLICABLE/;
`;

/** The names a module exports with `export class|function|var|let|const`. */
function exportedNames(source) {
  return [...source.matchAll(/^export (?:class|function|var|let|const) (\w+)/gm)].map((m) => m[1]).sort();
}

/** The stub, once the real module is seen to export what it stands in for (else a newer chevrotain changed it). */
export function lexerStub(realSource) {
  const names = exportedNames(realSource);
  if (names.join() !== [...LEXER_EXPORTS].sort().join()) {
    throw new Error(
      `chevrotain's lexer_public.js exports ${names.join(", ")}; the stub stands in for ${LEXER_EXPORTS.join(", ")}`,
    );
  }
  return LEXER_STUB;
}

const APPLY_MIXINS = "export function applyMixins(derivedCtor, baseCtors) {";

/**
 * chevrotain's `applyMixins(Parser, [...])` copies ~200 methods one at a time onto the parser's
 * prototype while chevrotain is imported. Each method added to a fast-mode prototype copies the
 * prototype's whole descriptor array, so it allocates ~690 KB (quadratic in the methods) and sets off
 * two scavenges: ~9 ms of every start (bench rows `library-import`, `cold-start`, `repl-first-*`).
 * Adding two properties and deleting them puts the prototype in dictionary mode, where an add copies
 * nothing; V8 makes the prototype fast again when a parser first uses it.
 */
export function withCheapMixins(source) {
  const found = source.split(APPLY_MIXINS).length - 1;
  if (found !== 1) throw new Error(`apply_mixins.js: expected applyMixins once, found it ${found} times`);
  return source.replace(
    APPLY_MIXINS,
    `${APPLY_MIXINS}const p=derivedCtor.prototype;p.__hcqlA=0;p.__hcqlB=0;delete p.__hcqlA;delete p.__hcqlB;`,
  );
}

const TOKENS_FILE = /[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]tokens\.js$/;
const TOKENS_PUBLIC_FILE = /[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]tokens_public\.js$/;

/** chevrotain 11.2's augmentTokenTypes, which withLightTokens replaces (and refuses to if it changed). */
const AUGMENT_TOKEN_TYPES = `export function augmentTokenTypes(tokenTypes) {
    // collect the parent Token Types as well.
    const tokenTypesAndParents = expandCategories(tokenTypes);
    // add required tokenType and categoryMatches properties
    assignTokenDefaultProps(tokenTypesAndParents);
    // fill up the categoryMatches
    assignCategoriesMapProp(tokenTypesAndParents);
    assignCategoriesTokensProp(tokenTypesAndParents);
    forEach(tokenTypesAndParents, (tokType) => {
        tokType.isParent = tokType.categoryMatches.length > 0;
    });
}`;

/**
 * The same steps in plain loops. Every createToken and every parser runs augmentTokenTypes, and
 * chevrotain's version (lodash's clone, flatten and difference, a path array per category and a key
 * array per `has`) allocated ~150 KB for hcql's 45 tokens and its parser: young-generation pages
 * touched for the first time, each a page fault, at every start (bench row `cold-start`). The token
 * types come out the same: properties, values, their order, and the token indexes
 * (test/scripts/chevrotain.test.ts). The loops stay short on purpose: one over every token index,
 * run at every createToken, was hot enough for V8 to optimize it at start-up, which cost more.
 */
const LIGHT_AUGMENT_TOKEN_TYPES = `export function augmentTokenTypes(tokenTypes) {
    const own = Object.prototype.hasOwnProperty;
    const all = withCategories(tokenTypes);
    for (let i = 0; i < all.length; i++) {
        const tokType = all[i];
        if (!own.call(tokType, "tokenTypeIdx")) {
            tokenIdxToClass[tokenShortNameIdx] = tokType;
            tokType.tokenTypeIdx = tokenShortNameIdx++;
        }
        if (own.call(tokType, "CATEGORIES") && !isArray(tokType.CATEGORIES)) tokType.CATEGORIES = [tokType.CATEGORIES];
        if (!own.call(tokType, "CATEGORIES")) tokType.CATEGORIES = [];
        if (!own.call(tokType, "categoryMatches")) tokType.categoryMatches = [];
        if (!own.call(tokType, "categoryMatchesMap")) tokType.categoryMatchesMap = {};
    }
    const path = [];
    for (let i = 0; i < all.length; i++) {
        path.push(all[i]);
        markInCategories(path);
        path.pop();
    }
    for (let i = 0; i < all.length; i++) {
        const tokType = all[i];
        const keys = Object.keys(tokType.categoryMatchesMap);
        const matches = [];
        for (let k = 0; k < keys.length; k++) matches.push(tokenIdxToClass[keys[k]].tokenTypeIdx);
        tokType.categoryMatches = matches;
        tokType.isParent = matches.length > 0;
    }
}
// expandCategories: the token types, then their categories, then theirs, each once.
function withCategories(tokenTypes) {
    const all = tokenTypes.slice();
    for (let i = 0; i < all.length; i++) {
        let categories = all[i].CATEGORIES;
        if (categories === undefined || categories === null) continue;
        if (!isArray(categories)) categories = [categories];
        for (let j = 0; j < categories.length; j++) {
            if (categories[j] && all.indexOf(categories[j]) === -1) all.push(categories[j]);
        }
    }
    return all;
}
// singleAssignCategoriesToksMap with one path array: each category of the path's last token type,
// and each of theirs, matches every token type on the path.
function markInCategories(path) {
    const categories = path[path.length - 1].CATEGORIES;
    for (let i = 0; i < categories.length; i++) {
        const category = categories[i];
        if (path.indexOf(category) !== -1) continue;
        for (let j = 0; j < path.length; j++) category.categoryMatchesMap[path[j].tokenTypeIdx] = true;
        path.push(category);
        markInCategories(path);
        path.pop();
    }
}`;

/** tokens.js with LIGHT_AUGMENT_TOKEN_TYPES for augmentTokenTypes; throws unless that is chevrotain 11.2's. */
export function withLightTokens(source) {
  const found = source.split(AUGMENT_TOKEN_TYPES).length - 1;
  if (found !== 1)
    throw new Error(`tokens.js: expected chevrotain 11.2's augmentTokenTypes once, found it ${found} times`);
  return source.replace(AUGMENT_TOKEN_TYPES, LIGHT_AUGMENT_TOKEN_TYPES);
}

const LODASH_HAS = 'import { has, isString, isUndefined } from "lodash-es";';

/**
 * tokens_public.js with lodash's `has` (which builds a path array per call) as an own-property test:
 * createToken asks it of nine names (bench row `cold-start`). Every call there is `has(config, NAME)`
 * with a plain name, where the two agree.
 */
export function withOwnHas(source) {
  const found = source.split(LODASH_HAS).length - 1;
  if (found !== 1)
    throw new Error(`tokens_public.js: expected its lodash import once, found it ${found} times`);
  const calls = source.match(/\bhas\(/g) ?? [];
  const plain = source.match(/\bhas\(config, [A-Z_]+\)/g) ?? [];
  if (calls.length !== plain.length)
    throw new Error("tokens_public.js: a has() call that is not has(config, NAME)");
  return source.replace(
    LODASH_HAS,
    `import { isString, isUndefined } from "lodash-es";
function has(object, key) { return object != null && Object.prototype.hasOwnProperty.call(object, key); }`,
  );
}

const LODASH_GET_NATIVE = /[\\/]lodash-es[\\/]_getNative\.js$/;

/**
 * lodash's `getNative`, as hcql's bundles take it. While chevrotain is imported, lodash tests each
 * built-in it takes (Map, Set, WeakMap, Promise, DataView, Object.create, Object.defineProperty)
 * against a pattern made from the source text of `Function.prototype.toString`, to pass over a shim.
 * Every platform hcql runs on has them native, so each is taken as it is: chevrotain's set-up took
 * ~0.25 ms less (1.81 against 1.55 ms, medians of 21 fresh imports; bench row `library-import`).
 */
export const NATIVE_BUILT_INS =
  "export default function getNative(object, key) { return object == null ? undefined : object[key]; }";

/** NATIVE_BUILT_INS, once `source` is seen to be the lodash module it stands in for; throws otherwise. */
export function nativeBuiltIns(source) {
  if (!source.includes("function getNative(object, key) {") || !source.includes("baseIsNative(value)")) {
    throw new Error("lodash's _getNative.js is not the one hcql replaces");
  }
  return NATIVE_BUILT_INS;
}

/** The plugin that builds chevrotain's sources as hcql takes them: the Lexer stubbed, the mixins cheap, lodash's built-ins taken as they are. */
function patches() {
  return {
    name: "chevrotain-patches",
    setup(b) {
      b.onLoad({ filter: LEXER_PUBLIC }, async (args) => ({
        contents: lexerStub(await readFile(args.path, "utf8")),
        loader: "js",
      }));
      b.onLoad({ filter: TOKENS_FILE }, async (args) => ({
        contents: withLightTokens(await readFile(args.path, "utf8")),
        loader: "js",
      }));
      b.onLoad({ filter: TOKENS_PUBLIC_FILE }, async (args) => ({
        contents: withOwnHas(await readFile(args.path, "utf8")),
        loader: "js",
      }));
      b.onLoad({ filter: LODASH_GET_NATIVE }, async (args) => ({
        contents: nativeBuiltIns(await readFile(args.path, "utf8")),
        loader: "js",
      }));
      b.onLoad({ filter: APPLY_MIXINS_FILE }, async (args) => ({
        contents: withCheapMixins(await readFile(args.path, "utf8")),
        loader: "js",
      }));
    },
  };
}

let bundled;

/** chevrotain as one minified ES module, built once per process. */
export function chevrotainModule() {
  bundled ??= build({
    entryPoints: [API],
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "warning",
    plugins: [patches()],
  }).then((result) => result.outputFiles[0].text);
  return bundled;
}

/** An esbuild plugin: `import ... from "chevrotain"` takes chevrotainModule(). */
export function chevrotainPlugin() {
  return {
    name: "chevrotain",
    setup(b) {
      b.onResolve({ filter: /^chevrotain$/ }, () => ({ path: "chevrotain", namespace: "chevrotain" }));
      b.onLoad({ filter: /.*/, namespace: "chevrotain" }, async () => ({
        contents: await chevrotainModule(),
        loader: "js",
      }));
    },
  };
}
