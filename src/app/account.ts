import { DEFAULT_BASE_URL } from "../language/index.js";
import type { Checked } from "./clock.js";
import { API_KEY_ADVICE } from "./failure.js";

/** Which account the shell and the commands search: a key and a URL from flags or the environment. */

/** Chats the demo emulator generates. */
export const DEMO_CHATS = 2500;

export interface AccountSettings {
  /** The API key; undefined for demo mode. */
  readonly apiKey: string | undefined;
  /** The API's base URL (`DEFAULT_BASE_URL` unless set). */
  readonly baseUrl: string;
}

export interface AccountFlags {
  readonly apiKey?: string | undefined;
  readonly apiUrl?: string | undefined;
}

/**
 * The account from `--api-key`/`--api-url` or HELPCRUNCH_API_KEY/HELPCRUNCH_API_URL (flags win).
 * A URL without a key is refused: searching the demo data then would hide a forgotten key.
 */
export function accountSettings(
  flags: AccountFlags,
  env: Readonly<Record<string, string | undefined>>,
): Checked<AccountSettings> {
  const apiKey = nonEmpty(flags.apiKey) ?? nonEmpty(env.HELPCRUNCH_API_KEY);
  const apiUrl = nonEmpty(flags.apiUrl) ?? nonEmpty(env.HELPCRUNCH_API_URL);
  if (apiKey === undefined && apiUrl !== undefined) {
    const where = nonEmpty(flags.apiUrl) === undefined ? "HELPCRUNCH_API_URL" : "--api-url";
    return {
      ok: false,
      message: `an API URL (${where}) needs an API key: ${API_KEY_ADVICE} (hcql serve accepts 'demo')`,
    };
  }
  return { ok: true, value: { apiKey, baseUrl: apiUrl ?? DEFAULT_BASE_URL } };
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === "" ? undefined : text.trim();
}
