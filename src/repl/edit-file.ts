import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** `.edit`: a query written to a private file, opened in the user's editor, read back once it closes. */

type Env = Readonly<Record<string, string | undefined>>;

/** The editor command: `$VISUAL`, else `$EDITOR` (as psql and git choose); undefined when neither is set. */
export function editorCommand(env: Env): string | undefined {
  for (const name of ["VISUAL", "EDITOR"] as const) {
    const command = env[name]?.trim();
    if (command) return command;
  }
  return undefined;
}

export type EditResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly message: string };

/**
 * Opens `text` in the editor (through the shell, so the command may hold arguments) in a file of a
 * fresh private folder, waits for the editor to end and returns what the file holds then.
 */
export async function editText(command: string, text: string, env: Env): Promise<EditResult> {
  const dir = mkdtempSync(join(tmpdir(), "hcql-edit-"));
  const file = join(dir, "query.hcql");
  try {
    writeFileSync(file, text === "" ? "" : `${text}\n`, { mode: 0o600 });
    // Why the editor failed (its exit code, the signal that ended it, why it did not start); undefined if it did not.
    const failure = await new Promise<string | undefined>((resolve) => {
      const child = spawn(`${command} "$HCQL_EDIT_FILE"`, {
        shell: true,
        stdio: "inherit",
        env: { ...env, HCQL_EDIT_FILE: file },
      });
      child.on("error", (error) => resolve(error.message));
      child.on("close", (exit, signal) =>
        resolve(exit === 0 ? undefined : exit === null ? `ended by ${signal ?? "a signal"}` : `exit ${exit}`),
      );
    });
    if (failure !== undefined)
      return { ok: false, message: `the editor '${command}' failed (${failure}); nothing runs` };
    return { ok: true, text: readFileSync(file, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
