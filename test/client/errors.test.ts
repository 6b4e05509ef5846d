import { describe, expect, it } from "vitest";
import {
  type ErrorDetails,
  errorMessage,
  failureReason,
  HelpCrunchError,
  kindOfStatus,
  locateFilterErrors,
  networkCause,
} from "../../src/client/errors.js";
import type { SearchBody } from "../../src/language/api.js";

/** The API's errors can name operators the type does not allow, so the body is not a typed SearchBody. */
const BODY = {
  filter: [
    { field: "chats.status", operator: "=", value: "3" },
    { field: "chats.customer.email", operator: "~", value: "@example.com" },
    { field: "chats.status", operator: "!=", value: "6" },
    { field: "chats.customer", operator: ">", value: 5 },
    { field: "chats.customer.tagsData", operator: "=", value: [{ name: "Paid" }] },
    { field: "chats.customer.tagsDataff", operator: "~~~~", value: "x" },
  ],
  comparison: "AND",
} as unknown as SearchBody;

describe("locateFilterErrors", () => {
  it.each([
    ["filter[1].value", "must be a string", [1]],
    ["invalid_value", "filter[3].value: customer value is invalid", [3]],
    ["filter[0]", "invalid item", [0]],
    ["invalid_value", "filter[9].value: out of range", []],
    ["invalid_value", "status is not a valid integer", [0, 2]],
    ["invalid_value", "chats.status is not a valid integer", [0, 2]],
    ["invalid_chat_value", "customer value is invalid", [3]],
    ["invalid_field", "Field chats.customer.tagsDataff is invalid", [5]],
    ["invalid_operator", "Operator ~~~~ is invalid", [5]],
    ["invalid_operator", "Operator ~ is invalid", [1]],
    ["invalid_value", "tags must be a non-empty array", [4]],
    ["invalid_chat_value", "comparison", []],
    ["invalid_chat_value", "Invalid chat ID", []],
    ["invalid_value", "limit must be between 1 and 100", []],
  ])("%s %j → %j", (code, message, items) => {
    expect(locateFilterErrors([{ code, message }], BODY)).toEqual([{ error: { code, message }, items }]);
  });
});

describe("locateFilterErrors with the emulator's paths", () => {
  it.each([
    ["filter[2].value", "status is not a valid integer", [2]],
    ["filter[5].field", "Field chats.customer.tagsDataff is invalid", [5]],
    ["comparison", "comparison", []],
    ["filter[9].value", "status is not a valid integer", []],
  ])("path %s wins over the message %j", (path, message, items) => {
    const error = { code: "invalid_value", message, path };
    expect(locateFilterErrors([error], BODY)).toEqual([{ error, items }]);
  });
});

describe("messages", () => {
  const base = { request: "POST /chats/search", host: "api.helpcrunch.com", attempts: 1 };
  it.each<[string, Partial<ErrorDetails> & Pick<ErrorDetails, "kind">, string]>([
    [
      "invalid-request",
      {
        kind: "invalid-request",
        status: 400,
        errors: [{ code: "invalid_field", message: "Field x is invalid" }],
      },
      "the API rejected POST /chats/search (400): Field x is invalid (invalid_field)",
    ],
    [
      "invalid-request without errors",
      { kind: "invalid-request", status: 413 },
      "the API rejected POST /chats/search (413)",
    ],
    ["unauthorized", { kind: "unauthorized", status: 401 }, "the API key was rejected (401)"],
    [
      "forbidden",
      { kind: "forbidden", status: 403 },
      "the API key may not use POST /chats/search (403): check the key's permissions in HelpCrunch (Settings → Developers → Public API)",
    ],
    [
      "not-found",
      { kind: "not-found", status: 404, errors: [{ code: "chat_not_found", message: "" }] },
      "POST /chats/search was not found (404): chat_not_found: check the API base URL (HelpCrunch's is https://api.helpcrunch.com/v1)",
    ],
    [
      "rate-limited",
      { kind: "rate-limited", status: 429, attempts: 6 },
      "the API's rate limit was still exceeded (429) after 6 attempts: wait a minute and try again (is another client using the same key?)",
    ],
    [
      "rate-limited with Retry-After",
      { kind: "rate-limited", status: 429, retryAfterMs: 90_500 },
      "the API's rate limit was exceeded (429) and it asks to wait 90.5 s: try again later",
    ],
    [
      "server",
      { kind: "server", status: 502, attempts: 2 },
      "the API failed with HTTP 502 after 2 attempts: try again later",
    ],
    [
      "unexpected-status",
      { kind: "unexpected-status", status: 418 },
      "the API answered POST /chats/search with an unexpected HTTP 418",
    ],
    [
      "network",
      { kind: "network", reason: "ENOTFOUND" },
      "could not reach api.helpcrunch.com: no such host (ENOTFOUND): check the host name in the base URL",
    ],
    [
      "network, refused after retries",
      { kind: "network", reason: "ECONNREFUSED", attempts: 4 },
      "could not reach api.helpcrunch.com: connection refused (ECONNREFUSED) after 4 attempts: is the server running, and is the base URL's port right?",
    ],
    [
      "network, a certificate",
      { kind: "network", reason: "CERT_HAS_EXPIRED" },
      "could not reach api.helpcrunch.com: the server's certificate was not accepted (CERT_HAS_EXPIRED): check the network connection and the base URL",
    ],
    [
      "network, an unknown reason",
      { kind: "network", reason: "other side closed" },
      "could not reach api.helpcrunch.com: the connection failed (other side closed): check the network connection and the base URL",
    ],
    [
      "timeout",
      { kind: "timeout", timeoutMs: 30_000 },
      "the API did not answer within 30 s: try again later or allow a longer timeout",
    ],
    [
      "malformed-response",
      { kind: "malformed-response", reason: "data is not an array" },
      "the API sent a response to POST /chats/search that hcql cannot read (data is not an array)",
    ],
    ["cancelled", { kind: "cancelled" }, "POST /chats/search was cancelled"],
  ])("%s", (_, details, message) => {
    expect(errorMessage({ ...base, ...details })).toBe(message);
    expect(new HelpCrunchError({ ...base, ...details }).message).toBe(message);
  });

  it.each([
    [400, "invalid-request"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not-found"],
    [409, "unexpected-status"],
    [413, "invalid-request"],
    [422, "invalid-request"],
    [429, "rate-limited"],
    [500, "server"],
    [503, "server"],
  ])("HTTP %i is %s", (status, kind) => {
    expect(kindOfStatus(status)).toBe(kind);
  });
});

describe("networkCause: what retrying can do", () => {
  it.each([
    ["ECONNREFUSED", "connection refused", "soon"],
    ["EAI_AGAIN", "the host name could not be looked up", "soon"],
    ["ENETUNREACH", "network unreachable", "soon"],
    ["EHOSTUNREACH", "host unreachable", "soon"],
    ["ENOTFOUND", "no such host", "never"],
    ["EADDRNOTAVAIL", "address not available", "never"],
    ["bad port", "fetch refuses to connect to this port", "never"],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "the TLS handshake failed", "never"],
    ["EPROTO", "the TLS handshake failed", "never"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "the server's certificate was not accepted", "never"],
    ["CERT_HAS_EXPIRED", "the server's certificate was not accepted", "never"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "the server's certificate was not accepted", "never"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "the server's certificate was not accepted", "never"],
    ["ECONNRESET", "connection reset", "backoff"],
    ["UND_ERR_SOCKET", "connection closed", "backoff"],
    ["UND_ERR_CONNECT_TIMEOUT", "connection timed out", "backoff"],
    ["something new", "the connection failed", "backoff"],
  ])("%s: %s, retry %s", (reason, text, retry) => {
    expect(networkCause(reason)).toMatchObject({ text, retry });
  });
});

describe("failureReason: why an attempt is retried", () => {
  it.each<[string, Pick<HelpCrunchError, "kind" | "status" | "reason">, string]>([
    ["refused", { kind: "network", status: undefined, reason: "ECONNREFUSED" }, "connection refused"],
    ["no host", { kind: "network", status: undefined, reason: "ENOTFOUND" }, "no such host"],
    ["timeout", { kind: "timeout", status: undefined, reason: "timeout" }, "timed out"],
    ["503", { kind: "server", status: 503, reason: undefined }, "HTTP 503"],
    ["429", { kind: "rate-limited", status: 429, reason: undefined }, "rate limited"],
    [
      "malformed",
      { kind: "malformed-response", status: 200, reason: "the body is not valid JSON" },
      "unreadable response (the body is not valid JSON)",
    ],
  ])("%s", (_, error, text) => {
    expect(failureReason(error)).toBe(text);
  });
});
