import { fuzzSuite } from "./fuzz-suite.js";

/**
 * `npm run fuzz`: the fuzz properties with 1,000,000 cases per target (HCQL_HARDENING_RUNS to
 * change; HCQL_FUZZ_RUNS belongs to other suites), and the time bounds asserted: no input up to
 * 1 KiB over 50 ms, none up to 64 KiB over 300 ms.
 */
const runs = Number(process.env.HCQL_HARDENING_RUNS ?? 1_000_000);
if (!Number.isSafeInteger(runs) || runs < 1) throw new RangeError(`HCQL_HARDENING_RUNS: ${runs}`);

fuzzSuite({
  runs,
  longRuns: Math.max(20, Math.floor(runs / 500)),
  timed: true,
  http: { numRuns: Math.max(300, Math.floor(runs / 100)) },
  seed: Number(process.env.HCQL_HARDENING_SEED ?? Date.now() % 1_000_000),
});
