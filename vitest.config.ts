import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// chevrotain's package entry is slow to import; its bundled min build is not exported, so alias it.
const chevrotainMin = fileURLToPath(
  new URL("./node_modules/chevrotain/lib/chevrotain.min.mjs", import.meta.url),
);

export default defineConfig({
  resolve: { alias: [{ find: /^chevrotain$/, replacement: chevrotainMin }] },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    exclude: ["test/**/*.fuzz.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
