import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

// `npm run fuzz`: the long-running property suites (HCQL_FUZZ_RUNS scales them up).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["test/**/*.fuzz.test.ts", "test/**/*.property.test.ts"],
      exclude: [],
      testTimeout: 3_600_000,
    },
  }),
);
