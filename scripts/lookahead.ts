// Writes src/parser/lookahead-table.ts: the parser's lookahead paths as chevrotain computes them
// (`npm run grammar:lookahead` after changing the grammar; test/parser/lookahead.test.ts checks it).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { computeLookaheadTable } from "../src/parser/lookahead.js";
import { MAX_LOOKAHEAD, validatedParser } from "../src/parser/parser.js";

const target = fileURLToPath(new URL("../src/parser/lookahead-table.ts", import.meta.url));
const rules = Object.values(validatedParser().getGAstProductions());
const table = computeLookaheadTable(rules, MAX_LOOKAHEAD);

writeFileSync(
  target,
  `// Written by \`npm run grammar:lookahead\` from the grammar in parser.ts; do not edit by hand.
import type { LookaheadTable } from "./lookahead.js";

/** For each decision of the grammar, the token sequences (up to ${MAX_LOOKAHEAD} tokens) leading into each alternative. */
export const LOOKAHEAD_TABLE: LookaheadTable = ${JSON.stringify(table)};
`,
);
execFileSync("npx", ["biome", "format", "--write", target], { stdio: "inherit" });
