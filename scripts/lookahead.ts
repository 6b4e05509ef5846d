// Writes src/parser/lookahead-table.ts and src/parser/recorded-table.ts: the parser's lookahead paths
// and its grammar as chevrotain computes and records them (`npm run grammar:lookahead` after changing
// the grammar; test/parser/lookahead.test.ts and recorded.test.ts check them).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TokenType } from "chevrotain";
import { computeLookaheadTable } from "../src/parser/lookahead.js";
import { MAX_LOOKAHEAD, validatedParser } from "../src/parser/parser.js";
import { recordFollows, recordGrammar } from "../src/parser/recorded.js";

const target = fileURLToPath(new URL("../src/parser/lookahead-table.ts", import.meta.url));
const recordedTarget = fileURLToPath(new URL("../src/parser/recorded-table.ts", import.meta.url));
const parser = validatedParser();
const rules = Object.values(parser.getGAstProductions());
const follows = (parser as unknown as { resyncFollows: Record<string, TokenType[]> }).resyncFollows;
const table = computeLookaheadTable(rules, MAX_LOOKAHEAD);

writeFileSync(
  target,
  `// Written by \`npm run grammar:lookahead\` from the grammar in parser.ts; do not edit by hand.
import type { LookaheadTable } from "./lookahead.js";

/** For each decision of the grammar, the token sequences (up to ${MAX_LOOKAHEAD} tokens) leading into each alternative. */
export const LOOKAHEAD_TABLE: LookaheadTable = ${JSON.stringify(table)};
`,
);
writeFileSync(
  recordedTarget,
  `// Written by \`npm run grammar:lookahead\` from the grammar in parser.ts; do not edit by hand.
import type { RecordedFollows, RecordedGrammar } from "./recorded.js";

/** Each rule of the grammar as chevrotain records it. */
export const RECORDED_GRAMMAR: RecordedGrammar = ${JSON.stringify(recordGrammar(rules))};

/** The tokens that may follow each use of a rule, as chevrotain computes them for error recovery. */
export const RECORDED_FOLLOWS: RecordedFollows = ${JSON.stringify(recordFollows(follows))};
`,
);
execFileSync("npx", ["biome", "format", "--write", target, recordedTarget], { stdio: "inherit" });
