import { describe, expect, it } from "vitest";
import { axisLabels } from "../../../src/web/page/axis.js";

/** The keys of consecutive buckets: `count` of them from `start`, each `step` after the one before. */
function hours(start: string, count: number, offset = "+01:00"): string[] {
  const first = Date.parse(`${start}:00${offset}`);
  return Array.from({ length: count }, (_, i) => {
    const local = new Date(first + i * 3_600_000 + 3_600_000);
    return `${local.toISOString().slice(0, 13)}:00${offset}`;
  });
}

function days(start: string, count: number, every = 1): string[] {
  const first = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) =>
    new Date(first + i * every * 86_400_000).toISOString().slice(0, 10),
  );
}

const texts = (keys: readonly string[], width = 760) =>
  axisLabels(keys, { left: 44, step: (width - 44) / keys.length, width, charPx: 7.5 }).map((l) => l.text);

describe("axisLabels: round, short times under a time series", () => {
  it("labels hours of a day and a half by the clock, a new day by its date, the first in full", () => {
    // Mar 10's midnight would overlap the first label: its hours go on by the clock.
    expect(texts(hours("2026-03-09T19:00", 36))).toEqual([
      "Mar 9, 19:00",
      "03:00",
      "06:00",
      "09:00",
      "12:00",
      "15:00",
      "18:00",
      "21:00",
      "Mar 11",
      "03:00",
    ]);
  });

  it("labels three weeks of hours by dates only, and names the first hour's year when the span has two", () => {
    const labels = texts(hours("2026-03-09T19:00", 21 * 24));
    expect(labels[0]).toBe("Mar 9, 19:00");
    for (const label of labels.slice(1)) expect(label).toMatch(/^(Mar|Apr) \d{1,2}$/);
    expect(labels.length).toBeGreaterThan(3);
    expect(texts(hours("2025-12-20T05:00", 21 * 24))[0]).toBe("Dec 20, 2025 05:00");
  });

  it("labels a year of days by months, the first day with its year", () => {
    expect(texts(days("2025-11-20", 400))).toEqual([
      "Nov 20, 2025",
      "Feb",
      "Mar",
      "Apr",
      "May",
      "Jun",
      "Jul",
      "Aug",
      "Sep",
      "Oct",
      "Nov",
      "Dec",
    ]);
  });

  it("labels weeks by the month their first Monday starts, months by name (January by its year), years", () => {
    expect(texts(days("2026-01-05", 30, 7))).toEqual(["Jan 5, 2026", "Mar", "Apr", "May", "Jun", "Jul"]);
    expect(texts(["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"])).toEqual([
      "Oct 2025",
      "Nov",
      "Dec",
      "2026",
      "Feb",
      "Mar",
    ]);
    expect(texts(["2019", "2020", "2021", "2022"])).toEqual(["2019", "2020", "2021", "2022"]);
  });

  it("keeps every label inside the chart and apart from the next, at any width", () => {
    for (const width of [280, 360, 480, 760]) {
      for (const keys of [
        hours("2026-03-09T19:00", 500),
        days("2025-01-01", 900),
        days("2026-01-05", 80, 7),
      ]) {
        const step = (width - 44) / keys.length;
        const labels = axisLabels(keys, { left: 44, step, width, charPx: 7.5 });
        const spans = labels.map((l) => {
          const w = l.text.length * 7.5;
          return l.anchor === "start" ? [l.x, l.x + w] : [l.x - w / 2, l.x + w / 2];
        });
        expect(spans.every(([from, to]) => from! >= 0 && to! <= width)).toBe(true);
        expect(spans.every((s, i) => i === 0 || s[0]! >= spans[i - 1]![1]!)).toBe(true);
      }
    }
  });
});
