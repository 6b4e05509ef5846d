import type { Chat } from "../language/api.js";
import { assertNever } from "../language/assert.js";
import { type CsvOptions, formatCsv } from "./csv.js";
import type { OutputFormat } from "./formats.js";
import { formatJson, formatNdjson } from "./json.js";
import { formatExpanded, formatTable, type TableOptions } from "./table.js";

/** Ways to print chats: pure functions of (chats, options), shared by `hcql run` and the REPL. */

export { sanitize } from "../text/index.js";
export {
  type ColumnChoice,
  columnsOf,
  hasColumns,
  parseColumns,
  shownColumns,
} from "./columns.js";
export type { CsvOptions } from "./csv.js";
export { formatCount, formatFooter } from "./footer.js";
export {
  FORMAT_NAMES,
  isOutputFormat,
  type OutputFormat,
  unknownFormatMessage,
} from "./formats.js";
export { type ChatStream, chatStream } from "./stream.js";
export type { TableOptions } from "./table.js";

/** The chats in a format, exactly as written out: ending in a line break, or empty (ndjson, no chats). */
export function formatChats(
  chats: readonly Chat[],
  format: OutputFormat,
  table: TableOptions,
  csv: CsvOptions = {},
): string {
  switch (format) {
    case "table":
      return `${table.expanded ? formatExpanded(chats, table) : formatTable(chats, table)}\n`;
    case "json":
      return `${formatJson(chats)}\n`;
    case "ndjson":
      return chats.length === 0 ? "" : `${formatNdjson(chats)}\n`;
    case "csv":
      return formatCsv(chats, csv);
    default:
      return assertNever(format);
  }
}
