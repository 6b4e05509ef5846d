import { compile } from "../compiler/index.js";
import type { CompileOptions, CompileResult } from "../compiler/types.js";
import { loadTimeZoneSupport } from "../compiler/zone.js";
import type { Diagnostic } from "../language/diagnostics.js";
import { renderDiagnostics } from "../language/render.js";
import { explainPlan } from "./explain.js";

/** The language side of the shell: compiling, rendering diagnostics, explaining a plan. */
export interface Engine {
  /** Loads what a time zone needs (non-UTC zones load temporal-polyfill). */
  prepare(timeZone: string): Promise<void>;
  compile(text: string, options: CompileOptions): CompileResult;
  /** Diagnostics with the query line and carets under their spans. */
  render(text: string, diagnostics: readonly Diagnostic[], color: boolean): string;
  /** How a compiled query becomes requests, and why. */
  explain(text: string, result: CompileResult, options: { color: boolean; timeZone: string }): string;
}

export function createEngine(): Engine {
  return {
    prepare: () => loadTimeZoneSupport(),
    compile,
    render: (text, diagnostics, color) => renderDiagnostics(text, diagnostics, { color }),
    explain: explainPlan,
  };
}
