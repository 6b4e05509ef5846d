import { bodyJson, type Explanation } from "../../compiler/index.js";
import type { Span } from "../../language/index.js";
import { assertNever } from "../../language/index.js";
import { dateText, type ExplanationPart, explanationParts } from "../../output/index.js";
import { fill, h } from "./dom.js";

/**
 * The explain panel: the sentences of `hcql explain` (`explanationParts`, which its text is printed
 * from), each body with its filter items and where they come from. An item and the part of the query
 * it comes from are linked: pointing at one lights up the other.
 */

export interface Linked {
  readonly element: HTMLElement;
  readonly spans: readonly Span[];
}

export interface ExplainLinks {
  /** Light these spans in the editor (none: clear). */
  light(spans: readonly Span[]): void;
}

/** How the page fetches every match of a query without a limit (`hcql explain` says `--all`). */
const ALL_PAGES = "the All button";

type Link = (element: HTMLElement, spans: readonly Span[]) => HTMLElement;

/** Renders the explanation into `panel`; returns the linked elements for lighting from the editor. */
export function renderExplain(panel: HTMLElement, e: Explanation, links: ExplainLinks): Linked[] {
  const linked: Linked[] = [];
  const link: Link = (element, spans) => {
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
  fill(panel, ...explanationParts(e, ALL_PAGES).map((part) => partElement(part, link)));
  return linked;
}

function partElement(part: ExplanationPart, link: Link): HTMLElement {
  switch (part.kind) {
    case "why":
      return h("p", { class: "why" }, part.text);
    case "alternatives":
    case "dropped":
      return h("p", { class: part.kind }, part.text);
    case "fact":
      return h("p", { class: "fact" }, h("span", { class: "label" }, `${part.label}:`), ` ${part.text}.`);
    case "dates":
      return h(
        "div",
        {},
        h("h3", {}, "Dates:"),
        h(
          "ul",
          { class: "dates" },
          ...part.dates.map((d) => h("li", {}, link(h("code", {}, d.source), d.spans), ` ${dateText(d)}`)),
        ),
      );
    case "request":
      return h(
        "section",
        { class: "request" },
        h("h3", {}, part.heading),
        bodyElement(part, link),
        h(
          "ul",
          { class: "sources" },
          ...part.sources.map((s) => h("li", {}, link(h("span", {}, s.text), s.spans))),
        ),
      );
    default:
      return assertNever(part);
  }
}

/** The body as JSON, each filter item's line linked to the query text it comes from. */
function bodyElement(part: ExplanationPart & { kind: "request" }, link: Link): HTMLElement {
  const { request } = part;
  let item = 0;
  const pre = h("pre", { class: "body" });
  for (const line of bodyJson(request.body).split("\n")) {
    const explained = /^ {4}\{/.test(line) ? request.items[item++] : undefined;
    pre.append(
      explained === undefined ? line : link(h("span", { class: "item" }, line), explained.spans),
      "\n",
    );
  }
  return pre;
}

/** Marks the linked elements whose spans hold `position` (the editor's cursor or the mouse). */
export function lightLinked(linked: readonly Linked[], position: number | undefined): void {
  for (const { element, spans } of linked) {
    const on = position !== undefined && spans.some((s) => s.start <= position && position <= s.end);
    element.classList.toggle("lit", on);
  }
}
