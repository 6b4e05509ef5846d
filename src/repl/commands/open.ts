import { EXIT, failureText } from "../../app/index.js";
import { HelpCrunchError } from "../../client/index.js";
import type { Chat } from "../../language/index.js";
import type { OutputFormat } from "../../output/index.js";
import { formatChatJson } from "../../output/index.js";
import { formatChatDetail } from "../detail.js";
import type { Handler } from "./handler.js";

/**
 * The chat as the session's format asks: JSON for json and ndjson (a script reads it), else the
 * detail, fitted to the terminal's width when there is one.
 */
function chatAsFormatted(
  chat: Chat,
  format: OutputFormat,
  options: { color: boolean; timeZone: string; width: number | undefined },
): string {
  if (format === "json" || format === "ndjson") return formatChatJson(chat, format === "json");
  return formatChatDetail(chat, options);
}

/** `.open <id>`: one chat in detail (as JSON when the format is json or ndjson). */
export const open: Handler = async (session, arg, signal) => {
  const text = arg.trim().replace(/^#/, "");
  if (text === "") {
    session.problem("usage: .open <id> (the ID column of a result)");
    return;
  }
  if (!/^\d+$/.test(text)) {
    session.problem(`.open takes a chat id (a number), not '${arg.trim()}'`);
    return;
  }
  // Past 2^53 a number is not exact (1e21 would be requested as /chats/1e+21).
  if (!Number.isSafeInteger(Number(text))) {
    session.problem(`.open takes a chat id up to ${Number.MAX_SAFE_INTEGER}, not ${text}`);
    return;
  }
  const connection = await session.connect();
  try {
    const chat = await connection.client.getChat(Number(text), { signal });
    if (signal.aborted) return;
    const { color } = session.io;
    const options = { color, timeZone: session.timeZone, width: session.terminalColumns() };
    session.out(chatAsFormatted(chat, session.format, options));
  } catch (error) {
    if (signal.aborted || !(error instanceof HelpCrunchError)) throw error;
    session.problem(error.kind === "not-found" ? `there is no chat ${text}` : failureText(error), EXIT.api);
  }
};
