import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

// `npm run fuzz`: the long-running property suites only (HCQL_FUZZ_RUNS and HCQL_HARDENING_RUNS
// scale them). Set include and exclude outright: mergeConfig would concatenate them with the base's,
// which runs every test and excludes the fuzz files.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["test/**/*.fuzz.test.ts", "test/**/*.property.test.ts"],
    exclude: ["**/node_modules/**"],
    testTimeout: 3_600_000,
  },
});
