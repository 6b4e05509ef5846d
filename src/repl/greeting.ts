import pc from "picocolors";
import type { AppIO } from "../app/index.js";
import { type AccountSettings, DEMO_CHATS } from "../app/index.js";
import { groupDigits, wrapWords } from "../language/index.js";
import { shouldColor } from "../output/index.js";
import { displayUrl } from "../text/index.js";
import { VERSION } from "../version.js";

export const PROMPT = "hcql> ";
export const CONTINUATION_PROMPT = " ...> ";

/** What the shell decided about its terminal and account when it greeted the user. */
export interface Greeting {
  /** stdin and stdout are both terminals (prompts, completion, highlighting). */
  readonly terminal: boolean;
  readonly color: boolean;
  readonly account: AccountSettings;
}

/**
 * Writes the banner and, on a terminal, the first prompt: the first thing `hcql` does, before the
 * shell's modules load (src/cli-all.ts calls it before importing them and hands the result on).
 */
export function greet(io: AppIO, account: AccountSettings): Greeting {
  const terminal = io.stdin.isTTY === true && io.stdout.isTTY === true;
  const color = shouldColor(io.env, io.stdout.isTTY === true);
  const c = pc.createColors(color);
  const where = account.apiKey
    ? `account at ${displayUrl(account.baseUrl)}`
    : `demo: ${groupDigits(DEMO_CHATS)} generated chats · set HELPCRUNCH_API_KEY to search your account`;
  // A narrow terminal gets the banner broken at spaces, not mid-word.
  const width = terminal && io.stdout.columns ? io.stdout.columns - 1 : Number.POSITIVE_INFINITY;
  const name = `hcql ${VERSION}`;
  const [first = "", ...rest] = wrapWords(`${name} · ${where}`, width, "  ");
  const title = [`${c.bold(name)}${first.slice(name.length)}`, ...rest].join("\n");
  const help = wrapWords("Type a query, Tab to complete, .help for commands, Ctrl-D to leave.", width, "  ");
  // Piped lines: the banner goes to stderr, so stdout holds only results.
  (terminal ? io.stdout : io.stderr).write(`${title}\n${c.dim(help.join("\n"))}\n`);
  // node:repl takes a while to load: a terminal sees its prompt before (node's own prompt then
  // repaints it in place, and keys typed meanwhile wait in the terminal for readline).
  if (terminal) io.stdout.write(PROMPT);
  return { terminal, color, account };
}
