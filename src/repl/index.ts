/** The interactive shell (`hcql` with no arguments). */

export type { Greeting } from "./greeting.js";
export { startRepl } from "./start.js";
