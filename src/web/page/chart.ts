import { formatCount } from "../../output/index.js";
import type { CountGroup } from "../protocol.js";
import { axisLabels } from "./axis.js";
import { h, svg } from "./dom.js";
import { niceTicks } from "./ticks.js";

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

/**
 * A label's pieces: text, and names people wrote (agents', departments'), which are drawn isolated so
 * that a right-to-left name keeps the text after it in place ("فاطمة الزهراء (3188)", not "(3188) فاطمة الزهراء").
 */
type Piece = string | { readonly name: string };

/** A key's value for a person: names for agents and departments where known. */
function keyPieces(field: string, value: string | number | null, names: KeyNames): Piece[] {
  if (value === null) return [MISSING];
  if (typeof value === "number") {
    const known =
      field === "assignee" || field === "agents"
        ? names.agents.get(value)
        : field === "department"
          ? names.departments.get(value)
          : undefined;
    return known === undefined ? [String(value)] : [{ name: known }, ` (${value})`];
  }
  return [value];
}

/** A date key's text (no names in it). */
function keyText(field: string, value: string | number | null, names: KeyNames): string {
  return plain(keyPieces(field, value, names));
}

function groupPieces(key: GroupKey, names: KeyNames): Piece[] {
  return Object.entries(key).flatMap(([field, value], i) => [
    ...(i === 0 ? [] : [" · "]),
    ...keyPieces(field, value, names),
  ]);
}

/** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: a name isolated in text that holds no markup (a tooltip). */
const FSI = "\u2068";
const PDI = "\u2069";

function plain(pieces: readonly Piece[], isolate = false): string {
  return pieces.map((p) => (typeof p === "string" ? p : isolate ? `${FSI}${p.name}${PDI}` : p.name)).join("");
}

/** The pieces in HTML: each name in a `<bdi>`. */
function htmlPieces(pieces: readonly Piece[]): (string | HTMLElement)[] {
  return pieces.map((p) => (typeof p === "string" ? p : h("bdi", {}, p.name)));
}

/** The pieces in SVG text: each name in a `<tspan class="name">` (style.css isolates it). */
function svgPieces(pieces: readonly Piece[]): (string | SVGElement)[] {
  return pieces.map((p) => (typeof p === "string" ? p : svg("tspan", { class: "name" }, p.name)));
}

/** Whether the groups are one date field's buckets: a time series. */
function isTimeSeries(result: CountResult): boolean {
  const first = result.groups?.[0];
  if (first === undefined) return false;
  const fields = Object.keys(first.key);
  return fields.length === 1 && DATE_KEYS.has(fields[0]!);
}

/** The counts as a chart and a table; the chart is laid out in CSS pixels for `width` (its text never scales). */
export function renderCounts(result: CountResult, names: KeyNames, width: number): HTMLElement {
  const groups = result.groups;
  if (groups === undefined) {
    return h(
      "div",
      { class: "count-total" },
      h("span", { class: "big" }, formatCount(result.total)),
      " chats",
    );
  }
  const chartWidth = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.floor(width)));
  const chart =
    groups.length === 0
      ? null
      : isTimeSeries(result)
        ? timeSeries(result, names, chartWidth)
        : barChart(result, names, chartWidth);
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
          ...fields.map((f) => h("td", {}, ...htmlPieces(keyPieces(f, g.key[f] ?? null, names)))),
          h("td", { class: "num" }, formatCount(g.count)),
        ),
      ),
    ),
  );
  return h("div", { class: "count-view" }, chart, h("div", { class: "table-scroll" }, table));
}

/** The widths a chart is drawn for, in CSS pixels. */
const MIN_WIDTH = 280;
const MAX_WIDTH = 760;
/** Roughly the width of a character of the charts' 13 px text, to shorten labels that would not fit. */
const CHAR_PX = 7.5;
/** Room right of the longest bar for its count. */
const VALUE_ROOM = 56;
/** Below this width a bar's label goes above it instead of beside it. */
const STACK_BELOW = 480;
const BAR_HEIGHT = 20;
const BAR_GAP = 8;
const LABEL_LINE = 18;

/** An SVG whose user units are CSS pixels: drawn at its natural size, never scaled to fit. */
function chartSvg(cls: string, width: number, height: number, label: string, ...children: SVGElement[]) {
  return svg(
    "svg",
    {
      class: `chart ${cls}`,
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
      "aria-label": label,
    },
    ...children,
  );
}

/** The pieces cut to `chars` characters, the last one kept ending in `…`. */
function shorten(pieces: readonly Piece[], chars: number): Piece[] {
  const length = plain(pieces).length;
  if (length <= chars) return [...pieces];
  let room = Math.max(1, chars - 1);
  const out: Piece[] = [];
  for (const piece of pieces) {
    const text = typeof piece === "string" ? piece : piece.name;
    if (text.length >= room) {
      const cut = `${text.slice(0, room)}…`;
      out.push(typeof piece === "string" ? cut : { name: cut });
      break;
    }
    out.push(piece);
    room -= text.length;
  }
  return out;
}

/**
 * One horizontal bar per group, scaled to the largest, with its label and count: the label beside
 * the bar, or above it when the width is narrow.
 */
function barChart(result: CountResult, names: KeyNames, width: number): SVGElement {
  const groups = result.groups ?? [];
  const max = Math.max(1, ...groups.map((g) => g.count));
  const stacked = width < STACK_BELOW;
  const labelWidth = stacked ? width : Math.round(Math.min(240, width * 0.35));
  const barX = stacked ? 0 : labelWidth;
  const plot = width - barX - VALUE_ROOM;
  const row = (stacked ? LABEL_LINE : 0) + BAR_HEIGHT + BAR_GAP;
  const chars = Math.floor((labelWidth - (stacked ? 0 : 8)) / CHAR_PX);
  const bars = groups.map((g, i) => {
    const top = i * row;
    const barY = top + (stacked ? LABEL_LINE : 0);
    const barWidth = Math.max(g.count > 0 ? 2 : 0, (g.count / max) * plot);
    const label = groupPieces(g.key, names);
    return svg(
      "g",
      { class: "bar", "data-count": g.count },
      svg("title", {}, `${plain(label, true)}: ${formatCount(g.count)}`),
      svg(
        "text",
        stacked
          ? { x: 0, y: top + LABEL_LINE / 2, "dominant-baseline": "central" }
          : {
              x: labelWidth - 8,
              y: barY + BAR_HEIGHT / 2,
              "text-anchor": "end",
              "dominant-baseline": "central",
            },
        ...svgPieces(shorten(label, chars)),
      ),
      svg("rect", { x: barX, y: barY, width: barWidth, height: BAR_HEIGHT, rx: 3 }),
      svg(
        "text",
        { x: barX + barWidth + 6, y: barY + BAR_HEIGHT / 2, "dominant-baseline": "central", class: "value" },
        formatCount(g.count),
      ),
    );
  });
  return chartSvg("bar-chart", width, groups.length * row, `bar chart of ${groups.length} groups`, ...bars);
}

const SERIES_HEIGHT = 220;
const AXIS = 28;
const LEFT = 44;

/** One column per time bucket (empty buckets at zero), the chats with no date left out and noted. */
function timeSeries(result: CountResult, names: KeyNames, width: number): HTMLElement {
  const groups = result.groups ?? [];
  const field = Object.keys(groups[0]!.key)[0]!;
  const buckets = groups.filter((g) => g.key[field] !== null);
  const undated = groups.find((g) => g.key[field] === null);
  const note =
    undated === undefined
      ? null
      : h("figcaption", {}, `${formatCount(undated.count)} chats have no ${field}.`);
  // Not one chat has the date: no axis to draw, only the note.
  if (buckets.length === 0) return h("figure", { class: "series" }, note);
  const ticks = niceTicks(Math.max(0, ...buckets.map((g) => g.count)));
  const top = ticks.at(-1)!;
  const step = (width - LEFT) / Math.max(1, buckets.length);
  const plotHeight = SERIES_HEIGHT - AXIS;
  const yOf = (count: number) => plotHeight - (count / top) * (plotHeight - 8);
  const labels = buckets.map((g) => keyText(field, g.key[field] ?? null, names));
  // Every bucket's column, but only round times under the axis, as many as fit side by side.
  const axis = new Map(
    axisLabels(labels, { left: LEFT, step, width, charPx: CHAR_PX }).map((label) => [label.index, label]),
  );
  const chart = chartSvg(
    "time-series",
    width,
    SERIES_HEIGHT,
    `${field}: ${buckets.length} buckets`,
    ...ticks.map((t) =>
      svg(
        "g",
        { class: "tick" },
        svg("line", { x1: LEFT, x2: width, y1: yOf(t), y2: yOf(t) }),
        svg(
          "text",
          { x: LEFT - 6, y: yOf(t), "text-anchor": "end", "dominant-baseline": "central" },
          formatCount(t),
        ),
      ),
    ),
    ...buckets.map((g, i) => {
      const x = LEFT + i * step;
      const label = labels[i]!;
      const under = axis.get(i);
      return svg(
        "g",
        { class: g.count === 0 ? "bucket empty" : "bucket", "data-count": g.count },
        svg("title", {}, `${label}: ${formatCount(g.count)}`),
        svg("rect", {
          x: x + step * 0.1,
          y: yOf(g.count),
          width: Math.max(1, step * 0.8),
          height: Math.max(g.count > 0 ? 1 : 0, plotHeight - yOf(g.count)),
        }),
        under === undefined
          ? null
          : svg(
              "text",
              { x: under.x, y: SERIES_HEIGHT - 8, "text-anchor": under.anchor, class: "axis" },
              under.text,
            ),
      );
    }),
  );
  return h("figure", { class: "series" }, chart, note);
}
