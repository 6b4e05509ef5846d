// V8's code caches of the CLI's two bundles (src/cli-loader.ts; bench rows `cold-start` and
// `repl-first-search`) and of the library's bundle for Node (src/library-loader.ts), each written after runs in its bundle, so that the functions they ran are
// compiled into it too: the printing commands' after compiles, that of every command after a search
// of the demo in the shell (the lines it reads come on stdin). scripts/build.mjs runs this file once
// per bundle, after bundling, in a process of its own started as `hcql` is, so that the caches suit a
// plain `node dist/cli.cjs`.

/** Each bundle's cache: the command lines run to make it, and what the shell reads on stdin meanwhile. */
const CODE_CACHES = {
  print: {
    // A query that compiles to several bodies, and one with diagnostics (their rendering runs too).
    runs: [
      [
        "compile",
        'status = pending and (tags = "Paid" or rating = poor) sort by lastMessageAt desc limit 20',
      ],
      ["compile", "stauts = 1 and createdAt > 2026-13-01"],
    ],
    input: "",
  },
  all: { runs: [[]], input: "status = pending\n.compile status = pending\n" },
};

/**
 * The library's cache (src/library-loader.ts; bench row `library-import`), written after what a
 * library user's first moments do: compiling a query, and one with diagnostics drawn.
 */
const LIBRARY_RUNS = [
  (hcql) => hcql.compile(CODE_CACHES.print.runs[0][1]),
  (hcql) => {
    const text = CODE_CACHES.print.runs[1][1];
    hcql.renderDiagnostics(text, hcql.compile(text).diagnostics);
  },
];

module.exports = { CODE_CACHES };

if (require.main === module) {
  const kind = process.argv[2];
  if (kind === "library") require("../dist/node/load.cjs").writeCodeCache(LIBRARY_RUNS);
  else
    require("../dist/cli.cjs")
      .writeCodeCache(kind, CODE_CACHES[kind].runs)
      .then(() => {
        process.exitCode = 0;
      });
}
