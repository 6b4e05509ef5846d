import { check as checkQuery } from "../compiler/index.js";
import { type Diagnostic, hasErrors } from "../language/index.js";
import { EXIT, type TextIO, write, writeLimitAdvice, writeQueryProblems } from "./common.js";
import { CLOCK_USAGE, FILE_USAGE, QUERY_ARGUMENTS_USAGE, queryCommand } from "./options.js";

const USAGE = `Usage: hcql check [options] <query>
       hcql check [options] -f FILE

Checks a query without running it: every problem compile would report, at once.
Exits 0 when there is no error (warnings alone exit 0), 1 when there is one.

Arguments:
${QUERY_ARGUMENTS_USAGE}

Options:
  --json            print {"diagnostics": [{code, severity, message, span, hint?, fix?}]} on stdout
                    (fix: {span, text}, the edit that makes the query what the hint suggests)
${CLOCK_USAGE}
${FILE_USAGE}`;

const FLAGS = { json: { type: "boolean" } } as const;

export const check = queryCommand(
  "check",
  USAGE,
  FLAGS,
  async ({ values, text, options }, io) => {
    const result = checkQuery(text, options);
    const { diagnostics } = result;
    if (values.json === true) {
      writeJson(diagnostics, io);
    } else {
      await writeQueryProblems(text, result, io, "hcql explain");
      writeLimitAdvice(diagnostics, io);
    }
    return hasErrors(diagnostics) ? EXIT.diagnostics : EXIT.ok;
  },
  // With --json, a problem found while reading the query (`@name and …`) is JSON too.
  (values, io) =>
    values.json === true ? async (_text, diagnostics) => writeJson(diagnostics, io) : undefined,
);

/** `{"diagnostics": [...]}` on stdout: each diagnostic as plain data, spans and fix included. */
function writeJson(diagnostics: readonly Diagnostic[], io: TextIO): void {
  const plain = diagnostics.map((d) => {
    const { code, severity, message, span, hint, fix } = d;
    const entry = { code, severity, message, span: { start: span.start, end: span.end } };
    const hinted = hint === undefined ? entry : { ...entry, hint };
    return fix === undefined
      ? hinted
      : { ...hinted, fix: { span: { start: fix.span.start, end: fix.span.end }, text: fix.text } };
  });
  write(io.stdout, JSON.stringify({ diagnostics: plain }, null, 2));
}
