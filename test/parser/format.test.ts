import { describe, expect, it } from "vitest";
import { FormatError, format, formatQuery, parse, readingOf } from "../../src/parser/index.js";

describe("format", () => {
  it.each<[string, string]>([
    [
      "STATUS==pending && (Rating = GREAT || rating=poor) ORDER BY closedat desc",
      "status = pending and (rating = great or rating = poor) sort by closedAt desc",
    ],
    ["", ""],
    // Comments are dropped (keepComments keeps them: below).
    ["# only a comment", ""],
    [
      "# pending VIPs, last week\nstatus = pending   # waiting on us  \n  and tags = 'VIP'",
      'status = pending and tags = "VIP"',
    ],
    ["tags = \"#1\" or tags = 'a#b'", 'tags = "#1" or tags = "a#b"'],
    // count (§10): after sort, before limit; units lower-case
    ["LIMIT 5 Count BY chats.Assignee , CREATEDAT per WEEK", "count by assignee, createdAt per week limit 5"],
    ["status = new count", "status = new count"],
    ["count by tag.x per x", "count by tag.x per x"],
    ["status = pending # open ones\n  and tags = 'Paid'", 'status = pending and tags = "Paid"'],
    // fields: the first short name
    ["chats.status = new", "status = new"],
    ["CUSTOMER.EMAIL = 'a@b.c'", 'email = "a@b.c"'],
    ["customer.tagsData = x or tag = y or TAGSDATA = z", 'tags = "x" or tags = "y" or tags = "z"'],
    ["chats.customer.userId = 'u1'", 'userId = "u1"'],
    ["stauts = 1", "stauts = 1"],
    // statuses and ratings by their first bare name, codes as names
    ["status = 4", "status = on_hold"],
    ['status = "on hold"', "status = on_hold"],
    [
      'status = "on-hold" or status = HOLD or status = onhold',
      "status = on_hold or status = on_hold or status = on_hold",
    ],
    ['status = "4"', "status = on_hold"],
    ["status != 007", "status != empty"],
    ["status = open or status = resolved", "status = opened or status = closed"],
    ['status in (1, "no communication", Pending)', "status in (new, no_communication, pending)"],
    ["status = 9", "status = 9"],
    ["status = unknown", "status = unknown"],
    ['status = "who knows"', 'status = "who knows"'],
    [
      "rating = GREAT or rating = 'Poor' or rating = Average",
      "rating = great or rating = poor or rating = average",
    ],
    ["rating = good", "rating = good"],
    ["tags = pending or email = 4", 'tags = "pending" or email = "4"'],
    // operators
    ["a == 1 and b <> 2 and c != 3", "a = 1 and b != 2 and c != 3"],
    ["a >= 1 and a > 1 and a <= 1 and a < 1", "a >= 1 and a > 1 and a <= 1 and a < 1"],
    ['email ~ "x" and email !~ "y"', 'email contains "x" and email not contains "y"'],
    [
      'email CONTAINS "x" or email NOT contains "y" or email ! contains "z"',
      'email contains "x" or email not contains "y" or email not contains "z"',
    ],
    ["status ! IN (new,opened,)", "status not in (new, opened)"],
    ["createdAt NOT BETWEEN 2020-01-01 && 2020-02-01", "createdAt not between 2020-01-01 and 2020-02-01"],
    ["! status = new", "not status = new"],
    ["not not status = new", "not not status = new"],
    // parentheses only where precedence needs them
    ["((status = new))", "status = new"],
    ["(a = 1 or b = 2) or c = 3", "a = 1 or b = 2 or c = 3"],
    ["(a = 1 and b = 2) and c = 3", "a = 1 and b = 2 and c = 3"],
    ["a = 1 or (b = 2 and c = 3)", "a = 1 or b = 2 and c = 3"],
    ["(a = 1 or b = 2) and c = 3", "(a = 1 or b = 2) and c = 3"],
    ["not (a = 1)", "not a = 1"],
    ["not (a = 1 and b = 2)", "not (a = 1 and b = 2)"],
    ["not (not a = 1)", "not not a = 1"],
    ["(not a = 1) and b = 2", "not a = 1 and b = 2"],
    // values
    ['tags = \'it\\\'s\' or tags = "say \\"hi\\""', 'tags = "it\'s" or tags = "say \\"hi\\""'],
    ['tags = "a\\tb\\nc\\\\d\\u0001"', 'tags = "a\\tb\\nc\\\\d\\u0001"'],
    ['tags = "\\u00e9t\\u00E9 状态 😀"', 'tags = "été 状态 😀"'],
    ["tags = VIP or tags = 12", 'tags = "VIP" or tags = "12"'],
    // the digits of a string field's integer as written, quoted
    ["userId = 007 or userId in (12, x)", 'userId = "007" or userId in ("12", "x")'],
    // words on fields the table does not know stay as written
    ["team = VIP", "team = VIP"],
    ["assignee = 007", "assignee = 007"],
    ["createdAt > 2020-06-24t10:00z", "createdAt > 2020-06-24T10:00Z"],
    ["createdAt > 2020-06-24T10:00:00+02:00", "createdAt > 2020-06-24T10:00:00+02:00"],
    ["createdAt > NOW - 7d and createdAt < Today+1h", "createdAt > now - 7d and createdAt < today + 1h"],
    ["createdAt > 7d AGO or createdAt > -2w", "createdAt > 7d ago or createdAt > -2w"],
    ["createdAt > TODAY", "createdAt > today"],
    ["createdAt = Yesterday or closedAt < NOW", "createdAt = yesterday or closedAt < now"],
    ["createdAt between TODAY and Yesterday - 1h", "createdAt between today and yesterday - 1h"],
    // clauses: sort (no asc), limit, offset, in this order
    ["offset 5 limit 10 order by LASTMESSAGEAT asc", "sort by lastMessageAt limit 10 offset 5"],
    ["sort by chats.createdAt DESC", "sort by createdAt desc"],
    ["sort by nosuch", "sort by nosuch"],
    ["status = 1 limit 007", "status = new limit 007"],
  ])("%j", (input, expected) => {
    expect(format(input)).toBe(expected);
    expect(format(expected)).toBe(expected);
  });

  it("formats a parsed tree as it formats the text", () => {
    const { query } = parse("Status == 4 || ! rating = GREAT");
    expect(format(query)).toBe("status = on_hold or not rating = great");
  });

  it("quotes a word that could not be read back as one", () => {
    const word = (name: string) => ({ kind: "word" as const, span: { start: 0, end: 0 }, name });
    const span = { start: 0, end: 0 };
    const query = (name: string) => ({
      kind: "query" as const,
      span,
      condition: {
        kind: "comparison" as const,
        span,
        field: { kind: "field" as const, span, name: "tags" },
        operator: "=" as const,
        operatorSpan: span,
        value: word(name),
      },
      sort: undefined,
      limit: undefined,
      offset: undefined,
    });
    expect(format(query("limit"))).toBe('tags = "limit"');
    expect(format(query("two words"))).toBe('tags = "two words"');
    expect(format(query("fine_word"))).toBe('tags = "fine_word"');
  });

  it.each<[string, string[]]>([
    ["status = 5 or", ["syntax"]],
    ["tags = limit", ["syntax"]],
    ["(a = 1", ["syntax"]],
    ["a".repeat(70_000), ["too-long"]],
  ])("refuses %j: formatQuery returns the diagnostics, format throws them", (input, codes) => {
    const result = formatQuery(input);
    expect(result.text).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual(codes);
    let thrown: unknown;
    try {
      format(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FormatError);
    expect((thrown as FormatError).diagnostics).toEqual(result.diagnostics);
  });

  it("refuses text whose canonical form is longer than a query may be (`a=0` is `a = 0`)", () => {
    const terse = "a=0 or ".repeat(9000).concat("a=0");
    expect(terse.length).toBeLessThanOrEqual(65_536);
    expect(parse(terse).diagnostics).toEqual([]);
    const result = formatQuery(terse);
    expect(result).toEqual({
      text: undefined,
      diagnostics: [
        {
          code: "too-long",
          severity: "error",
          message:
            "the query's canonical form is 81,005 characters long; the limit is 65,536, so it cannot be formatted",
          span: { start: 0, end: terse.length },
        },
      ],
    });
    expect(() => format(terse)).toThrow(
      "cannot format the query: the query's canonical form is 81,005 characters long; the limit is 65,536, so it cannot be formatted",
    );
    // Under a larger limit it formats.
    expect(formatQuery(terse, { maxLength: 100_000 }).text).toMatch(/^a = 0 or a = 0/);
  });

  it("refuses a tree with error nodes", () => {
    expect(() => format(parse("status = 5 or").query)).toThrow(FormatError);
  });

  it.each<[string, string]>([
    ["# only a comment", "# only a comment"],
    [
      "# pending VIPs, last week\nstatus = pending   # waiting on us  \n  and tags = 'VIP'",
      '# pending VIPs, last week\n# waiting on us\nstatus = pending and tags = "VIP"',
    ],
    ["status = pending # open ones\n  and tags = 'Paid'", '# open ones\nstatus = pending and tags = "Paid"'],
    ["status = 1", "status = new"],
  ])("keepComments keeps %j's comments, each on a line of its own above the query", (input, expected) => {
    expect(formatQuery(input, { keepComments: true }).text).toBe(expected);
    expect(format(input, { keepComments: true })).toBe(expected);
    expect(format(expected, { keepComments: true })).toBe(expected);
  });
});

describe("readingOf: how a condition mixing and and or reads", () => {
  it.each([
    ["a = 1 or b = 2 and c = 3", "a = 1 or (b = 2 and c = 3)"],
    ["a = 1 and b = 2 or c = 3 and not d = 4", "(a = 1 and b = 2) or (c = 3 and not d = 4)"],
    ["not (a = 1 or b = 2 and c = 3)", "not (a = 1 or (b = 2 and c = 3))"],
    ["(a = 1 or b = 2 and c = 3) and d = 4", "(a = 1 or (b = 2 and c = 3)) and d = 4"],
    [
      "a = 1 or ( b = 2 and c = 3 ) or d = 4 and e = 5 limit 3",
      "a = 1 or (b = 2 and c = 3) or (d = 4 and e = 5)",
    ],
  ])("%s → %s", (text, reading) => {
    expect(readingOf(parse(text).query, text)).toBe(reading);
  });

  it.each([
    "a = 1 or (b = 2 and c = 3)",
    "(a = 1 or b = 2) and c = 3",
    "a = 1 and b = 2",
    "a = 1 or b = 2",
    "limit 5",
  ])("%s: nothing to say (no and inside an or left bare)", (text) => {
    expect(readingOf(parse(text).query, text)).toBeUndefined();
  });
});
