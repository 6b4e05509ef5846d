import { assertNever } from "../language/index.js";
import { CSV_COLUMNS } from "./csv.js";
import type { OutputFormat } from "./formats.js";
import { DEFAULT_TABLE_COLUMNS, TABLE_COLUMNS, type TableColumn } from "./table.js";

/** Choosing the columns of the table and of CSV (`.columns` in the shell, `--columns` for `hcql run`). */

/** The formats whose columns can be chosen. */
export type ColumnFormat = "table" | "csv";

/** The columns a person chose, per format; a format left out shows all its columns. */
export interface ColumnChoice {
  readonly table?: readonly TableColumn[];
  readonly csv?: readonly string[];
}

export type ColumnsResult =
  | { readonly ok: true; readonly value: ColumnChoice }
  | { readonly ok: false; readonly message: string };

/** Whether a format has columns to choose (json and ndjson hold every field). */
export function hasColumns(format: OutputFormat): format is ColumnFormat {
  switch (format) {
    case "table":
    case "csv":
      return true;
    case "json":
    case "ndjson":
      return false;
    default:
      return assertNever(format);
  }
}

/** Every column of a format, in its default order. */
export function columnsOf(format: ColumnFormat): readonly string[] {
  return format === "table" ? TABLE_COLUMNS : CSV_COLUMNS;
}

/** The columns chosen for a format, or those it shows unless told (the table's default ones, CSV's all). */
export function shownColumns(choice: ColumnChoice, format: ColumnFormat): readonly string[] {
  return choice[format] ?? (format === "table" ? DEFAULT_TABLE_COLUMNS : CSV_COLUMNS);
}

/**
 * Reads `a,b,c` (commas and/or spaces) as columns of `format`, in that order: each must be one of its
 * columns (case does not matter), given once. The message of a wrong name lists the right ones.
 */
export function parseColumns(format: OutputFormat, text: string): ColumnsResult {
  if (!hasColumns(format)) return { ok: false, message: `the ${format} format has no columns to choose` };
  const valid = columnsOf(format);
  const list = `the ${format} columns are: ${valid.join(", ")}`;
  const names = text.split(/[\s,]+/).filter((name) => name !== "");
  if (names.length === 0) return { ok: false, message: `no columns given; ${list}` };
  const chosen: string[] = [];
  for (const name of names) {
    const column = valid.find((v) => v.toLowerCase() === name.toLowerCase());
    if (column === undefined) return { ok: false, message: `unknown ${format} column '${name}'; ${list}` };
    if (chosen.includes(column)) return { ok: false, message: `the column '${column}' is given twice` };
    chosen.push(column);
  }
  return { ok: true, value: format === "table" ? { table: chosen.filter(isTableColumn) } : { csv: chosen } };
}

function isTableColumn(name: string): name is TableColumn {
  return (TABLE_COLUMNS as readonly string[]).includes(name);
}
