import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { countChats } from "../../src/client/count.js";
import { compile } from "../../src/compiler/index.js";
import type { CheckedGroup } from "../../src/compiler/types.js";
import { type ChatRecord, generateDataset } from "../../src/emulator/index.js";
import { displayName } from "../../src/language/fields.js";
import { STATUSES } from "../../src/language/values.js";
import { countJson } from "../../src/output/count.js";
import { queryText } from "../../src/testing/query.js";
import { evaluate } from "../../src/testing/reference.js";
import { inProcessClient } from "../support/in-process-client.js";

/**
 * For random conditions and groupings, countChats equals grouping the reference evaluator's chats
 * by keys read and bucketed here again, independently: date buckets straight from Temporal, in UTC
 * and two zones with summer time, rows ordered and filled as §10 says.
 */

const DATA = generateDataset({ seed: 11, chats: 400, anchor: 1_750_000_000 });
const RECORDS = DATA.chats;
const BY_ID = new Map(RECORDS.map((r) => [r.chat.id, r]));
const client = inProcessClient(RECORDS);

type Key = number | string | null;

const PLAIN_GROUPS = ["status", "rating", "assignee", "department", "agents"];
const DATE_GROUPS = ["createdAt", "closedAt", "lastMessageAt", "lastCustomerMessageAt"];
const UNITS = ["hour", "day", "week", "month", "year"] as const;
const ZONES = ["UTC", "Europe/Berlin", "America/New_York"];

const group = fc.oneof(
  fc.constantFrom(...PLAIN_GROUPS),
  fc.tuple(fc.constantFrom(...DATE_GROUPS), fc.constantFrom(...UNITS)).map(([f, u]) => `${f} per ${u}`),
);
const grouping = fc.uniqueArray(group, {
  minLength: 1,
  maxLength: 3,
  selector: (g) => g.split(" ")[0]!,
});

function two(n: number): string {
  return String(n).padStart(2, "0");
}

/** The bucket of an instant, written with Temporal directly; `order` sorts buckets in time. */
function bucket(
  seconds: number,
  unit: (typeof UNITS)[number],
  zone: string,
): { label: string; order: number } {
  const t = Temporal.Instant.fromEpochMilliseconds(seconds * 1000).toZonedDateTimeISO(zone);
  const date = (d: Temporal.PlainDate) => `${String(d.year).padStart(4, "0")}-${two(d.month)}-${two(d.day)}`;
  switch (unit) {
    case "hour": {
      const start = t.round({ smallestUnit: "hour", roundingMode: "floor" });
      return {
        label: `${date(start.toPlainDate())}T${two(start.hour)}:00${start.offset}`,
        order: start.epochMilliseconds,
      };
    }
    case "day":
      return {
        label: date(t.toPlainDate()),
        order: t.toPlainDate().toZonedDateTime("UTC").epochMilliseconds,
      };
    case "week": {
      const monday = t.toPlainDate().subtract({ days: t.dayOfWeek - 1 });
      return { label: date(monday), order: monday.toZonedDateTime("UTC").epochMilliseconds };
    }
    case "month":
      return { label: `${String(t.year).padStart(4, "0")}-${two(t.month)}`, order: t.year * 12 + t.month };
    case "year":
      return { label: String(t.year), order: t.year };
  }
}

/** Every bucket from the first to the last, stepping in the zone (a real hour, a calendar day...). */
function fill(first: number, last: number, unit: (typeof UNITS)[number], zone: string): string[] {
  const labels: string[] = [];
  const lastLabel = bucket(last, unit, zone).label;
  let t = Temporal.Instant.fromEpochMilliseconds(first * 1000).toZonedDateTimeISO(zone);
  for (;;) {
    const b = bucket(Math.floor(t.epochMilliseconds / 1000), unit, zone);
    if (labels.at(-1) !== b.label) labels.push(b.label);
    if (b.label === lastLabel) return labels;
    t = unit === "hour" ? t.add({ hours: 1 }) : t.add({ [`${unit}s`]: 1 });
  }
}

const STATUS_NAME = new Map(STATUSES.map((s) => [s.apiName, s.names[0]!]));

function keysOf(record: ChatRecord, g: CheckedGroup, zone: string): Key[] {
  const chat = record.chat;
  const dated = (seconds: number | null): Key[] =>
    seconds === null ? [null] : [bucket(seconds, g.unit!, zone).label];
  switch (displayName(g.field)) {
    case "status":
      return [STATUS_NAME.get(chat.status)!];
    case "rating":
      return [chat.rating];
    case "assignee":
      return [chat.assignee?.id ?? null];
    case "department":
      return [chat.department?.id ?? null];
    case "agents":
      return chat.agents.length === 0 ? [null] : [...new Set(chat.agents.map((a) => a.id))];
    case "createdAt":
      return dated(chat.createdAt);
    case "closedAt":
      return dated(chat.closedAt);
    case "lastMessageAt":
      return dated(chat.lastMessageAt);
    case "lastCustomerMessageAt":
      return dated(chat.lastCustomerMessageAt);
    default:
      throw new Error(`no key for ${g.field.name}`);
  }
}

function compareKey(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : 1;
}

function expectedGroups(
  records: readonly ChatRecord[],
  groups: readonly CheckedGroup[],
  zone: string,
  rows: number | undefined,
) {
  const counts = new Map<string, { keys: Key[]; count: number }>();
  for (const record of records) {
    let combinations: Key[][] = [[]];
    for (const g of groups)
      combinations = combinations.flatMap((c) => keysOf(record, g, zone).map((k) => [...c, k]));
    for (const keys of combinations) {
      const id = JSON.stringify(keys);
      const row = counts.get(id) ?? { keys, count: 0 };
      row.count += 1;
      counts.set(id, row);
    }
  }
  let ordered = [...counts.values()];
  const only = groups.length === 1 ? groups[0]! : undefined;
  if (only?.unit !== undefined) {
    const seconds = records
      .map((r) => r.chat[displayName(only.field) as "createdAt"] as number | null)
      .filter((s): s is number => s !== null);
    const filled =
      seconds.length === 0
        ? []
        : fill(Math.min(...seconds), Math.max(...seconds), only.unit, zone).map((label) => ({
            keys: [label] as Key[],
            count: counts.get(JSON.stringify([label]))?.count ?? 0,
          }));
    const nulls = counts.get("[null]");
    ordered = nulls === undefined ? filled : [...filled, nulls];
  } else {
    ordered.sort((a, b) => {
      if (a.count !== b.count) return b.count - a.count;
      for (let i = 0; i < a.keys.length; i++) {
        const order = compareKey(a.keys[i]!, b.keys[i]!);
        if (order !== 0) return order;
      }
      return 0;
    });
  }
  if (rows !== undefined) ordered = ordered.slice(0, rows);
  return ordered.map((row) => ({
    key: Object.fromEntries(groups.map((g, i) => [displayName(g.field), row.keys[i]])),
    count: row.count,
  }));
}

describe("countChats (property)", () => {
  it("equals grouping the reference evaluator's chats", async () => {
    await fc.assert(
      fc.asyncProperty(
        queryText({ clauses: false, records: RECORDS, maxDepth: 2 }),
        grouping,
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        fc.constantFrom(...ZONES),
        async (condition, groups, rows, timeZone) => {
          const text = `${condition} count by ${groups.join(", ")}${rows === undefined ? "" : ` limit ${rows}`}`;
          const compiled = compile(text, { now: 1_750_000_000, timeZone, maxRequests: 64 });
          fc.pre(compiled.ok);
          if (!compiled.ok) return;
          // For a count, evaluate gives every chat it counts (its limit keeps rows).
          const matched = evaluate(compiled.checked, RECORDS).map((id) => BY_ID.get(id)!);
          const result = await countChats(client, compiled);
          expect(result.total).toBe(matched.length);
          expect(countJson(result)).toEqual({
            total: matched.length,
            groups: expectedGroups(matched, compiled.plan.count!.groups, timeZone, rows),
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it("the count queries hcql/testing makes: the total is the number of chats evaluate gives", async () => {
    await fc.assert(
      fc.asyncProperty(queryText({ records: RECORDS, maxDepth: 2, counts: true }), async (text) => {
        const compiled = compile(text, { now: 1_750_000_000, maxRequests: 64 });
        fc.pre(compiled.ok && compiled.plan.count !== undefined);
        if (!compiled.ok) return;
        const result = await countChats(client, compiled);
        expect(result.total).toBe(evaluate(compiled.checked, RECORDS).length);
      }),
      { numRuns: 60 },
    );
  });
});
