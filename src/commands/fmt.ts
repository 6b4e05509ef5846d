import { fixQuery } from "../compiler/index.js";
import { hasErrors } from "../language/index.js";
import { formatQuery } from "../parser/index.js";
import {
  EXIT,
  parseFlags,
  readQuery,
  renderForPerson,
  type TextCommand,
  type TextIO,
  write,
} from "./common.js";
import { overlongQuery, savedQueryOr } from "./options.js";

const USAGE = `Usage: hcql fmt [options] <query...>
       hcql fmt -            read the query from stdin
       hcql fmt @NAME        a query saved in the shell (.save NAME <query>)

Prints the query in canonical HCQL: lower-case keywords, and/or/not, each field's
short name, status and rating names, double-quoted strings and tags, one line.
Comments are dropped (--keep-comments keeps them).
Syntax errors go to stderr with a caret under the problem (exit 1).

Options:
  --fix            first make the fixes the query's diagnostics carry (a name or value spelt
                   another way, a list in brackets, a sentence, a clause a count does without:
                   the edit each hint says);
                   what no fix mends is reported as 'hcql check' does (exit 1;
                   warnings alone, such as never-matches, exit 0)
  --keep-comments  keep the query's # comments, each on a line of its own above it
  -f, --file FILE  read the query from FILE
  -h, --help       show this help

Examples:
  hcql fmt 'STATUS==pending && rating = GREAT ORDER BY closedat desc'
  status = pending and rating = great sort by closedAt desc
  hcql fmt --fix 'stauts = pendng and rating = bad'
  status = pending and rating = poor`;

export const fmt: TextCommand = {
  usage: USAGE,
  async run(argv: readonly string[], io: TextIO): Promise<number> {
    const { values, positionals } = parseFlags(argv, {
      file: { type: "string", short: "f" },
      fix: { type: "boolean" },
      "keep-comments": { type: "boolean" },
    });
    const read = await readQuery(positionals, io, values.file);
    const overlong = overlongQuery(read, positionals, values.file);
    if (overlong !== undefined) {
      write(io.stderr, `hcql fmt: ${overlong.message}`);
      return EXIT.diagnostics;
    }
    const written = await savedQueryOr(read, io);
    if (written === undefined) return EXIT.diagnostics;
    const { text, diagnostics: left } =
      values.fix === true ? fixQuery(written) : { text: written, diagnostics: [] };
    const result = formatQuery(text, { keepComments: values["keep-comments"] === true });
    if (result.text === undefined) {
      write(io.stderr, await renderForPerson(text, values.fix === true ? left : result.diagnostics, io));
      return EXIT.diagnostics;
    }
    write(io.stdout, result.text);
    if (left.length === 0) return EXIT.ok;
    // The query as fixed, and what no fix mends in it (warnings alone exit 0, as hcql check's do).
    write(io.stderr, await renderForPerson(text, left, io));
    return hasErrors(left) ? EXIT.diagnostics : EXIT.ok;
  },
};
