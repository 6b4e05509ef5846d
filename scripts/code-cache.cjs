// Writes dist/cli-bundle.cache, V8's code cache of the CLI's bundle, after these compiles have run in
// it (src/cli-loader.ts; bench row `cold-start`). scripts/build.mjs runs this file after bundling, in
// a process of its own started as `hcql` is, so that the cache suits a plain `node dist/cli.cjs`.
const { writeCodeCache } = require("../dist/cli.cjs");

// A query that compiles to several bodies, and one with diagnostics (their rendering runs too).
const RUNS = [
  ["compile", 'status = pending and (tags = "Paid" or rating = poor) sort by lastMessageAt desc limit 20'],
  ["compile", "stauts = 1 and createdAt > 2026-13-01"],
];

writeCodeCache(RUNS).then(() => {
  process.exitCode = 0;
});
