/** Text shown to a person: made safe for a terminal or a page, and URLs without their secrets. */
export { escapeJsonText, sanitize, sanitizeLine } from "./sanitize.js";
export { displayUrl } from "./url.js";
