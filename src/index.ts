/*
 * `hcql`, the main entry: everything of `hcql/core` (the language, browser-safe), the HelpCrunch
 * client and plan execution. The core's exports are listed once, in core.ts; the rest are named here.
 */

export type {
  ApiErrorItem,
  CallOptions,
  ClientOptions,
  CountClient,
  CountColumn,
  CountKey,
  CountOptions,
  CountResult,
  CountRow,
  ErrorDetails,
  ErrorKind,
  ExecuteOptions,
  ExecuteProgress,
  ExecuteResult,
  FilterErrorLocation,
  HelpCrunchClient,
  PageEvent,
  PageOptions,
  PlanClient,
  PlanOrCompiled,
  ProgressEvent,
  SearchBodyOptions,
  SearchOptions,
  SearchPage,
  SearchResult,
  StreamClient,
  StreamedChats,
  WaitEvent,
} from "./client/index.js";
// The client and plan execution load on their first use (bench row `library-import`).
export {
  countChats,
  createClient,
  ERROR_KINDS,
  executePlan,
  HelpCrunchError,
  locateFilterErrors,
  MissingApiKeyError,
  streamPlan,
} from "./client/index.js";
export * from "./core.js";
