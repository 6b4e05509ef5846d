// Builds dist/: the library entries and the CLI with esbuild (the steps of STEPS), and with
// --declarations the library's .d.ts files under dist/types (--only-declarations: those alone).
// The tests' global set-up runs the esbuild steps; `npm pack` runs both through `prepack`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { pageStep } from "./build-page.mjs";
import { chevrotainPlugin } from "./chevrotain.mjs";
import { importDeclaringFiles } from "./declaring-files.mjs";
import { directImports } from "./indexes.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

/** The library's entries (package.json `exports`), each with its declaration file under dist/types. */
export const LIBRARY_ENTRIES = {
  index: "src/index.ts",
  core: "src/core.ts",
  emulator: "src/emulator.ts",
  testing: "src/testing.ts",
};

/** The entries Node runs from the one CommonJS bundle (package.json's `node` conditions; dist/node). */
const NODE_ENTRIES = ["index", "core"];

/** A module specifier in a declaration file: `from "…"`, `import "…"`, `import("…")`. */
const DECLARATION_IMPORT = /(?:from\s+|import\s*\(?)\s*"([^"]+)"/g;

/** Packages that must never appear in a public declaration: they are bundled, not installed. */
const BUNDLED_PACKAGES = ["chevrotain", "ky", "string-width", "picocolors", "csv-stringify"];

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  target: "node20",
  sourcemap: false,
  minifySyntax: true,
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
};

/** `import pkg from "../package.json"` becomes the version alone, so no bundle carries the manifest. */
const versionOnly = {
  name: "version-only",
  setup(b) {
    b.onLoad({ filter: /[\\/]package\.json$/ }, () => ({
      contents: JSON.stringify({ version }),
      loader: "json",
    }));
  },
};

/**
 * Packages whose module code runs on first use instead of at import: string-width creates an
 * Intl.Segmenter when imported (~15 ms of ICU data), which compiling a query does not need (bench
 * rows `library-import` and `cold-start`). Each is bundled as CommonJS into a function that its first
 * use calls; `facade` is what the rest of the bundle imports in its place (the same names as the
 * package's).
 */
const LAZY_FACADES = {
  "string-width":
    "export default function stringWidth(text, options) { return load().default(text, options); }",
};

function lazyPackages(names) {
  return {
    name: "lazy-packages",
    setup(b) {
      const filter = new RegExp(`^(${names.join("|")})$`);
      b.onResolve({ filter }, (args) => ({ path: args.path, namespace: "lazy-package" }));
      b.onLoad({ filter: /.*/, namespace: "lazy-package" }, async (args) => {
        const bundled = await build({
          ...common,
          entryPoints: [args.path],
          metafile: false,
          write: false,
          format: "cjs",
          platform: "neutral",
          mainFields: ["module", "main"],
        });
        // A function declaration, not a parenthesised expression: V8 compiles the latter eagerly.
        const contents = `${LAZY_FACADES[args.path]}
let loaded;
function load() {
  if (loaded === undefined) {
    const module = { exports: {} };
    evaluate(module, module.exports);
    loaded = module.exports;
  }
  return loaded;
}
function evaluate(module, exports) {
${bundled.outputFiles[0].text}
}`;
        return { contents, loader: "js", resolveDir: root };
      });
    },
  };
}

/**
 * The library: ES modules sharing chunks, with no Node-only preamble, so that a bundler can take
 * `hcql/core` and `hcql` to a browser. Only the emulator imports Node's modules (`node:` imports).
 */
const library = {
  ...common,
  entryPoints: LIBRARY_ENTRIES,
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  splitting: true,
  format: "esm",
  // Whitespace only: V8 scans every byte of a module before it runs, and a fifth fewer is ~5 ms of an
  // import (bench row `library-import`); names stay, so stack traces and a formatter still read well.
  minifyWhitespace: true,
  // Short lines: an uncaught error prints the line it was thrown from, not tens of kilobytes.
  lineLimit: 160,
  external: ["fast-check"],
  plugins: [chevrotainPlugin(), lazyPackages(["string-width"]), versionOnly, directImports(root)],
};

/**
 * The CLI's own files are minified: V8 reads a whole script before running it, and a third fewer bytes
 * is a few milliseconds of every start (bench rows `cold-start` and `repl-first-*`). The library keeps
 * its names, for the stack traces and debuggers of those who embed it.
 */
const minified = { minifyWhitespace: true, minifyIdentifiers: true, lineLimit: 160 };

const commonJs = { ...common, outdir: "dist", format: "cjs", outExtension: { ".js": ".cjs" } };

/**
 * The CLI: two CommonJS files, one of every command and one of the printing commands alone. Node
 * starts a CommonJS script sooner than a graph of ES modules, and each is run from a code cache
 * (below); each command's modules run only when it runs (esbuild's lazy module set-up), and the shell
 * shares the language's code with the compile commands instead of loading a copy of its own. A cold
 * `hcql compile` reads the smaller file and its cache (bench rows `cold-start` and `repl-first-*`).
 */
const cli = {
  ...commonJs,
  ...minified,
  entryPoints: { "cli-all": "src/cli-all.ts", "cli-print": "src/cli-print.ts" },
  plugins: [chevrotainPlugin(), lazyPackages(["string-width"]), versionOnly, directImports(root)],
  // The one module that finds its files from its own URL (src/web/assets.ts); worked out when read,
  // since node:url and the conversion cost every start ~0.5 ms (bench row `cold-start`).
  define: { "import.meta.url": "__hcqlModule.url" },
  // The file is the function CommonJS wraps a module in, so that src/cli-loader.ts compiles it as read:
  // wrapping it there made a second 470 KB string on every start (bench row `cold-start`).
  banner: {
    js: `(function (exports, require, module, __filename, __dirname) {
var __hcqlModule = { get url() { return require("node:url").pathToFileURL(__filename).href; } };`,
  },
  footer: { js: "})" },
};
/** The `hcql` command itself: runs the bundle above from its code cache (see src/cli-loader.ts). */
const cliLoader = {
  ...commonJs,
  ...minified,
  entryPoints: { cli: "src/cli-loader.ts" },
  plugins: [directImports(root)],
};

/** The function CommonJS wraps a module in, around a bundle that src/code-cache/ runs as read. */
const wrapped = {
  banner: { js: "(function (exports, require, module, __filename, __dirname) {" },
  footer: { js: "})" },
};

/**
 * `hcql` in Node (package.json's `node` condition): the main entry as one CommonJS bundle, run from a
 * code cache by dist/node/load.cjs (src/library-loader.ts; bench row `library-import`). Names stay, as
 * in the ES modules, for the stack traces and debuggers of those who embed it: mangled, the bundle is
 * a third smaller, and an import measured the same (medians of 41 alternating runs, ±1 ms).
 * dist/node/index.cjs and core.cjs (written below) name its exports.
 */
const libraryForNode = {
  ...commonJs,
  outdir: "dist/node",
  entryPoints: { hcql: "src/index.ts" },
  minifyWhitespace: true,
  lineLimit: 160,
  plugins: [chevrotainPlugin(), lazyPackages(["string-width"]), versionOnly, directImports(root)],
  ...wrapped,
};
/** dist/node/load.cjs: runs the bundle above from its cache. */
const libraryLoader = {
  ...commonJs,
  entryPoints: { "node/load": "src/library-loader.ts" },
  plugins: [directImports(root)],
};

/** The esbuild steps, run in parallel. Add a step here. */
const STEPS = { library, cli, cliLoader, libraryForNode, libraryLoader, page: pageStep(common) };

const args = new Set(process.argv.slice(2));
const dist = join(root, "dist");
if (!args.has("--only-declarations")) {
  const built = Object.fromEntries(
    await Promise.all(Object.entries(STEPS).map(async ([name, options]) => [name, await build(options)])),
  );
  const results = Object.values(built);
  assertNoRequireShim(built.library);
  assertAscii(built.cli);
  assertAscii(built.libraryForNode);
  const nodeEntries = writeNodeEntries(built.library.metafile);
  // Chunk names carry content hashes, so every build leaves the previous chunks behind: remove them
  // (declarations are left to their own step).
  const outputs = new Set(
    results.flatMap((result) => Object.keys(result.metafile.outputs).map((path) => join(root, path))),
  );
  // The draws first: the shell's code cache is made of a demo search, which reads them.
  outputs.add(await writeDemoDraws());
  for (const file of [...nodeEntries, ...codeCaches()]) outputs.add(file);
  removeStale(dist, (path) => outputs.has(path) || path.startsWith(join(dist, "types")));
}
if (args.has("--declarations") || args.has("--only-declarations")) {
  const reached = declarations();
  removeStale(join(dist, "types"), (path) => reached.has(path));
}

/**
 * dist/demo-draws.bin: the demo's random draws, drawn once here instead of at every start (see
 * src/emulator/draws-file.ts; bench row `repl-first-search`). Returns its path.
 */
async function writeDemoDraws() {
  const bundled = await build({
    ...common,
    entryPoints: ["src/emulator/draws-file.ts"],
    format: "cjs",
    write: false,
    metafile: false,
    // The module finds the shipped file from its URL, which this one-off run does not use.
    define: { "import.meta.url": "undefined" },
  });
  const module = { exports: {} };
  new Function("module", "exports", "require", bundled.outputFiles[0].text)(module, module.exports, require);
  return module.exports.writeDemoDraws(dist);
}

/**
 * Writes the code caches of the CLI's two bundles and of the library's for Node (scripts/code-cache.cjs)
 * in processes of their own, started as `hcql` is, so that they suit the V8 flags of a plain `node`.
 * Returns their paths.
 */
function codeCaches() {
  const { CODE_CACHES } = require("./code-cache.cjs");
  const cli = require("../dist/cli.cjs");
  const library = require("../dist/node/load.cjs");
  const caches = { ...CODE_CACHES, library: { input: "" } };
  return Object.entries(caches).map(([kind, { input }]) => {
    const run = spawnSync(process.execPath, [join(root, "scripts/code-cache.cjs"), kind], {
      input,
      stdio: ["pipe", "ignore", "pipe"],
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`scripts/code-cache.cjs ${kind} failed:\n${run.stderr}`);
    return kind === "library" ? library.codeCacheFile() : cli.codeCacheFile(kind);
  });
}

/**
 * dist/node/index.cjs and core.cjs: CommonJS files giving the exports of `hcql` and `hcql/core` (as
 * the build of dist/index.js and core.js found them), taken from the one bundle dist/node/load.cjs
 * runs. CommonJS, not ES modules: Node imports a CommonJS file without its ES module source loader (and
 * the modules it loads, fs/promises and readline among them) and without linking a module of ~40
 * exports, ~3 ms of `import('hcql')` (bench row `library-import`); it reads the names from the
 * `module.exports = { ... }` line. Returns their paths.
 */
function writeNodeEntries(metafile) {
  return NODE_ENTRIES.map((entry) => {
    const names = metafile.outputs[`dist/${entry}.js`].exports.sort().join(", ");
    const path = join(dist, "node", `${entry}.cjs`);
    writeFileSync(
      path,
      `"use strict";
// The exports of dist/${entry}.js, from the bundle that load.cjs runs from its code cache.
const { ${names} } = require("./load.cjs").library();
module.exports = { ${names} };
`,
    );
    return path;
  });
}

/** A library file that calls esbuild's `require` shim would throw in a browser and in ES module Node. */
function assertNoRequireShim(result) {
  for (const file of Object.keys(result.metafile.outputs)) {
    if (readFileSync(join(root, file), "utf8").includes("Dynamic require of")) {
      throw new Error(`${file} calls require(): a CommonJS-only dependency reached the library`);
    }
  }
}

/** The CLI's bundle is read as Latin-1 (src/cli-loader.ts), which is only right while it is ASCII. */
function assertAscii(result) {
  for (const file of Object.keys(result.metafile.outputs)) {
    const at = readFileSync(join(root, file), "latin1").search(/[^\x00-\x7f]/);
    if (at !== -1) throw new Error(`${file}: a character that is not ASCII at offset ${at}`);
  }
}

/**
 * Emits the .d.ts files with tsc (tsconfig.build.json), points their imports from folders' indexes at
 * the declaring files (scripts/declaring-files.mjs) and keeps those the entries' declarations reach;
 * fails when one of them names a bundled package, which a consumer does not have. Returns the files
 * kept, with the CommonJS twins of those behind the entries Node takes as CommonJS.
 */
function declarations() {
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  rmSync(join(root, "dist/types"), { recursive: true, force: true });
  const run = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: root,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`tsc --emitDeclarationOnly failed:\n${run.stdout}${run.stderr}`);
  importDeclaringFiles(filesUnder(join(root, "dist/types")));
  const reached = declarationsReached(Object.keys(LIBRARY_ENTRIES));
  for (const file of declarationsReached(NODE_ENTRIES)) reached.add(writeCommonJsTwin(file));
  return reached;
}

/** The declaration files of `entries` and every one they import. */
function declarationsReached(entries) {
  const reached = new Set();
  const pending = entries.map((entry) =>
    join(root, "dist/types", relative("src", LIBRARY_ENTRIES[entry]).replace(/\.ts$/, ".d.ts")),
  );
  while (pending.length > 0) {
    const file = pending.pop();
    if (reached.has(file)) continue;
    if (!existsSync(file)) throw new Error(`no declaration file ${relative(root, file)}`);
    reached.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, specifier] of text.matchAll(DECLARATION_IMPORT)) {
      if (specifier.startsWith("."))
        pending.push(resolve(dirname(file), specifier.replace(/\.js$/, ".d.ts")));
      else if (BUNDLED_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`))) {
        throw new Error(`${relative(root, file)} names '${specifier}', which consumers do not install`);
      }
    }
  }
  return reached;
}

/**
 * `file` as a CommonJS declaration file (.d.cts beside it, importing the other twins): the types of
 * dist/node/index.cjs and core.cjs, which Node runs as CommonJS whether imported or required (see
 * writeNodeEntries), so a compiler resolving with the `node` condition reads what Node runs. Returns
 * its path.
 */
function writeCommonJsTwin(file) {
  const twin = file.replace(/\.d\.ts$/, ".d.cts");
  const text = readFileSync(file, "utf8").replace(DECLARATION_IMPORT, (whole, specifier) =>
    specifier.startsWith(".") ? whole.replace(/\.js"$/, '.cjs"') : whole,
  );
  writeFileSync(twin, text);
  return twin;
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((file) => join(dir, file))
    .filter((path) => statSync(path).isFile());
}

/** Removes the files under `dir` that `keep` rejects, and folders left empty. */
function removeStale(dir, keep) {
  for (const file of readdirSync(dir)) {
    const path = join(dir, file);
    if (statSync(path).isDirectory()) {
      removeStale(path, keep);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
    } else if (!keep(path)) rmSync(path, { force: true });
  }
}
