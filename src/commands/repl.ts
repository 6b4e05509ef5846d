import { startRepl } from "../repl/index.js";
import type { Command } from "./common.js";
import { parseFlags } from "./common.js";

export const repl: Command = {
  usage: [
    "Usage: hcql repl",
    "",
    "An interactive shell for HelpCrunch chat search: type a query, see the chats.",
    "Without HELPCRUNCH_API_KEY it searches a built-in demo dataset.",
    "",
    "Environment:",
    "  HELPCRUNCH_API_KEY  the API key of your account (or enter one with .key)",
    "  HELPCRUNCH_API_URL  the API's base URL (default https://api.helpcrunch.com/v1)",
    "  NO_COLOR            no colours",
    "",
    "Type .help in the shell for its commands.",
  ].join("\n"),
  async run(argv, io) {
    parseFlags(argv, {});
    // This module is itself loaded lazily (src/cli.ts); the shell's heavy parts load behind its prompt.
    return startRepl(io);
  },
};
