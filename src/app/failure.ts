import { HelpCrunchError, MissingApiKeyError } from "../client/index.js";

/**
 * What the client reports, for a person running hcql. The client states what happened; where the API
 * key is the problem, this layer adds where hcql takes a key from (the client knows no flags).
 */

/** Where the commands, the shell and `hcql web` take the API key from. */
export const API_KEY_ADVICE = "set HELPCRUNCH_API_KEY or pass --api-key";

/** An error's message, with the way to give a key when there was none or it was rejected. */
export function failureText(error: unknown): string {
  if (error instanceof MissingApiKeyError) return `no API key: ${API_KEY_ADVICE}`;
  const message = error instanceof Error ? error.message : String(error);
  const rejected = error instanceof HelpCrunchError && error.kind === "unauthorized";
  return rejected ? `${message}: ${API_KEY_ADVICE}` : message;
}
