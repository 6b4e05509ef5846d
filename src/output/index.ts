/** Ways to print chats: pure functions of (chats, options), shared by `hcql run` and the REPL. */

export { sanitize } from "../text/index.js";
export { formatChats } from "./chats.js";
export { shouldColor } from "./color.js";
export {
  type ColumnChoice,
  columnsOf,
  hasColumns,
  parseColumns,
  shownColumns,
} from "./columns.js";
export { countJson, formatCountFooter, formatCountResult } from "./count.js";
export { formatCsv } from "./csv.js";
export {
  dateText,
  type ExplanationPart,
  type ExplanationTextOptions,
  explanationParts,
  renderExplanation,
} from "./explain.js";
export { type FooterStats, formatCount, formatFooter } from "./footer.js";
export {
  FORMAT_NAMES,
  isOutputFormat,
  OUTPUT_FORMATS,
  type OutputFormat,
  unknownFormatMessage,
} from "./formats.js";
export { formatChatJson, formatJson } from "./json.js";
export { closer } from "./people.js";
export { type ChatStream, chatStream } from "./stream.js";
export type { TableOptions } from "./table.js";
export { pad, truncate, width } from "./text.js";
export { absoluteTime, relativeTime } from "./time.js";
