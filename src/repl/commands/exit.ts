import type { Handler } from "./handler.js";

/** `.exit`: leaves the shell. */
export const exit: Handler = (session) => session.hooks.exit();
