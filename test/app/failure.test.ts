import { describe, expect, it } from "vitest";
import { accountConnection } from "../../src/app/connection.js";
import { failureText } from "../../src/app/failure.js";
import { type ErrorDetails, HelpCrunchError, MissingApiKeyError } from "../../src/client/errors.js";

const base = { request: "POST /chats/search", host: "api.helpcrunch.com", attempts: 1 };

function apiError(details: Pick<ErrorDetails, "kind"> & Partial<ErrorDetails>): HelpCrunchError {
  return new HelpCrunchError({ ...base, ...details });
}

/** The client states what happened; hcql's own layer says where it takes a key from. */
describe("failureText", () => {
  it.each<[string, unknown, string]>([
    [
      "a rejected key",
      apiError({ kind: "unauthorized", status: 401 }),
      "the API key was rejected (401): set HELPCRUNCH_API_KEY or pass --api-key",
    ],
    ["no key", new MissingApiKeyError(), "no API key: set HELPCRUNCH_API_KEY or pass --api-key"],
    [
      "a key without the permission",
      apiError({ kind: "forbidden", status: 403 }),
      "the API key may not use POST /chats/search (403): check the key's permissions in HelpCrunch (Settings → Developers → Public API)",
    ],
    [
      "a server failure",
      apiError({ kind: "server", status: 503, attempts: 6 }),
      "the API failed with HTTP 503 after 6 attempts: try again later",
    ],
    ["another error", new RangeError("the base URL's port is 0"), "the base URL's port is 0"],
    ["not an error", "broken", "broken"],
  ])("%s", (_name, error, text) => {
    expect(failureText(error)).toBe(text);
  });

  it("a connection with a blank key is refused with the advice", () => {
    expect(accountConnection("   ", "https://api.helpcrunch.com/v1")).toEqual({
      ok: false,
      message: "no API key: set HELPCRUNCH_API_KEY or pass --api-key",
    });
  });
});
