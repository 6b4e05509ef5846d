import {
  bodyJson,
  type ExplainedCount,
  type ExplainedRequest,
  type Explanation,
  orderText,
  plural,
} from "../compiler/explain.js";
import { assertNever } from "../language/assert.js";
import { PAGE_SIZE } from "../language/values.js";
import { wrapWords } from "../language/wrap.js";

export interface ExplanationTextOptions {
  /** Columns to fill: sentences are wrapped at spaces to fit (request bodies are not). Default: no wrapping. */
  readonly width?: number;
  /** How the reader fetches every match of a query without a limit (`--all`); without it, not said. */
  readonly allPages?: string;
}

/** The explanation as text for a terminal (no colour). */
export function renderExplanation(e: Explanation, options: ExplanationTextOptions = {}): string {
  const prose = (line: string) => wrapSentence(line, options.width);
  if (!e.ok) return prose(e.why);
  const out: string[] = [prose(e.why)];
  if (e.dropped > 0 || e.absorbed > 0) {
    const notes: string[] = [];
    if (e.dropped > 0) notes.push(`${e.dropped} dropped as never matching`);
    if (e.absorbed > 0)
      notes.push(`${e.absorbed} dropped as redundant (another AND-group already matches all its chats)`);
    out.push(
      prose(
        `Written as alternatives (an OR of AND-groups), the condition has ${plural(e.conjunctions, "AND-group")}${notes.length > 0 ? `: ${notes.join(", ")}` : ""}.`,
      ),
    );
  }
  for (const m of e.neverMatches) out.push(prose(`Dropped: ${m}.`));
  out.push("");
  if (e.count === undefined) out.push(prose(`Order: ${orderText(e.order)}.`));
  if (e.count !== undefined) out.push(prose(`Count: ${countText(e.count)}.`));
  out.push(prose(`Paging: ${e.paging}${allPagesAdvice(e, options.allPages)}.`));
  if (e.merge !== undefined) {
    const unlimited = options.allPages !== undefined && e.limit === undefined && e.count === undefined;
    out.push(prose(`Merge: ${e.merge}${unlimited ? `; with ${options.allPages}, no limit` : ""}.`));
  }
  out.push(prose(`Clock: now = ${e.now.seconds} (${e.now.iso}), time zone ${e.timeZone}.`));
  if (e.dates.length > 0) {
    out.push("Dates:");
    for (const d of e.dates) {
      out.push(
        d.kind === "instant"
          ? `  ${d.source} = ${d.seconds} (${d.iso})`
          : `  ${d.source} = the day from ${d.start} (${d.startIso}) to ${d.end} (${d.endIso}), end excluded`,
      );
    }
  }
  e.requests.forEach((r, i) => {
    out.push("");
    out.push(`Request ${i + 1} of ${e.requests.length}${roleText(r.role)}: POST /v1/chats/search`);
    out.push(bodyJson(r.body));
    r.items.forEach((item, j) => {
      if (item.source.length > 0) out.push(`  filter[${j}] ← ${item.source.join(" and ")}`);
    });
  });
  return out.join("\n");
}

function roleText(role: ExplainedRequest["role"]): string {
  switch (role) {
    case "group":
      return " (an AND-group)";
    case "singles":
      return " (the single conditions)";
    case "all":
    case "and":
    case "or":
      return "";
    default:
      return assertNever(role, "request role");
  }
}

/** What fetching every match (`allPages`, the caller's way to ask for it) changes when the query gives no limit. */
function allPagesAdvice(e: Explanation, allPages: string | undefined): string {
  if (allPages === undefined || e.limit !== undefined || e.requestCount === 0 || e.count !== undefined) {
    return "";
  }
  return e.merge === undefined
    ? `; with ${allPages}, every match in pages of ${PAGE_SIZE}`
    : `; with ${allPages}, every match of each request`;
}

/** A sentence fitted to `width` (when given), its later lines indented by two. */
function wrapSentence(text: string, width: number | undefined): string {
  return width === undefined ? text : wrapWords(text, width, "  ").join("\n");
}

function countText(count: ExplainedCount): string {
  const what = count.groups.length === 0 ? "the chats matched" : `the chats by ${count.groups.join(", ")}`;
  return count.rows === undefined ? what : `${what}, the first ${plural(count.rows, "row")} kept`;
}
