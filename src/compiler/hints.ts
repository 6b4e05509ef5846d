import { formatMessage } from "../language/diagnostics.js";

/** The hints the checker and planner attach to diagnostics (messages live in MESSAGES). */
export const HINTS = {
  didYouMean: "did you mean '{0}'?",
  sortableFields: "sortable fields are {0}",
  filterInstead: "sort by {0} instead, or filter on a date field such as createdAt",
  unquote: "unquote it: {0}",
  quote: 'quote it: "{0}"',
  dateForms: "write a date like 2020-06-24, 2020-06-24T10:00, 1592962538, today, now - 7d or 7d ago",
  tagsNoNot: "the API cannot test that a customer lacks a tag",
  limitAtMost: "a limit is at most {0}",
  noChats: "the query matches no chat, so no request is sent",
  planTooLarge:
    "each 'or' inside an 'and' multiplies the requests: take a condition shared by all alternatives out of the parentheses, narrow the alternatives, or split the query",
} as const;

export function hint(name: keyof typeof HINTS, ...args: (string | number)[]): string {
  return formatMessage(HINTS[name], args);
}
