import type { Chat } from "../language/index.js";
import { assertNever } from "../language/index.js";
import { type CsvOptions, formatCsv } from "./csv.js";
import type { OutputFormat } from "./formats.js";
import { formatJson, formatNdjson } from "./json.js";
import { formatExpanded, formatTable, type TableOptions } from "./table.js";

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
