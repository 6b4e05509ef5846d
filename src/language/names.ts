import type { NamedId } from "./api.js";

/** Did-you-mean: how far apart two names are, and the nearest of a list to a name typed. */

/** Lower case without accents: `Zoë Müller` → `zoe muller`. */
export function foldName(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * The agents or departments a name written in a query means: those whose whole name it is, else
 * those with it as one of their words (`zoe` → Zoë Müller), case and accents aside.
 */
export function namesMatching(written: string, known: readonly NamedId[]): NamedId[] {
  const folded = foldName(written.trim());
  if (folded === "") return [];
  const whole = known.filter((n) => n.name !== null && foldName(n.name) === folded);
  if (whole.length > 0) return whole;
  return known.filter((n) => n.name !== null && foldName(n.name).split(/\s+/).includes(folded));
}

/** Optimal string alignment distance, case-insensitive (a transposition counts as one edit). */
export function editDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * The nearest name, when it is close enough to be a likely typo, or else the one name that begins
 * with it (`stat` → `status`, `Closed` → `closedAt`), from three letters on.
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  return (
    nearestWithin(name, candidates, Math.max(1, Math.floor(name.length / 3))) ??
    onlyCompletion(name, candidates)
  );
}

function onlyCompletion(name: string, candidates: readonly string[]): string | undefined {
  if (name.length < 3) return undefined;
  const prefix = name.toLowerCase();
  const completions = candidates.filter((c) => c.toLowerCase().startsWith(prefix));
  return completions.length === 1 ? completions[0] : undefined;
}

/**
 * The nearest of a few fixed values (statuses, ratings, date words, units): with so few to choose
 * from, two edits still point at one of them (`grate` → `great`), from five letters on.
 */
export function nearestValue(name: string, candidates: readonly string[]): string | undefined {
  return nearestWithin(name, candidates, name.length < 5 ? 1 : Math.max(2, Math.floor(name.length / 3)));
}

/**
 * A value of a field's closed list (a status, a rating): as `nearestValue`, and a four-letter word
 * also reaches two edits when its first letter agrees (`pore` → `poor`, `clsd` → `closed`; not
 * `good` → `poor`). Keywords do not get this reach: after a condition, `also` is not `asc`.
 */
export function nearestListed(name: string, candidates: readonly string[]): string | undefined {
  const near = nearestValue(name, candidates);
  if (near !== undefined || name.length !== 4) return near;
  const first = name[0]!.toLowerCase();
  return nearestWithin(
    name,
    candidates.filter((c) => c[0]?.toLowerCase() === first),
    2,
  );
}

function nearestWithin(name: string, candidates: readonly string[], threshold: number): string | undefined {
  let best: string | undefined;
  let bestDistance = threshold + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) > threshold) continue;
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
