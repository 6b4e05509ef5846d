import { MAX_REQUESTS_CAP } from "../../app/index.js";
import { groupDigits } from "../../language/index.js";
import type { Handler } from "./handler.js";

/** `.maxrequests [n]`: how many request bodies a query may become (`.explain` shows what one costs). */
export const maxrequests: Handler = (session, arg) => {
  const text = arg.trim();
  if (text === "") {
    session.out(`request bodies per query: ${session.maxRequests}`);
    return;
  }
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_REQUESTS_CAP) {
    session.problem(
      `.maxrequests takes a whole number from 1 to ${groupDigits(MAX_REQUESTS_CAP)} (the most request bodies a query may become), not '${text}'`,
    );
    return;
  }
  session.maxRequests = n;
  session.note(`request bodies per query: ${n} (each counts against the API's 120 requests a minute)`);
};
