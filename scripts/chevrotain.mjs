// chevrotain as every bundle takes it: its minified ES build, with one start-up cost taken out.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** chevrotain's package entry costs ~200 ms to import; its bundled min build ~10 ms. */
const MIN_BUILD = fileURLToPath(
  new URL("../node_modules/chevrotain/lib/chevrotain.min.mjs", import.meta.url),
);

/**
 * chevrotain's `applyMixins(Parser, [...])`, as minified: it copies ~200 methods one at a time onto
 * the parser's prototype while chevrotain is imported.
 */
const APPLY_MIXINS =
  /function (\w+)\((\w+),(\w+)\)\{(?=\3\.forEach\((\w+)=>\{let (\w+)=\4\.prototype;Object\.getOwnPropertyNames\(\5\))/g;

/**
 * Each method added to a fast-mode prototype copies the prototype's whole descriptor array, so
 * applyMixins allocates ~690 KB (quadratic in the methods) and sets off two scavenges: ~9 ms of
 * every start (bench rows `library-import`, `cold-start`, `repl-first-*`). Adding two properties and
 * deleting the first puts the prototype in dictionary mode, where an add copies nothing; V8 makes
 * the prototype fast again when a parser first uses it.
 */
export function withCheapMixins(source) {
  const matches = [...source.matchAll(APPLY_MIXINS)];
  if (matches.length !== 1) {
    throw new Error(`chevrotain.min.mjs: expected applyMixins once, found it ${matches.length} times`);
  }
  return source.replace(
    APPLY_MIXINS,
    (whole, _name, target) =>
      `${whole}${target}.prototype.__hcqlA=0;${target}.prototype.__hcqlB=0;` +
      `delete ${target}.prototype.__hcqlA;delete ${target}.prototype.__hcqlB;`,
  );
}

/** An esbuild plugin: `import ... from "chevrotain"` takes the min build, patched as above. */
export function chevrotainPlugin() {
  return {
    name: "chevrotain",
    setup(build) {
      build.onResolve({ filter: /^chevrotain$/ }, () => ({ path: MIN_BUILD }));
      build.onLoad({ filter: /[\\/]chevrotain\.min\.mjs$/ }, async (args) => ({
        contents: withCheapMixins(await readFile(args.path, "utf8")),
        loader: "js",
      }));
    },
  };
}
