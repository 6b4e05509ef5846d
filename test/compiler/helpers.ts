import { compile } from "../../src/compiler/index.js";
import type { CompileOptions } from "../../src/compiler/types.js";

/** 2025-06-15T15:06:40Z, a Sunday. */
export const NOW = 1_750_000_000;

export function options(extra: CompileOptions = {}): CompileOptions {
  return { now: NOW, timeZone: "UTC", ...extra };
}

/** The filter items of a one-body plan, as [field, operator, value] triples; throws on anything else. */
export function items(query: string, extra: CompileOptions = {}): unknown[] {
  const result = compile(query, options(extra));
  if (!result.ok) throw new Error(`${query}: ${JSON.stringify(result.diagnostics)}`);
  if (result.requests.length !== 1) throw new Error(`${query}: ${result.requests.length} bodies`);
  return result.requests[0]!.filter.map((i) => [i.field, i.operator, i.value]);
}

/** The bodies as JSON text, exact key order. */
export function bodies(query: string, extra: CompileOptions = {}): string {
  const result = compile(query, options(extra));
  if (!result.ok) throw new Error(`${query}: ${JSON.stringify(result.diagnostics)}`);
  return JSON.stringify(result.requests);
}

/** The diagnostics as [code, start, end] triples, in the order reported. */
export function problems(query: string, extra: CompileOptions = {}): [string, number, number][] {
  return compile(query, options(extra)).diagnostics.map((d) => [d.code, d.span.start, d.span.end]);
}

/** The one diagnostic of a query (throws when there is not exactly one). */
export function only(query: string, extra: CompileOptions = {}) {
  const { diagnostics } = compile(query, options(extra));
  if (diagnostics.length !== 1) throw new Error(`${query}: ${JSON.stringify(diagnostics)}`);
  return diagnostics[0]!;
}
