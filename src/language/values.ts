/** The enumerations of chat values. A correction to a name or code is one line here. */

export interface StatusSpec {
  readonly code: number;
  /** Names accepted in queries, case-insensitive; the first is what the formatter prints. */
  readonly names: readonly string[];
  /** The name the API shows in a chat object's `status`. */
  readonly apiName: string;
}

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

export function statusByCode(code: number): StatusSpec | undefined {
  return STATUSES.find((s) => s.code === code);
}

export const RATINGS = ["great", "average", "poor"] as const;
export type Rating = (typeof RATINGS)[number];

export function ratingByName(name: string): Rating | undefined {
  const lower = name.toLowerCase();
  return RATINGS.find((r) => r === lower);
}

/** Limits of the `limit` clause and of one API page. */
export const MAX_LIMIT = 10_000;
export const PAGE_SIZE = 100;
