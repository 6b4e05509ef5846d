import { stringify } from "csv-stringify/sync";
import pc from "picocolors";
import type { CountColumn, CountKey, CountResult } from "../client/index.js";
import { assertNever } from "../language/index.js";
import { sanitizeLine } from "../text/index.js";
import { formatCount, formatDuration } from "./footer.js";
import type { OutputFormat } from "./formats.js";
import { pad, width as textWidth, truncate } from "./text.js";

/**
 * A count's result (§10) in each output format: a table with the key columns, COUNT and a bar
 * scaled to the largest row; `{"total", "groups"}` JSON; one group a line; CSV of the JSON key names
 * and `count`. `count` alone is its number, `{"total": N}`, or a one-cell CSV.
 */

export interface CountTableOptions {
  /** Terminal columns to fit the bars into; undefined: bars of at most 40 columns. */
  readonly width?: number;
  readonly color: boolean;
}

/** The result as written out, ending in a line break. */
export function formatCountResult(
  result: CountResult,
  format: OutputFormat,
  table: CountTableOptions,
): string {
  switch (format) {
    case "table":
      return `${countTable(result, table)}\n`;
    case "json":
      return `${JSON.stringify(countJson(result))}\n`;
    case "ndjson":
      return result.columns.length === 0
        ? `${JSON.stringify({ total: result.total })}\n`
        : result.rows
            .map((row) => `${JSON.stringify(groupJson(result.columns, row.keys, row.count))}\n`)
            .join("");
    case "csv":
      return countCsv(result);
    default:
      return assertNever(format);
  }
}

/** `N chats · K requests · T ms`: what a count read. */
export function formatCountFooter(
  result: Pick<CountResult, "total" | "requests">,
  elapsedMs: number,
): string {
  // As a search's footer says it.
  const chats =
    result.total === 0 ? "no chats" : `${formatCount(result.total)} ${result.total === 1 ? "chat" : "chats"}`;
  const requests = `${formatCount(result.requests)} ${result.requests === 1 ? "request" : "requests"}`;
  return `${chats} · ${requests} · ${formatDuration(elapsedMs)}`;
}

interface GroupJson {
  readonly key: Record<string, CountKey>;
  readonly count: number;
}

export function countJson(result: CountResult): { total: number; groups?: GroupJson[] } {
  if (result.columns.length === 0) return { total: result.total };
  return {
    total: result.total,
    groups: result.rows.map((row) => groupJson(result.columns, row.keys, row.count)),
  };
}

function groupJson(columns: readonly CountColumn[], keys: readonly CountKey[], count: number): GroupJson {
  const key: Record<string, CountKey> = {};
  columns.forEach((column, i) => {
    key[column.name] = keys[i] ?? null;
  });
  return { key, count };
}

function countCsv(result: CountResult): string {
  const header = [...result.columns.map((c) => c.name), "count"];
  const records =
    result.columns.length === 0
      ? [[result.total]]
      : result.rows.map((row) => [...row.keys.map((k) => k ?? ""), row.count]);
  return stringify([header, ...records], { record_delimiter: "windows", quoted_match: /[\r\n]/ });
}

const MISSING = "—";
const GAP = "  ";
const WIDEST_BAR = 40;
const NARROWEST_BAR = 10;
/** Eighths of a column, for bars that end between whole blocks. */
const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
const FULL = "█";
/** Key cells are cut to this many columns (a long department name). */
const WIDEST_KEY = 40;

function countTable(result: CountResult, options: CountTableOptions): string {
  const colors = pc.createColors(options.color);
  if (result.columns.length === 0) return formatCount(result.total);
  if (result.rows.length === 0) return colors.dim("No chats match.");
  const headers = [...result.columns.map(header), "COUNT"];
  const cells = result.rows.map((row) => [
    ...row.keys.map((key, i) => truncate(keyText(result, result.columns[i]!, key), WIDEST_KEY)),
    formatCount(row.count),
  ]);
  const widths = headers.map((h, i) => Math.max(textWidth(h), ...cells.map((row) => textWidth(row[i]!))));
  const used = widths.reduce((sum, w) => sum + w + GAP.length, 0);
  const barWidth = Math.max(
    NARROWEST_BAR,
    Math.min(WIDEST_BAR, options.width === undefined ? WIDEST_BAR : options.width - used),
  );
  const largest = Math.max(...result.rows.map((r) => r.count));
  const countColumn = headers.length - 1;
  const line = (row: readonly string[]) =>
    row.map((cell, i) => pad(cell, widths[i]!, i === countColumn)).join(GAP);
  const out = [colors.bold(line(headers)).trimEnd()];
  result.rows.forEach((row, r) => {
    out.push(`${line(cells[r]!)}${GAP}${colors.cyan(bar(row.count, largest, barWidth))}`.trimEnd());
  });
  return out.join("\n");
}

function header(column: CountColumn): string {
  const name = column.name.toUpperCase();
  return column.unit === undefined ? name : `${name} PER ${column.unit.toUpperCase()}`;
}

/** What a person reads for a key: `—` for none, an agent's or a department's name where known. */
function keyText(result: CountResult, column: CountColumn, key: CountKey): string {
  if (key === null) return MISSING;
  if (typeof key === "number") {
    const names = column.references === "agent" ? result.agentNames : result.departmentNames;
    const name = column.references === undefined ? undefined : names.get(key);
    return name === undefined || name.trim() === "" ? String(key) : sanitizeLine(name);
  }
  return sanitizeLine(key);
}

/** A bar of `count / largest` of `columns`, in eighths of a column; at least a sliver for any chat. */
export function bar(count: number, largest: number, columns: number): string {
  if (count <= 0 || largest <= 0) return "";
  const eighths = Math.max(1, Math.round((count / largest) * columns * 8));
  return FULL.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
}
