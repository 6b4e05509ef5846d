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

/**
 * JSON as TypeScript, a value on one line where it fits in the width and its parts one a line where
 * not. The recorded table is printed this way rather than by the formatter (biome.json leaves it
 * out), which would break every array of arrays, one number or flag a line.
 */
function layout(value: unknown, indent = 0, lead = 0): string {
  const flat = JSON.stringify(value, null, 1)
    .replace(/\n\s*/g, " ")
    .replace(/\[ /g, "[")
    .replace(/ \]/g, "]")
    .replace(/"([A-Za-z_$][\w$]*)":/g, "$1:");
  if (indent + lead + flat.length <= 110 || value === null || typeof value !== "object") return flat;
  const leading = Array.isArray(value) ? value.slice(0, -1) : [];
  const last: unknown = Array.isArray(value) ? value.at(-1) : undefined;
  if (typeof last === "object" && last !== null && leading.every((item) => typeof item !== "object")) {
    // A production's kind and flags stay on its first line, what it holds follows: [kind, idx, [
    const head = `[${leading.map((item) => `${JSON.stringify(item)}, `).join("")}`;
    return `${head}${layout(last, indent, lead + head.length)}]`;
  }
  const inner = " ".repeat(indent + 2);
  const parts = Array.isArray(value)
    ? value.map((item) => inner + layout(item, indent + 2))
    : Object.entries(value).map(([key, item]) => {
        const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
        return `${inner}${name}: ${layout(item, indent + 2, name.length + 2)}`;
      });
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${parts.join(",\n")},\n${" ".repeat(indent)}${close}`;
}

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
export const RECORDED_GRAMMAR: RecordedGrammar = ${layout(recordGrammar(rules))};

/** The tokens that may follow each use of a rule, as chevrotain computes them for error recovery. */
export const RECORDED_FOLLOWS: RecordedFollows = ${layout(recordFollows(follows))};

/** Where each repetition leads when it ends, as chevrotain works it out for in-repetition recovery. */
export const RECORDED_AFTER_REPETITIONS: RecordedAfterRepetitions = ${layout(recordAfterRepetitions(afterRepetitions))};
`,
);
execFileSync("npx", ["biome", "format", "--write", target], { stdio: "inherit" });
