import { fitToColumns } from "../language/index.js";

/** What the shell and the commands read and write: the process in production, buffers in tests. */
export interface AppIO {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

/** What takes a command's text: a stream, or the CLI's direct standard output (src/cli.ts). */
export interface TextOutput {
  write(text: string): unknown;
  /** The terminal's width when the text goes to a terminal; else undefined. */
  readonly columns?: number | undefined;
}

/**
 * Exit codes of every command, and of the shell on piped input. `internal`: an error hcql did not
 * expect, EX_SOFTWARE of sysexits.h; `output`: the output could not be written (a full disk), EX_IOERR.
 */
export const EXIT = {
  ok: 0,
  diagnostics: 1,
  usage: 2,
  api: 3,
  internal: 70,
  output: 74,
  interrupted: 130,
} as const;

/** Writes a text ending in exactly one line break (none added to an empty text). */
export function write(stream: TextOutput, text: string): void {
  stream.write(text.endsWith("\n") || text === "" ? text : `${text}\n`);
}

/** A sentence of the program's own on a terminal's stream, broken at spaces to its width (not mid-word). */
export function writeSentence(stream: TextOutput, text: string): void {
  write(stream, fitToColumns(text, stream.columns));
}

/**
 * Writes a text and resolves once it is handed to the OS: a terminal takes a large write in parts, and
 * a footer on stderr must not land in the middle of it.
 */
export function writeFlushed(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) =>
    stream.write(text.endsWith("\n") || text === "" ? text : `${text}\n`, () => resolve()),
  );
}
