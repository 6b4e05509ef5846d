/**
 * The emulator's API errors, in the shapes of HelpCrunch's page: `{"errors": [{code, message}]}`.
 * Every text an error response can carry is written here.
 *
 * Validation errors also carry `path`, the JSON path of the offending part of the body
 * (`filter[1].value`, `limit`, `comparison`), and their message starts with that path and ": ",
 * so a client can map an error back to a filter item from either.
 */

export interface ApiError {
  readonly code: string;
  readonly message: string;
  /** JSON path into the request body (validation errors only). */
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

/** A validation error at `path`: its message is `path: text`. */
export function validationError(code: string, path: string, text: string): ApiError {
  return { code, message: path === "" ? text : `${path}: ${text}`, path };
}

export const VALIDATION_TEXTS = {
  unknownParameter: (allowed: readonly string[]) =>
    `unknown parameter; expected one of ${allowed.join(", ")}`,
  repeatedParameter: () => "is given more than once",
  filterNotArray: () => "must be an array of {field, operator, value} items",
  itemNotObject: () => "a filter item must be an object {field, operator, value}",
  unknownItemKey: () => "unknown key; a filter item takes field, operator, value",
  fieldMissing: () => "Field is missing",
  fieldInvalid: (field: string) => `Field ${field} is invalid`,
  fieldInvalidHint: (field: string, hint: string) => `Field ${field} is invalid (did you mean ${hint}?)`,
  fieldSortOnly: (field: string) => `Field ${field} is invalid (it can only be sorted by)`,
  operatorMissing: () => "Operator is missing",
  operatorInvalid: (op: string) => `Operator ${op} is invalid`,
  operatorNotAccepted: (op: string, field: string, allowed: readonly string[]) =>
    `Operator ${op} is invalid for ${field} (it accepts ${allowed.join(" ")})`,
  valueMissing: () => "value is missing",
  notInteger: (name: string) => `${name} is not a valid integer`,
  chatValueInvalid: (name: string) => `${name} value is invalid`,
  notDate: (name: string) => `${name} is not a valid date (UNIX seconds)`,
  notString: (name: string) => `${name} is not a valid string`,
  notTags: (name: string) => `${name} is not a valid list of tags (expected [{"name": "..."}, ...])`,
  comparison: (value: string) => `must be AND or OR, not ${value}`,
  limit: (max: number) => `must be an integer from 1 to ${max}`,
  offset: () => "must be an integer of 0 or more",
  sort: (allowed: readonly string[]) =>
    `must be one of ${allowed.join(", ")} (the chats. prefix is optional)`,
  order: () => "must be ASC or DESC",
} as const;
