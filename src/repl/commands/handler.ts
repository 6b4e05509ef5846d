import type { Session } from "../session.js";

/** The code of one dot-command (its name, arguments and help are in command-info.ts). */
export type Handler = (session: Session, arg: string, signal: AbortSignal) => Promise<void> | void;

/** True when the argument holds a query; else says what the command takes. */
export function needQuery(session: Session, arg: string, usage: string): boolean {
  if (arg.trim() !== "") return true;
  session.problem(`missing query: ${usage}`);
  return false;
}
