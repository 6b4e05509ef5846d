import { formatQuery } from "../parser/format.js";
import {
  EXIT,
  parseFlags,
  readQuery,
  renderForPerson,
  type TextCommand,
  type TextIO,
  write,
} from "./common.js";

const USAGE = `Usage: hcql fmt [options] <query...>
       hcql fmt -            read the query from stdin

Prints the query in canonical HCQL: lower-case keywords, and/or/not, each field's
short name, status and rating names, double-quoted strings, one line (under the
query's # comments, each on a line of its own).
Syntax errors go to stderr with a caret under the problem (exit 1).

Options:
  -f, --file FILE  read the query from FILE
  -h, --help       show this help

Example:
  hcql fmt 'STATUS==pending && rating = GREAT ORDER BY closedat desc'
  status = pending and rating = great sort by closedAt desc`;

export const fmt: TextCommand = {
  usage: USAGE,
  async run(argv: readonly string[], io: TextIO): Promise<number> {
    const { values, positionals } = parseFlags(argv, { file: { type: "string", short: "f" } });
    const text = await readQuery(positionals, io, values.file);
    const result = formatQuery(text);
    if (result.text === undefined) {
      write(io.stderr, await renderForPerson(text, result.diagnostics, io));
      return EXIT.diagnostics;
    }
    write(io.stdout, result.text);
    return EXIT.ok;
  },
};
