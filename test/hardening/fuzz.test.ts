import { fuzzSuite } from "./fuzz-suite.js";

/** The fuzz properties at CI size (5,000 cases per target); `npm run fuzz` runs them long, timed. */
fuzzSuite({ runs: 5000, longRuns: 10, timed: false, seed: 20_261_125, http: { numRuns: 300 } });
