/** The HelpCrunch client: rate-limited, retrying requests, and running a plan's bodies (`executePlan`). */
export type {
  CallOptions,
  HelpCrunchClient,
  PageEvent,
  PageOptions,
  ProgressEvent,
  SearchBodyOptions,
  SearchOptions,
  SearchPage,
  SearchResult,
} from "./client.js";
export {
  type CountClient,
  type CountColumn,
  type CountKey,
  type CountOptions,
  type CountResult,
  type CountRow,
  partialCountOf,
} from "./count.js";
export {
  type ApiErrorItem,
  ERROR_KINDS,
  type ErrorDetails,
  type ErrorKind,
  type FilterErrorLocation,
  failureReason,
  HelpCrunchError,
  locateFilterErrors,
  MissingApiKeyError,
} from "./errors.js";
export {
  type ExecuteOptions,
  type ExecuteProgress,
  type ExecuteResult,
  type PlanClient,
  type PlanOrCompiled,
  partialResultOf,
  rejectionDiagnostics,
} from "./execute.js";
export { countChats, createClient, executePlan, streamPlan } from "./lazy.js";
export type { ClientOptions, WaitEvent } from "./options.js";
export type { StreamClient, StreamedChats } from "./stream.js";
