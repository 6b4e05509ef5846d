import { describe, expect, it } from "vitest";
import { isIncomplete } from "../../src/editor/index.js";

describe("isIncomplete", () => {
  it.each([
    "status in (new,",
    "(status = new",
    "((status = new) or (rating = poor)",
    "status = new and",
    "status = new AND",
    "status = new &&",
    "status = new or",
    "status = new ||",
    "not",
    "status = new and not",
    "status =",
    "status !=",
    "createdAt >=",
    "email ~",
    "status in",
    "status not in",
    "email contains",
    "createdAt between 2020-06-01",
    "createdAt between now - 7d",
    "createdAt between 2020-06-01 and",
    "createdAt > now -",
    "status = new sort",
    "status = new sort by",
    "status = new limit",
    "status = new offset",
    "status = new\nand",
    "count by",
    "count by status,",
    "count by createdAt per",
    "status = new and\nassignee",
    "not status",
    "status = new and status",
  ])("%s continues", (text) => {
    expect(isIncomplete(text)).toBe(true);
  });

  it.each([
    "",
    "status = new",
    "status in (new, closed)",
    "createdAt between 2020-06-01 and 2020-06-30",
    "createdAt between 2020-06-01 or status = new",
    "status = new)",
    "status = = new",
    "stauts = 1",
    "sort by createdAt",
    "status = new limit 5",
    "status = new # and",
    "(status = new\n",
    'email = "abc\ndef"',
    'email = "abc',
    "email = 'abc",
    'tags in ("Paid", "Tri',
    "limit 5 offset 10",
    "tags = limit",
    "status in (new, sort",
    "(tags = offset",
    "count",
    "status = new count by assignee",
    "count by createdAt per week",
    "tags = count",
    // A field the table does not know: no later line can make it known.
    "clear",
    "Clear",
    "asignee",
    "status = new and clear",
    "(clear",
    "not clear",
    "clear =",
    "asignee in (1,",
    "(a = 1 or (b = 2",
    "status = new sort by nothing desc,",
    "count by state,",
    // A word straight after a value: no later line joins it to the query.
    "status = pending foo",
    "createdAt > this month",
    "createdAt > last week",
    "email contains gmail com",
    "createdAt > 2026-12-01T10",
    "(status = new) rating",
    'tags = "Paid" status',
    "status = new limit 5 foo",
  ])("%s is complete", (text) => {
    expect(isIncomplete(text)).toBe(false);
  });

  it("reads a wide flat OR, as long as the parser takes, without recursing", () => {
    const wide = "status = new or ".repeat(4000);
    expect(isIncomplete(wide)).toBe(true);
    expect(isIncomplete(`${wide}stauts = 1 or`)).toBe(false);
  });

  /** The text parses but for what is missing at its end, and only then: read from the parser's errors. */
  it.each([
    ["status", true],
    ["status not", true],
    ["createdAt > 7d", true],
    ["status in (new, closed", true],
    ["(status = new or (rating = poor", true],
    ["Status", true],
    ["customer.email", true],
    ["email", true],
    ["rating = great or rating in", true],
    ["createdAt > now - ", true],
    ["count by status per", true],
    ["not not", true],
    // An error before the end: no later line can mend it.
    ["rating = (", false],
    ["status in (,", false],
    ["status = new and and", false],
    ["status = new limit 5 limit", false],
    ["status = new sort by createdAt desc,", false],
    ["createdAt > 7days", false],
    ["tags = limit 5", false],
  ])("%s: %s", (text, continues) => {
    expect(isIncomplete(text)).toBe(continues);
  });
});
