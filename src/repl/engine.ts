import { bodyJson, type Explanation, explain } from "../compiler/explain.js";
import { compile, type FixedQuery, fixQuery } from "../compiler/index.js";
import type { CompileOptions, CompileResult } from "../compiler/types.js";
import type { SearchBody } from "../language/api.js";
import type { Diagnostic } from "../language/diagnostics.js";
import { excerptWidth, renderDiagnostics } from "../language/render.js";
import { type ExplanationTextOptions, renderExplanation } from "../output/explain.js";

/** The language side of the shell: compiling, explaining, rendering diagnostics and bodies. */
export interface Engine {
  compile(text: string, options: CompileOptions): CompileResult;
  /** The query with the fixes its diagnostics carry made (`.fix`). */
  fixQuery(text: string, options: CompileOptions): FixedQuery;
  explain(text: string, options: CompileOptions): Explanation;
  renderExplanation(explanation: Explanation, options: ExplanationTextOptions): string;
  /** Diagnostics with the query line and carets under their spans. */
  render(text: string, diagnostics: readonly Diagnostic[], color: boolean, columns?: number): string;
  /** A request body as JSON, one filter item per line. */
  bodyJson(body: SearchBody): string;
}

export function createEngine(): Engine {
  return {
    compile,
    fixQuery,
    explain,
    renderExplanation,
    render: (text, diagnostics, color, columns) =>
      renderDiagnostics(text, diagnostics, {
        color,
        // The excerpt cut to the terminal's width (less the gutter), as hcql check does.
        ...(columns === undefined ? {} : { maxWidth: excerptWidth(columns) }),
      }),
    bodyJson,
  };
}
