/**
 * `hcql/testing`: fast-check arbitraries of HCQL queries, request bodies and chats, and the reference
 * evaluator, for testing code that makes or consumes HelpCrunch chat filters. fast-check is a peer
 * dependency: install it beside hcql to use this entry.
 */

export type { ChatRecord } from "./emulator/index.js";
export type {
  BodyArbitraryOptions,
  ChatArbitraryOptions,
  EvaluateOptions,
  QueryArbitraryOptions,
  Truth,
} from "./testing/index.js";
export {
  chat,
  chatRecord,
  chatRecords,
  evaluate,
  filterItem,
  printQuery,
  queryCase,
  queryText,
  queryTree,
  searchBody,
  truth,
} from "./testing/index.js";
