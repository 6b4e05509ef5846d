/**
 * `hcql/testing`: fast-check arbitraries of HCQL queries, request bodies and chats, and the reference
 * evaluator, for testing code that makes or consumes HelpCrunch chat filters. fast-check is a peer
 * dependency: install it beside hcql to use this entry.
 */

export type { ChatRecord } from "./emulator/dataset.js";
export type {
  BodyArbitraryOptions,
  ChatArbitraryOptions,
  QueryArbitraryOptions,
} from "./testing/arbitraries.js";
export {
  chat,
  chatRecord,
  chatRecords,
  filterItem,
  queryCase,
  queryText,
  queryTree,
  searchBody,
} from "./testing/arbitraries.js";
export { printQuery } from "./testing/print.js";
export type { EvaluateOptions, Truth } from "./testing/reference.js";
export { evaluate, truth } from "./testing/reference.js";
