/**
 * What the shell loads after its prompt is up (the language, the client, the formatters), so
 * that `hcql` is ready for input about as fast as node itself starts.
 */
export { accountConnection, demoConnection } from "../app/index.js";
export { complete, isIncomplete } from "../editor/index.js";
export { nearestName } from "../language/index.js";
export { HANDLERS } from "./commands/index.js";
export { createEngine } from "./engine.js";
export { highlight, rejectedSpans } from "./highlight.js";
export { listCompletions } from "./list.js";
export { Session } from "./session.js";
