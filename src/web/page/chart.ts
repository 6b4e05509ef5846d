import { formatCount } from "../../output/footer.js";
import type { CountGroup } from "../protocol.js";
import { h, svg } from "./dom.js";

/**
 * Counts (`count by`, grammar §10) as a chart and a table: a horizontal bar per group for categorical
 * keys, and a time series with every bucket (empty ones too) when the only group is a date.
 */

export interface CountResult {
  readonly total: number;
  readonly groups?: readonly CountGroup[];
}

type GroupKey = CountGroup["key"];

/** Names for the ids of agent and department keys (names are for people; the JSON keeps ids). */
export interface KeyNames {
  readonly agents: ReadonlyMap<number, string>;
  readonly departments: ReadonlyMap<number, string>;
}

const DATE_KEYS = new Set(["createdAt", "closedAt", "lastMessageAt", "lastCustomerMessageAt"]);
const MISSING = "—";

/** A key's value for a person: names for agents and departments where known. */
function keyText(field: string, value: string | number | null, names: KeyNames): string {
  if (value === null) return MISSING;
  if (typeof value === "number") {
    const known =
      field === "assignee" || field === "agents"
        ? names.agents.get(value)
        : field === "department"
          ? names.departments.get(value)
          : undefined;
    return known === undefined ? String(value) : `${known} (${value})`;
  }
  return value;
}

function groupLabel(key: GroupKey, names: KeyNames): string {
  return Object.entries(key)
    .map(([field, value]) => keyText(field, value, names))
    .join(" · ");
}

/** Whether the groups are one date field's buckets: a time series. */
function isTimeSeries(result: CountResult): boolean {
  const first = result.groups?.[0];
  if (first === undefined) return false;
  const fields = Object.keys(first.key);
  return fields.length === 1 && DATE_KEYS.has(fields[0]!);
}

export function renderCounts(result: CountResult, names: KeyNames): HTMLElement {
  const groups = result.groups;
  if (groups === undefined) {
    return h(
      "div",
      { class: "count-total" },
      h("span", { class: "big" }, formatCount(result.total)),
      " chats",
    );
  }
  const chart =
    groups.length === 0 ? null : isTimeSeries(result) ? timeSeries(result, names) : barChart(result, names);
  const fields = groups[0] === undefined ? [] : Object.keys(groups[0].key);
  const table = h(
    "table",
    { class: "counts" },
    h(
      "thead",
      {},
      h("tr", {}, ...fields.map((f) => h("th", { scope: "col" }, f)), h("th", { class: "num" }, "Count")),
    ),
    h(
      "tbody",
      {},
      ...groups.map((g) =>
        h(
          "tr",
          {},
          ...fields.map((f) => h("td", {}, keyText(f, g.key[f] ?? null, names))),
          h("td", { class: "num" }, formatCount(g.count)),
        ),
      ),
    ),
  );
  return h("div", { class: "count-view" }, chart, h("div", { class: "table-scroll" }, table));
}

const BAR_HEIGHT = 22;
const BAR_GAP = 6;
const LABEL_WIDTH = 200;
const CHART_WIDTH = 640;

/** One horizontal bar per group, scaled to the largest, with its label and count. */
function barChart(result: CountResult, names: KeyNames): SVGElement {
  const groups = result.groups ?? [];
  const max = Math.max(1, ...groups.map((g) => g.count));
  const plot = CHART_WIDTH - LABEL_WIDTH - 60;
  const height = groups.length * (BAR_HEIGHT + BAR_GAP);
  return svg(
    "svg",
    {
      class: "chart bar-chart",
      viewBox: `0 0 ${CHART_WIDTH} ${height}`,
      role: "img",
      "aria-label": `bar chart of ${groups.length} groups`,
    },
    ...groups.map((g, i) => {
      const y = i * (BAR_HEIGHT + BAR_GAP);
      const width = Math.max(g.count > 0 ? 2 : 0, (g.count / max) * plot);
      const label = groupLabel(g.key, names);
      return svg(
        "g",
        { class: "bar", "data-count": g.count },
        svg("title", {}, `${label}: ${formatCount(g.count)}`),
        svg(
          "text",
          { x: LABEL_WIDTH - 8, y: y + BAR_HEIGHT / 2, "text-anchor": "end", "dominant-baseline": "central" },
          label.length > 28 ? `${label.slice(0, 27)}…` : label,
        ),
        svg("rect", { x: LABEL_WIDTH, y, width, height: BAR_HEIGHT, rx: 3 }),
        svg(
          "text",
          {
            x: LABEL_WIDTH + width + 6,
            y: y + BAR_HEIGHT / 2,
            "dominant-baseline": "central",
            class: "value",
          },
          formatCount(g.count),
        ),
      );
    }),
  );
}

const SERIES_HEIGHT = 220;
const AXIS = 28;
const LEFT = 44;

/** One column per time bucket (empty buckets at zero), the chats with no date left out and noted. */
function timeSeries(result: CountResult, names: KeyNames): HTMLElement {
  const groups = result.groups ?? [];
  const field = Object.keys(groups[0]!.key)[0]!;
  const buckets = groups.filter((g) => g.key[field] !== null);
  const undated = groups.find((g) => g.key[field] === null);
  const max = Math.max(1, ...buckets.map((g) => g.count));
  const step = (CHART_WIDTH - LEFT) / Math.max(1, buckets.length);
  const plotHeight = SERIES_HEIGHT - AXIS;
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 8));
  const ticks = [0, Math.ceil(max / 2), max];
  const chart = svg(
    "svg",
    {
      class: "chart time-series",
      viewBox: `0 0 ${CHART_WIDTH} ${SERIES_HEIGHT}`,
      role: "img",
      "aria-label": `${field}: ${buckets.length} buckets`,
    },
    ...ticks.map((t) => {
      const y = plotHeight - (t / max) * (plotHeight - 8);
      return svg(
        "g",
        { class: "tick" },
        svg("line", { x1: LEFT, x2: CHART_WIDTH, y1: y, y2: y }),
        svg("text", { x: LEFT - 6, y, "text-anchor": "end", "dominant-baseline": "central" }, formatCount(t)),
      );
    }),
    ...buckets.map((g, i) => {
      const height = (g.count / max) * (plotHeight - 8);
      const x = LEFT + i * step;
      const label = keyText(field, g.key[field] ?? null, names);
      return svg(
        "g",
        { class: g.count === 0 ? "bucket empty" : "bucket", "data-count": g.count },
        svg("title", {}, `${label}: ${formatCount(g.count)}`),
        svg("rect", {
          x: x + step * 0.1,
          y: plotHeight - height,
          width: Math.max(1, step * 0.8),
          height: Math.max(g.count > 0 ? 1 : 0, height),
        }),
        i % labelEvery === 0
          ? svg(
              "text",
              { x: x + step / 2, y: SERIES_HEIGHT - 8, "text-anchor": "middle", class: "axis" },
              label,
            )
          : null,
      );
    }),
  );
  return h(
    "figure",
    { class: "series" },
    chart,
    undated === undefined
      ? null
      : h("figcaption", {}, `${formatCount(undated.count)} chats have no ${field}.`),
  );
}
