// Bundles the CLI and the library entries into dist/ with esbuild (runs on `npm install` via `prepare`).
import { existsSync } from "node:fs";
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

await build({
  entryPoints: Object.fromEntries(Object.entries(ENTRIES).filter(([, path]) => existsSync(path))),
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
