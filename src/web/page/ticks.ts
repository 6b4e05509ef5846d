/** Ticks of a count axis from 0: a whole step of 1, 2 or 5 times a power of ten, the last tick at or above `max`. */
export function niceTicks(max: number, intervals = 5): number[] {
  const rough = Math.max(1, max / intervals);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const top = Math.max(step, Math.ceil(max / step) * step);
  return Array.from({ length: top / step + 1 }, (_, i) => i * step);
}
