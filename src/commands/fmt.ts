import { renderDiagnostics } from "../language/render.js";
import { formatQuery } from "../parser/format.js";
import { type CliIO, type Command, EXIT, parseFlags, readQuery, write } from "./common.js";

const USAGE = `Usage: hcql fmt [options] <query...>
       hcql fmt -            read the query from stdin

Prints the query in canonical HCQL: lower-case keywords, and/or/not, each field's
short name, status and rating names, double-quoted strings, one line.
Syntax errors go to stderr with a caret under the problem (exit 1).

Options:
  -f, --file FILE  read the query from FILE
  -h, --help       show this help

Example:
  hcql fmt 'STATUS==pending && rating = GREAT ORDER BY closedat desc'
  status = pending and rating = great sort by closedAt desc`;

/** Colors: never with a non-empty NO_COLOR; with FORCE_COLOR (not "0"/"false"); else on a terminal. */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return true;
  return stream.isTTY === true;
}

export const fmt: Command = {
  summary: "print a query in canonical form",
  usage: USAGE,
  async run(argv: readonly string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(argv, { file: { type: "string", short: "f" } });
    const text = await readQuery(positionals, io, values.file);
    const result = formatQuery(text);
    if (result.text === undefined) {
      const color = colorEnabled(io.stderr, io.env);
      // On a terminal, long lines are cut to its width (less the gutter); elsewhere to 120 columns.
      const maxWidth = io.stderr.isTTY && io.stderr.columns ? Math.max(20, io.stderr.columns - 8) : undefined;
      write(io.stderr, renderDiagnostics(text, result.diagnostics, { color, maxWidth }));
      return EXIT.diagnostics;
    }
    write(io.stdout, result.text);
    return EXIT.ok;
  },
};
