// Bundles the CLI and the library entries into dist/ with esbuild (runs on `npm install` via `prepare`).
import { readdirSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { buildPage } from "./build-page.mjs";

const chevrotainMin = fileURLToPath(
  new URL("../node_modules/chevrotain/lib/chevrotain.min.mjs", import.meta.url),
);

/** The commands that bring the client, the emulator or the shell: ES modules, loaded only when they run. */
const HEAVY_COMMANDS = ["repl", "run", "serve", "web"];

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  sourcemap: false,
  minifySyntax: true,
  legalComments: "none",
  // chevrotain's package entry costs ~200 ms to import; its bundled min build ~10 ms.
  alias: { chevrotain: chevrotainMin },
  logLevel: "warning",
  metafile: true,
};

// The library entries and the heavy commands: ES modules sharing chunks.
const library = await build({
  ...common,
  entryPoints: {
    index: "src/index.ts",
    emulator: "src/emulator/index.ts",
    testing: "src/testing.ts",
    ...Object.fromEntries(HEAVY_COMMANDS.map((name) => [`commands/${name}`, `src/commands/${name}.ts`])),
  },
  outdir: "dist",
  splitting: true,
  format: "esm",
  external: ["@lydell/node-pty", "fast-check"],
  banner: {
    js: "import { createRequire as __hcqlCreateRequire } from 'node:module'; const require = __hcqlCreateRequire(import.meta.url);",
  },
});

/**
 * The CLI's entry is one CommonJS file holding the commands that only compile (check, compile, decompile,
 * explain, fmt): Node starts a CommonJS script sooner than a graph of ES modules, which was a third of a
 * cold `hcql compile`. The heavy commands stay ES modules that it imports; time zone support is a file
 * of its own, required when a zone other than UTC is used.
 */
const heavyCommands = {
  name: "heavy-commands",
  setup(b) {
    const filter = new RegExp(`^\\./commands/(${HEAVY_COMMANDS.join("|")})\\.js$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, external: true }));
    b.onResolve({ filter: /^temporal-polyfill$/ }, () => ({ path: "./temporal.cjs", external: true }));
  },
};

const commonJs = { ...common, outdir: "dist", format: "cjs", outExtension: { ".js": ".cjs" } };
const cli = await build({ ...commonJs, entryPoints: { cli: "src/cli.ts" }, plugins: [heavyCommands] });
const temporal = await build({ ...commonJs, entryPoints: { temporal: "temporal-polyfill" } });
const page = await buildPage({ alias: common.alias });

// Chunk names carry content hashes, so every build leaves the previous chunks behind: remove them.
const outputs = new Set([
  ...[library, cli, temporal].flatMap((result) =>
    Object.keys(result.metafile.outputs).map((path) => relative("dist", path)),
  ),
  ...page.map((path) => relative("dist", path)),
]);
removeStale("dist", outputs);

function removeStale(dir, keep) {
  for (const file of readdirSync(dir)) {
    const path = join(dir, file);
    if (statSync(path).isDirectory()) removeStale(path, keep);
    else if (!keep.has(relative("dist", path))) rmSync(path, { force: true });
  }
}
