import { formatBytes, formatNs } from "./support.js";

/** One line of the results: a measurement, what it is compared with, and its target. */
export interface Row {
  readonly id: string;
  readonly name: string;
  /** The measured value: a duration in ns, a size in bytes, or a plain number for `unit: "ratio"`. */
  readonly measured: number;
  readonly unit: "ns" | "bytes" | "ratio";
  readonly baselineName?: string;
  readonly baseline?: number;
  readonly ratio?: number;
  /** The best of the rounds' (or pairs') ratios, beside the median in `ratio`. */
  readonly minRatio?: number;
  /** How the ratio reads: `×` (measured / baseline, the default) or `× faster` (baseline / measured). */
  readonly ratioLabel?: string;
  readonly target: string;
  /** undefined: reported without a target. */
  readonly pass: boolean | undefined;
  readonly note?: string;
  readonly memory?: { readonly heapGrowth: number; readonly peakRssGrowth: number | undefined };
}

function value(row: Row, n: number | undefined): string {
  if (n === undefined) return "";
  if (row.unit === "bytes") return formatBytes(n);
  return row.unit === "ns" ? formatNs(n) : n.toFixed(2);
}

function ratioCell(row: Row): string {
  if (row.ratio === undefined) return "";
  const label = row.ratioLabel ?? "×";
  const best = row.minRatio === undefined ? "" : ` (best ${row.minRatio.toFixed(2)}${label})`;
  return `${row.ratio.toFixed(2)}${label}${best}`;
}

function verdict(pass: boolean | undefined): string {
  if (pass === undefined) return "—";
  return pass ? "pass" : "FAIL";
}

/** The results as a Markdown table (what the README's Performance section shows). */
export function markdownTable(rows: readonly Row[]): string {
  const header = ["Benchmark", "Median", "Baseline", "Ratio: median (best)", "Target", "Result"];
  const lines = rows.map((row) => [
    row.name,
    value(row, row.measured),
    row.baseline === undefined ? "" : `${value(row, row.baseline)} (${row.baselineName})`,
    ratioCell(row),
    row.target,
    verdict(row.pass),
  ]);
  const all = [header, ...lines];
  const widths = header.map((_, c) => Math.max(...all.map((l) => l[c]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
  return [format(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...lines.map(format)].join(
    "\n",
  );
}

export function notes(rows: readonly Row[]): string {
  return rows
    .filter((row) => row.note !== undefined)
    .map((row) => `- ${row.name}: ${row.note}`)
    .join("\n");
}
