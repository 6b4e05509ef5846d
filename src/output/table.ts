import pc from "picocolors";
import type { Chat } from "../language/index.js";
import { type Rating, ratingByName, statusOfChat } from "../language/index.js";
import { sanitizeLine } from "../text/index.js";
import { pad, width as textWidth, truncate } from "./text.js";
import { absoluteTime, relativeTime } from "./time.js";

export interface TableOptions {
  /** Terminal columns to fit into; undefined: no fitting (every cell whole). */
  readonly width?: number;
  /** Whether to colour (decided once at the edge from NO_COLOR, FORCE_COLOR and isTTY). */
  readonly color: boolean;
  /** The instant relative times are measured from, in UNIX seconds. */
  readonly now: number;
  /** IANA time zone for absolute times. */
  readonly timeZone: string;
  /** The columns to show, in this order (`.columns`, `--columns`); default DEFAULT_TABLE_COLUMNS. */
  readonly columns?: readonly TableColumn[];
  /** One field per line, as psql's `\x` (the shell's `.x`), instead of the table. */
  readonly expanded?: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;
type ColorName = "cyan" | "green" | "yellow" | "magenta" | "red" | "dim";
/** Every column the table can show, in their order (names for `.columns` and `--columns`). */
export const TABLE_COLUMNS = [
  "id",
  "status",
  "created",
  "closed",
  "customer",
  "assignee",
  "department",
  "message",
  "sent",
  "rating",
] as const;

export type TableColumn = (typeof TABLE_COLUMNS)[number];

/** The columns shown unless others are chosen: `closed` and `department` are asked for. */
export const DEFAULT_TABLE_COLUMNS: readonly TableColumn[] = [
  "id",
  "status",
  "created",
  "customer",
  "assignee",
  "message",
  "sent",
  "rating",
];
type ColumnName = TableColumn;

interface Cell {
  readonly text: string;
  /** A shorter form used when the table does not fit even with the text columns at their minimum. */
  readonly short?: string;
  readonly paint?: (text: string) => string;
}

interface Column {
  readonly name: ColumnName;
  readonly header: string;
  readonly right?: boolean;
}

const COLUMNS: Readonly<Record<ColumnName, Column>> = {
  id: { name: "id", header: "ID", right: true },
  status: { name: "status", header: "STATUS" },
  created: { name: "created", header: "CREATED" },
  closed: { name: "closed", header: "CLOSED" },
  customer: { name: "customer", header: "CUSTOMER" },
  assignee: { name: "assignee", header: "ASSIGNEE" },
  department: { name: "department", header: "DEPARTMENT" },
  message: { name: "message", header: "LAST MESSAGE" },
  sent: { name: "sent", header: "SENT" },
  rating: { name: "rating", header: "RATING" },
};

const GAP = "  ";
const MISSING = "—";

type ShrinkSteps = readonly (readonly [ColumnName, number])[];

/** Text columns give up space first, down to readable widths; then times lose their absolute part. */
const SHRINK_FIRST: ShrinkSteps = [
  ["message", 40],
  ["customer", 28],
  ["message", 24],
  ["customer", 20],
  ["assignee", 12],
  ["department", 12],
];

/** With short times, text columns go down to their minimum; then whole columns are dropped. */
const SHRINK_LAST: ShrinkSteps = [
  ...SHRINK_FIRST,
  ["message", 12],
  ["customer", 10],
  ["assignee", 8],
  ["department", 8],
];

export const EMPTY_RESULT = "No chats match.";

/** Columns left out, in this order, when a terminal is too narrow for all of them even at their minimum. */
const DROP_ORDER: readonly ColumnName[] = ["assignee", "rating", "created", "customer", "sent"];

/** The same when no chat of the page has a rating: the empty column goes first. */
const DROP_ORDER_UNRATED: readonly ColumnName[] = ["rating", "assignee", "created", "customer", "sent"];

interface Layout {
  readonly columns: readonly Column[];
  readonly widths: readonly number[];
  readonly useShort: boolean;
}

/** The chats as an aligned table of text, fitted to `options.width`; the empty-result message for none. */
export function formatTable(chats: readonly Chat[], options: TableOptions): string {
  const colors = pc.createColors(options.color);
  if (chats.length === 0) return colors.dim(EMPTY_RESULT);
  const rows = chats.map((chat) => cells(chat, options, colors));
  const layout = layoutOf(rows, chats, options);
  return [tableHeader(layout, colors), ...tableLines(rows, layout)].join("\n");
}

/**
 * A table written a page at a time (`hcql run --all`): the first page's chats fix the columns and
 * their widths (fitted to `options.width` as `formatTable` fits them); cells of later pages are cut
 * to those widths with "…" (ids are never cut). `page` returns the lines of a page (the header before
 * the first), each ending in a line break; `end` the empty-result message when no chat came.
 */
export function tableStream(options: TableOptions): {
  page(chats: readonly Chat[]): string;
  end(): string;
} {
  const colors = pc.createColors(options.color);
  let layout: Layout | undefined;
  return {
    page(chats) {
      if (chats.length === 0) return "";
      const rows = chats.map((chat) => cells(chat, options, colors));
      const first = layout === undefined;
      layout ??= layoutOf(rows, chats, options);
      const lines = tableLines(rows, layout);
      return `${[...(first ? [tableHeader(layout, colors)] : []), ...lines].join("\n")}\n`;
    },
    end() {
      return layout === undefined ? `${colors.dim(EMPTY_RESULT)}\n` : "";
    },
  };
}

function layoutOf(
  rows: readonly Record<ColumnName, Cell>[],
  chats: readonly Chat[],
  options: TableOptions,
): Layout {
  const chosen = (options.columns ?? DEFAULT_TABLE_COLUMNS).map((name) => COLUMNS[name]);
  const unrated = chats.every((chat) => !chat.rating);
  return layoutTable(rows, chosen, unrated, options.width);
}

function tableHeader({ columns, widths }: Layout, colors: Colors): string {
  const last = columns.length - 1;
  return columns.map((c, i) => colors.bold(place(c.header, widths[i]!, c.right, i === last))).join(GAP);
}

function tableLines(
  rows: readonly Record<ColumnName, Cell>[],
  { columns, widths, useShort }: Layout,
): string[] {
  const last = columns.length - 1;
  return rows.map((row) =>
    columns
      .map((c, i) => {
        const cell = row[c.name];
        const text = useShort && cell.short !== undefined ? cell.short : cell.text;
        // An id cut short is no id: it is kept whole (only a later page can hold a wider one).
        const placed =
          c.name === "id" ? pad(text, widths[i]!, c.right) : place(text, widths[i]!, c.right, i === last);
        return cell.paint ? cell.paint(placed) : placed;
      })
      .join(GAP),
  );
}

/**
 * The chats one field per line, as psql's expanded display (`\x`): a `-[ RECORD n ]-` line before
 * each, then `name | value` with the names aligned. Values are whole (never cut to the width).
 */
export function formatExpanded(chats: readonly Chat[], options: TableOptions): string {
  const colors = pc.createColors(options.color);
  if (chats.length === 0) return colors.dim(EMPTY_RESULT);
  const names = options.columns ?? DEFAULT_TABLE_COLUMNS;
  const rows = chats.map((chat) => cells(chat, options, colors));
  const nameWidth = Math.max(...names.map((n) => textWidth(n)));
  const valueWidth = Math.max(...rows.flatMap((row) => names.map((n) => textWidth(row[n].text))));
  const lines: string[] = [];
  rows.forEach((row, i) => {
    lines.push(colors.dim(recordRule(i + 1, nameWidth, valueWidth)));
    for (const name of names) {
      const cell = row[name];
      lines.push(`${pad(name, nameWidth)} | ${cell.paint ? cell.paint(cell.text) : cell.text}`);
    }
  });
  return lines.join("\n");
}

/** `-[ RECORD 1 ]------`: a record's title line, as wide as its widest `name | value` line. */
function recordRule(n: number, nameWidth: number, valueWidth: number): string {
  const title = `-[ RECORD ${n} ]`;
  return `${title}${"-".repeat(Math.max(0, nameWidth + 3 + valueWidth - title.length))}`;
}

/** Cuts and pads a cell; the last column is not padded, so no line ends in spaces. */
function place(text: string, columns: number, right: boolean | undefined, last: boolean): string {
  const cut = truncate(text, columns);
  return last && !right ? cut : pad(cut, columns, right);
}

function layoutTable(
  rows: readonly Record<ColumnName, Cell>[],
  chosen: readonly Column[],
  unrated: boolean,
  available: number | undefined,
): Layout {
  let columns = chosen;
  let layout = fitColumns(rows, columns, available);
  for (const name of unrated ? DROP_ORDER_UNRATED : DROP_ORDER) {
    if (available === undefined || totalWidth(layout.widths) <= available) break;
    columns = columns.filter((c) => c.name !== name);
    layout = fitColumns(rows, columns, available);
  }
  return layout;
}

function totalWidth(widths: readonly number[]): number {
  return widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
}

function fitColumns(
  rows: readonly Record<ColumnName, Cell>[],
  columns: readonly Column[],
  available: number | undefined,
): Layout {
  const natural = (c: Column, useShort: boolean) =>
    Math.max(
      textWidth(c.header),
      ...rows.map((r) => textWidth(useShort ? (r[c.name].short ?? r[c.name].text) : r[c.name].text)),
    );
  const widths = columns.map((c) => natural(c, false));
  if (available === undefined) return { columns, widths, useShort: false };
  shrink(SHRINK_FIRST, columns, widths, totalWidth(widths) - available);
  if (totalWidth(widths) <= available) return { columns, widths, useShort: false };
  // Still too wide: start again with short times, shrinking text columns further.
  const short = columns.map((c) => natural(c, true));
  shrink(SHRINK_LAST, columns, short, totalWidth(short) - available);
  return { columns, widths: short, useShort: true };
}

function shrink(steps: ShrinkSteps, columns: readonly Column[], widths: number[], excess: number): void {
  for (const [name, floor] of steps) {
    if (excess <= 0) return;
    const i = columns.findIndex((c) => c.name === name);
    if (i < 0) continue;
    const cut = Math.min(excess, Math.max(0, widths[i]! - floor));
    widths[i]! -= cut;
    excess -= cut;
  }
}

function cells(chat: Chat, options: TableOptions, colors: Colors): Record<ColumnName, Cell> {
  const missing: Cell = { text: MISSING, paint: colors.dim };
  const sentAt = chat.lastMessageAt;
  const time = (at: number | null | undefined): Cell =>
    at === null || at === undefined
      ? missing
      : { text: absoluteTime(at, options.timeZone), short: relativeTime(at, options.now), paint: colors.dim };
  return {
    id: { text: String(chat.id) },
    status: { text: sanitizeLine(String(chat.status ?? MISSING)), paint: statusPaint(chat.status, colors) },
    created: time(chat.createdAt),
    closed: time(chat.closedAt),
    customer: customerCell(chat.customer) ?? missing,
    assignee: chat.assignee ? personCell(chat.assignee) : missing,
    department: chat.department
      ? { text: sanitizeLine(chat.department.name ?? `#${chat.department.id}`) }
      : missing,
    message: chat.lastMessageText ? { text: sanitizeLine(chat.lastMessageText) } : missing,
    sent:
      sentAt === null || sentAt === undefined
        ? missing
        : {
            text: `${relativeTime(sentAt, options.now)} · ${absoluteTime(sentAt, options.timeZone)}`,
            short: relativeTime(sentAt, options.now),
            paint: colors.dim,
          },
    rating: chat.rating
      ? { text: sanitizeLine(chat.rating), paint: ratingPaint(chat.rating, colors) }
      : missing,
  };
}

function customerCell(customer: Chat["customer"] | null | undefined): Cell | undefined {
  if (!customer) return undefined;
  const name = customer.name ? sanitizeLine(customer.name) : "";
  const email = customer.email ? sanitizeLine(customer.email) : "";
  if (name && email) return { text: `${name} <${email}>` };
  if (name || email) return { text: name || email };
  return { text: `#${customer.id}` };
}

function personCell(person: NonNullable<Chat["assignee"]>): Cell {
  return {
    text: person.name
      ? sanitizeLine(person.name)
      : person.email
        ? sanitizeLine(person.email)
        : `#${person.id}`,
  };
}

/** Colours by status code (the names live in src/language/values.ts). */
const STATUS_COLORS: Readonly<Record<number, ColorName>> = {
  1: "cyan",
  2: "green",
  3: "yellow",
  4: "magenta",
  5: "dim",
  6: "dim",
  7: "dim",
};

const RATING_COLORS: Readonly<Record<Rating, ColorName>> = { great: "green", average: "yellow", poor: "red" };

function statusPaint(status: string, colors: Colors): ((text: string) => string) | undefined {
  const spec = statusOfChat(status);
  const color = spec === undefined ? undefined : STATUS_COLORS[spec.code];
  return color === undefined ? undefined : colors[color];
}

function ratingPaint(rating: string, colors: Colors): ((text: string) => string) | undefined {
  const known = ratingByName(rating);
  return known === undefined ? undefined : colors[RATING_COLORS[known]];
}
