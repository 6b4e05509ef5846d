/**
 * The layer under the shell, the commands and the web page: their IO, clock and zone, account and
 * connection, progress line, and running a query.
 */
export { type AccountFlags, type AccountSettings, accountSettings, DEMO_CHATS } from "./account.js";
export { type Checked, checkTimeZone, nowSeconds, parseNow, systemTimeZone } from "./clock.js";
export {
  accountConnection,
  type Connection,
  type DemoOptions,
  demoConnection,
  REQUEST_TIMEOUT_MS,
} from "./connection.js";
export { type AppIO, EXIT, write, writeFlushed } from "./io.js";
export { DEFAULT_MAX_REQUESTS, MAX_REQUESTS_CAP } from "./limits.js";
export { historyPath, readIfExists, savedQueriesPath, writePrivateFile } from "./paths.js";
export { describeProgress, ProgressLine } from "./progress.js";
export {
  pageOf,
  type QueryOptions,
  type QueryOutcome,
  runPlan,
  runQuery,
  tooManyRequests,
} from "./query.js";
export { SAVED_NAME, SavedQueries } from "./saved.js";
