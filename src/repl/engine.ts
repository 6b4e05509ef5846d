import type { CompileOptions, CompileResult } from "../compiler/index.js";
import {
  bodyJson,
  compile,
  type Explanation,
  explain,
  type FixedQuery,
  fixQuery,
} from "../compiler/index.js";
import type { Diagnostic, SearchBody } from "../language/index.js";
import { excerptWidth, renderDiagnostics } from "../language/index.js";
import { type ExplanationTextOptions, renderExplanation } from "../output/index.js";

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
