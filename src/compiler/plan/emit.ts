/** Steps 6 and 7 of planning (§7): request bodies from the conjunctions. */

import type { FilterItem, FilterValue, SearchBody, SortOrder } from "../../language/api.js";
import { PAGE_SIZE } from "../../language/values.js";
import type { CheckedQuery, ItemOrigin } from "../types.js";
import type { Conjunction, Item } from "./dnf.js";

export function filterItem(item: Item): FilterItem {
  const value: FilterValue = item.field.type === "tag" ? [{ name: item.value as string }] : item.value;
  return { field: item.field.name, operator: item.operator, value };
}

export function originOfItem(item: Item): ItemOrigin {
  return { span: item.origin, spans: [item.origin] };
}

export function isAllTags(conjunction: Conjunction): boolean {
  for (const item of conjunction) if (item.field.type !== "tag") return false;
  return true;
}

/** The one item of a single-item conjunction, or of a tag conjunction merged (step 6): all its tags, in order. */
export function singleItem(conjunction: Conjunction): FilterItem {
  const first = conjunction[0]!;
  if (conjunction.length === 1) return filterItem(first);
  return {
    field: first.field.name,
    operator: "=",
    value: conjunction.map((i) => ({ name: i.value as string })),
  };
}

export function originOf(conjunction: Conjunction): ItemOrigin {
  const first = conjunction[0]!;
  return conjunction.length === 1
    ? originOfItem(first)
    : { span: first.origin, spans: conjunction.map((i) => i.origin) };
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
export function mergedBody(
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
