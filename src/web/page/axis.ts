/**
 * The labels under a time series' axis: round times in short words ("06:00", "Mar 9", "Mar", "2026"),
 * as many as fit side by side, and the first bucket's in full ("Mar 9, 19:00") so the others read from it.
 * The buckets' keys are those of `count by <date> per <unit>` (grammar §11): `YYYY-MM-DDTHH:00+HH:MM`,
 * `YYYY-MM-DD` (a day, or the Monday of a week), `YYYY-MM`, `YYYY`.
 */

export interface AxisLabel {
  /** The bucket it stands under. */
  readonly index: number;
  readonly text: string;
  /** Where it is drawn: centred on the bucket, or from `x` on (the first bucket's, from its left edge). */
  readonly x: number;
  readonly anchor: "middle" | "start";
}

export interface AxisLayout {
  /** The x of the first bucket's left edge, and each bucket's width. */
  readonly left: number;
  readonly step: number;
  /** The chart's width: no label crosses its edges. */
  readonly width: number;
  /** About the width of a character of the labels. */
  readonly charPx: number;
}

/** The room kept between two labels. */
const GAP = 12;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

interface Bucket {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
}

type Unit = "hour" | "day" | "week" | "month" | "year";

/** A way of labelling: which buckets it labels (the first aside) and how. */
interface Level {
  readonly labels: (bucket: Bucket, before: Bucket) => boolean;
  readonly text: (bucket: Bucket, before: Bucket) => string;
}

function parse(key: string): Bucket | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):00)?)?)?/.exec(key);
  if (match === null) return undefined;
  const [, year, month = "1", day = "1", hour = "0"] = match;
  return { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour) };
}

function unitOf(keys: readonly string[], buckets: readonly Bucket[]): Unit {
  const key = keys[0]!;
  if (key.includes("T")) return "hour";
  if (key.length === 4) return "year";
  if (key.length === 7) return "month";
  // Days and weeks are both written as a date: a week's are 7 days apart.
  return buckets.length > 1 && daysOf(buckets[1]!) - daysOf(buckets[0]!) === 7 ? "week" : "day";
}

/** Days since 1970-01-01. */
function daysOf(b: Bucket): number {
  return Math.round(Date.UTC(b.year, b.month - 1, b.day) / 86_400_000);
}

const two = (n: number) => String(n).padStart(2, "0");
const dayText = (b: Bucket) => `${MONTHS[b.month - 1]} ${b.day}`;
const hourText = (b: Bucket) => `${two(b.hour)}:00`;
const monthText = (b: Bucket) => (b.month === 1 ? String(b.year) : MONTHS[b.month - 1]!);
const newDay = (b: Bucket, before: Bucket) =>
  b.day !== before.day || b.month !== before.month || b.year !== before.year;
const newMonth = (b: Bucket, before: Bucket) => b.month !== before.month || b.year !== before.year;

/** The levels a unit's buckets may be labelled at, finest first. */
function levels(unit: Unit): Level[] {
  const out: Level[] = [];
  if (unit === "hour") {
    for (const n of [1, 2, 3, 6, 12]) {
      out.push({
        labels: (b) => b.hour % n === 0,
        // A new day's first hour is its date.
        text: (b, before) => (newDay(b, before) ? dayText(b) : hourText(b)),
      });
    }
  }
  if (unit === "hour" || unit === "day") {
    // The days of a month counted from its 1st, up to where the next month's 1st would come too soon.
    for (const n of [1, 2, 5, 10, 15]) {
      out.push({
        labels: (b, before) => newDay(b, before) && (b.day - 1) % n === 0 && (n === 1 || b.day + n <= 31),
        text: dayText,
      });
    }
  }
  if (unit === "week") {
    for (const n of [1, 2]) {
      out.push({ labels: (b) => Math.floor(daysOf(b) / 7) % n === 0, text: dayText });
    }
  }
  if (unit !== "year") {
    for (const n of [1, 2, 3, 6]) {
      out.push({ labels: (b, before) => newMonth(b, before) && (b.month - 1) % n === 0, text: monthText });
    }
  }
  for (const n of [1, 2, 5, 10, 20, 50, 100]) {
    out.push({
      labels: (b, before) => (b.year !== before.year || unit === "year") && b.year % n === 0,
      text: (b) => String(b.year),
    });
  }
  return out;
}

/** The first bucket's label: enough to read the others from (an hour's year when the span has two). */
function startText(unit: Unit, b: Bucket, last: Bucket): string {
  switch (unit) {
    case "hour":
      return `${dayText(b)}, ${last.year === b.year ? "" : `${b.year} `}${hourText(b)}`;
    case "day":
    case "week":
      return `${dayText(b)}, ${b.year}`;
    case "month":
      return `${MONTHS[b.month - 1]} ${b.year}`;
    case "year":
      return String(b.year);
  }
}

interface Span {
  readonly label: AxisLabel;
  readonly from: number;
  readonly to: number;
}

/** The labels under the buckets with these keys, laid out for `layout`. */
export function axisLabels(keys: readonly string[], layout: AxisLayout): AxisLabel[] {
  const buckets = keys.map(parse);
  if (buckets.length === 0 || buckets.some((b) => b === undefined)) return [];
  const parsed = buckets as Bucket[];
  const unit = unitOf(keys, parsed);
  const { left, step, width, charPx } = layout;
  const text = startText(unit, parsed[0]!, parsed.at(-1)!);
  const startX = left + step * 0.1;
  const start: Span = {
    label: { index: 0, text, x: startX, anchor: "start" },
    from: startX,
    to: startX + text.length * charPx,
  };
  for (const level of levels(unit)) {
    const spans: Span[] = [start];
    for (let i = 1; i < parsed.length; i++) {
      const b = parsed[i]!;
      const before = parsed[i - 1]!;
      if (!level.labels(b, before)) continue;
      const label = level.text(b, before);
      const centre = left + (i + 0.5) * step;
      const half = (label.length * charPx) / 2;
      // A label that would cross the chart's right edge, or overlap the first, is left out.
      if (centre + half > width || centre - half < start.to + GAP) continue;
      spans.push({
        label: { index: i, text: label, x: centre, anchor: "middle" },
        from: centre - half,
        to: centre + half,
      });
    }
    if (spans.every((s, i) => i === 0 || s.from >= spans[i - 1]!.to + GAP)) return spans.map((s) => s.label);
  }
  return [start.label];
}
