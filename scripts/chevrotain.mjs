// chevrotain as every bundle takes it: built from its ES module sources into one minified module (as
// its own min build is), without its Lexer, and with one start-up cost taken out.
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

/** The plugin that builds chevrotain's sources as hcql takes them: the Lexer stubbed, the mixins cheap. */
function patches() {
  return {
    name: "chevrotain-patches",
    setup(b) {
      b.onLoad({ filter: LEXER_PUBLIC }, async (args) => ({
        contents: lexerStub(await readFile(args.path, "utf8")),
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
