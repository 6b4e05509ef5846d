import type { CommandArgument } from "../editor/index.js";
import { DEFAULT_MAX_REQUESTS } from "../language/index.js";
import { OUTPUT_FORMATS } from "../output/index.js";

/** The dot-commands of the shell: what `.help` and completion show (their code is in commands/). */

export const DEFAULT_PAGE_SIZE = 20;

export interface CommandInfo {
  /** The arguments, e.g. `<name> <query>`. */
  readonly args: string;
  /** How completion reads the argument; none completed when left out. */
  readonly argument?: CommandArgument;
  readonly help: string;
  /** Reads input itself (`.key`) or ends the shell: not run as a cancellable task. */
  readonly interactive?: boolean;
  /** Ends the shell: no line after it runs. */
  readonly leaves?: boolean;
  /** Asks for a line (the key): on piped input, the line after the command. */
  readonly asks?: boolean;
}

const QUERY: CommandArgument = { kind: "query" };
const SAVED_NAME: CommandArgument = { kind: "saved-name" };
const NAME_THEN_QUERY: CommandArgument = { kind: "saved-name-then-query" };
const ON_OFF: CommandArgument = { kind: "one-of", words: ["on", "off"] };

export const COMMAND_INFO = {
  help: { args: "", help: "show the commands (also: help)" },
  explain: { args: "<query>", argument: QUERY, help: "show how a query becomes requests, and why" },
  compile: { args: "<query>", argument: QUERY, help: "show the JSON request bodies a query sends" },
  fields: { args: "", help: "list the fields, their types, operators and sorting" },
  format: {
    args: OUTPUT_FORMATS.join("|"),
    argument: { kind: "one-of", words: OUTPUT_FORMATS },
    help: "choose how results print",
  },
  columns: {
    args: "[a,b,c|reset]",
    help: "show or choose the columns of the table (or of CSV)",
  },
  edit: {
    args: "",
    help: "edit the query being typed, or the last one, in $VISUAL or $EDITOR; it runs when saved",
  },
  x: {
    args: "[on|off]",
    argument: ON_OFF,
    help: "expanded display: one field per line, a record at a time (also \\x)",
  },
  pager: {
    args: "[on|off]",
    argument: ON_OFF,
    help: "page results taller than the terminal with $PAGER (default less -SRFX)",
  },
  limit: { args: "<n>", help: `page size of queries without a limit (default ${DEFAULT_PAGE_SIZE})` },
  maxrequests: {
    args: "<n>",
    help: `how many requests a query may become (default ${DEFAULT_MAX_REQUESTS})`,
  },
  more: { args: "", help: "the next page of the last query" },
  fix: { args: "", help: "run the last query as its diagnostics' fixes make it (the edit each hint says)" },
  open: { args: "<id>", help: "show one chat in detail" },
  tz: {
    args: "<zone>",
    argument: { kind: "time-zone" },
    help: "set the time zone of dates (e.g. Europe/Berlin)",
  },
  key: {
    args: "[url]",
    help: "enter an API key (not echoed, never saved) and search your account (at url)",
    interactive: true,
    asks: true,
  },
  demo: { args: "", help: "go back to the demo data" },
  save: {
    args: "<name> <query>",
    argument: NAME_THEN_QUERY,
    help: "save a query under a name (asks before replacing one)",
    interactive: true,
  },
  "save!": {
    args: "<name> <query>",
    argument: NAME_THEN_QUERY,
    help: "save a query, replacing one of that name",
  },
  unsave: { args: "<name>", argument: SAVED_NAME, help: "forget a saved query" },
  run: { args: "<name>", argument: SAVED_NAME, help: "run a saved query" },
  saved: { args: "", help: "list the saved queries" },
  exit: { args: "", help: "leave the shell (or Ctrl-D; also exit, quit)", interactive: true, leaves: true },
} as const satisfies Record<string, CommandInfo>;

export type CommandName = keyof typeof COMMAND_INFO;

export const COMMAND_NAMES = Object.keys(COMMAND_INFO) as CommandName[];

/** The commands as completion reads them: each with what it takes. */
export const COMMAND_ARGUMENTS: Readonly<Record<string, CommandArgument>> = Object.fromEntries(
  Object.entries(COMMAND_INFO).map(([name, info]: [string, CommandInfo]) => [
    name,
    info.argument ?? { kind: "none" },
  ]),
);

/** Words that mean a dot-command, typed with or without the dot (`quit`, `.quit` → `.exit`). */
const ALIASES: Readonly<Record<string, CommandName>> = { quit: "exit", q: "exit", "?": "help", h: "help" };

/** Words typed alone on a line, without the dot, that run a command (as psql and mongosh do; `\x` as psql). */
const BARE_WORDS: Readonly<Record<string, CommandName>> = {
  exit: "exit",
  quit: "exit",
  help: "help",
  "?": "help",
  "\\x": "x",
  "\\q": "exit",
  "\\?": "help",
};

/** A dot-command typed without its dot, and what follows it. */
interface BareCommand {
  readonly name: CommandName;
  readonly argument: string;
}

/**
 * The command a line of a bare word means (`exit`, `quit`, `help`), if it is one. A backslash word
 * takes the rest of the line as its argument, as psql's do (`\x on` is `.x on`).
 */
export function bareCommand(line: string): BareCommand | undefined {
  const said = line.trim().replace(/;$/, "").trim();
  const backslashed = /^(\\\S+)\s+(.*)$/s.exec(said);
  const word = (backslashed?.[1] ?? said).toLowerCase();
  const argument = backslashed?.[2] ?? "";
  return Object.hasOwn(BARE_WORDS, word) ? { name: BARE_WORDS[word]!, argument } : undefined;
}

export const HELP_POINTER = "type .help for the commands, .fields for the fields";

/**
 * Lines that are no command and never a query (no field has these names), typed from other shells'
 * habits: what the shell answers instead of a query's diagnostics. `help` and `?` alone run `.help`.
 */
const LINE_TIPS: Readonly<Record<string, string>> = {
  "help me": HELP_POINTER,
  clear: "Ctrl-L clears the screen",
  cls: "Ctrl-L clears the screen",
  ...Object.fromEntries(
    // A listing of what there is to search, as a file shell or an SQL client asks for it.
    [
      "ls",
      "dir",
      "list",
      "fields",
      "show fields",
      "show tables",
      "show columns",
      "tables",
      "\\d",
      "\\dt",
    ].map((line) => [
      line,
      "the chats are all there is to search: .fields lists their fields, and a query such as status = pending lists chats",
    ]),
  ),
  more: ".more shows the next page of the last query",
  next: ".more shows the next page of the last query",
  fix: ".fix runs the last query as its diagnostics' fixes make it",
};

/** What to answer a line of LINE_TIPS (any case, spacing, a trailing `;`); undefined for others. */
export function lineTip(line: string): string | undefined {
  const said = line.trim().replace(/;$/, "").trim().toLowerCase().replace(/\s+/g, " ");
  return Object.hasOwn(LINE_TIPS, said) ? LINE_TIPS[said] : undefined;
}

/** What to say about an unknown `.name`: the command it likely meant, and where the list is. */
export function unknownCommandMessage(
  name: string,
  nearest: (name: string, candidates: readonly string[]) => string | undefined,
): string {
  const lower = name.toLowerCase();
  const meant =
    lower === "" ? undefined : Object.hasOwn(ALIASES, lower) ? ALIASES[lower] : nearest(lower, COMMAND_NAMES);
  return meant === undefined
    ? `unknown command '.${name}': .help lists the commands`
    : `unknown command '.${name}': did you mean .${meant}? (.help lists the commands)`;
}
