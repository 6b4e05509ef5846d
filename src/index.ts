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
export type { ErrorDetails } from "./client/errors.js";
export { ERROR_KINDS, HelpCrunchError, locateFilterErrors, MissingApiKeyError } from "./client/errors.js";
export type { ExecuteOptions, ExecuteProgress, ExecuteResult, PlanClient } from "./client/execute.js";
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
// The client and plan execution load on their first use (bench row `library-import`).
export { countChats, createClient, executePlan, streamPlan } from "./client/lazy.js";
export type { StreamClient, StreamedChats } from "./client/stream.js";
export * from "./core.js";
