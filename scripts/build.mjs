// Bundles the CLI and the library entries into dist/ with esbuild (runs on `npm install` via `prepare`).
import { readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const chevrotainMin = fileURLToPath(
  new URL("../node_modules/chevrotain/lib/chevrotain.min.mjs", import.meta.url),
);

const ENTRIES = {
  cli: "src/cli.ts",
  index: "src/index.ts",
  emulator: "src/emulator/index.ts",
  testing: "src/testing.ts",
};

const result = await build({
  entryPoints: ENTRIES,
  metafile: true,
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: false,
  minifySyntax: true,
  legalComments: "none",
  // chevrotain's package entry costs ~200 ms to import; its bundled min build ~10 ms.
  alias: { chevrotain: chevrotainMin },
  external: ["@lydell/node-pty", "fast-check"],
  banner: {
    js: "import { createRequire as __hcqlCreateRequire } from 'node:module'; const require = __hcqlCreateRequire(import.meta.url);",
  },
  logLevel: "warning",
});

// Chunk names carry content hashes, so every build leaves the previous chunks behind: remove them.
const outputs = new Set(Object.keys(result.metafile.outputs).map((path) => relative("dist", path)));
for (const file of readdirSync("dist")) {
  if (!outputs.has(file)) rmSync(join("dist", file), { recursive: true, force: true });
}
