import { formatFields } from "../detail.js";
import type { Handler } from "./handler.js";

/** `.fields`: the fields, their types, operators and sorting. */
export const fields: Handler = (session) => {
  session.out(formatFields(session.io.color, session.io.stdout.columns));
};
