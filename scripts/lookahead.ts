// Writes src/parser/lookahead-table.ts and src/parser/recorded-table.ts: the parser's lookahead paths
// and its grammar as chevrotain computes and records them (`npm run grammar:lookahead` after changing
// the grammar; test/parser/lookahead.test.ts and recorded.test.ts check them).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TokenType } from "chevrotain";
import { tokenize } from "../src/lexer/index.js";
import { computeLookaheadTable } from "../src/parser/lookahead.js";
import { MAX_LOOKAHEAD, validatedParser } from "../src/parser/parser.js";
import {
  type AfterRepetition,
  REPETITION_CORPUS,
  recordAfterRepetitions,
  recordFollows,
  recordGrammar,
} from "../src/parser/recorded.js";

const target = fileURLToPath(new URL("../src/parser/lookahead-table.ts", import.meta.url));
const recordedTarget = fileURLToPath(new URL("../src/parser/recorded-table.ts", import.meta.url));
const parser = validatedParser();
const rules = Object.values(parser.getGAstProductions());
const follows = (parser as unknown as { resyncFollows: Record<string, TokenType[]> }).resyncFollows;
for (const text of REPETITION_CORPUS) {
  parser.begin(text, tokenize(text).tokens);
  parser.query();
}
const afterRepetitions = (parser as unknown as { firstAfterRepMap: Record<string, AfterRepetition> })
  .firstAfterRepMap;
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
import type { RecordedAfterRepetitions, RecordedFollows, RecordedGrammar } from "./recorded.js";

/** Each rule of the grammar as chevrotain records it. */
export const RECORDED_GRAMMAR: RecordedGrammar = ${JSON.stringify(recordGrammar(rules))};

/** The tokens that may follow each use of a rule, as chevrotain computes them for error recovery. */
export const RECORDED_FOLLOWS: RecordedFollows = ${JSON.stringify(recordFollows(follows))};

/** Where each repetition leads when it ends, as chevrotain works it out for in-repetition recovery. */
export const RECORDED_AFTER_REPETITIONS: RecordedAfterRepetitions = ${JSON.stringify(recordAfterRepetitions(afterRepetitions))};
`,
);
execFileSync("npx", ["biome", "format", "--write", target, recordedTarget], { stdio: "inherit" });
