/**
 * `hcql/testing`: fast-check arbitraries of HCQL queries, request bodies and chats, and the reference
 * evaluator, for testing code that makes or consumes HelpCrunch chat filters. fast-check is a peer
 * dependency: install it beside hcql to use this entry.
 */

export type { ChatRecord } from "./emulator/dataset.js";
export type { BodyArbitraryOptions } from "./testing/body.js";
export { filterItem, searchBody } from "./testing/body.js";
export type { ChatArbitraryOptions } from "./testing/chat.js";
export { chat, chatRecord, chatRecords } from "./testing/chat.js";
export { printQuery } from "./testing/print.js";
export type { QueryArbitraryOptions } from "./testing/query.js";
export { queryCase, queryText, queryTree } from "./testing/query.js";
export type { EvaluateOptions, Truth } from "./testing/reference.js";
export { evaluate, truth } from "./testing/reference.js";
