/**
 * The emulator's API errors, in the shapes of HelpCrunch's page: `{"errors": [{code, message}]}`, with
 * the page's own messages where it has one (`Field chats.x is invalid`, `status is not a valid
 * integer`, `comparison`). Every text an error response can carry is written here.
 *
 * Where in the body each validation error is (`filter[1].value`, `limit`) is kept beside it as `path`
 * and sent in the `X-Hcql-Error-Paths` header, never in the body: a client reading only the body
 * sees exactly what HelpCrunch sends.
 */

export interface ApiError {
  readonly code: string;
  readonly message: string;
  /** JSON path into the request body (validation errors only); sent in a header, not in the body. */
  readonly path?: string;
}

export interface ErrorResponse {
  readonly status: number;
  readonly errors: readonly ApiError[];
}

function single(status: number, code: string, message: string): ErrorResponse {
  return { status, errors: [{ code, message }] };
}

export const RESPONSES = {
  invalidToken: () => single(401, "invalid_token", "Invalid token"),
  chatNotFound: () => single(404, "chat_not_found", "Chat is missing"),
  invalidChatId: () => single(400, "invalid_chat_value", "Invalid chat ID"),
  notFound: (method: string, path: string) =>
    single(404, "not_found", `No route for ${method} ${path}; see GET /v1/chats, POST /v1/chats/search`),
  tooManyRequests: () => single(429, "too_many_requests", "You have exceeded your requests limit"),
  notJson: (detail: string) => single(400, "invalid_request", `Request body is not valid JSON: ${detail}`),
  notUtf8: () => single(400, "invalid_request", "Request body is not valid UTF-8"),
  notObject: () => single(400, "invalid_request", "Request body must be a JSON object"),
  tooLarge: (limit: number) => single(413, "request_too_large", `Request body is larger than ${limit} bytes`),
  internal: () => single(500, "internal_error", "Internal server error"),
  injected: () => single(500, "internal_error", "Internal server error (injected fault)"),
} as const;

/** A validation error about the part of the body at `path`. */
export function validationError(code: string, path: string, message: string): ApiError {
  return { code, message, path };
}

/** At most this many errors are listed in one answer; one more error says how many were left out. */
export const MAX_LISTED_ERRORS = 100;

export const VALIDATION_TEXTS = {
  unknownParameter: (key: string, allowed: readonly string[]) =>
    `Unknown parameter ${key}; expected one of ${allowed.join(", ")}`,
  repeatedParameter: (key: string) => `${key} is given more than once`,
  filterNotArray: () => "filter must be an array of {field, operator, value} items",
  itemNotObject: (item: string) => `${item} must be an object {field, operator, value}`,
  unknownItemKey: (item: string, key: string) =>
    `${item} has an unknown key ${key}; a filter item takes field, operator, value`,
  unknownTagKey: (tag: string, key: string) => `${tag} has an unknown key ${key}; a tag takes only name`,
  fieldMissing: (item: string) => `Field is missing in ${item}`,
  fieldInvalid: (field: string) => `Field ${field} is invalid`,
  operatorMissing: (item: string) => `Operator is missing in ${item}`,
  operatorInvalid: (op: string) => `Operator ${op} is invalid`,
  valueMissing: (item: string) => `Value is missing in ${item}`,
  notInteger: (name: string) => `${name} is not a valid integer`,
  chatValueInvalid: (name: string) => `${name} value is invalid`,
  notString: (name: string) => `${name} is not a valid string`,
  notTags: (name: string) => `${name} is not a valid list of tags (expected [{"name": "..."}, ...])`,
  comparison: () => "comparison",
  limit: (max: number) => `limit must be an integer from 1 to ${max}`,
  offset: () => "offset must be an integer of 0 or more",
  sort: (allowed: readonly string[]) =>
    `sort must be one of ${allowed.join(", ")} (the chats. prefix is optional)`,
  order: () => "order must be ASC or DESC",
  moreErrors: (count: number) => `${count} more errors not listed`,
} as const;
