import pc from "picocolors";
import type { Chat, Person } from "../language/index.js";
import { displayName, FIELDS, type FieldSpec, writtenOperators } from "../language/index.js";
import { absoluteTime, closer, width } from "../output/index.js";
import { sanitize, sanitizeLine } from "../text/index.js";

/** Text views of the shell: one chat in detail (`.open`) and the field table (`.fields`). */

/** Text from the chat, made safe to show (names, emails and messages come from outsiders). */
const safe = sanitizeLine;

/** A message's lines, made safe (blank lines at its ends dropped; inside kept, as is each line's indent). */
function messageLines(text: string): string[] {
  return sanitize(text)
    .trim()
    .split("\n")
    .map((line) => line.replace(/\t/g, " ").trimEnd());
}

function time(seconds: number | null, timeZone: string): string {
  return seconds === null ? "—" : `${absoluteTime(seconds, timeZone)} (${seconds})`;
}

function person(p: Person | null | undefined): string {
  if (!p) return "—";
  const parts = [p.name ? safe(p.name) : "(no name)", p.email ? `<${safe(p.email)}>` : "", `#${p.id}`];
  return parts.filter((x) => x !== "").join(" ");
}

/** The agent who closed the chat as the other people are written, else its id alone. */
function closedBy(chat: Chat): string {
  if (chat.closedBy === null) return "—";
  const agent = closer(chat);
  return agent === undefined ? `#${chat.closedBy}` : person(agent);
}

/**
 * One chat as aligned `label  value` lines. Given a terminal's `width`, a value's lines are broken at
 * spaces to fit it (with a column to spare), their later lines under the first.
 */
export function formatChatDetail(
  chat: Chat,
  options: { color: boolean; timeZone: string; width?: number | undefined },
): string {
  const c = pc.createColors(options.color);
  const rows: [string, string][] = [
    ["id", String(chat.id)],
    ["status", safe(chat.status)],
    ["rating", chat.rating ? safe(chat.rating) : "—"],
    ["customer", person(chat.customer)],
    ["customer user id", chat.customer?.userId ? safe(chat.customer.userId) : "—"],
    ["assignee", person(chat.assignee)],
    ["department", chat.department ? `${safe(chat.department.name)} #${chat.department.id}` : "—"],
    ["agents", chat.agents.length === 0 ? "—" : chat.agents.map(person).join(", ")],
    ["created", time(chat.createdAt, options.timeZone)],
    ["last message", time(chat.lastMessageAt, options.timeZone)],
    ["last from customer", time(chat.lastCustomerMessageAt, options.timeZone)],
    ["closed", time(chat.closedAt, options.timeZone)],
    ["closed by", closedBy(chat)],
    ["snoozed until", time(chat.snoozedUntil, options.timeZone)],
    ["last message text", chat.lastMessageText ? messageLines(chat.lastMessageText).join("\n") : "—"],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const indent = " ".repeat(labelWidth + 2);
  const room = options.width === undefined ? undefined : options.width - 1 - indent.length;
  const fitted = (value: string) =>
    room === undefined
      ? value
      : value
          .split("\n")
          .flatMap((line) => wrapAtSpaces(line, room))
          .join("\n");
  return rows
    .map(
      ([label, value]) =>
        `${c.dim(label.padEnd(labelWidth))}  ${fitted(value).replace(/\n(?=.)/g, `\n${indent}`)}`,
    )
    .join("\n");
}

/**
 * A line broken at spaces into lines of at most `room` columns (wide characters count two), the
 * spaces at a break dropped; a word longer than that stays whole.
 */
function wrapAtSpaces(line: string, room: number): string[] {
  if (width(line) <= room) return [line];
  const lines: string[] = [];
  let current = "";
  for (const piece of line.match(/\s*\S+/g) ?? []) {
    if (current.trim() !== "" && width(current + piece) > room) {
      lines.push(current);
      current = piece.trimStart();
    } else current += piece;
  }
  lines.push(current);
  return lines;
}

/** A cell of `.fields` as the pieces it may wrap between (an operator, a name up to a dot). */
type Pieces = readonly string[];

function operatorPieces(f: FieldSpec): Pieces {
  if (f.operators.length === 0) return ["(sort only)"];
  return spaced(writtenOperators(f.operators));
}

/** Other names, each broken after its dots (`chats.` `customer.` `tagsData`), separated by commas. */
function otherNamePieces(f: FieldSpec): Pieces {
  const names = [...f.shortNames.slice(1), f.name];
  return names.flatMap((name, i) => {
    const parts = name.split(/(?<=\.)/);
    if (i < names.length - 1) parts[parts.length - 1] += ", ";
    return parts;
  });
}

function spaced(words: readonly string[]): Pieces {
  return words.map((w, i) => (i < words.length - 1 ? `${w} ` : w));
}

const FIELD_HEADER = ["FIELD", "TYPE", "OPERATORS", "SORT", "ALSO"] as const;
/** The columns of `.fields` that wrap when the terminal is narrow (OPERATORS and ALSO). */
const WRAPPING = [2, 4] as const;
/** What starts the other names of a field when they go under its row. */
const ALSO_LABEL = "also: ";

interface FieldLayout {
  readonly widths: readonly number[];
  /** Too narrow for ALSO to hold its longest name: the other names go under each field's row. */
  readonly alsoBelow: boolean;
}

/**
 * The field table: name, type, operators, sortable, other names. Given a width, OPERATORS and ALSO wrap
 * onto more lines to keep every column within it; narrower still, the other names go under each row.
 */
export function formatFields(color: boolean, width?: number): string {
  const c = pc.createColors(color);
  const rows: Pieces[][] = FIELDS.map((f) => [
    [displayName(f)],
    [f.type],
    operatorPieces(f),
    f.sortable ? ["yes"] : [],
    otherNamePieces(f),
  ]);
  const { widths, alsoBelow } = fieldLayout(rows, width);
  const shown = alsoBelow ? FIELD_HEADER.length - 1 : FIELD_HEADER.length;
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  const lines = [c.bold(line(FIELD_HEADER.slice(0, shown)))];
  for (const row of rows) {
    const wrapped = row.slice(0, shown).map((pieces, i) => wrap(pieces, widths[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let k = 0; k < height; k++) {
      const text = line(wrapped.map((w) => w[k] ?? ""));
      lines.push(k === 0 ? text.replace(wrapped[0]![0]!, c.cyan(wrapped[0]![0]!)) : text);
    }
    if (alsoBelow) lines.push(...alsoLines(row[4]!, widths[0]! + 2, width!, c));
  }
  return lines.join("\n");
}

/** A field's other names under its row, from the TYPE column on: `also: a, b`, wrapped to `width`. */
function alsoLines(pieces: Pieces, indent: number, width: number, c: ReturnType<typeof pc.createColors>) {
  const names = wrap(pieces, Math.max(1, width - indent - ALSO_LABEL.length));
  return names.map(
    (text, k) => `${" ".repeat(indent)}${k === 0 ? c.dim(ALSO_LABEL) : " ".repeat(ALSO_LABEL.length)}${text}`,
  );
}

/**
 * Natural widths; when they exceed `width`, the wrapping columns share what the others leave, each at
 * least its longest piece. When that leaves ALSO less than its longest piece, ALSO goes under the
 * rows and OPERATORS takes the room (else pieces are cut across lines).
 */
function fieldLayout(rows: readonly Pieces[][], width: number | undefined): FieldLayout {
  const natural = FIELD_HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.join("").length)));
  if (width === undefined || lineWidth(natural) <= width) return { widths: natural, alsoBelow: false };
  const widths = [...natural];
  const least = WRAPPING.map((i) =>
    Math.max(FIELD_HEADER[i]!.length, ...rows.flatMap((r) => r[i]!.map((p) => p.trimEnd().length))),
  );
  for (const i of WRAPPING) widths[i] = 0;
  const room = Math.max(0, width - lineWidth(widths));
  const [operators, also] = WRAPPING;
  if (least[0]! + least[1]! >= room) {
    const four = widths.slice(0, also);
    const left = Math.max(0, width - lineWidth(four));
    // Never narrower than its longest operator: a line the terminal wraps reads better than a cut one.
    four[operators] = Math.max(least[0]!, Math.min(natural[operators]!, left));
    return { widths: four, alsoBelow: true };
  }
  const spare = room - least[0]! - least[1]!;
  const wants = WRAPPING.map((i, k) => natural[i]! - least[k]!);
  const extra = Math.min(wants[0]!, Math.floor((spare * wants[0]!) / (wants[0]! + wants[1]!)));
  widths[operators] = least[0]! + extra;
  widths[also] = Math.min(natural[also]!, room - widths[operators]!);
  return { widths, alsoBelow: false };
}

function lineWidth(widths: readonly number[]): number {
  return widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
}

/** Pieces filled into lines of at most `width`; spaces at a line's end go, a longer piece is cut. */
function wrap(pieces: Pieces, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const piece of pieces) {
    if (current !== "" && (current + piece).trimEnd().length > width) {
      lines.push(current.trimEnd());
      current = "";
    }
    current += piece;
    while (current.trimEnd().length > width) {
      lines.push(current.slice(0, width));
      current = current.slice(width);
    }
  }
  if (current.trimEnd() !== "") lines.push(current.trimEnd());
  return lines;
}
