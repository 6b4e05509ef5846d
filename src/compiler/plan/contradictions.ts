/** Step 4 of planning (§7): conjunctions that cannot match. */

import type { Span } from "../../language/index.js";
import { assertNever, cover, type Diagnostic, diagnostic, hint, operatorWord } from "../../language/index.js";
import type { CheckedPredicate } from "../types.js";
import { type Conjunction, type Item, SMALL } from "./dnf.js";

interface FieldState {
  equal: Item | undefined;
  equals: Map<number | string, Item> | undefined;
  notEquals: Map<number | string, Item> | undefined;
  low: number;
  lowItem: Item | undefined;
  high: number;
  highItem: Item | undefined;
}

/**
 * The two items that make a conjunction impossible, by exactly §7's rules: two different `=` on a
 * single-valued field; `=` and `!=` of one value; an empty integer interval on a single-valued field.
 */
function contradiction(conjunction: Conjunction): [Item, Item] | undefined {
  return conjunction.length <= SMALL ? contradictingPair(conjunction) : contradictionByField(conjunction);
}

/**
 * The first pair that contradicts. Pairwise is exact for the interval rule too: the greatest lower
 * bound exceeds the least upper bound exactly when some lower bound exceeds some upper bound.
 */
function contradictingPair(conjunction: Conjunction): [Item, Item] | undefined {
  for (let j = 1; j < conjunction.length; j++) {
    const b = conjunction[j]!;
    for (let i = 0; i < j; i++) {
      const a = conjunction[i]!;
      if (a.fieldIndex === b.fieldIndex && contradicts(a, b)) return [a, b];
    }
  }
  return undefined;
}

function contradicts(a: Item, b: Item): boolean {
  const same = a.value === b.value;
  if (same && ((a.operator === "=" && b.operator === "!=") || (a.operator === "!=" && b.operator === "=")))
    return true;
  if (a.source.field.multiValued) return false;
  if (!same && a.operator === "=" && b.operator === "=") return true;
  if (typeof a.value !== "number" || typeof b.value !== "number") return false;
  return lowerBound(a) > upperBound(b) || lowerBound(b) > upperBound(a);
}

/** The least integer an item allows (for `= > >=`), or -Infinity. */
function lowerBound(item: Item): number {
  const v = item.value as number;
  return item.operator === "=" || item.operator === ">=" ? v : item.operator === ">" ? v + 1 : -Infinity;
}

/** The greatest integer an item allows (for `= < <=`), or Infinity. */
function upperBound(item: Item): number {
  const v = item.value as number;
  return item.operator === "=" || item.operator === "<=" ? v : item.operator === "<" ? v - 1 : Infinity;
}

/** The same rules in one pass with per-field state, for long conjunctions. */
function contradictionByField(conjunction: Conjunction): [Item, Item] | undefined {
  const states: (FieldState | undefined)[] = [];
  for (const item of conjunction) {
    let st = states[item.fieldIndex];
    if (st === undefined) {
      st = {
        equal: undefined,
        equals: undefined,
        notEquals: undefined,
        low: -Infinity,
        lowItem: undefined,
        high: Infinity,
        highItem: undefined,
      };
      states[item.fieldIndex] = st;
    }
    const single = !item.source.field.multiValued;
    const v = item.value;
    switch (item.operator) {
      case "=": {
        if (single && st.equal !== undefined && st.equal.value !== v) return [st.equal, item];
        const opposite = st.notEquals?.get(v);
        if (opposite !== undefined) return [opposite, item];
        st.equal ??= item;
        st.equals ??= new Map();
        if (!st.equals.has(v)) st.equals.set(v, item);
        break;
      }
      case "!=": {
        const opposite = st.equals?.get(v);
        if (opposite !== undefined) return [opposite, item];
        st.notEquals ??= new Map();
        if (!st.notEquals.has(v)) st.notEquals.set(v, item);
        break;
      }
      case ">":
      case ">=":
      case "<":
      case "<=":
      case "~":
      case "!~":
        break;
      default:
        assertNever(item.operator, "operator");
    }
    if (single && typeof v === "number") {
      // An item without a bound gives ±Infinity, which never tightens one.
      const low = lowerBound(item);
      const high = upperBound(item);
      if (low > st.low) {
        st.low = low;
        st.lowItem = item;
      }
      if (high < st.high) {
        st.high = high;
        st.highItem = item;
      }
      if (st.low > st.high) return [st.lowItem!, st.highItem!];
    }
  }
  return undefined;
}

function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/**
 * A predicate as the planner sees it, in the query's own words: `status = closed` for the `closed`
 * of `status in (new, closed)`, `status != new` for `not status = new`.
 */
function describe(p: CheckedPredicate, text: string): string {
  const field = text.slice(p.span.start, p.operatorSpan.start).trim();
  return `${field} ${operatorWord(p.operator)} ${slice(text, p.value.span)}`;
}

/**
 * The conjunctions that can match (`built` itself when all can); each distinct contradicting pair
 * becomes one `neverMatches` warning.
 */
export function withoutContradictions(
  built: readonly Conjunction[],
  text: string,
  diagnostics: Diagnostic[],
): readonly Conjunction[] {
  let warnings: Map<string, [Item, Item]> | undefined;
  // Copied from the first that cannot match: a wide OR that can all match is not copied (bench row
  // `flat-or-scaling`).
  let kept: Conjunction[] | undefined;
  for (let i = 0; i < built.length; i++) {
    const conjunction = built[i]!;
    const pair = conjunction.length < 2 ? undefined : contradiction(conjunction);
    if (pair === undefined) kept?.push(conjunction);
    else {
      kept ??= built.slice(0, i);
      const [a, b] =
        pair[0].source.span.start <= pair[1].source.span.start ? pair : ([pair[1], pair[0]] as [Item, Item]);
      const key = `${a.source.span.start},${a.source.span.end},${b.source.span.start},${b.source.span.end}`;
      warnings ??= new Map();
      if (!warnings.has(key)) warnings.set(key, [a, b]);
    }
  }
  const matching = kept ?? built;
  for (const [a, b] of warnings?.values() ?? []) {
    const what = `'${describe(a.source, text)}' together with '${describe(b.source, text)}'`;
    const advice = matching.length === 0 ? hint("noChats") : undefined;
    diagnostics.push(diagnostic("neverMatches", cover(a.source.span, b.source.span), [what], advice));
  }
  return matching;
}
