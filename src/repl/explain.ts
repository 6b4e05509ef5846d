import pc from "picocolors";
import type { CompileResult, PlanShape } from "../compiler/types.js";
import { assertNever } from "../language/assert.js";

/**
 * `.explain`: the plan of a query in words, then its request bodies with the part of the query
 * each filter item comes from. (Built from `compile`'s plan; the compiler has no `explain` of its own.)
 */
export function explainPlan(
  text: string,
  result: CompileResult,
  options: { color: boolean; timeZone: string },
): string {
  const c = pc.createColors(options.color);
  const plan = result.plan;
  if (!plan) return "";
  const out: string[] = [];
  out.push(`${c.bold("plan")}: ${shapeText(plan.shape, plan.bodies.length)}`);
  out.push(
    c.dim(
      `clock now = ${plan.now} (${new Date(plan.now * 1000).toISOString().replace(".000", "")}), time zone ${plan.timeZone}`,
    ),
  );
  if (plan.conjunctions > 1 || plan.neverMatching > 0 || plan.absorbed > 0) {
    out.push(
      c.dim(
        `normal form: ${plan.conjunctions} conjunction${plan.conjunctions === 1 ? "" : "s"}` +
          (plan.neverMatching > 0 ? `, ${plan.neverMatching} dropped as never matching` : "") +
          (plan.absorbed > 0 ? `, ${plan.absorbed} dropped as duplicate or absorbed` : ""),
      ),
    );
  }
  for (const date of plan.dates) {
    const source = text.slice(date.span.start, date.span.end);
    const value =
      date.kind === "instant"
        ? `${date.seconds} (${iso(date.seconds)})`
        : `the day [${date.start}, ${date.end}) = [${iso(date.start)}, ${iso(date.end)})`;
    out.push(`${c.cyan(source)} → ${value}`);
  }
  const order = `${plan.sort.field} ${plan.sort.order}${plan.sortExplicit ? "" : " (the API's default order)"}`;
  out.push(c.dim(`order: ${order}, ties by id`));
  if (plan.merge) {
    out.push(
      c.dim(
        `results of the ${plan.bodies.length} requests are merged here: deduplicated by id, ordered, then offset ${plan.offset} and limit ${plan.limit ?? "all"} applied`,
      ),
    );
  } else if (plan.limit !== undefined && plan.limit > 100) {
    out.push(c.dim(`limit ${plan.limit}: fetched in pages of 100 (offset grows per page)`));
  }
  plan.bodies.forEach((body, b) => {
    out.push("");
    out.push(c.bold(`request ${b + 1} of ${plan.bodies.length}: POST /chats/search`));
    out.push(JSON.stringify(body, null, 2));
    const origins = plan.origins[b] ?? [];
    origins.forEach((origin, i) => {
      const item = body.filter[i];
      if (!item) return;
      const from = origin.spans.map((s) => text.slice(s.start, s.end)).join(" + ");
      out.push(c.dim(`  filter[${i}] ${item.field} ${item.operator} ← ${from}`));
    });
  });
  return out.join("\n");
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000", "");
}

function shapeText(shape: PlanShape, bodies: number): string {
  switch (shape) {
    case "none":
      return "no request: no part of the query can match";
    case "all":
      return "one request with no filter: every chat";
    case "and":
      return "one request: all conditions in one AND body";
    case "or":
      return "one request: each condition a single item, joined by OR";
    case "several":
      return `${bodies} requests: the API joins a body's filters with one AND or one OR, so each AND group is its own request and single conditions share one OR request`;
    default:
      return assertNever(shape);
  }
}
