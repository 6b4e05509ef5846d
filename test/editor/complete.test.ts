import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CompletionContext, complete } from "../../src/editor/index.js";
import { format, parse } from "../../src/parser/index.js";
import { queryText } from "../../src/testing/query.js";
import { query, textEdit } from "../support/arbitraries.js";

const context: CompletionContext = {
  agents: [
    { id: 3129, name: "Anna Smith" },
    { id: 3130, name: "Bob Jones" },
  ],
  departments: [{ id: 7, name: "Sales" }],
  commands: {
    help: { kind: "none" },
    explain: { kind: "query" },
    compile: { kind: "query" },
    exit: { kind: "none" },
    format: { kind: "one-of", words: ["table", "json", "ndjson", "csv"] },
    run: { kind: "saved-name" },
    save: { kind: "saved-name-then-query" },
    tz: { kind: "time-zone" },
  },
  savedNames: ["mine", "urgent"],
};

const FIELDS =
  "assignee agents department customer createdAt updatedAt closedAt status rating email userId tags";
const AFTER_PREDICATE = "and or sort by count by limit offset";

/** `|` marks the cursor; the expected items (space-separated, a `·` between multi-word items) and where they replace from. */
const cases: [string, string, number][] = [
  [
    "|",
    `${FIELDS} not ( sort·by count·by limit offset .help .explain .compile .exit .format .run .save .tz`,
    0,
  ],
  ["st|", "status", 0],
  ["STA|", "status", 0],
  ["sta| = new", "status", 0],
  ["Rat|", "rating", 0],
  ["cust|", "customer customer.email customer.userId customer.tags", 0],
  ["customer.em|", "customer.email", 0],
  ["chats.cl|", "chats.closedAt", 0],
  ["xyz|", "", 0],
  ["status |", "= != in not·in", 7],
  ["status i|", "in", 7],
  ["status not |", "in", 11],
  ["assignee |", "= != > < >= <= in not·in between not·between", 9],
  ["assignee not |", "in between", 13],
  ["email |", "= != ~ !~ in not·in contains not·contains", 6],
  ["email c|", "contains", 6],
  ["tags |", "= in", 5],
  ["status = |", "new opened pending on_hold no_communication closed empty", 9],
  ["status = p|", "pending", 9],
  ["status = OP|", "opened", 9],
  ["status = hol|", "hold", 9],
  ["status != c| and rating = poor", "closed", 10],
  ["rating = |", "great average poor", 9],
  ["rating in (|", "great average poor", 11],
  ["rating in (great, |", "average poor", 18],
  ["rating in (great |", ", )", 17],
  ["createdAt > |", "now today yesterday", 12],
  ["createdAt >= y|", "yesterday", 13],
  ["createdAt between today |", "and", 24],
  ["createdAt between today and |", "now today yesterday", 28],
  ["assignee = |", "3129 3130", 11],
  ["assignee = an|", "3129", 11],
  ["agents != jo|", "3130", 10],
  ["assignee = 31|", "3129 3130", 11],
  ["department = |", "7", 13],
  ["email contains |", "", 15],
  ["status = pending |", AFTER_PREDICATE.replace("sort by", "sort·by").replace("count by", "count·by"), 17],
  ["status = pending a|", "and", 17],
  ["status = pending o|", "or offset", 17],
  // A clause stands outside the parentheses: `(status = new limit 5` lacks its `)` before `limit`.
  ["(status = new |", "and or )", 14],
  ["(status = new) |", "and or sort·by count·by limit offset", 15],
  ["status = new and |", `${FIELDS} not (`, 17],
  ["status = new && |", `${FIELDS} not (`, 16],
  // A tag condition cannot be negated (the API cannot test a lacking tag): not offered after `not`.
  ["not |", `${FIELDS.replace(" tags", "")} not (`, 4],
  ["status = new and ! |", `${FIELDS.replace(" tags", "")} not (`, 19],
  ["not (|", `${FIELDS} not (`, 5],
  ["status = new or not (r|", "rating", 21],
  ["tags = a or t|", "tags", 12],
  ["createdAt > 7d ago |", "and or sort·by count·by limit offset", 19],
  ["createdAt > now - 7d |", "and or sort·by count·by limit offset", 21],
  ["email ~ 'a b' |", "and or sort·by count·by limit offset", 14],
  ["status = new sort |", "by", 18],
  ["status = new sort by |", "createdAt closedAt lastMessageAt lastCustomerMessageAt", 21],
  ["status = new order by la|", "lastMessageAt lastCustomerMessageAt", 22],
  ["sort by createdAt |", "asc desc limit offset", 18],
  ["sort by createdAt de|", "desc", 18],
  ["sort by createdAt desc |", "limit offset", 23],
  ["limit 5 |", "sort·by count·by offset", 8],
  ["limit |", "", 6],
  ["status = new limit 5 sort by closedAt |", "asc desc offset", 38],
  ["status = new co|", "count·by", 13],
  ["count |", "by limit", 6],
  [
    "count by |",
    "assignee agents department createdAt closedAt status rating lastMessageAt lastCustomerMessageAt",
    9,
  ],
  ["count by st|", "status", 9],
  ["count by status |", ", limit", 16],
  ["count by createdAt |", "per , limit", 19],
  ["count by createdAt per |", "hour day week month year", 23],
  ["count by createdAt per w|", "week", 23],
  // A field that is no date takes no unit; a word no field's name may be a date's misspelt.
  ["count by status per |", "", 20],
  ["count by creatdAt per |", "hour day week month year", 22],
  [
    "count by createdAt per week, |",
    "assignee agents department createdAt closedAt status rating lastMessageAt lastCustomerMessageAt",
    29,
  ],
  ["count by status limit 5 |", "", 24],
  ["sort by createdAt desc |", "limit offset", 23],
  ["offset 5 |", "sort·by limit", 9],
  ['status = "on h|', '"on·hold"', 9],
  ['status = "no c|', '"no·communication"', 9],
  ['email = "ab|', "", 8],
  // Inside a string left open: the values the unquoted word gets, quoted and closed.
  ['status = "|', '"new" "opened" "pending" "on_hold" "no_communication" "closed" "empty"', 9],
  ['status = "pen|', '"pending"', 9],
  ["status = 'pen|", '"pending"', 9],
  ['rating = "p|', '"poor"', 9],
  ['rating = "grate|', '"great"', 9],
  ['assignee = "|', "", 11],
  ['createdAt > "|', "", 12],
  [".|", ".compile .exit .explain .format .help .run .save .tz", 0],
  [".EX|", ".exit .explain", 0],
  [".format |", "table json ndjson csv", 8],
  [".format n|", "ndjson", 8],
  [".run |", "mine urgent", 5],
  [".run u|", "urgent", 5],
  // `@name` alone on a line runs a saved query.
  ["@|", "@mine @urgent", 0],
  ["@U|", "@urgent", 0],
  ["  @m|", "@mine", 2],
  ["@x|", "", 0],
  [".explain sta|", "status", 9],
  [".compile status = |", "new opened pending on_hold no_communication closed empty", 18],
  [".save mine rating |", "= != in not·in", 18],
  [".help |", "", 6],
  // A time zone by its name, its `/` included, or by its city.
  [".tz europe/berl|", "Europe/Berlin", 4],
  [".tz  Europe/Be|", "Europe/Belgrade Europe/Berlin", 5],
  [".tz berl|", "Europe/Berlin", 4],
  [".tz new_y|", "America/New_York", 4],
  [".tz ut|", "UTC", 4],
  [".tz Europe/Berlin x|", "", 19],
];

function parseCase(input: string): { line: string; cursor: number } {
  const cursor = input.indexOf("|");
  return { line: input.slice(0, cursor) + input.slice(cursor + 1), cursor };
}

describe("complete", () => {
  it.each(cases)("%s", (input, expected, replaceFrom) => {
    const { line, cursor } = parseCase(input);
    const result = complete(line, cursor, context);
    const want = expected === "" ? [] : expected.split(" ").map((t) => t.replace(/·/g, " "));
    expect(result.items.map((i) => i.text)).toEqual(want);
    expect(result.replaceFrom).toBe(replaceFrom);
  });

  // Saved names are case-sensitive: a prefix in their letter case picks them; another case is a fallback.
  it.each([
    [".run P|", "Pend", 5],
    [".run p|", "pend", 5],
    [".run PE|", "pend Pend", 5],
    [".save P|", "Pend", 6],
    ["@P|", "@Pend", 0],
    ["@pe|", "@pend", 0],
  ])("saved names pend and Pend: %s", (input, expected, replaceFrom) => {
    const { line, cursor } = parseCase(input);
    const result = complete(line, cursor, { ...context, savedNames: ["pend", "Pend", "urgent"] });
    expect(result.items.map((i) => i.text)).toEqual(expected.split(" "));
    expect(result.replaceFrom).toBe(replaceFrom);
  });

  it("gives agents' and departments' names beside their ids", () => {
    expect(complete("assignee = ", 11, context).items).toEqual([
      { text: "3129", detail: "Anna Smith" },
      { text: "3130", detail: "Bob Jones" },
    ]);
    expect(complete("department in (", 15, context).items).toEqual([{ text: "7", detail: "Sales" }]);
  });

  /** The emulator's agents and departments, whose names are in many scripts. */
  const people: CompletionContext = {
    agents: [
      { id: 3129, name: "Kosta" },
      { id: 3140, name: "Zoë Müller" },
      { id: 3155, name: "Олег Петренко" },
      { id: 3171, name: "王芳" },
      { id: 4012, name: "José Álvarez" },
      { id: 4031, name: "田中 優希" },
    ],
    departments: [
      { id: 101, name: "Support" },
      { id: 104, name: "Доставка 🚚" },
    ],
    tags: ["Paid", "Trial", "Needs follow-up", "limit"],
  };

  it.each([
    ["assignee = kosta", [{ text: "3129", detail: "Kosta" }], 11],
    ["assignee = zoe", [{ text: "3140", detail: "Zoë Müller" }], 11],
    ["assignee = Müll", [{ text: "3140", detail: "Zoë Müller" }], 11],
    ["assignee = muller", [{ text: "3140", detail: "Zoë Müller" }], 11],
    ["assignee = alvarez", [{ text: "4012", detail: "José Álvarez" }], 11],
    ["assignee = 王", [{ text: "3171", detail: "王芳" }], 11],
    ["agents in (3129, 優希", [{ text: "4031", detail: "田中 優希" }], 17],
    ["assignee = петр", [{ text: "3155", detail: "Олег Петренко" }], 11],
    ["department = дост", [{ text: "104", detail: "Доставка 🚚" }], 13],
    ["rating = grate", [{ text: "great" }], 9],
    ["rating in (poor, avrage", [{ text: "average" }], 17],
    ["status = pendnig", [{ text: "pending", detail: "code 3" }], 9],
    ["createdAt > yesterdy", [{ text: "yesterday" }], 12],
    ["stauts", [{ text: "status", detail: "chat status" }], 0],
    ["tags = ", [{ text: "Paid" }, { text: "Trial" }, { text: '"Needs follow-up"' }, { text: '"limit"' }], 7],
    ["tags = t", [{ text: "Trial" }], 7],
    ['tags = "ne', [{ text: '"Needs follow-up"' }], 7],
    [
      'tags = "',
      [{ text: '"Paid"' }, { text: '"Trial"' }, { text: '"Needs follow-up"' }, { text: '"limit"' }],
      7,
    ],
    ['tags = "Pa', [{ text: '"Paid"' }], 7],
    ['tags = "pa', [{ text: '"Paid"' }], 7],
    ["tags = 'Tr", [{ text: '"Trial"' }], 7],
    ['tags in ("Paid", "', [{ text: '"Trial"' }, { text: '"Needs follow-up"' }, { text: '"limit"' }], 17],
    ['tags in ("Paid", tr', [{ text: "Trial" }], 17],
    // A value offered quoted is found by its words, the quote not typed.
    ["tags = ne", [{ text: '"Needs follow-up"' }], 7],
    // A list offers what it does not hold yet.
    ["tags in (Paid, ", [{ text: "Trial" }, { text: '"Needs follow-up"' }, { text: '"limit"' }], 15],
    ['tags in ("Needs follow-up", paid, ', [{ text: "Trial" }, { text: '"limit"' }], 34],
    [
      "agents in (3129, 3140, ",
      [
        { text: "3155", detail: "Олег Петренко" },
        { text: "3171", detail: "王芳" },
        { text: "4012", detail: "José Álvarez" },
        { text: "4031", detail: "田中 優希" },
      ],
      23,
    ],
  ])("%s", (line, items, replaceFrom) => {
    expect(complete(line, line.length, people)).toEqual({ items, replaceFrom });
  });

  it("needs no context: the language alone", () => {
    expect(complete("sta", 3)).toEqual({
      items: [{ text: "status", detail: "chat status" }],
      replaceFrom: 0,
    });
    expect(complete("assignee = ", 11).items).toEqual([]);
    expect(complete(".", 1).items).toEqual([]);
  });

  it("offers no ids before agents are known", () => {
    expect(complete("assignee = ", 11, { ...context, agents: [] }).items).toEqual([]);
  });

  /** What the grammar says may follow, where a scan of the tokens offered more or less. */
  it.each([
    // A duration is a time ago only with its `ago`: nothing else may follow it yet.
    ["createdAt > 7d ", ["ago"], 15],
    ["createdAt between 7d ", ["ago"], 21],
    // After a sign comes a duration, which has no list to offer.
    ["createdAt > now - ", [], 18],
    ["createdAt > - ", [], 14],
    // Clauses stand outside parentheses.
    ["status = new and (tags = a ", ["and", "or", ")"], 27],
    ["(status = new or (rating = poor) ", ["and", "or", ")"], 33],
    ["(status = new) or (rating = poor) ", ["and", "or", "sort by", "count by", "limit", "offset"], 34],
    // Nothing fits after an error the grammar cannot read past.
    ["status = = ", [], 11],
    ["status in (new, closed) ) ", [], 26],
  ])("%j", (line, texts, replaceFrom) => {
    const result = complete(line, line.length, context);
    expect(result).toEqual({ items: texts.map((text) => ({ text })), replaceFrom });
  });

  it("reads only the text before the cursor", () => {
    const line = "status = new and (tags = a or rating = poor) sort by createdAt desc";
    expect(complete(line, 4, context)).toEqual({
      items: [{ text: "status", detail: "chat status" }],
      replaceFrom: 0,
    });
    expect(complete(line, 9, context).items.map((i) => i.text)).toContain("closed");
  });

  /** The syntax errors of a text that are not at its end (where what is missing is still to come). */
  function errorsBeforeEnd(text: string): string[] {
    return parse(text)
      .diagnostics.filter((d) => d.code === "syntax" && d.span.start < text.length)
      .map((d) => `${d.span.start}: ${d.message}`);
  }

  it("offers only what the grammar reads next: inserted into a valid query's beginning, an item leaves no error before the end", () => {
    const text = fc.oneof(
      queryText(),
      query.map((tree) => format(tree)),
    );
    fc.assert(
      fc.property(text, fc.nat(), (whole, at) => {
        const line = whole.slice(0, at % (whole.length + 1));
        // A beginning cut inside a token (`&` of `&&`) is already wrong: nothing to check there.
        if (errorsBeforeEnd(line).length > 0) return;
        const { items, replaceFrom } = complete(line, line.length, { ...people, commands: {} });
        for (const item of items) {
          const edited = line.slice(0, replaceFrom) + item.text;
          expect(errorsBeforeEnd(edited), edited).toEqual([]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("after an edit, completes as it does reading the text from scratch (it keeps the tokens before the edit)", () => {
    fc.assert(
      fc.property(textEdit, ({ before, after }) => {
        complete(before, before.length, context);
        const kept = complete(after, after.length, context);
        complete("", 0, context);
        expect(kept).toEqual(complete(after, after.length, context));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("a field's detail in the list", () => {
  it.each([
    ["assig", "assignee", "agent id"],
    ["depa", "department", "department id"],
    ["customer", "customer", "id"],
    ["createdA", "createdAt", "date"],
    ["ratin", "rating", "customer rating"],
    ["tags", "tags", "customer tag"],
    ["emai", "email", "text"],
  ])("%s offers %s as a %s, never its own name again", (typed, name, detail) => {
    const item = complete(typed, typed.length).items.find((i) => i.text === name);
    expect(item).toEqual({ text: name, detail });
  });
});

describe("the README's account of completion", () => {
  it("names every kind of argument a dot-command may take", () => {
    const source = readFileSync(new URL("../../src/editor/complete.ts", import.meta.url), "utf8");
    const type = /export type CommandArgument =([\s\S]*?);\n/.exec(source)?.[1] ?? "";
    const kinds = [...type.matchAll(/kind: "([^"]+)"/g)].map((m) => m[1]!);
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8").replace(/\s+/g, " ");
    const told = /completes a line that starts with `\.`/.exec(readme);
    const paragraph = readme.slice(0, told?.index ?? 0).slice(-400);
    expect(kinds.length).toBeGreaterThan(5);
    for (const kind of kinds) expect(paragraph, kind).toContain(`"${kind}"`);
  });
});
