import type { Chat, Person } from "../../language/index.js";
import { absoluteTime, closer, relativeTime } from "../../output/index.js";
import { sanitizeLine } from "../../text/index.js";
import { h } from "./dom.js";

/**
 * The chats as a table (id, status, customer, assignee, last message, sent, rating: the shell's
 * columns but its created one), one row per chat carrying `data-chat-id`, and one chat in detail.
 */

export interface TimeSettings {
  readonly timeZone: string;
  /** UNIX seconds relative times are measured from. */
  readonly now: number;
}

const MISSING = "—";

interface Column {
  readonly header: string;
  readonly cell: (chat: Chat, time: TimeSettings) => HTMLTableCellElement;
}

const COLUMNS: readonly Column[] = [
  { header: "ID", cell: (c) => h("td", { class: "num" }, String(c.id)) },
  { header: "Status", cell: (c) => h("td", {}, badge(c.status, `status-${c.status.replace(/\W+/g, "_")}`)) },
  { header: "Customer", cell: (c) => cut(h("td", { class: "text" }, customer(c.customer))) },
  {
    header: "Assignee",
    cell: (c) =>
      cut(h("td", { class: "text person" }, c.assignee ? h("bdi", {}, personName(c.assignee)) : missing())),
  },
  {
    header: "Last message",
    cell: (c) =>
      h("td", { class: "text message" }, c.lastMessageText ? sanitizeLine(c.lastMessageText) : missing()),
  },
  { header: "Sent", cell: (c, t) => h("td", { class: "time" }, sent(c.lastMessageAt, t)) },
  {
    header: "Rating",
    cell: (c) => h("td", {}, c.rating ? badge(c.rating, `rating-${c.rating}`) : missing()),
  },
];

/** A cell whose text style.css may cut with an ellipsis: the whole of it in its title. */
function cut(cell: HTMLTableCellElement): HTMLTableCellElement {
  if (cell.querySelector(".missing") === null) cell.title = cell.textContent ?? "";
  return cell;
}

function missing(): HTMLElement {
  return h("span", { class: "missing" }, MISSING);
}

function badge(text: string, cls: string): HTMLElement {
  return h("span", { class: `badge ${cls}` }, sanitizeLine(text));
}

function customer(c: Chat["customer"] | null | undefined): Node {
  if (!c) return missing();
  const name = c.name ? sanitizeLine(c.name) : "";
  const email = c.email ? sanitizeLine(c.email) : "";
  if (!name && !email) return document.createTextNode(`#${c.id}`);
  return h(
    "span",
    {},
    name ? h("bdi", {}, name) : "",
    name && email ? " " : "",
    email ? h("span", { class: "email" }, email) : "",
  );
}

function personName(p: Person): string {
  return p.name ? sanitizeLine(p.name) : p.email ? sanitizeLine(p.email) : `#${p.id}`;
}

function sent(seconds: number | null, time: TimeSettings): Node {
  if (seconds === null || seconds === undefined) return missing();
  return h(
    "time",
    { datetime: new Date(seconds * 1000).toISOString(), title: absoluteTime(seconds, time.timeZone) },
    relativeTime(seconds, time.now),
    h("span", { class: "absolute" }, ` · ${absoluteTime(seconds, time.timeZone)}`),
  );
}

export function tableHead(): HTMLTableSectionElement {
  return h("thead", {}, h("tr", {}, ...COLUMNS.map((c) => h("th", { scope: "col" }, c.header))));
}

/** One row; focusable, so the keyboard can open it (Enter) as the mouse does (click). */
export function chatRow(chat: Chat, time: TimeSettings): HTMLTableRowElement {
  return h(
    "tr",
    { "data-chat-id": chat.id, tabindex: 0, "aria-label": `chat ${chat.id}` },
    ...COLUMNS.map((c) => {
      const cell = c.cell(chat, time);
      // The column's name beside each cell when a narrow screen shows a row as a card.
      cell.dataset.label = c.header;
      return cell;
    }),
  );
}

function detailTime(seconds: number | null, timeZone: string): string {
  return seconds === null ? MISSING : `${absoluteTime(seconds, timeZone)} (${seconds})`;
}

/** A name a person wrote, in any script: isolated, so that a right-to-left one keeps the text after it in place. */
function named(name: string): HTMLElement {
  return h("bdi", {}, name);
}

type Line = readonly (Node | string)[];

function detailPerson(p: Person | null | undefined): Line {
  if (!p) return [MISSING];
  return [
    p.name === null || p.name === undefined ? "(no name)" : named(p.name),
    p.email ? ` <${p.email}>` : "",
    ` #${p.id}`,
  ];
}

/**
 * The agent who closed the chat as the Assignee line writes a person: from the chat's own people,
 * else named by `agentName` (the account's agents), else its id alone.
 */
function closedBy(chat: Chat, agentName: (id: number) => string | undefined): Line {
  const id = chat.closedBy;
  if (id === null) return [MISSING];
  const person = closer(chat);
  if (person) return detailPerson(person);
  const name = agentName(id);
  return name === undefined ? [`#${id}`] : [named(name), ` #${id}`];
}

/** The shell's `.open` as a definition list; the message keeps its line breaks (as text). */
export function chatDetail(
  chat: Chat,
  timeZone: string,
  agentName: (id: number) => string | undefined,
): HTMLElement {
  const rows: [string, string | Line][] = [
    ["ID", String(chat.id)],
    ["Status", chat.status],
    ["Rating", chat.rating ?? MISSING],
    ["Customer", detailPerson(chat.customer)],
    ["Customer user id", chat.customer?.userId ?? MISSING],
    ["Assignee", detailPerson(chat.assignee)],
    ["Department", chat.department ? [named(chat.department.name), ` #${chat.department.id}`] : MISSING],
    [
      "Agents",
      chat.agents.length === 0
        ? MISSING
        : chat.agents.flatMap((a, i) => [...(i === 0 ? [] : [", "]), ...detailPerson(a)]),
    ],
    ["Created", detailTime(chat.createdAt, timeZone)],
    ["Last message", detailTime(chat.lastMessageAt, timeZone)],
    ["Last from customer", detailTime(chat.lastCustomerMessageAt, timeZone)],
    ["Closed", detailTime(chat.closedAt, timeZone)],
    ["Closed by", closedBy(chat, agentName)],
    ["Snoozed until", detailTime(chat.snoozedUntil, timeZone)],
  ];
  return h(
    "div",
    {},
    h(
      "dl",
      {},
      ...rows.flatMap(([label, value]) => [
        h("dt", {}, label),
        h("dd", {}, ...(typeof value === "string" ? [value] : value)),
      ]),
    ),
    h("h3", {}, "Last message text"),
    h("p", { class: "message-text" }, chat.lastMessageText ?? MISSING),
  );
}
