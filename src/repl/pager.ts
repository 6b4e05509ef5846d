import { spawn } from "node:child_process";

/** Showing output taller than the terminal through a pager (`$PAGER`, else `less -SRFX`), as psql does. */

export const DEFAULT_PAGER = "less -SRFX";

/** The pager command: `$PAGER` when set, else the default; undefined when `$PAGER` is set empty. */
export function pagerCommand(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const pager = env.PAGER;
  if (pager === undefined) return DEFAULT_PAGER;
  return pager.trim() === "" ? undefined : pager;
}

/** Whether text needs a pager on a terminal of `rows` lines (the prompt keeps one). */
export function tallerThan(text: string, rows: number | undefined): boolean {
  if (rows === undefined || rows <= 0) return false;
  let lines = 1;
  for (let i = text.indexOf("\n"); i >= 0 && lines < rows; i = text.indexOf("\n", i + 1)) lines++;
  return lines >= rows;
}

export type PagerResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * Runs the pager through the shell (`$PAGER` may hold arguments) with the text on its stdin and the
 * terminal as its output; resolves when it ends. A pager that cannot run is a result, not an error.
 */
export function runPager(
  command: string,
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<PagerResult> {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ["pipe", "inherit", "inherit"], env: { ...env } });
    child.on("error", (error) =>
      resolve({ ok: false, message: `the pager '${command}' did not start: ${error.message}` }),
    );
    // A pager that quits before reading everything (q in less) closes its stdin: not an error.
    child.stdin.on("error", () => undefined);
    child.on("close", (code) => {
      if (code === 126 || code === 127)
        resolve({ ok: false, message: `the pager '${command}' could not run` });
      else resolve({ ok: true });
    });
    child.stdin.end(text);
  });
}
