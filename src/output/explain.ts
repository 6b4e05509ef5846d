import {
  bodyJson,
  type ExplainedCount,
  type ExplainedDate,
  type ExplainedRequest,
  type Explanation,
  orderText,
} from "../compiler/index.js";
import type { Span } from "../language/index.js";
import { assertNever, counted, PAGE_SIZE, wrapWords } from "../language/index.js";

export interface ExplanationTextOptions {
  /** Columns to fill: sentences are wrapped at spaces to fit (request bodies are not). Default: no wrapping. */
  readonly width?: number;
  /** How the reader fetches every match of a query without a limit (`--all`); without it, not said. */
  readonly allPages?: string;
}

/** A part of an explanation, in reading order: the terminal's text and the web page's panel both show these. */
export type ExplanationPart =
  /** Why the query costs its requests; what the planner dropped of its condition, and each part never matching. */
  | { readonly kind: "why" | "alternatives" | "dropped"; readonly text: string }
  /** A labelled sentence: `Order`, `Count`, `Paging`, `Merge`, `Clock`; written `Label: text.` */
  | { readonly kind: "fact"; readonly label: string; readonly text: string }
  /** Each date the query names, once however often it is written, with the spans where it is. */
  | { readonly kind: "dates"; readonly dates: readonly WrittenDate[] }
  | {
      readonly kind: "request";
      /** `Request 1 of 2 (an AND-group): POST /v1/chats/search`. */
      readonly heading: string;
      readonly request: ExplainedRequest;
      /** `filter[0] ← status = closed`: each item that comes from the query, with its spans. */
      readonly sources: readonly { readonly text: string; readonly spans: readonly Span[] }[];
    };

/** A date of the query and every span it is written at (`between 2026-01-01 and 2026-01-01`: two). */
export type WrittenDate = ExplainedDate & { readonly spans: readonly Span[] };

/** The explanation as text for a terminal (no colour). */
export function renderExplanation(e: Explanation, options: ExplanationTextOptions = {}): string {
  const prose = (line: string) => wrapSentence(line, options.width);
  const out: string[] = [];
  let facts = false;
  for (const part of explanationParts(e, options.allPages)) {
    switch (part.kind) {
      case "why":
      case "alternatives":
      case "dropped":
        out.push(prose(part.text));
        break;
      case "fact":
        // A blank line between what the query costs and how it runs.
        if (!facts) out.push("");
        facts = true;
        out.push(prose(`${part.label}: ${part.text}.`));
        break;
      case "dates":
        out.push("Dates:", ...part.dates.map((d) => `  ${d.source} ${dateText(d)}`));
        break;
      case "request":
        out.push("", part.heading, bodyJson(part.request.body), ...part.sources.map((s) => `  ${s.text}`));
        break;
      default:
        assertNever(part);
    }
  }
  return out.join("\n");
}

/** The explanation's parts; `allPages` as in ExplanationTextOptions. A failed one is its `why` alone. */
export function explanationParts(e: Explanation, allPages?: string): ExplanationPart[] {
  const parts: ExplanationPart[] = [{ kind: "why", text: e.why }];
  if (!e.ok) return parts;
  const alternatives = alternativesText(e);
  if (alternatives !== undefined) parts.push({ kind: "alternatives", text: alternatives });
  for (const m of e.neverMatches) parts.push({ kind: "dropped", text: `Dropped: ${m}.` });
  const fact = (label: string, text: string) => parts.push({ kind: "fact", label, text });
  if (e.readsAs !== undefined) fact("Reads as", `${e.readsAs} ('and' binds before 'or')`);
  if (e.count === undefined) fact("Order", orderText(e.order));
  else fact("Count", countText(e.count));
  fact("Paging", `${e.paging}${allPagesAdvice(e, allPages)}`);
  if (e.merge !== undefined) {
    const unlimited = allPages !== undefined && e.limit === undefined && e.count === undefined;
    fact("Merge", `${e.merge}${unlimited ? `; with ${allPages}, no limit` : ""}`);
  }
  fact("Clock", `now = ${e.now.seconds} (${e.now.iso}), time zone ${e.timeZone}`);
  if (e.dates.length > 0) parts.push({ kind: "dates", dates: writtenDates(e.dates) });
  e.requests.forEach((request, i) => {
    const heading = `Request ${i + 1} of ${e.requests.length}${roleText(request.role)}: POST /v1/chats/search`;
    parts.push({ kind: "request", heading, request, sources: sourcesOf(request) });
  });
  return parts;
}

/** The dates in the order first written, each text once with all its spans (one text, one meaning). */
function writtenDates(dates: readonly ExplainedDate[]): WrittenDate[] {
  const bySource = new Map<string, WrittenDate & { spans: Span[] }>();
  for (const date of dates) {
    const seen = bySource.get(date.source);
    if (seen === undefined) bySource.set(date.source, { ...date, spans: [date.span] });
    else seen.spans.push(date.span);
  }
  return [...bySource.values()];
}

/** What a resolved date stands for, written after its source text. */
export function dateText(d: ExplainedDate): string {
  return d.kind === "instant"
    ? `= ${d.seconds} (${d.iso})`
    : `= the day from ${d.start} (${d.startIso}) to ${d.end} (${d.endIso}), end excluded`;
}

function sourcesOf(request: ExplainedRequest): { text: string; spans: readonly Span[] }[] {
  return request.items.flatMap((item, j) =>
    item.source.length === 0
      ? []
      : [
          {
            text: `filter[${j}] ← ${item.negated ? "not " : ""}${item.source.join(" and ")}`,
            spans: item.spans,
          },
        ],
  );
}

/** The condition as AND-groups, when the planner dropped some of them; undefined when it dropped none. */
function alternativesText(e: Explanation): string | undefined {
  if (e.dropped === 0 && e.absorbed === 0) return undefined;
  const notes: string[] = [];
  if (e.dropped > 0) notes.push(`${e.dropped} dropped as never matching`);
  if (e.absorbed > 0)
    notes.push(`${e.absorbed} dropped as redundant (another AND-group already matches all its chats)`);
  return `Written as alternatives (an OR of AND-groups), the condition has ${counted(e.conjunctions, "AND-group")}: ${notes.join(", ")}.`;
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
  return count.rows === undefined ? what : `${what}, the first ${counted(count.rows, "row")} kept`;
}
