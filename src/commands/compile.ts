import { compile as compileQuery } from "../compiler/index.js";
import { EXIT, write, writeLimitAdvice, writeQueryProblems } from "./common.js";
import { CLOCK_USAGE, FILE_USAGE, QUERY_ARGUMENTS_USAGE, queryCommand } from "./options.js";

const USAGE = `Usage: hcql compile [options] <query>
       hcql compile [options] -f FILE

Compiles a query into the request bodies of POST /v1/chats/search and prints them as JSON:
the body when there is one, an array when there are several, [] when no request is needed.
Problems are shown on stderr; errors exit 1, warnings alone exit 0.

Arguments:
${QUERY_ARGUMENTS_USAGE}

Options:
${CLOCK_USAGE}
${FILE_USAGE}
  --compact         print JSON on one line`;

const FLAGS = { compact: { type: "boolean" } } as const;

export const compile = queryCommand("compile", USAGE, FLAGS, async ({ values, text, options }, io) => {
  const result = compileQuery(text, options);
  await writeQueryProblems(text, result, io, "hcql explain");
  writeLimitAdvice(result.diagnostics, io);
  if (!result.ok) return EXIT.diagnostics;
  const bodies = result.requests;
  const output = bodies.length === 1 ? bodies[0] : bodies;
  write(io.stdout, JSON.stringify(output, null, values.compact === true ? undefined : 2));
  return EXIT.ok;
});
