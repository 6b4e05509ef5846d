// Preloaded into the measured process (`node --require bench/max-rss.cjs …`): at exit, its peak
// resident set size on stderr, for all-memory.ts.
process.on("exit", () => {
  process.stderr.write(`\nmax-rss-kib ${process.resourceUsage().maxRSS}\n`);
});
