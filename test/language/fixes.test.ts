import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compiler/index.js";
import { applyFix, applyFixes, type Diagnostic } from "../../src/language/diagnostics.js";
import { mutatedQuery } from "../hardening/fuzz-kit.js";

/**
 * A diagnostic whose hint is one edit carries it as `fix`: the span to replace and the text to put
 * there. Applied, the query is what the hint says (an editor offers it as a quick fix).
 */

const NOW = 1_750_000_000;
const NAMES = {
  agents: [{ id: 3129, name: "Kosta" }],
  departments: [{ id: 101, name: "Support" }],
};

function diagnosticsOf(query: string): readonly Diagnostic[] {
  return compile(query, { now: NOW, names: NAMES }).diagnostics;
}

/** The query with the fix of its one fixable diagnostic made. */
function fixed(query: string): string {
  const fixable = diagnosticsOf(query).filter((d) => d.fix !== undefined);
  expect(fixable).toHaveLength(1);
  return applyFix(query, fixable[0]!.fix!);
}

/** Queries with one slip each, and the query their fix makes. */
const SLIPS: readonly (readonly [string, string])[] = [
  // The checker: names and values spelt another way.
  ["stauts = 1", "status = 1"],
  ["owner = 3129", "assignee = 3129"],
  ["status = new and team = 101", "status = new and department = 101"],
  ["status = pendng", "status = pending"],
  ['status = "on hodl"', 'status = "on hold"'],
  ["status = solved", "status = closed"],
  ["rating = bad", "rating = poor"],
  ["createdAt > yesterdy", "createdAt > yesterday"],
  ["createdAt > 1750000000000", "createdAt > 1750000000"],
  ['assignee = "3129"', "assignee = 3129"],
  ['createdAt > "2020-06-24"', "createdAt > 2020-06-24"],
  ["sort by createdAd", "sort by createdAt"],
  ["count by stauts", "count by status"],
  ["count by createdAt per wek", "count by createdAt per week"],
  ["pending", "status = pending"],
  ["tags = Paid or Trial", "tags = Paid or tags = Trial"],
  ["assignee = kosta", "assignee = 3129"],
  ["department = Support or status = new", "department = 101 or status = new"],
  // The lexer: quotes, brackets, durations, values to quote.
  ["tags = “VIP”", 'tags = "VIP"'],
  ["status in [new, closed]", "status in (new, closed)"],
  ["createdAt > 7days ago", "createdAt > 7d ago"],
  ["createdAt > 3months ago", "createdAt > 90d ago"],
  ["createdAt > 1y ago", "createdAt > 365d ago"],
  ["email = bob@x.com", 'email = "bob@x.com"'],
  ["email = 2020-06-24", 'email = "2020-06-24"'],
  ["email = *@gmail.com", 'email contains "@gmail.com"'],
  ["email != %gmail%", 'email not contains "gmail"'],
  // The parser's slips: the query meant.
  ["show me pending chats from today", "status = pending and createdAt >= today"],
  ["rating = poor or solved chats with bad ratings", "rating = poor or status = closed and rating = poor"],
  ["tags = (a, b)", "tags in (a, b)"],
  ["status in new, closed", "status in (new, closed)"],
  ["status not in new, closed", "status not in (new, closed)"],
  ["status = new,closed", "status in (new, closed)"],
  ["tags = vip-customer", 'tags = "vip-customer"'],
  ["status = on hold", "status = on_hold"],
  ["tags = vip customer", 'tags = "vip customer"'],
  ["status:pending", "status = pending"],
  ["status = new limt 5", "status = new limit 5"],
  ["srot by createdAt", "sort by createdAt"],
  ["sortby createdAt", "sort by createdAt"],
  ["select * from chats where status = 1", "status = 1"],
  ["status = new where rating = poor", "status = new and rating = poor"],
  ["count status", "count by status"],
  ["count status, rating", "count by status, rating"],
  ["sort createdAt desc", "sort by createdAt desc"],
  ["status = new and createdAt desc", "status = new sort by createdAt desc"],
  ["sort by createdAt limit 5 desc", "sort by createdAt desc limit 5"],
  [
    "status = new sort by closedAt limit 5 offset 10 asc",
    "status = new sort by closedAt asc limit 5 offset 10",
  ],
  ["count by createdAt daily", "count by createdAt per day"],
  ["count by assignee sort by count desc limit 3", "count by assignee limit 3"],
  ["sort by count desc  count by status", "count by status"],
  ["count by createdAt per day sort by createdAt", "count by createdAt per day"],
  ["count by createdAt per day sort by createdAt asc limit 5", "count by createdAt per day limit 5"],
  ["createdAt > 06/24/2020", "createdAt > 2020-06-24"],
  ["createdAt > last week", "createdAt > 1w ago"],
  ["createdAt in last 7 days", "createdAt > 7d ago"],
  ["status = new and past 3 days", "status = new and createdAt > 3d ago"],
  ["createdAt > now()", "createdAt > now"],
  ["createdAt > 2026-11-01 10:00", "createdAt > 2026-11-01T10:00"],
  ["createdAt > 2026-12-01T10", "createdAt > 2026-12-01T10:00"],
  ["createdAt > yesterday 9:30", "createdAt > yesterday + 570m"],
  ["createdAt = 2026-11", "createdAt between 2026-11-01 and 2026-11-30"],
  ["createdAt between 2026-10-15 and 2026-11", "createdAt between 2026-10-15 and 2026-11-30"],
  ["status is pending", "status = pending"],
  ["status is not new", "status != new"],
  ["createdAt after 2026-01-01", "createdAt > 2026-01-01"],
  ["createdAt within 7d", "createdAt > 7d ago"],
  ["email has gmail", "email contains gmail"],
  ["status is in (new, closed)", "status in (new, closed)"],
  ["createdAt from 2026-01-01 to 2026-02-01", "createdAt between 2026-01-01 and 2026-02-01"],
  ["createdAt between 2026-01-01 - 2026-02-01", "createdAt between 2026-01-01 and 2026-02-01"],
  ["createdAt >= 2026-12-01 and <= 2026-12-05", "createdAt >= 2026-12-01 and createdAt <= 2026-12-05"],
  ["status pending rating poor", "status = pending and rating = poor"],
];

describe("the fix of a diagnostic", () => {
  it.each(SLIPS)("%s → %s, which compiles", (query, meant) => {
    expect(fixed(query)).toBe(meant);
    expect(diagnosticsOf(meant).filter((d) => d.severity === "error")).toEqual([]);
  });

  it("is the whole suggestion where the hint shows it shortened", () => {
    const query =
      "show me new opened pending on_hold no_communication closed empty chats with great average poor ratings from the last 7 days";
    const meant =
      "status in (new, opened, pending, on_hold, no_communication, closed, empty) and rating in (great, average, poor) and createdAt > 7d ago";
    const [d] = diagnosticsOf(query);
    expect(d?.hint?.endsWith("…'?")).toBe(true);
    expect(d?.fix).toEqual({ span: { start: 0, end: query.length }, text: meant });
  });

  it.each([
    // Two readings, two names, a guess between units: nothing to apply.
    "createdAt > 01/02/2026",
    "assignee = zoe",
    "agent = 3129",
    "createdAt > 1M ago",
    // Advice, not an edit.
    "tags != Paid",
    "status = new and show me everything",
    // An order a count does not give.
    "count by assignee sort by count",
    "count by createdAt per day sort by createdAt desc",
    "count by assignee sort by createdAt",
    "count by createdAt per day, status sort by createdAt",
    // A direction already there, or a comment the move would end the query in.
    "sort by createdAt asc limit 5 desc",
    "sort by createdAt limit 5 # five\n desc",
  ])("%s: none where the hint is no one edit", (query) => {
    const names = {
      agents: [
        { id: 1, name: "Zoe Smith" },
        { id: 2, name: "Zoë Müller" },
      ],
      departments: [],
    };
    const diagnostics = compile(query, { now: NOW, names }).diagnostics;
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.filter((d) => d.fix !== undefined)).toEqual([]);
  });

  it("fixes what it is attached to, in any text: that diagnostic is gone, its span inside the text", () => {
    const slipped = fc
      .tuple(
        fc.constantFrom(...SLIPS.map(([query]) => query)),
        mutatedQuery,
        fc.constantFrom(" and ", " or "),
      )
      .map(([slip, other, join]) => `${other}${join}${slip}`);
    let checked = 0;
    fc.assert(
      fc.property(fc.oneof(slipped, mutatedQuery), (query) => {
        const diagnostics = diagnosticsOf(query);
        for (const d of diagnostics) {
          if (d.fix === undefined) continue;
          checked++;
          const { start, end } = d.fix.span;
          expect(0 <= start && start <= end && end <= query.length).toBe(true);
          const same = (list: readonly Diagnostic[]) =>
            list.filter((e) => e.code === d.code && e.message === d.message).length;
          expect(same(diagnosticsOf(applyFix(query, d.fix)))).toBeLessThan(same(diagnostics));
        }
      }),
      { numRuns: 2000, seed: 20_261_206 },
    );
    // Most cases hold a slip whose diagnostic has a fix.
    expect(checked).toBeGreaterThan(1000);
  });
});

describe("applyFixes", () => {
  it("makes every fix of a query's diagnostics at once", () => {
    const query = "stauts = 1 and rating = bad or tags = “VIP” and createdAt > 7days ago";
    expect(applyFixes(query, diagnosticsOf(query))).toBe(
      'status = 1 and rating = poor or tags = "VIP" and createdAt > 7d ago',
    );
  });

  it("of fixes that overlap, makes the first in the text", () => {
    const at = (start: number, end: number, text: string): Diagnostic => ({
      code: "syntax",
      severity: "error",
      message: "m",
      span: { start, end },
      fix: { span: { start, end }, text },
    });
    expect(applyFixes("abcdef", [at(2, 5, "X"), at(0, 3, "Y"), at(5, 6, "Z")])).toBe("YdeZ");
    expect(applyFixes("abcdef", [])).toBe("abcdef");
  });
});
