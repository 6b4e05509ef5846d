/**
 * The layer under the shell, the commands and the web page: their IO, clock and zone, account and
 * connection, progress line, saved queries, and running a query (`runQuery`).
 */
export { type AccountSettings, accountSettings, DEMO_CHATS } from "./account.js";
export { type Checked, checkTimeZone, nowSeconds, parseNow, systemTimeZone } from "./clock.js";
export {
  accountConnection,
  baseUrlProblem,
  type Connection,
  type DemoOptions,
  demoConnection,
  namesOf,
} from "./connection.js";
export { failureText } from "./failure.js";
export { type AppIO, EXIT, type TextOutput, write, writeFlushed, writeSentence } from "./io.js";
export { capAdvice, DEFAULT_MAX_REQUESTS, limitAdvice, MAX_REQUESTS_CAP } from "./limits.js";
export { historyPath, readIfExists, writePrivateFile } from "./paths.js";
export { describeProgress, ProgressLine } from "./progress.js";
export {
  type PartialResult,
  pageOf,
  type QueryOptions,
  type QueryOutcome,
  runPlan,
  runQuery,
  streamQuery,
} from "./query.js";
export { SAVED_NAME, SavedQueries, SavedQueriesError } from "./saved.js";
export { tagSlips, tagSlipTips, tagsAskedFor } from "./tags.js";
