import "./style.css";
import { forceLinting } from "@codemirror/lint";
import type { EditorView } from "@codemirror/view";
import { check, explain } from "../../compiler/index.js";
import type { Chat, Diagnostic, Fix } from "../../language/index.js";
import { lineColFromIndex, type Span } from "../../language/index.js";
import { formatCount, formatCountFooter, formatFooter } from "../../output/index.js";
import { formatQuery, parse } from "../../parser/index.js";
import type { RunEvent, RunRequest, WebContext } from "../protocol.js";
import { fetchContext, fetchRun } from "./api.js";
import { type CountResult, type KeyNames, renderCounts } from "./chart.js";
import { byId, fill, h } from "./dom.js";
import { chatsCsv, chatsJson, saveFile } from "./download.js";
import { createEditor, diagnosticMessage, lightSpans, makeFix, setText } from "./editor.js";
import { type Linked, lightLinked, renderExplain } from "./explain.js";
import {
  browserTimeZone,
  queryFromFragment,
  recentQueries,
  remember,
  savedTimeZone,
  saveTimeZone,
  showInUrl,
  timeZones,
} from "./prefs.js";
import { chatDetail, chatRow, tableHead } from "./results.js";

/** The page: wires the editor, the server's answers and the panels together. */

interface Shown {
  readonly query: string;
  readonly timeZone: string;
  readonly now: number;
  /** The query's offset: the first chat shown is the one after it. */
  readonly offset: number;
  chats: Chat[];
  total: number;
  totalExact: boolean;
  requests: number;
  elapsedMs: number;
}

const state = {
  context: {
    version: "",
    demoChats: null,
    agents: [],
    departments: [],
    tags: [],
    warning: null,
  } as WebContext,
  timeZone: savedTimeZone() ?? browserTimeZone(),
  shown: undefined as Shown | undefined,
  /** The query whose results are on screen or on their way; a new time zone runs it again. */
  ran: undefined as string | undefined,
  /** The query whose results are on screen. */
  onScreen: undefined as string | undefined,
  /** Whether a later run of the query on screen failed before the server ran it: they are not current. */
  outdated: false,
  /** The query the message line says has problems (it ran, or was refused before it could). */
  refused: undefined as string | undefined,
  /** The count on screen and the width its chart was drawn for (drawn again when that changes). */
  counts: undefined as { readonly result: CountResult; width: number } | undefined,
  running: undefined as AbortController | undefined,
  linked: [] as Linked[],
  explainTimer: undefined as ReturnType<typeof setTimeout> | undefined,
  /** The clock the results on screen were found with, so that Explain resolves their dates alike. */
  clock: undefined as { readonly query: string; readonly timeZone: string; readonly now: number } | undefined,
};

const el = {
  mode: byId("mode"),
  zone: byId<HTMLSelectElement>("zone"),
  recent: byId<HTMLSelectElement>("recent"),
  diagnostics: byId("diagnostics"),
  progress: byId("progress"),
  progressBar: byId<HTMLProgressElement>("progress-bar"),
  progressText: byId("progress-text"),
  message: byId("message"),
  formatMessage: byId("format-message"),
  stale: byId("stale"),
  counts: byId("counts"),
  tableWrap: byId("table-wrap"),
  table: byId<HTMLTableElement>("chats"),
  footer: byId("footer"),
  next: byId<HTMLButtonElement>("next"),
  all: byId<HTMLButtonElement>("all"),
  csv: byId<HTMLButtonElement>("csv"),
  json: byId<HTMLButtonElement>("json"),
  results: byId("results"),
  explain: byId("explain"),
  tabResults: byId<HTMLButtonElement>("tab-results"),
  tabExplain: byId<HTMLButtonElement>("tab-explain"),
  detail: byId("detail"),
  detailTitle: byId("detail-title"),
  detailBody: byId("detail-body"),
};

/** The checker's diagnostics; with `cursor`, of a text being typed there (see CompileOptions). */
function checkText(text: string, cursor?: number): readonly Diagnostic[] {
  // The names: a query that names an agent or department instead of its id is told the id.
  const { agents, departments } = state.context;
  const names = { agents, departments };
  return check(text, { timeZone: state.timeZone, names, ...(cursor === undefined ? {} : { cursor }) })
    .diagnostics;
}

function showDiagnostics(diagnostics: readonly Diagnostic[], text: string): void {
  fill(
    el.diagnostics,
    ...diagnostics.map((d) => {
      const item = h(
        "li",
        { class: `diagnostic ${d.severity}`, tabindex: 0, "data-code": d.code },
        h("span", { class: "code" }, `${d.severity}[${d.code}]`),
        h("span", { class: "where" }, where(text, d.span)),
        diagnosticMessage(d),
        ...(d.fix === undefined ? [] : [fixButton(d.fix, text)]),
      );
      const select = () => {
        view.focus();
        view.dispatch({ selection: { anchor: d.span.start, head: d.span.end }, scrollIntoView: true });
      };
      item.addEventListener("click", select);
      item.addEventListener("keydown", (e) => {
        if (e.key !== "Enter") return;
        // The Enter that selects must not reach the editor it focuses, where it would replace the selection.
        e.preventDefault();
        select();
      });
      return item;
    }),
  );
}

/** The button under a diagnostic whose hint is one edit: makes it (the text is the one diagnosed). */
function fixButton(fix: Fix, text: string): HTMLElement {
  const replaced = text.slice(fix.span.start, fix.span.end);
  const button = h(
    "button",
    {
      class: "fix",
      type: "button",
      "aria-label": `Fix: ${replaced ? `replace “${replaced}” with` : "insert"} “${fix.text}”`,
    },
    "Fix",
  );
  button.addEventListener("click", (e) => {
    e.stopPropagation();
    makeFix(view, fix, text);
  });
  button.addEventListener("keydown", (e) => e.stopPropagation());
  return button;
}

/** The longest text a diagnostic quotes whole (one that spans a long query is cut). */
const EXCERPT_CHARS = 80;

/** What a diagnostic is about: its text, or the place of an empty span (the end of the query). */
function where(text: string, span: Span): string {
  const excerpt = text.slice(span.start, span.end);
  if (excerpt.length > EXCERPT_CHARS)
    return `“${excerpt.slice(0, EXCERPT_CHARS)}…” (${excerpt.length} characters)`;
  if (excerpt.trim() !== "") return `“${excerpt}”`;
  if (text.slice(span.start).trim() === "") return "at the end of the query";
  const { line, column } = lineColFromIndex(text, span.start);
  return `at line ${line}, column ${column}`;
}

const view: EditorView = createEditor(byId("editor"), queryFromFragment(window.location.hash) ?? "", {
  check: checkText,
  onDiagnostics: showDiagnostics,
  completionContext: () => ({
    agents: state.context.agents,
    departments: state.context.departments,
    tags: state.context.tags,
  }),
  run: () => runEdited(),
  onChange: () => {
    // What Format said was about the text before: the new text may format.
    el.formatMessage.hidden = true;
    markStale();
    forgetRefusal();
    scheduleExplain();
  },
  onPoint: (position) => lightLinked(state.linked, position),
});
view.dispatch({ selection: { anchor: view.state.doc.length } });

function text(): string {
  return view.state.doc.toString();
}

// --- the connection ---

async function loadContext(): Promise<void> {
  try {
    state.context = await fetchContext();
    const demo = state.context.demoChats;
    el.mode.textContent =
      demo === null
        ? "Your HelpCrunch account"
        : `Demo mode: ${formatCount(demo)} generated chats · set HELPCRUNCH_API_KEY to search your account`;
    el.mode.classList.toggle("demo", demo !== null);
    if (state.context.warning !== null) el.mode.textContent += ` · ${state.context.warning}`;
  } catch (error) {
    el.mode.textContent = `The server cannot be reached: ${(error as Error).message}`;
  }
}

// --- running ---

function setRunning(controller: AbortController | undefined): void {
  state.running = controller;
  el.progress.hidden = controller === undefined;
  el.progressBar.removeAttribute("value");
  el.progressText.textContent = "Searching…";
  for (const button of [el.next, el.all]) button.disabled = controller !== undefined;
}

/** The message under the query; `lines`, each on a line of its own after it. */
function showMessage(message: string, kind = "note", lines: readonly string[] = []): void {
  state.refused = undefined;
  el.message.hidden = false;
  el.message.className = `message ${kind}`;
  fill(el.message, message, ...lines.flatMap((line) => [h("br"), line]));
}

/** What the message line says before anything ran. */
const READY_MESSAGE = el.message.textContent ?? "";

/** Says that `query` has problems: `The query has a problem; see above.` */
function showProblems(query: string, errors: number): void {
  showMessage(`The query has ${errors === 1 ? "a problem" : `${errors} problems`}; see above.`, "error");
  state.refused = query;
}

/** Once the query is edited, the problems listed above are the new text's: the message no longer counts them. */
function forgetRefusal(): void {
  if (state.refused === undefined || state.refused === text()) return;
  showMessage(READY_MESSAGE);
}

/** Runs the query in the editor (Run, Ctrl-Enter), on the Results tab where its answer shows. */
function runEdited(): void {
  showTab("results");
  runQuery(text());
}

/**
 * Says whether the results on screen are those of another query than the editor's: one edited since
 * it ran. A new time zone runs the query of the results again, which stay those of that query.
 */
function markStale(): void {
  const edited = state.ran !== text();
  const stale = state.ran !== undefined && (edited || state.outdated);
  el.stale.textContent = edited ? EDITED_NOTE : OUTDATED_NOTE;
  el.stale.hidden = !stale;
  if (stale) el.results.setAttribute("aria-describedby", "stale");
  else el.results.removeAttribute("aria-describedby");
}

/** What the note over results of a query since edited says. */
const EDITED_NOTE = el.stale.textContent ?? "";
/** What it says over results of the query in the editor when its last run failed before it ran. */
const OUTDATED_NOTE = "These results are from an earlier run of this query: the last run failed.";

/** Runs a query from its first page, as the Run button does; a query with errors clears the results. */
function runQuery(query: string): void {
  const errors = checkText(query).filter((d) => d.severity === "error");
  if (errors.length > 0) {
    stopRunning();
    clearResults();
    forceLinting(view);
    showProblems(query, errors.length);
    return;
  }
  showInUrl(query);
  state.ran = query;
  markStale();
  // Nothing on screen to keep while it runs (the start message, or what the last run said): what it does.
  if (el.tableWrap.hidden && el.counts.hidden) {
    showMessage(parse(query).query?.count === undefined ? "Searching…" : "Counting…");
  }
  void start({ query, timeZone: state.timeZone, shown: 0, all: false });
}

/** The next page of the chats shown, or all the rest, in the zone and on the clock of their first page. */
function runMore(all: boolean): void {
  const shown = state.shown;
  if (shown === undefined) return;
  void start({
    query: shown.query,
    timeZone: shown.timeZone,
    now: shown.now,
    shown: shown.chats.length,
    all,
  });
}

/** Aborts the run in flight, if any, as superseded: it says nothing more. */
function stopRunning(): void {
  state.running?.abort();
  setRunning(undefined);
}

/** Sends a run, superseding the one in flight: only the newest run's answer reaches the screen. */
async function start(request: RunRequest): Promise<void> {
  stopRunning();
  state.refused = undefined;
  const controller = new AbortController();
  setRunning(controller);
  try {
    await fetchRun(request, controller.signal, (event) => onEvent(event, request));
  } catch (error) {
    // Superseded by a newer run: that one has the screen.
    if (state.running !== controller) return;
    if (controller.signal.aborted) {
      // A first page cancelled leaves no results of the query before it.
      if (request.shown === 0) clearResults();
      showMessage("Cancelled.");
    } else {
      // The server did not run the query (stopped, or restarted with a new token): the results on
      // screen stay, said to be those of an earlier run.
      if (request.shown === 0) keepOutdated();
      showMessage((error as Error).message, "error");
    }
  } finally {
    if (state.running === controller) setRunning(undefined);
  }
}

function onEvent(event: RunEvent, request: RunRequest): void {
  if (event.type === "result" || event.type === "count") {
    state.clock = { query: request.query, timeZone: request.timeZone, now: event.now };
    if (request.shown === 0) {
      // A run that found its answer: its query is on screen, current, and among the recent ones.
      state.onScreen = request.query;
      state.outdated = false;
      markStale();
      remember(request.query);
      fillRecent();
    }
  }
  switch (event.type) {
    case "diagnostics": {
      showDiagnostics(event.diagnostics, request.query);
      const errors = event.diagnostics.filter((d) => d.severity === "error").length;
      if (errors > 0) {
        if (request.shown === 0) clearResults();
        showProblems(request.query, errors);
      }
      return;
    }
    case "progress":
      el.progressText.textContent = event.text;
      if (event.expectedPages > 0) {
        el.progressBar.max = event.expectedPages;
        el.progressBar.value = event.pages;
      }
      return;
    case "result":
      showChats(event, request);
      return;
    case "count":
      showCounts(event);
      return;
    case "error":
      if (event.diagnostics.length > 0) showDiagnostics(event.diagnostics, request.query);
      failed(request, event.message);
      return;
  }
}

/** A run that failed: a first page's failure clears the results of the query before it. */
function failed(request: RunRequest, message: string): void {
  if (request.shown === 0) clearResults();
  showMessage(message, "error");
}

/** The results on screen stay, marked as not those of the run that failed. */
function keepOutdated(): void {
  if (state.onScreen === undefined) return;
  state.ran = state.onScreen;
  state.outdated = true;
  markStale();
}

/** Nothing on screen from an earlier query: no chart, table, footer, buttons or chat. */
function clearResults(): void {
  state.shown = undefined;
  state.ran = undefined;
  state.onScreen = undefined;
  state.outdated = false;
  markStale();
  state.counts = undefined;
  fill(el.counts);
  el.counts.hidden = true;
  fill(el.table);
  el.tableWrap.hidden = true;
  el.footer.textContent = "";
  el.next.hidden = el.all.hidden = el.csv.hidden = el.json.hidden = true;
  hideChat();
}

function showChats(event: RunEvent & { type: "result" }, request: RunRequest): void {
  const first = request.shown === 0;
  const previous = state.shown;
  const shown: Shown =
    first || previous === undefined
      ? {
          query: request.query,
          timeZone: request.timeZone,
          now: event.now,
          offset: event.offset,
          chats: [],
          total: 0,
          totalExact: true,
          requests: 0,
          elapsedMs: 0,
        }
      : previous;
  shown.chats.push(...event.chats);
  shown.total = event.total;
  shown.totalExact = event.totalExact;
  shown.requests += event.requests;
  shown.elapsedMs += event.elapsedMs;
  state.shown = shown;
  state.counts = undefined;
  el.counts.hidden = true;
  const time = { timeZone: request.timeZone, now: Math.floor(Date.now() / 1000) };
  if (first) {
    hideChat();
    fill(el.table, tableHead(), h("tbody", {}));
  }
  const body = el.table.tBodies[0]!;
  body.append(...event.chats.map((chat) => chatRow(chat, time)));
  el.tableWrap.hidden = shown.chats.length === 0;
  el.message.hidden = shown.chats.length > 0;
  if (shown.chats.length === 0) {
    showMessage(
      "No chats match.",
      "note",
      (event.tips ?? []).map((tip) => `tip: ${tip}`),
    );
  }
  el.footer.textContent = formatFooter({
    shown: shown.chats.length,
    offset: shown.offset,
    total: Math.max(0, shown.total),
    totalExact: shown.totalExact,
    requests: shown.requests,
    elapsedMs: shown.elapsedMs,
  });
  el.next.hidden = el.all.hidden = !event.more;
  el.csv.hidden = el.json.hidden = shown.chats.length === 0;
  if (!first) body.rows[event.shown]?.focus();
}

function showCounts(event: RunEvent & { type: "count" }): void {
  state.shown = undefined;
  hideChat();
  fill(el.counts);
  el.counts.hidden = false;
  state.counts = { result: event, width: 0 };
  el.tableWrap.hidden = true;
  el.message.hidden = true;
  const tips = (event.tips ?? []).map((tip) => `tip: ${tip}`);
  // `count by` of no chats is no table (`count` alone still shows its 0), as the CLI says.
  const noGroups = event.groups !== undefined && event.groups.length === 0;
  el.counts.hidden = noGroups;
  if (noGroups) showMessage("No chats match.", "note", tips);
  else {
    drawCounts();
    if (tips.length > 0) showMessage(tips[0]!, "note", tips.slice(1));
  }
  el.next.hidden = el.all.hidden = el.csv.hidden = el.json.hidden = true;
  el.footer.textContent = formatCountFooter(event, event.elapsedMs);
}

/** Draws the count on screen for the width it has, unless its chart already fits that width. */
function drawCounts(): void {
  const counts = state.counts;
  const width = el.counts.clientWidth;
  // Hidden (the Explain tab is open): drawn when shown.
  if (counts === undefined || width === 0 || width === counts.width) return;
  counts.width = width;
  const names: KeyNames = {
    agents: new Map(state.context.agents.map((a) => [a.id, a.name ?? `#${a.id}`])),
    departments: new Map(state.context.departments.map((d) => [d.id, d.name ?? `#${d.id}`])),
  };
  fill(el.counts, renderCounts(counts.result, names, width));
}

let resizing = 0;
window.addEventListener("resize", () => {
  cancelAnimationFrame(resizing);
  resizing = requestAnimationFrame(drawCounts);
});

// --- the detail pane ---

let openedFrom: HTMLElement | undefined;

/** An agent's name from the account's list, for ids a chat gives without a name (closedBy). */
function agentName(id: number): string | undefined {
  return state.context.agents.find((a) => a.id === id)?.name ?? undefined;
}

function openChat(row: HTMLTableRowElement): void {
  const id = Number(row.dataset.chatId);
  const chat = state.shown?.chats.find((c) => c.id === id);
  if (chat === undefined) return;
  openedFrom = row;
  el.detailTitle.textContent = `Chat ${chat.id}`;
  fill(el.detailBody, chatDetail(chat, state.timeZone, agentName));
  el.detail.hidden = false;
  setModal();
  el.table.querySelector("tr.selected")?.classList.remove("selected");
  row.classList.add("selected");
  byId("detail-close").focus();
}

function closeChat(): void {
  el.detail.hidden = true;
  setModal();
  openedFrom?.focus();
}

/** Closes the pane without moving the focus: its chat is no longer on screen. */
function hideChat(): void {
  el.detail.hidden = true;
  setModal();
  openedFrom = undefined;
}

/** The phone layout (style.css), where the chat covers the whole screen. */
const phone = window.matchMedia("(max-width: 600px)");

/**
 * On a phone the open chat is a modal dialog, the page behind it inert; on a wider screen it is a pane
 * beside the results, which stay in use.
 */
function setModal(): void {
  const modal = phone.matches && !el.detail.hidden;
  if (modal) el.detail.setAttribute("aria-modal", "true");
  else el.detail.removeAttribute("aria-modal");
  for (const behind of Array.from(document.querySelectorAll<HTMLElement>("body > :not(#detail)"))) {
    behind.inert = modal;
  }
}
phone.addEventListener("change", setModal);

el.table.addEventListener("click", (event) => {
  const row = (event.target as Element).closest<HTMLTableRowElement>("tr[data-chat-id]");
  if (row) openChat(row);
});
el.table.addEventListener("keydown", (event) => {
  const row = (event.target as Element).closest<HTMLTableRowElement>("tr[data-chat-id]");
  if (!row) return;
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    openChat(row);
  } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    const next = event.key === "ArrowDown" ? row.nextElementSibling : row.previousElementSibling;
    (next as HTMLElement | null)?.focus();
  }
});
byId("detail-close").addEventListener("click", closeChat);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !el.detail.hidden) closeChat();
});

// --- explain ---

function showTab(tab: "results" | "explain"): void {
  const explainOn = tab === "explain";
  el.tabResults.setAttribute("aria-selected", String(!explainOn));
  el.tabExplain.setAttribute("aria-selected", String(explainOn));
  el.results.hidden = explainOn;
  el.explain.hidden = !explainOn;
  if (explainOn) updateExplain();
  else drawCounts();
}

function light(spans: readonly Span[]): void {
  view.dispatch({ effects: lightSpans.of(spans) });
}

function updateExplain(): void {
  // Drawn now for the text as it is: one still scheduled would draw it again under the pointer.
  clearTimeout(state.explainTimer);
  if (el.explain.hidden) return;
  const query = text();
  if (query.trim() === "") {
    fill(el.explain, h("p", { class: "why" }, "Type a query to see the requests it becomes."));
    state.linked = [];
    return;
  }
  state.linked = renderExplain(el.explain, explain(query, explainOptions(query)), { light });
}

/** Explain's zone and clock: those of the results on screen when they are the query's, else now. */
function explainOptions(query: string): { timeZone: string; now?: number } {
  const clock = state.clock;
  const same = clock !== undefined && clock.query === query && clock.timeZone === state.timeZone;
  return same ? { timeZone: state.timeZone, now: clock.now } : { timeZone: state.timeZone };
}

function scheduleExplain(): void {
  clearTimeout(state.explainTimer);
  state.explainTimer = setTimeout(updateExplain, 250);
}

// --- toolbar ---

function fillRecent(): void {
  fill(
    el.recent,
    h("option", { value: "" }, "—"),
    ...recentQueries().map((q) =>
      h("option", { value: q, title: q }, q.length > 80 ? `${q.slice(0, 79)}…` : q),
    ),
  );
}

function fillZones(): void {
  const zones = timeZones();
  if (!zones.includes(state.timeZone)) zones.unshift(state.timeZone);
  fill(el.zone, ...zones.map((z) => h("option", { value: z, selected: z === state.timeZone }, z)));
}

byId("run").addEventListener("click", runEdited);
/** Says by the editor why Format left the text as it was, until the text changes. */
function showFormatMessage(message: string): void {
  el.formatMessage.textContent = message;
  el.formatMessage.hidden = false;
}

byId("format").addEventListener("click", () => {
  const formatted = formatQuery(text(), { keepComments: true });
  if (formatted.text === undefined) {
    const [first] = formatted.diagnostics;
    if (first?.code === "too-long") {
      showFormatMessage(`The query cannot be formatted: ${first.message}.`);
      return;
    }
    forceLinting(view);
    showFormatMessage("The query cannot be formatted until its syntax errors are fixed.");
    return;
  }
  setText(view, formatted.text);
  view.focus();
});
byId("cancel").addEventListener("click", () => state.running?.abort());
el.next.addEventListener("click", () => runMore(false));
el.all.addEventListener("click", () => runMore(true));
el.csv.addEventListener("click", () => {
  if (state.shown) saveFile("chats.csv", "text/csv", chatsCsv(state.shown.chats));
});
el.json.addEventListener("click", () => {
  if (state.shown) saveFile("chats.json", "application/json", chatsJson(state.shown.chats));
});
/** Puts the recent query chosen into the editor (without running it). */
function loadRecent(): void {
  if (el.recent.value === "") return;
  setText(view, el.recent.value);
  el.recent.value = "";
  view.focus();
}
// The arrow keys (and letters) change a closed list's choice at once, with a change event: they only
// browse it. Enter loads the query browsed to; a pick from the open list (the mouse's) loads it at once.
// A browsing key is marked from its keydown to its keyup (its change comes between), not for a
// while after: a pick right after another key (Tab) must not be taken for browsing.
const BROWSING_KEYS = new Set([
  "ArrowUp",
  "ArrowDown",
  "ArrowLeft",
  "ArrowRight",
  "Home",
  "End",
  "PageUp",
  "PageDown",
]);
let browsing = false;
el.recent.addEventListener("keydown", (event) => {
  if (event.key === "Enter") {
    event.preventDefault();
    loadRecent();
    return;
  }
  browsing = BROWSING_KEYS.has(event.key) || event.key.length === 1;
});
el.recent.addEventListener("keyup", () => {
  browsing = false;
});
el.recent.addEventListener("change", () => {
  if (!browsing) loadRecent();
});
// Browsed and left: back to its start, so that choosing that query later is a change too.
el.recent.addEventListener("blur", () => {
  browsing = false;
  el.recent.value = "";
});
el.zone.addEventListener("change", () => {
  state.timeZone = el.zone.value;
  saveTimeZone(state.timeZone);
  forceLinting(view);
  updateExplain();
  // The query's dates now mean other days: its results are those of a new search.
  if (state.ran !== undefined) runQuery(state.ran);
});
el.tabResults.addEventListener("click", () => showTab("results"));
el.tabExplain.addEventListener("click", () => showTab("explain"));
for (const tab of [el.tabResults, el.tabExplain]) {
  tab.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const other = tab === el.tabResults ? el.tabExplain : el.tabResults;
    other.focus();
    other.click();
  });
}
window.addEventListener("hashchange", () => {
  const query = queryFromFragment(window.location.hash);
  if (query !== undefined && query !== text()) setText(view, query);
});
// Back and Forward through the queries run: each is put in the editor and run again.
window.addEventListener("popstate", () => {
  const query = queryFromFragment(window.location.hash) ?? "";
  if (query !== text()) setText(view, query);
  if (query.trim() === "") {
    stopRunning();
    clearResults();
    // The page's starting entry: as a fresh load shows it.
    showMessage(READY_MESSAGE);
    return;
  }
  showTab("results");
  runQuery(query);
});

fillZones();
fillRecent();
view.focus();
void loadContext();
