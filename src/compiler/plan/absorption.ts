/** Step 5 of planning (§7): duplicate items and absorbed conjunctions. */

import { type Conjunction, SMALL } from "./dnf.js";

/** Each conjunction without repeated items; the same array when none repeats one (bench row `flat-or-scaling`). */
export function dedupeEach(conjunctions: readonly Conjunction[]): readonly Conjunction[] {
  let out: Conjunction[] | undefined;
  for (let i = 0; i < conjunctions.length; i++) {
    const c = conjunctions[i]!;
    const d = dedupe(c);
    if (d !== c) out ??= conjunctions.slice(0, i);
    out?.push(d);
  }
  return out ?? conjunctions;
}

function dedupe(conjunction: Conjunction): Conjunction {
  if (conjunction.length < 2) return conjunction;
  if (conjunction.length <= SMALL && !hasDuplicate(conjunction)) return conjunction;
  const seen = new Set<number>();
  const out: Conjunction = [];
  for (const item of conjunction) {
    if (seen.has(item.key)) continue;
    seen.add(item.key);
    out.push(item);
  }
  return out;
}

function hasDuplicate(conjunction: Conjunction): boolean {
  for (let j = 1; j < conjunction.length; j++) {
    for (let i = 0; i < j; i++) if (conjunction[i]!.key === conjunction[j]!.key) return true;
  }
  return false;
}

function isSubset(small: readonly number[], large: readonly number[]): boolean {
  let j = 0;
  for (const k of small) {
    while (j < large.length && large[j]! < k) j++;
    if (j === large.length || large[j] !== k) return false;
    j++;
  }
  return true;
}

/**
 * Drops duplicate conjunctions and every conjunction that includes all items of another (the
 * earlier of equal ones stays). Conjunctions are visited smallest first; each kept one is filed
 * under its rarest item, so a conjunction only meets the kept ones filed under one of its own
 * items: a subset of it must be filed there. With `keyCount` distinct item keys.
 */
export function absorb(conjunctions: readonly Conjunction[], keyCount: number): readonly Conjunction[] {
  if (conjunctions.length < 2) return conjunctions;
  if (allSingles(conjunctions)) return uniqueSingles(conjunctions, keyCount);
  const frequency = new Uint32Array(keyCount);
  for (const c of conjunctions) for (const item of c) frequency[item.key]!++;
  const keys = conjunctions.map((c) =>
    c.length === 1 ? [c[0]!.key] : c.map((i) => i.key).sort((a, b) => a - b),
  );
  const order = conjunctions.map((_, i) => i);
  order.sort((a, b) => keys[a]!.length - keys[b]!.length || a - b);
  const filed = new Map<number, number[]>();
  const keep = new Array<boolean>(conjunctions.length).fill(false);
  for (const index of order) {
    const own = keys[index]!;
    if (isAbsorbed(own, keys, filed)) continue;
    keep[index] = true;
    let rarest = own[0]!;
    for (const k of own) if (frequency[k]! < frequency[rarest]!) rarest = k;
    const list = filed.get(rarest);
    if (list === undefined) filed.set(rarest, [index]);
    else list.push(index);
  }
  return conjunctions.filter((_, i) => keep[i]);
}

function isAbsorbed(
  own: readonly number[],
  keys: readonly (readonly number[])[],
  filed: Map<number, number[]>,
): boolean {
  for (const k of own) {
    const candidates = filed.get(k);
    if (candidates === undefined) continue;
    for (const other of candidates) if (isSubset(keys[other]!, own)) return true;
  }
  return false;
}

function singleRepeats(conjunctions: readonly Conjunction[]): boolean {
  for (let j = 1; j < conjunctions.length; j++) {
    const key = conjunctions[j]![0]!.key;
    for (let i = 0; i < j; i++) if (conjunctions[i]![0]!.key === key) return true;
  }
  return false;
}

function allSingles(conjunctions: readonly Conjunction[]): boolean {
  for (let i = 0; i < conjunctions.length; i++) if (conjunctions[i]!.length !== 1) return false;
  return true;
}

/** Only single-item conjunctions: absorption is removing duplicates (the same array when none repeats). */
function uniqueSingles(conjunctions: readonly Conjunction[], keyCount: number): readonly Conjunction[] {
  // A few: pairwise, no table to allocate (bench row `compile-vs-json`).
  if (conjunctions.length <= SMALL && !singleRepeats(conjunctions)) return conjunctions;
  const seen = new Uint8Array(keyCount); // keys are dense, 0 to keyCount - 1: no Set to grow
  let out: Conjunction[] | undefined; // copied from the first repeat (bench row `flat-or-scaling`)
  for (let i = 0; i < conjunctions.length; i++) {
    const c = conjunctions[i]!;
    const key = c[0]!.key;
    if (seen[key] === 1) {
      out ??= conjunctions.slice(0, i);
      continue;
    }
    seen[key] = 1;
    out?.push(c);
  }
  return out ?? conjunctions;
}
