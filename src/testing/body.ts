/** Arbitraries of `POST /v1/chats/search` bodies and their filter items. */

import fc from "fast-check";
import type { ChatRecord } from "../emulator/index.js";
import type { FilterItem, SearchBody } from "../language/index.js";
import {
  assertNever,
  FILTER_FIELDS,
  type FieldSpec,
  type Operator,
  PAGE_SIZE,
  RATINGS,
  SORT_FIELDS,
  STATUSES,
  shownArgument,
} from "../language/index.js";
import { integerOption } from "./options.js";
import { DAY, idPool, type Pools, poolsOf, textPool } from "./pools.js";

/** What `searchBody` and `filterItem` draw: HCQL's bodies or any the API takes, and from what. */
export interface BodyArbitraryOptions {
  /**
   * `"hcql"` (default): bodies `compile` could produce (HCQL's operators, keys in order, `comparison`
   * exactly when there are two or more items). `"api"`: any body the API accepts (its wider operator
   * table, e.g. `status ~`; `comparison` with one item; unprefixed sort names; lower-case order).
   */
  readonly scope?: "hcql" | "api" | undefined;
  readonly records?: readonly ChatRecord[] | undefined;
  /** Most filter items. Default 4. */
  readonly maxItems?: number | undefined;
}

function itemValue(
  field: FieldSpec,
  operator: Operator,
  pools: Pools,
  scope: "hcql" | "api",
): fc.Arbitrary<FilterItem["value"]> {
  switch (field.type) {
    case "integer":
      return fc.constantFrom(...idPool(field, pools));
    case "date":
      return fc
        .tuple(fc.constantFrom(...pools.times), fc.integer({ min: -DAY, max: DAY }))
        .map(([t, d]) => Math.max(0, t + d));
    case "status":
      return fc.constantFrom(...STATUSES.map((s) => String(s.code)));
    case "rating":
      return operator === "~" || operator === "!~"
        ? fc.constantFrom("gr", "a", "poor")
        : fc.constantFrom(...RATINGS);
    case "string": {
      const pool = textPool(field, pools);
      return operator === "~" || operator === "!~"
        ? fc
            .tuple(fc.constantFrom(...pool), fc.nat())
            .map(([s, i]) => s.slice(i % s.length, (i % s.length) + 3))
        : fc.constantFrom(...pool);
    }
    case "tag":
      return fc
        .uniqueArray(fc.constantFrom(...pools.tags), { minLength: 1, maxLength: scope === "api" ? 3 : 1 })
        .map((names) => names.map((name) => ({ name })));
    default:
      return assertNever(field.type, "field type");
  }
}

/** The `scope` option: "hcql" when left out, else a RangeError naming it. */
function scopeOption(scope: BodyArbitraryOptions["scope"]): "hcql" | "api" {
  if (scope === undefined || scope === "hcql" || scope === "api") return scope ?? "hcql";
  throw new RangeError(`scope must be "hcql" or "api", not ${shownArgument(scope)}`);
}

/** One filter item of a valid body. */
export function filterItem(options: BodyArbitraryOptions = {}): fc.Arbitrary<FilterItem> {
  const pools = poolsOf(options.records);
  const scope = scopeOption(options.scope);
  return fc
    .constantFrom(...FILTER_FIELDS)
    .chain((field) =>
      fc
        .constantFrom(...(scope === "api" ? field.apiOperators : field.operators))
        .chain((operator) =>
          itemValue(field, operator, pools, scope).map((value) => ({ field: field.name, operator, value })),
        ),
    );
}

/** Valid `POST /v1/chats/search` bodies, keys in the API's order. */
export function searchBody(options: BodyArbitraryOptions = {}): fc.Arbitrary<SearchBody> {
  const scope = scopeOption(options.scope);
  const maxItems = integerOption("maxItems", options.maxItems, 4, 0);
  const sortName = fc
    .constantFrom(...SORT_FIELDS)
    .chain((f) =>
      scope === "api" ? fc.constantFrom(f.name, f.name.replace(/^chats\./, "")) : fc.constant(f.name),
    );
  const orderName =
    scope === "api" ? fc.constantFrom("ASC", "DESC", "asc", "desc") : fc.constantFrom("ASC", "DESC");
  return fc
    .record({
      filter: fc.array(filterItem(options), { maxLength: maxItems }),
      comparison: fc.constantFrom<"AND" | "OR">("AND", "OR"),
      sort: fc.option(fc.tuple(sortName, orderName), { nil: undefined }),
      limit: fc.option(fc.integer({ min: 1, max: PAGE_SIZE }), { nil: undefined }),
      offset: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
      looseComparison: fc.boolean(),
    })
    .map(({ filter, comparison, sort, limit, offset, looseComparison }) => {
      const body: {
        filter: FilterItem[];
        comparison?: "AND" | "OR";
        sort?: string;
        order?: "ASC" | "DESC";
        limit?: number;
        offset?: number;
      } = { filter };
      if (filter.length >= 2 || (scope === "api" && looseComparison && filter.length === 1))
        body.comparison = comparison;
      if (sort !== undefined) {
        body.sort = sort[0];
        body.order = sort[1] as "ASC" | "DESC";
      }
      if (limit !== undefined) body.limit = limit;
      if (offset !== undefined) body.offset = offset;
      return body;
    });
}
