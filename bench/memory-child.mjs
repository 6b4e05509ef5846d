// Compiles one query in a fresh process and prints its memory use as JSON (see scaling.ts).
// Usage: node --expose-gc memory-child.mjs <dist/index.js URL> <query file> <options JSON>
import { readFileSync } from "node:fs";

const [indexUrl, file, optionsJson] = process.argv.slice(2);
const { compile } = await import(indexUrl);
const text = readFileSync(file, "utf8");
const parsed = JSON.parse(optionsJson);
const options = {
  maxRequests: parsed.maxRequests ?? undefined,
  maxLength: parsed.unlimitedLength ? Number.POSITIVE_INFINITY : undefined,
};
// Load the lexer and parser first: their one-time set-up is not the query's memory.
compile("status = new", options);
globalThis.gc();
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage().rss;
const result = compile(text, options);
const heapAfter = process.memoryUsage().heapUsed;
const peakRss = process.resourceUsage().maxRSS * 1024;
if (!result.ok) throw new Error(result.diagnostics[0].message);
process.stdout.write(
  JSON.stringify({ heapGrowth: heapAfter - heapBefore, peakRssGrowth: Math.max(0, peakRss - rssBefore) }),
);
