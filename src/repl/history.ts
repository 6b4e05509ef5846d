import { historyPath, readIfExists, writePrivateFile } from "../app/index.js";

/** The most lines kept, in memory and on disk. */
export const HISTORY_SIZE = 1000;

/**
 * Whether a history line may be kept: never a `.key` line, and never a line holding a secret
 * (an API key typed or pasted into a query by mistake).
 */
export function keepInHistory(line: string, secrets: readonly string[]): boolean {
  if (/^\s*\.key\b/i.test(line)) return false;
  return !secrets.some((secret) => secret.length > 0 && line.includes(secret));
}

/**
 * A query typed over several lines as one history entry: its lines trimmed and joined by spaces, or
 * kept as lines when one holds a comment (which a space would extend over the next line).
 */
export function historyEntry(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(text.includes("#") ? "\n" : " ");
}

/**
 * The history file: one entry per line, oldest first; an entry's own line breaks (a multi-line
 * query) are stored as `\n` escapes, and backslashes doubled.
 */
export class HistoryFile {
  readonly path: string;

  constructor(env: Readonly<Record<string, string | undefined>>) {
    this.path = historyPath(env);
  }

  /** The entries newest first, as node's readline keeps them; none when the file is missing or unreadable. */
  load(): string[] {
    let text: string | undefined;
    try {
      text = readIfExists(this.path);
    } catch {
      return [];
    }
    if (text === undefined) return [];
    const lines = text.split("\n").filter((line) => line !== "");
    return lines.map(decode).reverse().slice(0, HISTORY_SIZE);
  }

  /** Writes the entries (newest first) without the ones that must not be kept. */
  save(entries: readonly string[], secrets: readonly string[]): void {
    const kept = entries.filter((e) => e.trim() !== "" && keepInHistory(e, secrets)).slice(0, HISTORY_SIZE);
    const text = kept
      .reverse()
      .map((e) => `${encode(e)}\n`)
      .join("");
    writePrivateFile(this.path, text);
  }
}

function encode(entry: string): string {
  return entry.replace(/\\/g, "\\\\").replace(/\r?\n/g, "\\n");
}

function decode(line: string): string {
  return line.replace(/\\(\\|n)/g, (_, c: string) => (c === "n" ? "\n" : "\\"));
}
