import { groupDigits, MAX_LIMIT } from "../../language/index.js";
import type { Handler } from "./handler.js";

/** `.limit [n]`: the page size of queries without a limit. */
export const limit: Handler = (session, arg) => {
  const text = arg.trim();
  if (text === "") {
    session.out(`page size: ${groupDigits(session.pageSize)}`);
    return;
  }
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_LIMIT) {
    session.problem(
      `the page size must be a whole number from 1 to ${groupDigits(MAX_LIMIT)}, not '${text}'`,
    );
    return;
  }
  session.pageSize = n;
  session.note(`page size: ${groupDigits(n)} (for queries without a limit)`);
};
