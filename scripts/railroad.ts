// Writes docs/railroad.html: the parser's grammar as railroad diagrams, self-contained (the
// diagrams' scripts and styles are inlined from chevrotain's package, no CDN).
// Run with `npm run grammar:diagrams`; test/parser/grammar.test.ts checks the file is up to date.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSyntaxDiagramsCode } from "chevrotain";
import { validatedParser } from "../src/parser/parser.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const diagrams = join(root, "node_modules", "chevrotain", "diagrams");
const BASE = "HCQL_RESOURCE_BASE/";
const CSS = "HCQL_CSS";

/** The page, with chevrotain's diagram scripts and styles inlined. */
export function railroadHtml(): string {
  const html = createSyntaxDiagramsCode(validatedParser().getSerializedGastProductions(), {
    resourceBase: BASE,
    css: CSS,
  })
    .replace(
      `<link rel='stylesheet' href='${CSS}'>`,
      () => `<style>\n${readFileSync(join(diagrams, "diagrams.css"), "utf8")}\n</style>`,
    )
    .replace(new RegExp(`<script src='${BASE}([^']+)'></script>`, "g"), (_, path: string) => {
      const code = readFileSync(join(diagrams, path), "utf8").replace(/<\/script/gi, "<\\/script");
      return `<script>\n${code}\n</script>`;
    })
    .replace("<!DOCTYPE html>", "<!DOCTYPE html>\n<title>HCQL grammar: railroad diagrams</title>");
  if (html.includes(BASE) || html.includes(CSS)) throw new Error("a diagrams resource was not inlined");
  return html;
}

export const RAILROAD_PATH = join(root, "docs", "railroad.html");

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(dirname(RAILROAD_PATH), { recursive: true });
  writeFileSync(RAILROAD_PATH, railroadHtml());
  console.log("wrote docs/railroad.html");
}
