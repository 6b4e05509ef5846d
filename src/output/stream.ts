import type { Chat } from "../language/index.js";
import { assertNever } from "../language/index.js";
import { escapeJsonText } from "../text/index.js";
import { type CsvOptions, csvHeader, csvRows } from "./csv.js";
import type { OutputFormat } from "./formats.js";
import { formatNdjson } from "./json.js";
import { type TableOptions, tableStream } from "./table.js";

/**
 * Chats written as they arrive (`hcql run --all`): the text of each batch, then of the end. Written
 * whole, the pieces are exactly what `formatChats` gives for all the chats at once, except that a
 * table's columns are fitted to its first batch. Nothing is written before the first chat (a failure
 * before it leaves stdout empty); the header of a table or CSV comes with the first chat.
 */
export interface ChatStream {
  /** The text of the next chats ("" for none). */
  page(chats: readonly Chat[]): string;
  /** The text that ends the whole result (a JSON array's `]`; the header or message of an empty result). */
  end(): string;
  /**
   * The text that ends output cut short after some chats: "" (a JSON array left open, so that no
   * parser takes it for the whole result), or with `close` what makes it well-formed (`]`).
   */
  cut(close: boolean): string;
}

export function chatStream(format: OutputFormat, table: TableOptions, csv: CsvOptions = {}): ChatStream {
  switch (format) {
    case "table":
      return { ...tableStream(table), cut: () => "" };
    case "json":
      return jsonStream();
    case "ndjson":
      return {
        page: (chats) => (chats.length === 0 ? "" : `${formatNdjson(chats)}\n`),
        end: () => "",
        cut: () => "",
      };
    case "csv":
      return csvStream(csv);
    default:
      return assertNever(format);
  }
}

/** `formatJson`'s pretty-printed array, an element at a time: `[`, the elements, `]`. */
function jsonStream(): ChatStream {
  let started = false;
  return {
    page(chats) {
      if (chats.length === 0) return "";
      const elements = chats.map(jsonElement).join(",\n");
      const text = `${started ? ",\n" : "[\n"}${elements}`;
      started = true;
      return text;
    },
    end: () => (started ? "\n]\n" : "[]\n"),
    cut: (close) => (started && close ? "\n]\n" : ""),
  };
}

/** A chat as an element of a pretty-printed array: indented by two spaces, as JSON.stringify nests it. */
function jsonElement(chat: Chat): string {
  const inArray = JSON.stringify([chat], null, 2);
  return escapeJsonText(inArray.slice(2, -2));
}

function csvStream(options: CsvOptions): ChatStream {
  let started = false;
  const header = () => {
    if (started) return "";
    started = true;
    return csvHeader(options);
  };
  return {
    page: (chats) => (chats.length === 0 ? "" : header() + csvRows(chats, options)),
    end: () => header(),
    cut: () => "",
  };
}
