import { bodyJson, type Explanation } from "../../compiler/explain.js";
import type { Span } from "../../language/span.js";
import { fill, h } from "./dom.js";

/**
 * The explain panel: why the query costs its requests, order, paging, merge, clock and resolved dates,
 * then each body with its filter items. An item and the part of the query it comes from are linked:
 * pointing at one lights up the other.
 */

export interface Linked {
  readonly element: HTMLElement;
  readonly spans: readonly Span[];
}

export interface ExplainLinks {
  /** Light these spans in the editor (none: clear). */
  light(spans: readonly Span[]): void;
}

/** Renders the explanation into `panel`; returns the linked elements for lighting from the editor. */
export function renderExplain(panel: HTMLElement, e: Explanation, links: ExplainLinks): Linked[] {
  const linked: Linked[] = [];
  const link = (element: HTMLElement, spans: readonly Span[]) => {
    element.classList.add("linked");
    element.tabIndex = 0;
    const on = () => links.light(spans);
    const off = () => links.light([]);
    element.addEventListener("mouseenter", on);
    element.addEventListener("focus", on);
    element.addEventListener("mouseleave", off);
    element.addEventListener("blur", off);
    linked.push({ element, spans });
    return element;
  };
  if (!e.ok) {
    fill(panel, h("p", { class: "why" }, e.why));
    return linked;
  }
  const facts: [string, string][] = [
    ["Paging", e.paging],
    ...(e.merge === undefined ? [] : ([["Merge", e.merge]] as [string, string][])),
    ["Clock", `now = ${e.now.seconds} (${e.now.iso}), time zone ${e.timeZone}`],
  ];
  const dates = e.dates.map((d) =>
    h(
      "li",
      {},
      link(h("code", {}, d.source), [d.span]),
      d.kind === "instant"
        ? ` = ${d.seconds} (${d.iso})`
        : ` = the day from ${d.start} (${d.startIso}) to ${d.end} (${d.endIso}), end excluded`,
    ),
  );
  const requests = e.requests.map((r, i) => {
    const lines = bodyJson(r.body).split("\n");
    let item = 0;
    const pre = h("pre", { class: "body" });
    for (const line of lines) {
      const isItem = /^ {4}\{/.test(line);
      const explained = isItem ? r.items[item++] : undefined;
      pre.append(
        explained === undefined ? line : link(h("span", { class: "item" }, line), explained.spans),
        "\n",
      );
    }
    return h(
      "section",
      { class: "request" },
      h("h3", {}, `Request ${i + 1} of ${e.requests.length}: POST /v1/chats/search`),
      pre,
    );
  });
  fill(
    panel,
    h("p", { class: "why" }, e.why),
    ...e.neverMatches.map((m) => h("p", { class: "dropped" }, `Dropped: ${m}.`)),
    h("dl", {}, ...facts.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
    dates.length > 0 ? h("div", {}, h("h3", {}, "Dates"), h("ul", { class: "dates" }, ...dates)) : null,
    ...requests,
  );
  return linked;
}

/** Marks the linked elements whose spans hold `position` (the editor's cursor or the mouse). */
export function lightLinked(linked: readonly Linked[], position: number | undefined): void {
  for (const { element, spans } of linked) {
    const on = position !== undefined && spans.some((s) => s.start <= position && position <= s.end);
    element.classList.toggle("lit", on);
  }
}
