import pc from "picocolors";
import type { Diagnostic } from "../language/diagnostics.js";
import { lineColFromIndex } from "../language/render.js";

/**
 * Diagnostics as the shell prints them: the message, the query line and carets under the span,
 * the hint after the carets (the form of §8 of the language).
 */
export function renderDiagnostics(text: string, diagnostics: readonly Diagnostic[], color: boolean): string {
  const c = pc.createColors(color);
  return diagnostics.map((d) => renderOne(text, d, c)).join("\n");
}

function renderOne(text: string, d: Diagnostic, c: ReturnType<typeof pc.createColors>): string {
  const paint = d.severity === "error" ? c.red : c.yellow;
  const { line, column } = lineColFromIndex(text, d.span.start);
  const lines = text.split("\n");
  const source = (lines[line - 1] ?? "").replace(/\t/g, " ");
  const lineEnd = source.length;
  const start = column - 1;
  const end = Math.max(start + 1, Math.min(d.span.end - (d.span.start - start), lineEnd));
  const gutter = String(line).length;
  const pad = " ".repeat(gutter);
  const carets = paint("^".repeat(Math.max(1, end - start)));
  const hint = d.hint ? ` ${c.cyan(d.hint)}` : "";
  return [
    `${paint(c.bold(`${d.severity}[${d.code}]`))}${c.bold(`: ${d.message}`)}`,
    `${pad} ${c.dim("|")}`,
    `${c.dim(`${line} |`)} ${source}`,
    `${pad} ${c.dim("|")} ${" ".repeat(start)}${carets}${hint}`,
  ].join("\n");
}
