import { describe, expect, it } from "vitest";
import { compile } from "../../src/compiler/index.js";
import { applyFix } from "../../src/language/diagnostics.js";
import { KEYWORDS } from "../../src/lexer/index.js";
import { parse } from "../../src/parser/index.js";
import { KEYWORD_SPELLINGS } from "../../src/parser/slips/keywords.js";
import { AFTER_OPERAND } from "../../src/parser/slips/tokens.js";

/** Slips the grammar calls syntax errors, told as what was meant: one diagnostic each, with the query as meant. */

const AFTER_CONDITION =
  "after a condition: 'and', 'or', or a clause such as 'sort by' or 'limit'; quote a value of several words";

/** That `query` has one diagnostic, at `start`–`end`, with this message and hint. */
function saysOnly(query: string, start: number, end: number, message: string, hint: string): void {
  const { diagnostics } = parse(query);
  expect(diagnostics.map((d) => [d.span.start, d.span.end, d.message, d.hint])).toEqual([
    [start, end, message, hint],
  ]);
}

describe("slips", () => {
  it.each([
    [
      'tags = ("Paid","Trial")',
      5,
      23,
      "'=' compares with one value; a list of values takes 'in'",
      'did you mean \'tags in ("Paid", "Trial")\'?',
    ],
    [
      "status != (new, closed) limit 3",
      7,
      23,
      "'!=' compares with one value; a list of values takes 'not in'",
      "did you mean 'status not in (new, closed)'?",
    ],
    [
      'tags == ("VIP")',
      5,
      15,
      "'==' compares with one value; a list of values takes 'in'",
      "did you mean 'tags = \"VIP\"'?",
    ],
    [
      "createdAt >= 2026-11-01 10:00",
      13,
      29,
      "a date and its time are one value, joined by 'T' without a space",
      "did you mean '2026-11-01T10:00'?",
    ],
    [
      "closedAt < 2026-11-01 9:05:07+01:00 and status = closed",
      11,
      35,
      "a date and its time are one value, joined by 'T' without a space",
      "did you mean '2026-11-01T09:05:07+01:00'?",
    ],
    [
      "createdAt = 2026-11",
      12,
      19,
      "'2026-11' is a month; a date needs its day",
      "did you mean 'createdAt between 2026-11-01 and 2026-11-30'?",
    ],
    [
      "createdAt != 2024-2",
      13,
      19,
      "'2024-2' is a month; a date needs its day",
      "did you mean 'createdAt not between 2024-02-01 and 2024-02-29'?",
    ],
    [
      "createdAt > 2026-11",
      12,
      19,
      "'2026-11' is a month; a date needs its day",
      "did you mean 'createdAt > 2026-11-30'?",
    ],
    [
      "createdAt >= 2026-11",
      13,
      20,
      "'2026-11' is a month; a date needs its day",
      "did you mean 'createdAt >= 2026-11-01'?",
    ],
    [
      "createdAt < 2026-11",
      12,
      19,
      "'2026-11' is a month; a date needs its day",
      "did you mean 'createdAt < 2026-11-01'?",
    ],
    [
      "createdAt <= 2026-12",
      13,
      20,
      "'2026-12' is a month; a date needs its day",
      "did you mean 'createdAt <= 2026-12-31'?",
    ],
    [
      "createdAt between 2026-10-15 and 2026-11",
      33,
      40,
      "'2026-11' is a month; a date needs its day",
      "did you mean '2026-11-30'?",
    ],
    // A list's commas left out.
    [
      "status in (pending closed)",
      10,
      26,
      "the values of a list are separated by commas",
      "did you mean 'status in (pending, closed)'?",
    ],
    [
      "status not in (pending closed new) limit 3",
      14,
      34,
      "the values of a list are separated by commas",
      "did you mean 'status not in (pending, closed, new)'?",
    ],
    [
      'tags in ("Paid" "Trial")',
      8,
      24,
      "the values of a list are separated by commas",
      'did you mean \'tags in ("Paid", "Trial")\'?',
    ],
    [
      "status in (pending, closed new)",
      10,
      31,
      "the values of a list are separated by commas",
      "did you mean 'status in (pending, closed, new)'?",
    ],
    [
      "assignee in (3129 3140) and status = new",
      12,
      23,
      "the values of a list are separated by commas",
      "did you mean 'assignee in (3129, 3140)'?",
    ],
  ])("%s", (query, start, end, message, hint) => {
    const [said, ...more] = parse(query).diagnostics;
    expect(more).toEqual([]);
    const { fix, ...told } = said!;
    expect(told).toEqual({ code: "syntax", severity: "error", message, span: { start, end }, hint });
    // Its fix makes the query meant, which parses clean.
    expect(parse(applyFix(query, fix!)).diagnostics).toEqual([]);
  });

  /** A word where a keyword or an operator goes, or where a join was left out: one diagnostic, and what was meant. */
  it.each([
    ["status = pending adn rating = poor", [17, 20, "unexpected word 'adn'", "did you mean 'and'?"]],
    ["status = new ore rating = poor", [13, 16, "unexpected word 'ore'", "did you mean 'or'?"]],
    ["status = pending limt 5", [17, 21, "unexpected word 'limt'", "did you mean 'limit 5'?"]],
    ["status = new offest 5", [13, 19, "unexpected word 'offest'", "did you mean 'offset 5'?"]],
    [
      "status = new sort by createdAt descending",
      [31, 41, "unexpected word 'descending'", "did you mean 'desc'?"],
    ],
    ["status is pending", [7, 9, "unexpected word 'is'", "did you mean 'status = pending'?"]],
    // A day's word and a time: a duration after its midnight.
    [
      "createdAt > yesterday 10:00",
      [
        12,
        27,
        "'yesterday 10:00': a time of a day is written as a duration after its midnight",
        "did you mean 'yesterday + 10h'?",
      ],
    ],
    [
      "createdAt between today 9:30 and now",
      [
        18,
        28,
        "'today 9:30': a time of a day is written as a duration after its midnight",
        "did you mean 'today + 570m'?",
      ],
    ],
    [
      "closedAt < today 00:00 and status = closed",
      [
        11,
        22,
        "'today 00:00': a time of a day is written as a duration after its midnight",
        "did you mean 'today'?",
      ],
    ],
    // A field and its value, the operator left out.
    ["status pending", [7, 14, "expected an operator after 'status'", "did you mean 'status = pending'?"]],
    ['tags "VIP" limit 3', [5, 10, "expected an operator after 'tags'", "did you mean 'tags = \"VIP\"'?"]],
    ["(status closed)", [8, 14, "expected an operator after 'status'", "did you mean 'status = closed'?"]],
    [
      "status = new or tags Paid",
      [21, 25, "expected an operator after 'tags'", "did you mean 'tags = Paid'?"],
    ],
    // A whole SQL statement: the query is its condition, or nothing.
    [
      "select * from chats where status = new",
      [
        0,
        25,
        "'select * from chats where' is SQL: an HCQL query is only the condition (and its clauses)",
        "did you mean 'status = new'?",
      ],
    ],
    [
      "SELECT * FROM chats",
      [
        0,
        19,
        "'SELECT * FROM chats' is SQL: an HCQL query is only the condition (and its clauses)",
        "a query with no condition means all chats: leave it empty",
      ],
    ],
    // A date group's unit without its `per`, or said as an adverb.
    ["count by createdAt daily", [19, 24, "unexpected word 'daily'", "did you mean 'createdAt per day'?"]],
    [
      "count by status, closedAt week limit 5",
      [26, 30, "unexpected word 'week'", "did you mean 'closedAt per week'?"],
    ],
    // `sort by count` in a count query: its rows are in that order already.
    [
      "count by status sort by count desc",
      [
        16,
        34,
        "'sort by count desc' cannot be used with count",
        "a count's rows are in that order already: leave it out",
      ],
    ],
    [
      "count by status sort by count asc",
      [
        16,
        33,
        "'sort by count asc' cannot be used with count",
        "a count orders its rows by count, largest first (a date alone: by time)",
      ],
    ],
    // A sort with its `sort by` left out.
    [
      "lastMessageAt desc",
      [0, 18, "a sort is written 'sort by lastMessageAt'", "did you mean 'sort by lastMessageAt desc'?"],
    ],
    [
      "status = new createdAt asc limit 5",
      [13, 26, "a sort is written 'sort by createdAt'", "did you mean 'sort by createdAt asc'?"],
    ],
    [
      "status = new and createdAt asc",
      [13, 30, "a sort is written 'sort by createdAt'", "did you mean 'sort by createdAt asc'?"],
    ],
    // Operators as the query languages of other tools spell them.
    ["status eq new", [7, 9, "unexpected word 'eq'", "did you mean 'status = new'?"]],
    ["rating ne poor", [7, 9, "unexpected word 'ne'", "did you mean 'rating != poor'?"]],
    [
      "createdAt gte 2026-01-01",
      [10, 13, "unexpected word 'gte'", "did you mean 'createdAt >= 2026-01-01'?"],
    ],
    ["createdAt lt now - 7d", [10, 12, "unexpected word 'lt'", "did you mean 'createdAt < now - 7d'?"]],
    // `has` is `contains` for text, and `=` for a tag or one of the agents.
    ["tags has Paid", [5, 8, "unexpected word 'has'", "did you mean 'tags = Paid'?"]],
    ["agents includes 12", [7, 15, "unexpected word 'includes'", "did you mean 'agents = 12'?"]],
    ["email has gmail", [6, 9, "unexpected word 'has'", "did you mean 'email contains gmail'?"]],
    ["email matches gmail", [6, 13, "unexpected word 'matches'", "did you mean 'email contains gmail'?"]],
    // `is` before a keyword operator: the keyword says it all.
    ["status is in (new, closed)", [7, 9, "unexpected word 'is'", "did you mean 'status in (new, closed)'?"]],
    [
      "status is not in (new, closed) limit 3",
      [7, 9, "unexpected word 'is'", "did you mean 'status not in (new, closed)'?"],
    ],
    [
      "createdAt is between 7d ago and now",
      [10, 12, "unexpected word 'is'", "did you mean 'createdAt between 7d ago and now'?"],
    ],
    ["email is not contains x", [6, 8, "unexpected word 'is'", "did you mean 'email not contains x'?"]],
    // A value of several tokens stays whole in the hint.
    ["createdAt before 7d ago", [10, 16, "unexpected word 'before'", "did you mean 'createdAt < 7d ago'?"]],
    ["createdAt after -7d", [10, 15, "unexpected word 'after'", "did you mean 'createdAt > -7d'?"]],
    [
      "status is not pending and rating = poor",
      [7, 13, "unexpected word 'is not'", "did you mean 'status != pending'?"],
    ],
    [
      'email LIKE "%example.com%"',
      [6, 10, "unexpected word 'LIKE'", "did you mean 'email contains \"example.com\"'?"],
    ],
    ["status = new group by assignee", [13, 18, "unexpected word 'group'", "did you mean 'count'?"]],
    [
      "createdAt after 2026-11-01",
      [10, 15, "unexpected word 'after'", "did you mean 'createdAt > 2026-11-01'?"],
    ],
    [
      "status = closed sortby createdAt desc",
      [16, 22, "unexpected word 'sortby'", "did you mean 'sort by'?"],
    ],
    [
      "status = closed SortBy createdAt limit 5",
      [16, 22, "unexpected word 'SortBy'", "did you mean 'sort by'?"],
    ],
    ["status = closed orderby createdAt", [16, 23, "unexpected word 'orderby'", "did you mean 'order by'?"]],
    ["status = closed top 5", [16, 19, "unexpected word 'top'", "did you mean 'limit 5'?"]],
    ["status = closed first 5", [16, 21, "unexpected word 'first'", "did you mean 'limit 5'?"]],
    ["status = closed take 5", [16, 20, "unexpected word 'take'", "did you mean 'limit 5'?"]],
    ["status = closed skip 10", [16, 20, "unexpected word 'skip'", "did you mean 'offset 10'?"]],
    [
      "status = pending rating = poor",
      [
        17,
        23,
        "expected 'and' or 'or' before 'rating'",
        "join two conditions with 'and' (both) or 'or' (either)",
      ],
    ],
    // A relative date said in words.
    ["createdAt > last week", [12, 21, "'last week' is not a date HCQL reads", "did you mean '1w ago'?"]],
    ["createdAt > last 7 days", [12, 23, "'last 7 days' is not a date HCQL reads", "did you mean '7d ago'?"]],
    [
      "createdAt > past 2 weeks and status = new",
      [12, 24, "'past 2 weeks' is not a date HCQL reads", "did you mean '2w ago'?"],
    ],
    ["closedAt < last month", [11, 21, "'last month' is not a date HCQL reads", "did you mean '30d ago'?"]],
    [
      "createdAt > Last 3 Hours",
      [12, 24, "'Last 3 Hours' is not a date HCQL reads", "did you mean '3h ago'?"],
    ],
    ["createdAt > last 7d", [12, 19, "'last 7d' is not a date HCQL reads", "did you mean '7d ago'?"]],
    [
      "createdAt >= this month",
      [
        13,
        23,
        "'this month' is not a date HCQL reads",
        "a calendar week, month or year starts on a date: write that date, as YYYY-MM-DD",
      ],
    ],
    // On a text field the words are text: quote them.
    ["email = last week", [13, 17, "unexpected word 'week'", "did you mean 'email = \"last week\"'?"]],
    // Any other word after a condition, at the end or before what may follow one.
    ["status = pending foo", [17, 20, "unexpected word 'foo'", AFTER_CONDITION]],
    [
      "email contains gmail com",
      [21, 24, "unexpected word 'com'", "did you mean 'email contains \"gmail com\"'?"],
    ],
    ["status = pending foo and rating = poor", [17, 20, "unexpected word 'foo'", AFTER_CONDITION]],
    ["(status = pending) foo limit 5", [19, 22, "unexpected word 'foo'", AFTER_CONDITION]],
  ])("%s", (query, expected) => {
    const { diagnostics } = parse(query);
    expect(diagnostics.map((d) => [d.span.start, d.span.end, d.message, d.hint])).toEqual([expected]);
  });

  it("leaves a word at the cursor after a condition alone: it may be a keyword on its way", () => {
    expect(parse("status = pending fo", { cursor: 19 }).diagnostics.map((d) => d.message)).toEqual([
      "expected an operator after 'fo'",
    ]);
  });

  it.each(AFTER_OPERAND)("'%s', a keyword a misspelt word may mean, is in the token table", (keyword) => {
    expect(KEYWORDS).toContain(keyword);
  });

  it.each(["status = new __proto__ 5", "status __proto__ x", "status = new constructor"])(
    "%s: a word named like an object's property is no spelling in the tables",
    (query) => {
      expect(parse(query).diagnostics.map((d) => d.hint ?? "")).not.toContainEqual(
        expect.stringMatching(/object|function/i),
      );
    },
  );

  it.each(Object.entries(KEYWORD_SPELLINGS))("'%s' means '%s', keywords of the token table", (_, meant) => {
    for (const word of meant.split(" ")) expect(KEYWORDS).toContain(word);
  });

  it("leaves a keyword being typed at the cursor alone", () => {
    expect(parse("status = new limi", { cursor: 17 }).diagnostics.map((d) => d.message)).toEqual([
      "expected an operator after 'limi'",
    ]);
    expect(parse("status = new limi", {}).diagnostics.map((d) => d.hint)).toEqual(["did you mean 'limit'?"]);
  });

  /** A text value of several words left bare: quoted, with its condition, whatever its words are. */
  it.each([
    ["tags = vip customer", 11, 19, "unexpected word 'customer'", "did you mean 'tags = \"vip customer\"'?"],
    ["tags = on hold", 10, 14, "unexpected word 'hold'", "did you mean 'tags = \"on hold\"'?"],
    [
      "email ~ john smith sort by createdAt",
      13,
      18,
      "unexpected word 'smith'",
      "did you mean 'email ~ \"john smith\"'?",
    ],
    [
      "(tags = big deal now) or status = new",
      12,
      20,
      "unexpected word 'deal now'",
      "did you mean 'tags = \"big deal now\"'?",
    ],
    [
      "userId contains ab cd 2 limit 5",
      19,
      23,
      "unexpected word 'cd 2'",
      "did you mean 'userId contains \"ab cd 2\"'?",
    ],
  ])("%s", saysOnly);

  it.each([
    // A field's name and an operator after it: a condition, with its join left out.
    ["tags = vip customer = 5", "expected 'and' or 'or' before 'customer'"],
    // Not a text field: the word is out of place, not part of the value.
    ["status = pending foo", "unexpected word 'foo'"],
  ])("%s: not a value of several words", (query, message) => {
    expect(parse(query).diagnostics.map((d) => d.message)).toEqual([message]);
  });

  /** A clause spelt another way where the query begins, and a spoken date where a condition goes. */
  it.each([
    ["top 5", 0, 3, "unexpected word 'top'", "did you mean 'limit 5'?"],
    ["sortby createdAt desc", 0, 6, "unexpected word 'sortby'", "did you mean 'sort by'?"],
    ["limt 5", 0, 4, "unexpected word 'limt'", "did you mean 'limit 5'?"],
    ["srot by createdAt", 0, 4, "unexpected word 'srot'", "did you mean 'sort'?"],
    ["skip 10", 0, 4, "unexpected word 'skip'", "did you mean 'offset 10'?"],
    ["past 3 days", 0, 11, "'past 3 days' is not a date HCQL reads", "did you mean 'createdAt > 3d ago'?"],
    [
      "status = new and last 2 weeks",
      17,
      29,
      "'last 2 weeks' is not a date HCQL reads",
      "did you mean 'createdAt > 2w ago'?",
    ],
    [
      "createdAt between last week and today",
      18,
      27,
      "'last week' is not a date HCQL reads",
      "did you mean '1w ago'?",
    ],
    [
      "createdAt between 2026-11-01 and past 3 days",
      33,
      44,
      "'past 3 days' is not a date HCQL reads",
      "did you mean '3d ago'?",
    ],
  ])("%s", saysOnly);

  it.each(["ascending", "last = 5", "limt = 5"])(
    "%s: a first word that is no clause is left alone",
    (query) => {
      expect(parse(query).diagnostics.map((d) => d.message)).not.toContainEqual(
        expect.stringMatching(/unexpected word|is not a date/),
      );
    },
  );

  it("leaves the last word of a value being typed alone", () => {
    expect(parse("tags = vip cust", { cursor: 15 }).diagnostics.map((d) => d.message)).toEqual([
      "expected an operator after 'cust'",
    ]);
  });

  it.each(["a = 1 b = 2", "status = new and staus"])(
    "%s: no keyword, operator or join is guessed",
    (query) => {
      expect(parse(query).diagnostics.map((d) => d.message)).not.toContainEqual(
        expect.stringMatching(/unexpected word|expected 'and' or 'or'/),
      );
    },
  );

  /** A value written the way only quotes allow: with a dash inside, or a status in two words. */
  it.each([
    [
      "userId = abc-123",
      [[9, 16, "'abc-123' has a '-' inside: such a value is written in quotes", 'quote it: "abc-123"']],
    ],
    [
      "tags in (vip-customer, a-b-c)",
      [
        [
          9,
          21,
          "'vip-customer' has a '-' inside: such a value is written in quotes",
          'quote it: "vip-customer"',
        ],
        [23, 28, "'a-b-c' has a '-' inside: such a value is written in quotes", 'quote it: "a-b-c"'],
      ],
    ],
    [
      "status = on hold",
      [
        [
          9,
          16,
          "'on hold' is two words: such a value is written in quotes or with '_'",
          "did you mean 'on_hold'?",
        ],
      ],
    ],
    // Told as the dashed value is: what to do, then the value quoted.
    ["email = foo@bar.com", [[11, 12, "unexpected character '@'", 'quote it: "foo@bar.com"']]],
    [
      "tags = 12/01/2026",
      [
        [9, 10, "unexpected character '/'", 'quote it: "12/01/2026"'],
        [12, 13, "unexpected character '/'", undefined],
      ],
    ],
    [
      "tags = 2026-12-1",
      [[7, 16, "'2026-12-1' has a '-' inside: such a value is written in quotes", 'quote it: "2026-12-1"']],
    ],
  ])("%s", (query, expected) => {
    expect(parse(query).diagnostics.map((d) => [d.span.start, d.span.end, d.message, d.hint])).toEqual(
      expected,
    );
  });

  it.each(["createdAt > now-7d", "createdAt > today-1d", 'status = "on hold"', "tags = a - b"])(
    "%s: no dash or two words to explain",
    (query) => {
      expect(parse(query).diagnostics.map((d) => d.message)).not.toContainEqual(
        expect.stringMatching(/has a '-' inside|is two words/),
      );
    },
  );

  /** Dates without their zeros, tests for a missing value, and a word where no condition ended. */
  it.each([
    [
      "createdAt >= 2026-12-1",
      [
        [
          13,
          22,
          "'2026-12-1' is not a date: a date is written year-month-day, YYYY-MM-DD",
          "did you mean '2026-12-01'?",
        ],
      ],
    ],
    [
      "createdAt between 2026-11-1 and 2026-11-30",
      [
        [
          18,
          27,
          "'2026-11-1' is not a date: a date is written year-month-day, YYYY-MM-DD",
          "did you mean '2026-11-01'?",
        ],
      ],
    ],
    [
      "closedAt IS NULL",
      [
        [
          9,
          16,
          "'IS NULL' tests for a missing value, which the API cannot",
          "the API finds chats by values they have, never by one missing (open chats: status != closed)",
        ],
      ],
    ],
  ])("%s", (query, expected) => {
    expect(parse(query).diagnostics.map((d) => [d.span.start, d.span.end, d.message, d.hint])).toEqual(
      expected,
    );
  });

  /** `null` and `empty` after `is` ask for a missing value, as `closedAt is null` does; `empty` is also a status. */
  it.each([
    ["assignee is empty", 9, 17, "'is empty' tests for a missing value, which the API cannot"],
    ["assignee is null", 9, 16, "'is null' tests for a missing value, which the API cannot"],
    ["rating is empty", 7, 15, "'is empty' tests for a missing value, which the API cannot"],
    ["assignee is not EMPTY", 9, 21, "'is not EMPTY' tests for a missing value, which the API cannot"],
  ])("%s", (query, start, end, message) => {
    const hint =
      "the API finds chats by values they have, never by one missing (open chats: status != closed)";
    expect(parse(query).diagnostics).toEqual([
      { code: "syntax", severity: "error", message, span: { start, end }, hint },
    ]);
  });

  it("status is empty: the status named empty", () => {
    expect(parse("status is empty").diagnostics.map((d) => d.hint)).toEqual([
      "did you mean 'status = empty'?",
    ]);
  });

  /** Dates and date-times written almost right: one diagnostic over the value, and the value meant. */
  it.each([
    [
      "createdAt > 2026-12-01T10:00:00.000Z",
      [
        12,
        36,
        "'2026-12-01T10:00:00.000Z' has a fraction of a second; the API takes whole seconds",
        "did you mean '2026-12-01T10:00:00Z'?",
      ],
    ],
    [
      "createdAt > 2026-12-01T10:00:00.5 and status = new",
      [
        12,
        33,
        "'2026-12-01T10:00:00.5' has a fraction of a second; the API takes whole seconds",
        "did you mean '2026-12-01T10:00:00'?",
      ],
    ],
    [
      "createdAt < 2026-12-01t10:00:00.123+02:00",
      [
        12,
        41,
        "'2026-12-01t10:00:00.123+02:00' has a fraction of a second; the API takes whole seconds",
        "did you mean '2026-12-01T10:00:00+02:00'?",
      ],
    ],
    [
      "createdAt > 2026-12-06 T10:00",
      [
        12,
        29,
        "a date and its time are one value, joined by 'T' without a space",
        "did you mean '2026-12-06T10:00'?",
      ],
    ],
    [
      "createdAt > 2026-12-06T 10:00",
      [
        12,
        29,
        "a date and its time are one value, joined by 'T' without a space",
        "did you mean '2026-12-06T10:00'?",
      ],
    ],
    [
      "createdAt > 2026-12-01T10",
      [12, 25, "'2026-12-01T10' has no minutes: a time is written HH:MM", "did you mean '2026-12-01T10:00'?"],
    ],
    [
      "createdAt > 2026-12-01T10 and status = new",
      [12, 25, "'2026-12-01T10' has no minutes: a time is written HH:MM", "did you mean '2026-12-01T10:00'?"],
    ],
    [
      "createdAt > 2026-12-01T9:30",
      [
        12,
        27,
        "'2026-12-01T9:30' is not a date-time: a time is written HH:MM",
        "did you mean '2026-12-01T09:30'?",
      ],
    ],
    [
      "createdAt > 2026-12-01T10:00:00+0200",
      [12, 36, "an offset is written ±HH:MM, not '+0200'", "did you mean '2026-12-01T10:00:00+02:00'?"],
    ],
    [
      "createdAt > 2026-12-01T10:00-05",
      [12, 31, "an offset is written ±HH:MM, not '-05'", "did you mean '2026-12-01T10:00-05:00'?"],
    ],
    [
      "createdAt > 12/01/2026",
      [
        12,
        22,
        "'12/01/2026' is not a date: a date is written year-month-day, YYYY-MM-DD",
        "did you mean '2026-12-01' or '2026-01-12'?",
      ],
    ],
    [
      "createdAt > 31/12/2026",
      [
        12,
        22,
        "'31/12/2026' is not a date: a date is written year-month-day, YYYY-MM-DD",
        "did you mean '2026-12-31'?",
      ],
    ],
    [
      "createdAt > 12/31/2026",
      [
        12,
        22,
        "'12/31/2026' is not a date: a date is written year-month-day, YYYY-MM-DD",
        "did you mean '2026-12-31'?",
      ],
    ],
    [
      "createdAt > 2026/12/01",
      [
        12,
        22,
        "'2026/12/01' is not a date: a date is written year-month-day, YYYY-MM-DD",
        "did you mean '2026-12-01'?",
      ],
    ],
    [
      "createdAt > 1/2/2026 and status = new",
      [
        12,
        20,
        "'1/2/2026' is not a date: a date is written year-month-day, YYYY-MM-DD",
        "did you mean '2026-01-02' or '2026-02-01'?",
      ],
    ],
    [
      "createdAt > 31.12.2026",
      [
        12,
        22,
        "'31.12.2026' is not a date: a date is written year-month-day, YYYY-MM-DD",
        "did you mean '2026-12-31'?",
      ],
    ],
    [
      "createdAt > 12-31-2026",
      [
        12,
        22,
        "'12-31-2026' is not a date: a date is written year-month-day, YYYY-MM-DD",
        "did you mean '2026-12-31'?",
      ],
    ],
    [
      "createdAt > 13/13/2026",
      [
        12,
        22,
        "'13/13/2026' is not a date: a date is written year-month-day, YYYY-MM-DD",
        "write a date like 2020-06-24, 2020-06-24T10:00, 1592962538, today, now - 7d or 7d ago",
      ],
    ],
  ])("%s", (query, expected) => {
    expect(parse(query).diagnostics.map((d) => [d.span.start, d.span.end, d.message, d.hint])).toEqual([
      expected,
    ]);
  });

  it("tells both ends of a between of dates written day first", () => {
    const { diagnostics } = parse("createdAt between 01/12/2026 and 31/12/2026");
    expect(diagnostics.map((d) => [d.span, d.hint])).toEqual([
      [{ start: 18, end: 28 }, "did you mean '2026-01-12' or '2026-12-01'?"],
      [{ start: 33, end: 43 }, "did you mean '2026-12-31'?"],
    ]);
  });

  it.each([
    "createdAt > 2026-12-01T10:00:00Z",
    "createdAt > 2026-12-01T10:00+02:00 and status = new",
    "createdAt between 2026-12-01 and 2026-12-31",
  ])("%s: a date as written, no slip", (query) => {
    expect(parse(query).diagnostics).toEqual([]);
  });

  it.each([["createdAt = 2026-12-01 10", "unexpected '10'"]])(
    "%s: a number after a date is no time",
    (query, message) => {
      expect(parse(query).diagnostics.map((d) => d.message)).toEqual([message]);
    },
  );

  /** SQL's `where`, a search box's `field:value`, operators in two words. */
  it.each([
    [
      "WHERE status = pending",
      0,
      5,
      "unexpected word 'WHERE'",
      "a query begins with its condition: it needs no 'where'",
    ],
    [
      "where (status = 1)",
      0,
      5,
      "unexpected word 'where'",
      "a query begins with its condition: it needs no 'where'",
    ],
    ["rating = poor WHERE status = 1", 14, 19, "unexpected word 'WHERE'", "did you mean 'and'?"],
    [
      "status:pending",
      0,
      14,
      "':' is no operator in 'status:pending': a field and its value are joined by '='",
      "did you mean 'status = pending'?",
    ],
    [
      'tags:"Paid Plan" sort by createdAt',
      0,
      16,
      "':' is no operator in 'tags:\"Paid Plan\"': a field and its value are joined by '='",
      "did you mean 'tags = \"Paid Plan\"'?",
    ],
    [
      "customer.email ends with gmail.com",
      15,
      24,
      "unexpected word 'ends with'",
      "did you mean 'customer.email contains gmail.com'?",
    ],
    ["email starts with john", 6, 17, "unexpected word 'starts with'", "did you mean 'email contains john'?"],
  ])("%s", saysOnly);

  /** A list without parentheses, a date word called, a field left out after a join, `count` without `by`. */
  it.each([
    [
      "status in pending, closed",
      7,
      25,
      "the values after 'in' are written in parentheses",
      "did you mean 'status in (pending, closed)'?",
    ],
    [
      "status not in new, 7 limit 5",
      11,
      20,
      "the values after 'in' are written in parentheses",
      "did you mean 'status not in (new, 7)'?",
    ],
    [
      "status = pending,closed",
      7,
      23,
      "'=' compares with one value; a list of values takes 'in'",
      "did you mean 'status in (pending, closed)'?",
    ],
    [
      'tags != "a b", c',
      5,
      16,
      "'!=' compares with one value; a list of values takes 'not in'",
      "did you mean 'tags not in (\"a b\", c)'?",
    ],
    [
      "createdAt > now() - 7d",
      12,
      17,
      "'now' is a date word, not a function: it takes no parentheses",
      "did you mean 'now'?",
    ],
    [
      "createdAt >= 2026-12-01 and <= 2026-12-05",
      28,
      30,
      "expected a condition after 'and'",
      "did you mean 'createdAt <= 2026-12-05'?",
    ],
    [
      "count status, rating",
      6,
      12,
      "expected 'by' after 'count', found 'status'",
      "did you mean 'count by status, rating'?",
    ],
  ])("%s", saysOnly);

  /** Dates and ranges said in words, and a sort's direction written late. */
  it.each([
    [
      "createdAt in last 7 days",
      13,
      24,
      "'last 7 days' is not a date HCQL reads",
      "did you mean 'createdAt > 7d ago'?",
    ],
    ["createdAt within 7d", 10, 16, "unexpected word 'within'", "did you mean 'createdAt > 7d ago'?"],
    [
      "createdAt since 2026-01-01",
      10,
      15,
      "unexpected word 'since'",
      "did you mean 'createdAt >= 2026-01-01'?",
    ],
    [
      "createdAt from 2026-01-01 to 2026-02-01",
      10,
      14,
      "unexpected word 'from'",
      "did you mean 'createdAt between 2026-01-01 and 2026-02-01'?",
    ],
    [
      "createdAt between 2026-01-01 until today",
      29,
      34,
      "unexpected word 'until'",
      "did you mean 'createdAt between 2026-01-01 and today'?",
    ],
    ["sort by createdAt limit 5 desc", 26, 30, "unexpected 'desc'", "did you mean 'sort by createdAt desc'?"],
    [
      "status = new order by closedAt limit 5 offset 10 asc",
      49,
      52,
      "unexpected 'asc'",
      "did you mean 'order by closedAt asc'?",
    ],
  ])("%s", saysOnly);

  it.each([
    ["status = new and = 5", "expected a condition after 'and'", "did you mean 'status = 5'?"],
    // No field of the table before it, or none at all: nothing to say again.
    ["a = 1 and <= 5", "expected a condition after 'and'", undefined],
    ["count foo", "expected an operator after 'foo'", undefined],
  ])("%s: the field said again only when it is one", (query, message, hint) => {
    expect(parse(query).diagnostics.map((d) => [d.message, d.hint])).toContainEqual([message, hint]);
  });

  it("tells each field:value of a query", () => {
    expect(parse("status:pending AND rating:poor").diagnostics.map((d) => d.hint)).toEqual([
      "did you mean 'status = pending'?",
      "did you mean 'rating = poor'?",
    ]);
  });

  it.each(["foo:bar", "where = 5", "status:"])("%s: no field:value or where is guessed", (query) => {
    expect(parse(query).diagnostics.map((d) => d.message)).not.toContainEqual(
      expect.stringMatching(/no operator|unexpected word/),
    );
  });

  it("tells both ends of a between of months", () => {
    expect(parse("createdAt between 2026-11 and 2026-12").diagnostics.map((d) => [d.span, d.hint])).toEqual([
      [{ start: 18, end: 25 }, "did you mean '2026-11-01'?"],
      [{ start: 30, end: 37 }, "did you mean '2026-12-31'?"],
    ]);
  });

  it.each(["status = (new", "createdAt > 2026-13", "tags = ()", "createdAt = 2026-11-01 and x"])(
    "%s: not a slip, the syntax errors stay",
    (query) => {
      expect(parse(query).diagnostics.map((d) => d.message)).not.toContainEqual(
        expect.stringMatching(/compares with one value|joined by 'T'|is a month/),
      );
    },
  );
});

describe("a query written as a sentence", () => {
  const SENTENCE =
    "this reads as a sentence: a query is conditions such as 'status = pending', joined by 'and' or 'or'";

  it.each([
    [
      "show me pending chats from last week",
      0,
      36,
      "did you mean 'status = pending and createdAt > 1w ago'?",
    ],
    ["all open chats", 0, 14, "did you mean 'status = opened'?"],
    [
      "pending or open chats from the last 7 days with poor rating",
      0,
      59,
      "did you mean 'status in (pending, opened) and rating = poor and createdAt > 7d ago'?",
    ],
    // Words people use that are no status or rating names, as the checker's hints read them.
    ["solved chats with bad ratings", 0, 29, "did you mean 'status = closed and rating = poor'?"],
    ["active chats rated good", 0, 23, "did you mean 'status = opened and rating = great'?"],
    ["good morning show me new chats", 0, 30, "did you mean 'status = new'?"],
    ["closed chats from yesterday", 0, 27, "did you mean 'status = closed and createdAt >= yesterday'?"],
    ["pending chats today limit 5", 0, 19, "did you mean 'status = pending and createdAt >= today'?"],
    ["chats assigned to Kosta", 0, 23, "for example: status = pending and createdAt > 7d ago"],
    [
      "show me unassigned pending chats",
      0,
      32,
      "the API finds chats by values they have, never by one missing (open chats: status != closed)",
    ],
    ["status = new and show me everything", 17, 35, "for example: status = pending and createdAt > 7d ago"],
    ["(give me the closed ones) or rating = poor", 1, 24, "did you mean 'status = closed'?"],
  ])("%s: one diagnostic, with the query its words make", (query, start, end, hint) => {
    saysOnly(query, start, end, SENTENCE, hint);
    // The checker adds nothing: the sentence's words are no fields to look up.
    expect(compile(query).diagnostics.map((d) => d.message)).toEqual([SENTENCE]);
    // The query its words make is one that compiles.
    const meant = /^did you mean '(.*)'\?$/.exec(hint)?.[1];
    if (meant !== undefined) expect(compile(meant).ok).toBe(true);
  });

  it.each([
    ["pending chats", ["'pending' is a status, not a field", "expected an operator after 'chats'"]],
    [
      "show me status = pending",
      ["unknown field 'show'", "expected an operator after 'show'", "expected an operator after 'me'"],
    ],
  ])("%s: fewer than three words, or words before a condition: told word by word", (query, messages) => {
    expect(compile(query).diagnostics.map((d) => d.message)).toEqual(messages);
  });
});

describe("fields and values with their operators left out", () => {
  it.each([
    ["status pending", 7, 14, "did you mean 'status = pending'?"],
    ["status pending rating poor", 7, 14, "did you mean 'status = pending and rating = poor'?"],
    [
      "status pending rating poor tags vip limit 5",
      7,
      14,
      "did you mean 'status = pending and rating = poor and tags = vip'?",
    ],
  ])("%s: one diagnostic, `=` and `and` meant", (query, start, end, hint) => {
    saysOnly(query, start, end, "expected an operator after 'status'", hint);
    expect(compile(/^did you mean '(.*)'\?$/.exec(hint)![1]!).ok).toBe(true);
  });
});

describe("a range written with a dash between two dates", () => {
  const DASHED = "a '-' between two dates is no range: a range is written 'between … and …'";

  it.each([
    [
      "createdAt between 2026-01-01 - 2026-02-01",
      29,
      30,
      "did you mean 'createdAt between 2026-01-01 and 2026-02-01'?",
    ],
    [
      "closedAt from 2026-01-01T08:00 - 2026-02-01 limit 5",
      31,
      32,
      "did you mean 'closedAt between 2026-01-01T08:00 and 2026-02-01'?",
    ],
  ])("%s: one diagnostic, between … and … meant", (query, start, end, hint) => {
    saysOnly(query, start, end, DASHED, hint);
    expect(compile(/^did you mean '(.*)'\?$/.exec(hint)![1]!).ok).toBe(true);
  });

  it("now less a duration stays what it is", () => {
    expect(parse("createdAt between now - 30d and now - 7d").diagnostics).toEqual([]);
  });
});

describe("sort with its 'by' left out", () => {
  it.each([
    ["status = pending sort lastMessageAt", 22, 35, "sort", "lastMessageAt", "sort by lastMessageAt"],
    [
      "status = pending order createdAt desc limit 5",
      23,
      32,
      "order",
      "createdAt",
      "order by createdAt desc",
    ],
  ])("%s: one diagnostic, `by` meant", (query, start, end, sort, field, meant) => {
    saysOnly(
      query,
      start,
      end,
      `expected 'by' after '${sort}', found '${field}'`,
      `did you mean '${meant}'?`,
    );
    expect(compile(query.replace(`${sort} `, `${sort} by `)).ok).toBe(true);
  });
});
