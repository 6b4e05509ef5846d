import type { Chat } from "../language/api.js";
import { assertNever } from "../language/assert.js";
import { type CsvOptions, formatCsv } from "./csv.js";
import type { OutputFormat } from "./formats.js";
import { formatJson, formatNdjson } from "./json.js";
import { formatTable, type TableOptions } from "./table.js";

/** Ways to print chats: pure functions of (chats, options), shared by `hcql run` and the REPL. */

export { shouldColor } from "./color.js";
export { CSV_COLUMNS, type CsvOptions, formatCsv } from "./csv.js";
export { type FooterStats, formatCount, formatDuration, formatFooter } from "./footer.js";
export { isOutputFormat, OUTPUT_FORMATS, type OutputFormat } from "./formats.js";
export { formatJson, formatNdjson } from "./json.js";
export { escapeJsonText, sanitize, sanitizeLine } from "./sanitize.js";
export { EMPTY_RESULT, formatTable, type TableOptions } from "./table.js";

/** The chats in a format, exactly as written out: ending in a line break, or empty (ndjson, no chats). */
export function formatChats(
  chats: readonly Chat[],
  format: OutputFormat,
  table: TableOptions,
  csv: CsvOptions = {},
): string {
  switch (format) {
    case "table":
      return `${formatTable(chats, table)}\n`;
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
