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
  ])("%s is complete", (text) => {
    expect(isIncomplete(text)).toBe(false);
  });
});
