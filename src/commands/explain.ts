import { explain as explainQuery } from "../compiler/index.js";
import { renderExplanation } from "../output/index.js";
import { EXIT, write, writeQueryProblems } from "./common.js";
import { CLOCK_USAGE, FILE_USAGE, QUERY_ARGUMENTS_USAGE, queryCommand } from "./options.js";

const USAGE = `Usage: hcql explain [options] <query>
       hcql explain [options] -f FILE

Explains what a query compiles to: how many requests it costs and why, each request body
with the part of the query each filter item comes from, the dates as resolved, and how
results are paged and merged. Problems are shown on stderr; errors exit 1.

Arguments:
${QUERY_ARGUMENTS_USAGE}

Options:
${CLOCK_USAGE}
${FILE_USAGE}
  --json            print the explanation as JSON (also when the query has errors)`;

const FLAGS = { json: { type: "boolean" } } as const;

export const explain = queryCommand("explain", USAGE, FLAGS, async ({ values, text, options }, io) => {
  const explanation = explainQuery(text, options);
  await writeQueryProblems(text, explanation, io);
  if (values.json === true) write(io.stdout, JSON.stringify(explanation, null, 2));
  else if (explanation.ok) {
    // Sentences fit a terminal; piped, each stays on one line for grep.
    write(io.stdout, renderExplanation(explanation, { allPages: "--all", width: io.stdout.columns }));
  }
  return explanation.ok ? EXIT.ok : EXIT.diagnostics;
});
