/**
 * What the shell loads after its prompt is up (the language, the client, the formatters), so
 * that `hcql` is ready for input about as fast as node itself starts.
 */
export { createClient } from "../client/index.js";
export { complete, isIncomplete } from "../editor/index.js";
export { createEngine } from "./engine.js";
export { highlight } from "./highlight.js";
export { listCompletions } from "./list.js";
export { Session } from "./session.js";
