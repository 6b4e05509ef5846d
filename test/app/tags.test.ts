import { describe, expect, it } from "vitest";
import { tagSlips, tagSlipTips, tagsAskedFor } from "../../src/app/tags.js";
import { compile } from "../../src/compiler/index.js";
import type { Plan } from "../../src/compiler/types.js";

const KNOWN = ["Paid", "Lead", "VIP", "Trial", "Needs follow-up"];

function planOf(query: string): Plan {
  const compiled = compile(query, { now: 1_750_000_000 });
  if (!compiled.ok) throw new Error(`${query}: ${JSON.stringify(compiled.diagnostics)}`);
  return compiled.plan;
}

describe("the tags a query asks for", () => {
  it.each([
    ["tags = vip", ["vip"]],
    ['tags in (Paid, "needs follow-up") or tags = Paid', ["Paid", "needs follow-up"]],
    ["(status = new or tags = a) and (rating = poor or tags = b)", ["a", "b"]],
    ["tags in (x, y) count by status", ["x", "y"]],
    ["status = new", []],
  ])("%s → %j", (query, tags) => {
    expect(tagsAskedFor(planOf(query))).toEqual(tags);
  });
});

describe("a tag asked for that no known tag is", () => {
  it.each([
    ["tags = vip", [{ written: "vip", known: "VIP" }]],
    ["tags = Trail", [{ written: "Trail", known: "Trial" }]],
    ['tags = "needs followup"', [{ written: "needs followup", known: "Needs follow-up" }]],
    [
      "tags in (paid, VIP, lead)",
      [
        { written: "paid", known: "Paid" },
        { written: "lead", known: "Lead" },
      ],
    ],
    ["tags = VIP", []],
    ["tags = Zebra", []],
    ["status = new", []],
  ])("%s → %j", (query, slips) => {
    expect(tagSlips(planOf(query), KNOWN)).toEqual(slips);
  });

  it("with no tag known, none", () => {
    expect(tagSlips(planOf("tags = vip"), [])).toEqual([]);
  });

  it("a tag known in two cases is taken as written", () => {
    expect(tagSlips(planOf("tags = vip"), ["VIP", "vip"])).toEqual([]);
  });

  it("the tip says letter case matters only when case is all that differs", () => {
    expect(
      tagSlipTips([
        { written: "vip", known: "VIP" },
        { written: "Trail", known: "Trial" },
      ]),
    ).toEqual([
      '"vip" is not a known tag; did you mean "VIP"? (tags match exactly, letter case too)',
      '"Trail" is not a known tag; did you mean "Trial"?',
    ]);
  });
});
