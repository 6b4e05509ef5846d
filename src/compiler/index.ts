/** The compiler: checks a parsed query against the field table and plans it into request bodies. */

export { type DateBuckets, dateBuckets } from "./buckets.js";
export { parseDate, parseDateTime } from "./calendar.js";
export {
  check,
  compile,
  compileTraced,
  type FixedQuery,
  fixQuery,
} from "./compile.js";
export { decompile } from "./decompile.js";
export {
  bodyJson,
  type ExplainedCount,
  type ExplainedDate,
  type ExplainedItem,
  type ExplainedRequest,
  type ExplainFailure,
  type ExplainSuccess,
  type Explanation,
  explain,
  orderText,
} from "./explain.js";
export { countsByTotal } from "./planner.js";
export type * from "./types.js";
export { wallClockAt, zoneEngine } from "./zone.js";
