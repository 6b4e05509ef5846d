import type { Plan } from "../compiler/index.js";
import { fieldOfType, nearestValue } from "../language/index.js";

/** The canonical name of the one tag field (`customer.tagsData`). */
const TAGS_FIELD = fieldOfType("tag").name;

/** The tags a plan's bodies ask for, as written, each once, in the order the query writes them. */
export function tagsAskedFor(plan: Plan): string[] {
  const found: { readonly tag: string; readonly at: number }[] = [];
  for (const [b, body] of plan.bodies.entries()) {
    for (const [i, item] of body.filter.entries()) {
      if (item.field !== TAGS_FIELD || !Array.isArray(item.value)) continue;
      const at = plan.origins[b]?.[i]?.span.start ?? 0;
      for (const tag of item.value as readonly { readonly name: string }[]) found.push({ tag: tag.name, at });
    }
  }
  found.sort((x, y) => x.at - y.at);
  return [...new Set(found.map((f) => f.tag))];
}

/** A tag a query asks for that is not known, and the known tag it most likely means. */
export interface TagSlip {
  readonly written: string;
  readonly known: string;
}

/**
 * The tags a query asks for that no known tag is, each with the nearest known one (`vip` → `VIP`,
 * `Trail` → `Trial`): tags match exactly, letter case too, so such a query finds nothing for them.
 * None when nothing is near.
 */
export function tagSlips(plan: Plan, known: readonly string[]): TagSlip[] {
  if (known.length === 0) return [];
  const exact = new Set(known);
  const slips: TagSlip[] = [];
  for (const written of tagsAskedFor(plan)) {
    if (exact.has(written)) continue;
    const near =
      known.find((tag) => tag.toLowerCase() === written.toLowerCase()) ?? nearestValue(written, known);
    if (near !== undefined) slips.push({ written, known: near });
  }
  return slips;
}

/**
 * What the shell and `hcql run` add under a search that found no chat, when it asked for a tag no
 * known tag is: `"vip" is not a known tag; did you mean "VIP"? (tags match exactly, letter case too)`.
 */
export function tagSlipTips(slips: readonly TagSlip[]): string[] {
  return slips.map(({ written, known }) => {
    const caseOnly = written.toLowerCase() === known.toLowerCase();
    return `${JSON.stringify(written)} is not a known tag; did you mean ${JSON.stringify(known)}?${
      caseOnly ? " (tags match exactly, letter case too)" : ""
    }`;
  });
}
