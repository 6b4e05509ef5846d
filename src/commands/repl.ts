import { accountSettings } from "../app/index.js";
import { DEFAULT_BASE_URL } from "../language/index.js";
import { FORMAT_NAMES, isOutputFormat, unknownFormatMessage } from "../output/index.js";
import { startRepl } from "../repl/index.js";
import type { Command } from "./common.js";
import { parseFlags, UsageError } from "./common.js";
import {
  ACCOUNT_FLAGS,
  MAX_REQUESTS_FLAG,
  MAX_REQUESTS_USAGE,
  parseMaxRequests,
  readApiKeyFlags,
  resolveTimeZone,
} from "./options.js";

const USAGE = `Usage: hcql [repl] [options]

An interactive shell for HelpCrunch chat search: type a query, see the chats.
Without an API key it searches a built-in demo dataset. Lines piped in run one after another.

Options:
  --format F        how results print: ${FORMAT_NAMES} (default: table)
  --tz ZONE         IANA time zone of dates in queries and times shown (default: the system's)
${MAX_REQUESTS_USAGE}
  --api-key K       HelpCrunch API key (default: $HELPCRUNCH_API_KEY; or enter one with .key)
  --api-key-file FILE  read the API key from FILE (its first line)
  --api-url URL     API base URL ending in /v1 (default: $HELPCRUNCH_API_URL or ${DEFAULT_BASE_URL})
  --stop-on-error   piped input: stop at the first line that fails

Environment:
  HELPCRUNCH_API_KEY  the API key of your account
  HELPCRUNCH_API_URL  the API's base URL
  NO_COLOR            no colours

Exit codes (piped input): 0 every line ran, 1 a query or command had errors, 3 the API or the
network failed (the first failure decides); 2 wrong usage. At a terminal the shell exits 0.

Type .help in the shell for its commands.`;

const FLAGS = {
  format: { type: "string" },
  tz: { type: "string" },
  ...MAX_REQUESTS_FLAG,
  ...ACCOUNT_FLAGS,
  "stop-on-error": { type: "boolean" },
} as const;

export const repl: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, FLAGS);
    if (positionals.length > 0) {
      throw new UsageError(`the shell takes no query ('${positionals[0]}'); use hcql run for one query`);
    }
    const format = values.format?.trim().toLowerCase();
    if (format !== undefined && !isOutputFormat(format)) {
      throw new UsageError(unknownFormatMessage(values.format!));
    }
    // The shell's input is stdin: `--api-key -` cannot read the key from it.
    const apiKey = await readApiKeyFlags(values, io, "hcql", false);
    const account = accountSettings({ apiKey, apiUrl: values["api-url"] }, io.env);
    if (!account.ok) throw new UsageError(account.message);
    const timeZone = values.tz === undefined ? undefined : resolveTimeZone(values.tz, io.env);
    const maxRequests = parseMaxRequests(values["max-requests"]);
    // This module is itself loaded lazily (src/cli-all.ts); the shell's heavy parts load behind its prompt.
    return startRepl(io, {
      account: account.value,
      ...(io.greeting ? { greeting: io.greeting } : {}),
      ...(timeZone ? { timeZone } : {}),
      ...(format ? { format } : {}),
      ...(maxRequests ? { maxRequests } : {}),
      stopOnError: values["stop-on-error"] === true,
    });
  },
};
