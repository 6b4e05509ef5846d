/**
 * What an editor needs to help someone type HCQL: completion, whether the text goes on, and the
 * classes to colour it with. Pure functions of the text; no Node, so they also run in a browser.
 */
export {
  type CommandArgument,
  type CompletionContext,
  type CompletionItem,
  type CompletionResult,
  complete,
} from "./complete.js";
export { type HighlightClass, type HighlightSpan, highlight } from "./highlight.js";
export { isIncomplete } from "./incomplete.js";
