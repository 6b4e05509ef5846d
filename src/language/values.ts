/* The enumerations of chat values. A correction to a name or code is one line here. */

/** A chat status: its code, the names a query may use for it, and the name the API gives. */
export interface StatusSpec {
  readonly code: number;
  /** Names accepted in queries, case-insensitive; the first is what the formatter prints. */
  readonly names: readonly string[];
  /** The name the API shows in a chat object's `status`. */
  readonly apiName: string;
}

/** The chat statuses, by code. */
export const STATUSES: readonly StatusSpec[] = [
  { code: 1, names: ["new"], apiName: "new" },
  { code: 2, names: ["opened", "open"], apiName: "opened" },
  { code: 3, names: ["pending"], apiName: "pending" },
  { code: 4, names: ["on_hold", "onhold", "hold", "on hold", "on-hold"], apiName: "on hold" },
  { code: 5, names: ["no_communication", "no communication"], apiName: "no communication" },
  { code: 6, names: ["closed", "resolved"], apiName: "closed" },
  { code: 7, names: ["empty"], apiName: "empty" },
];

const STATUS_BY_NAME: ReadonlyMap<string, StatusSpec> = new Map(
  STATUSES.flatMap((s) => s.names.map((n) => [n, s] as const)),
);

export function statusByName(name: string): StatusSpec | undefined {
  return STATUS_BY_NAME.get(name.toLowerCase());
}

/**
 * The status a chat object's `status` names: its API name (`on hold`), or any of the status's names,
 * as the API's docs also spell them (`onhold`).
 */
export function statusOfChat(status: string): StatusSpec | undefined {
  return STATUSES.find((s) => s.apiName === status) ?? statusByName(status);
}

/**
 * Words people use for a status that are not its names (`solved`): not accepted (§3 lists the names),
 * only for the hint of the name they likely mean.
 */
const STATUS_MEANT_BY: ReadonlyMap<string, string> = new Map([
  ["solved", "closed"],
  ["done", "closed"],
  ["finished", "closed"],
  ["completed", "closed"],
  ["active", "opened"],
]);

/** The status name a word people use likely means (`solved` → `closed`), if it is one of those words. */
export function statusMeantBy(word: string): string | undefined {
  return STATUS_MEANT_BY.get(word.toLowerCase());
}

const STATUS_BY_CODE: ReadonlyMap<number, StatusSpec> = new Map(STATUSES.map((s) => [s.code, s]));

export function statusByCode(code: number): StatusSpec | undefined {
  return STATUS_BY_CODE.get(code);
}

export const RATINGS = ["great", "average", "poor"] as const;
/** A chat's rating by name: `great`, `average` or `poor`. */
export type Rating = (typeof RATINGS)[number];

export function ratingByName(name: string): Rating | undefined {
  const lower = name.toLowerCase();
  return RATINGS.find((r) => r === lower);
}

/**
 * Words people rate with that are not the API's three (`good`, `bad`): not accepted (§3 lists three),
 * only for the hint of the rating they likely mean.
 */
const RATING_MEANT_BY: ReadonlyMap<string, Rating> = new Map([
  ["good", "great"],
  ["excellent", "great"],
  ["positive", "great"],
  ["ok", "average"],
  ["okay", "average"],
  ["neutral", "average"],
  ["bad", "poor"],
  ["negative", "poor"],
  ["terrible", "poor"],
]);

/** The rating a word people rate with likely means (`bad` → `poor`), if it is one of those words. */
export function ratingMeantBy(word: string): Rating | undefined {
  return RATING_MEANT_BY.get(word.toLowerCase());
}

/** Words people write for "no value" (`assignee is null`, `rating = empty`, `assignee = nobody`); the API has no such test (grammar.md §5). */
export const MISSING_WORDS: readonly string[] = ["null", "empty", "none", "nobody"];

/** Words that name chats by a value they lack (`unassigned chats`): what the API cannot search (grammar.md §5). */
export const LACKING_WORDS: readonly string[] = ["unassigned", "unrated", "untagged"];

/** The words a date field reads as dates (grammar.md §4): an instant and two whole days. */
export const DATE_WORDS = ["now", "today", "yesterday"] as const;

/** `a, b or c`: a short list as a sentence says it. */
export function spokenList(items: readonly (string | number)[], last: "and" | "or"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`;
}

/** The status codes as a range, `1 to 7`. */
export const STATUS_CODE_RANGE = `${STATUSES[0]!.code} to ${STATUSES[STATUSES.length - 1]!.code}`;

/** The units of a date group, `count by createdAt per week` (grammar.md §11); printed lower-case. */
export const COUNT_UNITS = ["hour", "day", "week", "month", "year"] as const;
/** A period a date is grouped by in `count by` (`createdAt per week`). */
export type CountUnit = (typeof COUNT_UNITS)[number];

export function countUnitByName(name: string): CountUnit | undefined {
  const lower = name.toLowerCase();
  return COUNT_UNITS.find((u) => u === lower);
}

/** At most this many groups in `count by`. */
export const MAX_COUNT_GROUPS = 3;

/** Limits of the `limit` clause and of one API page. */
export const MAX_LIMIT = 10_000;
export const PAGE_SIZE = 100;

/** The largest request body the API reads, in bytes of its JSON (UTF-8): a larger one is refused (413). */
export const API_MAX_BODY_BYTES = 1024 * 1024;

/** The most request bodies a plan may have unless `maxRequests` says otherwise. */
export const DEFAULT_MAX_REQUESTS = 8;

/**
 * The duration units of grammar.md §1: the letter written after the digits and its length in seconds
 * (fixed lengths, not calendar arithmetic). A new unit is one line here; the lexer, the scanner,
 * the checker and the arbitraries read this table.
 */
export const DURATION_UNITS = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 } as const;
/** A unit of a duration in the language (`7d`, `2h`): seconds, minutes, hours, days, weeks. */
export type DurationUnit = keyof typeof DURATION_UNITS;
export const DURATION_UNIT_NAMES = Object.keys(DURATION_UNITS) as readonly DurationUnit[];
/** Durations have no months or years: hints write them in days, at these lengths. */
export const DAYS_A_MONTH = 30;
export const DAYS_A_YEAR = 365;

/** The shape of a DATE (`YYYY-MM-DD`; year, month, day captured); its calendar is checked later. */
export const DATE_SHAPE = /(\d{4})-(\d{2})-(\d{2})/;
/** The shape of a DATETIME (`YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]`; every part captured). */
export const DATETIME_SHAPE = new RegExp(
  `${DATE_SHAPE.source}[Tt](\\d{2}):(\\d{2})(?::(\\d{2}))?([Zz]|[+-]\\d{2}:\\d{2})?`,
);

/** The first second of the year 0 (0000-01-01T00:00:00Z): a date in UNIX seconds is at least this. */
export const FIRST_UNIX_SECOND = -62_167_219_200;

/** The last second of the year 9999 (9999-12-31T23:59:59Z): a date in UNIX seconds is at most this. */
export const LAST_UNIX_SECOND = 253_402_300_799;

/**
 * The UNIX seconds a number past the year 9999 likely meant: 13 digits is JavaScript's `Date.now()`,
 * milliseconds. Undefined when the number is no date past 9999, or is one even in milliseconds.
 */
export function secondsMeant(n: number): number | undefined {
  if (!(n > LAST_UNIX_SECOND)) return undefined;
  const seconds = Math.floor(n / 1000);
  return seconds <= LAST_UNIX_SECOND ? seconds : undefined;
}
