/**
 * `hcql`, the main entry: everything of `hcql/core` (the language, browser-safe), the HelpCrunch
 * client and plan execution. The core's exports are listed once, in core.ts; the rest are named here.
 */

export type {
  CountClient,
  CountColumn,
  CountKey,
  CountOptions,
  CountResult,
  CountRow,
} from "./client/count.js";
export { countChats } from "./client/count.js";
export type { ExecuteOptions, ExecuteProgress, ExecuteResult, PlanClient } from "./client/execute.js";
export { executePlan } from "./client/execute.js";
export type {
  ApiErrorItem,
  CallOptions,
  ClientOptions,
  ErrorKind,
  FilterErrorLocation,
  HelpCrunchClient,
  PageEvent,
  PageOptions,
  ProgressEvent,
  SearchBodyOptions,
  SearchOptions,
  SearchPage,
  SearchResult,
  WaitEvent,
} from "./client/index.js";
export {
  createClient,
  ERROR_KINDS,
  HelpCrunchError,
  locateFilterErrors,
  MissingApiKeyError,
} from "./client/index.js";
export type { StreamClient, StreamedChats } from "./client/stream.js";
export { streamPlan } from "./client/stream.js";
export * from "./core.js";
