import { isOutputFormat, unknownFormatMessage } from "../../output/index.js";
import type { Handler } from "./handler.js";

/** `.format [table|json|ndjson|csv]`: how results print. */
export const format: Handler = (session, arg) => {
  const name = arg.trim().toLowerCase();
  if (name === "") {
    session.out(`format: ${session.format}`);
    return;
  }
  if (!isOutputFormat(name)) {
    session.problem(unknownFormatMessage(arg.trim()));
    return;
  }
  session.format = name;
  session.note(`format: ${name}`);
};
