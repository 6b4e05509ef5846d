import { EXIT, failureText } from "../../app/index.js";
import { HelpCrunchError } from "../../client/index.js";
import type { Chat } from "../../language/index.js";
import type { OutputFormat } from "../../output/index.js";
import { formatChatJson } from "../../output/index.js";
import { formatChatDetail } from "../detail.js";
import type { Handler } from "./handler.js";

/** The chat as the session's format asks: JSON for json and ndjson (a script reads it), else the detail. */
function chatAsFormatted(chat: Chat, format: OutputFormat, color: boolean, timeZone: string): string {
  if (format === "json" || format === "ndjson") return formatChatJson(chat, format === "json");
  return formatChatDetail(chat, { color, timeZone });
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
    session.out(chatAsFormatted(chat, session.format, session.io.color, session.timeZone));
  } catch (error) {
    if (signal.aborted || !(error instanceof HelpCrunchError)) throw error;
    session.problem(error.kind === "not-found" ? `there is no chat ${text}` : failureText(error), EXIT.api);
  }
};
