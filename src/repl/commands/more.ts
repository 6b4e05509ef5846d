import type { Handler } from "./handler.js";

/** `.more`: the next page of the last query. */
export const more: Handler = (session, _arg, signal) => session.more(signal);
