// Writes V8's code caches of the CLI's bundle (src/cli-loader.ts; bench rows `cold-start` and
// `repl-first-search`), each after runs in the bundle, so that the functions they ran are compiled
// into it too: `print` after compiles, `shell` after a search of the demo in the shell (its lines
// come on stdin). scripts/build.mjs runs this file once per cache, after bundling, in a process of
// its own started as `hcql` is, so that the caches suit a plain `node dist/cli.cjs`.
const { writeCodeCache } = require("../dist/cli.cjs");

const RUNS = {
  // A query that compiles to several bodies, and one with diagnostics (their rendering runs too).
  print: [
    ["compile", 'status = pending and (tags = "Paid" or rating = poor) sort by lastMessageAt desc limit 20'],
    ["compile", "stauts = 1 and createdAt > 2026-13-01"],
  ],
  shell: [[]],
};

const kind = process.argv[2];
writeCodeCache(kind, RUNS[kind]).then(() => {
  process.exitCode = 0;
});
