import { spawn } from "node:child_process";
import { accountSettings, DEMO_CHATS, writeSentence } from "../app/index.js";
import { DEFAULT_BASE_URL } from "../language/index.js";
import { formatCount } from "../output/index.js";
import { VERSION } from "../version.js";
import {
  type CliIO,
  type Command,
  EXIT,
  openConnection,
  parseFlags,
  UsageError,
  untilStopped,
  write,
} from "./common.js";
import { ACCOUNT_FLAGS, API_KEY_USAGE, readApiKeyFlags } from "./options.js";

/**
 * The port `hcql web` listens on unless told: the same one each start, since a browser keeps the
 * page's Recent queries and time zone per address (a free port each start would lose them).
 */
const DEFAULT_WEB_PORT = 4780;

const USAGE = `Usage: hcql web [options]

Serves a page for writing and running queries in a browser: an editor with completion and live
diagnostics, results, explain, and charts of counts. Prints the page's URL (with its access token)
on stdout. Without an API key it searches demo data (the built-in emulator). Ctrl-C stops it.

Options:
  --port N          port to listen on (default ${DEFAULT_WEB_PORT}, or a free one when that is taken;
                    0: a free port)
  --host H          address to listen on (default 127.0.0.1, loopback only)
  --open            open the page in a browser: $BROWSER, else the system's (xdg-open, open)
  --api-key K       HelpCrunch API key (default: $HELPCRUNCH_API_KEY)
${API_KEY_USAGE}
  --api-url URL     API base URL ending in /v1 (default: $HELPCRUNCH_API_URL or ${DEFAULT_BASE_URL})`;

const FLAGS = {
  port: { type: "string" },
  host: { type: "string" },
  open: { type: "boolean" },
  ...ACCOUNT_FLAGS,
} as const;

export const web: Command = { usage: USAGE, run: serveWeb };

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text) || Number(text) > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not '${text}'`);
  }
  return Number(text);
}

async function serveWeb(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const chosenPort = parsePort(values.port);
  const host = values.host ?? "127.0.0.1";
  const apiKey = await readApiKeyFlags(values, io, "hcql web");
  const account = accountSettings({ apiKey, apiUrl: values["api-url"] }, io.env);
  if (!account.ok) throw new UsageError(account.message);
  const connection = await openConnection(account.value);
  const { startWebServer } = await import("../web/server.js");
  const start = (port: number) => startWebServer({ connection, host, port, version: VERSION });
  let server: Awaited<ReturnType<typeof startWebServer>>;
  try {
    server = await start(chosenPort ?? DEFAULT_WEB_PORT).catch((error: unknown) => {
      if (chosenPort !== undefined || (error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
      writeSentence(io.stderr, `port ${DEFAULT_WEB_PORT} is in use: serving on a free port instead`);
      return start(0);
    });
  } catch (error) {
    await connection.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new UsageError(`port ${chosenPort} is already in use (--port 0 picks a free one)`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") throw new UsageError(`cannot listen on ${host}`);
    throw error;
  }
  const stopped = untilStopped();
  write(io.stdout, server.url);
  writeSentence(
    io.stderr,
    connection.mode === "account"
      ? "searching your HelpCrunch account; the page needs the token in the URL above · Ctrl-C stops"
      : `demo mode: ${formatCount(DEMO_CHATS)} generated chats (set HELPCRUNCH_API_KEY to search your account) · Ctrl-C stops`,
  );
  if (values.open) openInBrowser(server.url, io);
  const signal = await stopped;
  await server.close();
  await connection.close();
  write(io.stderr, `stopped (${signal})`);
  return EXIT.ok;
}

/**
 * The commands that may open a URL, in the order to try them: `$BROWSER` (commands separated by `:`,
 * each with `%s` where the URL goes, else the URL last), then the system's opener.
 */
export function browserCommands(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): readonly (readonly string[])[] {
  const chosen = (env.BROWSER ?? "")
    .split(":")
    .map((entry) =>
      entry
        .trim()
        .split(/\s+/)
        .filter((word) => word !== ""),
    )
    .filter((words) => words.length > 0)
    .map((words) => (words.includes("%s") ? words.map((w) => (w === "%s" ? url : w)) : [...words, url]));
  const system =
    platform === "darwin"
      ? ["open", url]
      : platform === "win32"
        ? ["cmd", "/c", "start", '""', url]
        : ["xdg-open", url];
  return [...chosen, system];
}

/** Opens the URL with the first command that starts; says so on stderr when none does. */
function openInBrowser(url: string, io: CliIO): void {
  const tryFrom = (commands: readonly (readonly string[])[]): void => {
    const [first, ...rest] = commands;
    if (first === undefined) {
      write(io.stderr, "could not open a browser (set BROWSER, or open the URL above)");
      return;
    }
    const [command, ...args] = first;
    const child = spawn(command!, args, { detached: true, stdio: "ignore", env: io.env });
    child.on("error", () => tryFrom(rest));
    child.unref();
  };
  tryFrom(browserCommands(url, io.env));
}
