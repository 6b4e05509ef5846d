/** Steps 6 and 7 of planning (§7): request bodies from the conjunctions. */

import type { FilterItem, FilterValue, SearchBody, SortOrder, Span } from "../../language/index.js";
import { type Diagnostic, diagnostic, hint, PAGE_SIZE } from "../../language/index.js";
import type { CheckedQuery, ItemOrigin, PlanShape } from "../types.js";
import type { Conjunction, Item } from "./dnf.js";

function filterItem(item: Item): FilterItem {
  const value: FilterValue = item.source.field.type === "tag" ? [{ name: item.value as string }] : item.value;
  return { field: item.source.field.name, operator: item.operator, value };
}

function originOfItem(item: Item): ItemOrigin {
  const { span, negated } = item.source;
  return negated ? { span, spans: [span], negated } : { span, spans: [span] };
}

function isAllTags(conjunction: Conjunction): boolean {
  for (const item of conjunction) if (item.source.field.type !== "tag") return false;
  return true;
}

/** The one item of a single-item conjunction, or of a tag conjunction merged (step 6): all its tags, in order. */
function singleItem(conjunction: Conjunction): FilterItem {
  const first = conjunction[0]!;
  if (conjunction.length === 1) return filterItem(first);
  return {
    field: first.source.field.name,
    operator: "=",
    value: conjunction.map((i) => ({ name: i.value as string })),
  };
}

function originOf(conjunction: Conjunction): ItemOrigin {
  const first = conjunction[0]!;
  return conjunction.length === 1
    ? originOfItem(first)
    : { span: first.source.span, spans: conjunction.map((i) => i.source.span) };
}

type MutableBody = {
  filter: FilterItem[];
  comparison?: "AND" | "OR";
  sort?: string;
  order?: SortOrder;
  limit?: number;
  offset?: number;
};

/** A body's start, keys in the API's order: `filter`, then `comparison` when there are two or more items. */
function bodyOf(filter: FilterItem[], comparison: "AND" | "OR"): MutableBody {
  return filter.length >= 2 ? { filter, comparison } : { filter };
}

/** A one-body plan's body: the query's own sort, order, limit and offset, when it gives them. */
export function singleBody(
  filter: FilterItem[],
  comparison: "AND" | "OR",
  query: CheckedQuery,
  limit: number | undefined,
): SearchBody {
  const body = bodyOf(filter, comparison);
  if (query.sort !== undefined) {
    body.sort = query.sort.field.name;
    body.order = query.sort.order;
  }
  if (limit !== undefined) body.limit = Math.min(limit, PAGE_SIZE);
  if (query.offset !== undefined) body.offset = query.offset.value;
  return body;
}

/** A body of a several-body plan: the plan's sort, the merged limit, no offset. */
function mergedBody(
  filter: FilterItem[],
  comparison: "AND" | "OR",
  sort: { field: string; order: SortOrder },
  limit: number,
): SearchBody {
  const body = bodyOf(filter, comparison);
  body.sort = sort.field;
  body.order = sort.order;
  body.limit = limit;
  return body;
}

/** The bodies of a plan and the origins of their items. */
interface Emitted {
  readonly bodies: SearchBody[];
  readonly origins: ItemOrigin[][];
  readonly merge: boolean;
  readonly shape: PlanShape;
}

/** Sort and limits of the bodies. */
interface BodyLimits {
  readonly sort: { readonly field: string; readonly order: SortOrder };
  readonly offset: number;
  readonly limit: number | undefined;
  /** The limit of a single body (a page when counting). */
  readonly bodyLimit: number | undefined;
}

const NONE: readonly Conjunction[] = [];

/** Conjunctions that become one item (a single one, or tags alone) and the others; `kept` itself when all do. */
function partition(kept: readonly Conjunction[]): {
  singles: readonly Conjunction[];
  multiples: readonly Conjunction[];
} {
  const isSingle = (c: Conjunction) => c.length === 1 || isAllTags(c);
  let i = 0;
  while (i < kept.length && isSingle(kept[i]!)) i++;
  // A wide OR of single items is not copied into a second list (bench row `flat-or-scaling`).
  if (i === kept.length) return { singles: kept, multiples: NONE };
  const singles: Conjunction[] = kept.slice(0, i);
  const multiples: Conjunction[] = [];
  for (; i < kept.length; i++) {
    const c = kept[i]!;
    (isSingle(c) ? singles : multiples).push(c);
  }
  return { singles, multiples };
}

/**
 * Steps 6 and 7: one body for none, one conjunction or only single-item ones (with two or more
 * conjunctions, a conjunction of tags alone becomes one item); else one body per conjunction, merged,
 * or how many bodies that would be (with `planTooLarge`) when they are more than `maxRequests`.
 */
export function emitBodies(
  kept: readonly Conjunction[],
  query: CheckedQuery,
  limits: BodyLimits,
  maxRequests: number,
  span: Span,
  diagnostics: Diagnostic[],
): Emitted | { readonly requestsNeeded: number } {
  if (kept.length === 0) return { bodies: [], origins: [], merge: false, shape: "none" };
  if (kept.length === 1) {
    const only = kept[0]!;
    const body = singleBody(only.map(filterItem), "AND", query, limits.bodyLimit);
    return { bodies: [body], origins: [only.map(originOfItem)], merge: false, shape: "and" };
  }
  const { singles, multiples } = partition(kept);
  if (multiples.length === 0) {
    const body = singleBody(singles.map(singleItem), "OR", query, limits.bodyLimit);
    return { bodies: [body], origins: [singles.map(originOf)], merge: false, shape: "or" };
  }
  const bodyCount = multiples.length + (singles.length > 0 ? 1 : 0);
  if (bodyCount > maxRequests) {
    diagnostics.push(
      diagnostic("planTooLarge", span, [String(bodyCount), maxRequests], hint("planTooLarge")),
    );
    return { requestsNeeded: bodyCount };
  }
  const mergedLimit = Math.min(PAGE_SIZE, limits.offset + (limits.limit ?? PAGE_SIZE));
  const bodies: SearchBody[] = [];
  const origins: ItemOrigin[][] = [];
  for (const c of multiples) {
    bodies.push(mergedBody(c.map(filterItem), "AND", limits.sort, mergedLimit));
    origins.push(c.map(originOfItem));
  }
  if (singles.length > 0) {
    bodies.push(mergedBody(singles.map(singleItem), "OR", limits.sort, mergedLimit));
    origins.push(singles.map(originOf));
  }
  return { bodies, origins, merge: true, shape: "several" };
}
