import { capAdvice } from "../app/index.js";
import { explain as explainQuery } from "../compiler/index.js";
import { renderExplanation } from "../output/index.js";
import { EXIT, parseFlags, renderForPerson, type TextCommand, type TextIO, write } from "./common.js";
import { CLOCK_USAGE, FILE_USAGE, QUERY_FLAGS, readCommandQuery } from "./options.js";

const USAGE = `Usage: hcql explain [options] <query>
       hcql explain [options] -f FILE

Explains what a query compiles to: how many requests it costs and why, each request body
with the part of the query each filter item comes from, the dates as resolved, and how
results are paged and merged. Problems are shown on stderr; errors exit 1.

Arguments:
  <query>           the HCQL query (several arguments are joined by spaces; - reads stdin)

Options:
${CLOCK_USAGE}
${FILE_USAGE}
  --json            print the explanation as JSON (also when the query has errors)`;

const FLAGS = {
  ...QUERY_FLAGS,
  json: { type: "boolean" },
} as const;

export const explain: TextCommand = {
  usage: USAGE,
  async run(argv: readonly string[], io: TextIO) {
    const { values, positionals } = parseFlags(argv, FLAGS);
    const query = await readCommandQuery("explain", values, positionals, io);
    if (query === undefined) return EXIT.diagnostics;
    const { text, ...options } = query;
    const explanation = explainQuery(text, options);
    if (explanation.diagnostics.length > 0) {
      write(io.stderr, await renderForPerson(text, explanation.diagnostics, io));
      if (explanation.tooLarge) write(io.stderr, capAdvice(explanation.tooLarge, "--max-requests"));
    }
    if (values.json === true) write(io.stdout, JSON.stringify(explanation, null, 2));
    else if (explanation.ok) {
      // Sentences fit a terminal; piped, each stays on one line for grep.
      write(io.stdout, renderExplanation(explanation, { allPages: "--all", width: io.stdout.columns }));
    }
    return explanation.ok ? EXIT.ok : EXIT.diagnostics;
  },
};
