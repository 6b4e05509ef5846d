export { type BodyArbitraryOptions, filterItem, searchBody } from "./body.js";
export { type ChatArbitraryOptions, chat, chatRecord, chatRecords } from "./chat.js";
export { printQuery } from "./print.js";
export { type QueryArbitraryOptions, queryCase, queryText, queryTree } from "./query.js";
export { type EvaluateOptions, evaluate, type Truth, truth } from "./reference.js";
