import { describe, expect, it } from "vitest";
import { check, compile, explain, fixQuery } from "../../src/compiler/index.js";
import { applyFix, type Diagnostic } from "../../src/language/diagnostics.js";
import { items, only, options, problems } from "./helpers.js";

/** What each field allows, written out here (not read from the table) so that a table change shows. */
const ALLOWED: Record<string, { value: string; forms: string[] }> = {
  assignee: {
    value: "5",
    forms: ["=", "!=", ">", "<", ">=", "<=", "in", "not in", "between", "not between"],
  },
  agents: { value: "5", forms: ["=", "!=", "in", "not in"] },
  department: {
    value: "5",
    forms: ["=", "!=", ">", "<", ">=", "<=", "in", "not in", "between", "not between"],
  },
  customer: {
    value: "5",
    forms: ["=", "!=", ">", "<", ">=", "<=", "in", "not in", "between", "not between"],
  },
  createdAt: {
    value: "2020-06-24",
    forms: ["=", "!=", ">", "<", ">=", "<=", "in", "not in", "between", "not between"],
  },
  updatedAt: {
    value: "now",
    forms: ["=", "!=", ">", "<", ">=", "<=", "in", "not in", "between", "not between"],
  },
  closedAt: {
    value: "1592962538",
    forms: ["=", "!=", ">", "<", ">=", "<=", "in", "not in", "between", "not between"],
  },
  status: { value: "new", forms: ["=", "!=", "in", "not in"] },
  rating: { value: "poor", forms: ["=", "!=", "in", "not in"] },
  email: { value: '"x"', forms: ["=", "!=", "~", "!~", "in", "not in", "contains", "not contains"] },
  userId: { value: '"x"', forms: ["=", "!=", "~", "!~", "in", "not in", "contains", "not contains"] },
  tags: { value: '"x"', forms: ["=", "in"] },
};

const FORMS = [
  "=",
  "!=",
  ">",
  "<",
  ">=",
  "<=",
  "~",
  "!~",
  "in",
  "not in",
  "between",
  "not between",
  "contains",
  "not contains",
];

function predicateText(field: string, form: string, value: string): string {
  if (form === "in" || form === "not in") return `${field} ${form} (${value})`;
  if (form === "between" || form === "not between") return `${field} ${form} ${value} and ${value}`;
  return `${field} ${form} ${value}`;
}

const MATRIX = Object.entries(ALLOWED).flatMap(([field, { value, forms }]) =>
  FORMS.map((form) => [predicateText(field, form, value), field, form, forms.includes(form)] as const),
);

describe("operators per field, sugar included", () => {
  it.each(MATRIX)("%s", (query, field, form, allowed) => {
    const found = problems(query);
    if (allowed) expect(found).toEqual([]);
    else expect(found).toEqual([["operator-not-allowed", field.length + 1, field.length + 1 + form.length]]);
  });

  it("lists what the field allows", () => {
    const d = only('tags != "Paid"');
    expect(d.message).toBe("operator '!=' is not allowed for tags; it allows =, in");
    expect(d.span).toEqual({ start: 5, end: 7 });
    expect(only("status > 3").message).toBe(
      "operator '>' is not allowed for status; it allows =, !=, in, not in",
    );
    expect(only("email between 1 and 2").message).toBe(
      "operator 'between' is not allowed for email; it allows =, !=, ~, !~, in, not in, contains, not contains",
    );
  });

  it.each([
    ["tags != Paid", "the API cannot test that a customer lacks a tag"],
    ["tags not in (Paid, VIP)", "the API cannot test that a customer lacks a tag"],
    ["tags contains Pa", "the API matches a tag by its whole name: tags = Paid, tags in (Paid, VIP)"],
    ["tags ~ Pa", "the API matches a tag by its whole name: tags = Paid, tags in (Paid, VIP)"],
    ["tags not contains Pa", "the API matches a tag by its whole name: tags = Paid, tags in (Paid, VIP)"],
    ["tags > Pa", undefined],
  ])("%s: why tags refuse it", (query, hint) => {
    expect(only(query).hint).toBe(hint);
  });

  it.each([
    ["status == new", "="],
    ["status <> new", "!="],
    ["email ~ x", "~"],
    ["email !~ x", "!~"],
    ["email contains x", "~"],
    ["email not contains x", "!~"],
  ])("%s", (query, operator) => {
    expect(items(query)[0]).toEqual(expect.arrayContaining([operator]));
  });
});

describe("values", () => {
  it.each([
    ["assignee = 3129", [["chats.assignee", "=", 3129]]],
    ["assignee = 007", [["chats.assignee", "=", 7]]],
    ["assignee = 9007199254740991", [["chats.assignee", "=", 9007199254740991]]],
    ["department > 3", [["chats.department", ">", 3]]],
    ["agents != 7", [["chats.agents", "!=", 7]]],
    ["customer <= 8740723", [["chats.customer", "<=", 8740723]]],
    ['email = "A@B.com"', [["chats.customer.email", "=", "A@B.com"]]],
    ["email = Bob", [["chats.customer.email", "=", "Bob"]]],
    ["email = 007", [["chats.customer.email", "=", "007"]]],
    ["email = now", [["chats.customer.email", "=", "now"]]],
    ['email = "a\\"b\\u0041"', [["chats.customer.email", "=", 'a"bA']]],
    ["userId = 12345", [["chats.customer.userId", "=", "12345"]]],
    ["email contains '@x'", [["chats.customer.email", "~", "@x"]]],
    ['tags = "Paid"', [["chats.customer.tagsData", "=", [{ name: "Paid" }]]]],
    ["tags = Paid", [["chats.customer.tagsData", "=", [{ name: "Paid" }]]]],
    ["tags = 42", [["chats.customer.tagsData", "=", [{ name: "42" }]]]],
    ["tags = today", [["chats.customer.tagsData", "=", [{ name: "today" }]]]],
    ["tag = x", [["chats.customer.tagsData", "=", [{ name: "x" }]]]],
    ["customer.tags = x", [["chats.customer.tagsData", "=", [{ name: "x" }]]]],
    ["tagsData = x", [["chats.customer.tagsData", "=", [{ name: "x" }]]]],
    ["TAGS = x", [["chats.customer.tagsData", "=", [{ name: "x" }]]]],
    ["rating = great", [["chats.rating", "=", "great"]]],
    ["rating = AVERAGE", [["chats.rating", "=", "average"]]],
    ['rating = "Poor"', [["chats.rating", "=", "poor"]]],
    ["Status = new", [["chats.status", "=", "1"]]],
    ["chats.status = new", [["chats.status", "=", "1"]]],
    ["CHATS.STATUS = new", [["chats.status", "=", "1"]]],
    ["customer.email = x", [["chats.customer.email", "=", "x"]]],
    ["chats.customer.email = x", [["chats.customer.email", "=", "x"]]],
    ["customer.userId = x", [["chats.customer.userId", "=", "x"]]],
    ["chats.customer.tagsData = x", [["chats.customer.tagsData", "=", [{ name: "x" }]]]],
  ])("%s", (query, expected) => {
    expect(items(query)).toEqual(expected);
  });

  it.each([
    ["new", "1"],
    ["opened", "2"],
    ["open", "2"],
    ["pending", "3"],
    ["on_hold", "4"],
    ["onhold", "4"],
    ["hold", "4"],
    ['"on hold"', "4"],
    ['"on-hold"', "4"],
    ['"ON HOLD"', "4"],
    ["no_communication", "5"],
    ['"no communication"', "5"],
    ["closed", "6"],
    ["resolved", "6"],
    ["empty", "7"],
    ["NEW", "1"],
    ['"Pending"', "3"],
    ["1", "1"],
    ["2", "2"],
    ["3", "3"],
    ["4", "4"],
    ["5", "5"],
    ["6", "6"],
    ["7", "7"],
    ['"3"', "3"],
    ["007", "7"],
  ])("status = %s", (value, code) => {
    expect(items(`status = ${value}`)).toEqual([["chats.status", "=", code]]);
  });

  it.each([
    ["assignee = 9007199254740992", 11, 27],
    ['assignee = "3129"', 11, 17],
    ["assignee = bob", 11, 14],
    ["assignee = 2020-06-24", 11, 21],
    ["assignee = now - 1d", 11, 19],
    ["status = 0", 9, 10],
    ["status = 8", 9, 10],
    ['status = "8"', 9, 12],
    ["status = bogus", 9, 14],
    ["status = 2020-06-24", 9, 19],
    ["status = 99999999999999999999", 9, 29],
    ["rating = good", 9, 13],
    ["rating = 1", 9, 10],
    ['rating = "bad"', 9, 14],
    ["email = 2020-06-24", 8, 18],
    ["email = 2020-06-24T10:00", 8, 24],
    ["email = now - 1d", 8, 16],
    ["tags = today - 1d", 7, 17],
    ["tags = 3d ago", 7, 13],
    ["userId = -7d", 9, 12],
    // §1: above 2^53 − 1 on any field; quoted, the digits are a string
    ["userId = 9007199254740992", 9, 25],
    ["tags in (a, 99999999999999999999)", 12, 32],
  ])("%s is invalid-value", (query, start, end) => {
    expect(problems(query)).toEqual([["invalid-value", start, end]]);
  });

  it.each([
    ["userId = 9007199254740992", '"9007199254740992"'],
    ["email = 12345678901234567890", '"12345678901234567890"'],
  ])("%s: an integer too large for a string field is quoted by its fix", (query, fixed) => {
    const [d] = check(query, options()).diagnostics;
    expect(d).toMatchObject({
      code: "invalid-value",
      message: `${fixed.slice(1, -1)} is larger than the largest integer, 9007199254740991`,
      hint: `quote it: ${fixed}`,
      fix: { text: fixed },
    });
  });

  it.each(["userId = 9007199254740991", "tags = 007"])(
    "%s: digits up to 2^53 − 1 are the string",
    (query) => {
      expect(problems(query)).toEqual([]);
    },
  );

  it.each([
    ['assignee = "3129"', "unquote it: 3129"],
    ['createdAt > "2020-06-24"', "unquote it: 2020-06-24"],
    ['createdAt > "2020-06-24T10:00Z"', "unquote it: 2020-06-24T10:00Z"],
    ['createdAt > "1592962538"', "unquote it: 1592962538"],
    ["email = 2020-06-24", 'quote it: "2020-06-24"'],
    ["status = pendng", "did you mean 'pending'?"],
    ["rating = graet", "did you mean 'great'?"],
  ])("%s hints %s", (query, hint) => {
    expect(only(query).hint).toBe(hint);
  });

  it.each([
    ["rating = grate", 9, 14, "did you mean 'great'?"],
    ["rating in (poor, avrage)", 17, 23, "did you mean 'average'?"],
    // Words people rate with that are not the API's three: the rating they likely mean.
    ["rating = good", 9, 13, "did you mean 'great'?"],
    ['rating = "Bad"', 9, 14, "did you mean 'poor'?"],
    ["rating in (great, ok)", 18, 20, "did you mean 'average'?"],
    ["rating = meh", 9, 12, undefined],
    ["status = solved", 9, 15, "did you mean 'closed'?"],
    ["status != Active", 10, 16, "did you mean 'opened'?"],
    // Four letters reach two edits when the first letter agrees.
    ["rating = pore", 9, 13, "did you mean 'poor'?"],
    ["status = clsd", 9, 13, "did you mean 'closed'?"],
    ["rating = bore", 9, 13, undefined],
    ["status = peding", 9, 15, "did you mean 'pending'?"],
    ["status = clsoed", 9, 15, "did you mean 'closed'?"],
    ["status = on_hodl", 9, 16, "did you mean 'on_hold'?"],
    ["status = nwe", 9, 12, "did you mean 'new'?"],
    ["createdAt > yesterdy", 12, 20, "did you mean 'yesterday'?"],
    ["createdAt > ysterdya", 12, 20, "did you mean 'yesterday'?"],
    ["createdAt > tody", 12, 16, "did you mean 'today'?"],
    [
      "createdAt > someday",
      12,
      19,
      "write a date like 2020-06-24, 2020-06-24T10:00, 1592962538, today, now - 7d or 7d ago",
    ],
  ])(
    "%s: the value it likely means (a word people use for it, or the nearest by edit distance)",
    (query, start, end, hint) => {
      const d = only(query);
      expect([d.code, d.span.start, d.span.end, d.hint]).toEqual(["invalid-value", start, end, hint]);
    },
  );

  it.each([
    ["createdAt > 1764950400000", 12, 25, "did you mean '1764950400'?"],
    ["closedAt < 253402300799999", 11, 26, "did you mean '253402300799'?"],
    ["createdAt > 253402300800000", 12, 27, undefined],
  ])("%s: a date in milliseconds is refused, the seconds suggested", (query, start, end, hint) => {
    const d = only(query);
    expect([d.code, d.span.start, d.span.end, d.message, d.hint]).toEqual([
      "invalid-value",
      start,
      end,
      `${query.slice(start, end)} UNIX seconds is after the year 9999: dates are written in seconds, not milliseconds`,
      hint,
    ]);
  });

  it.each([
    ["createdAt > now + 500000w", 12, 25],
    ["createdAt > 10000000000d ago", 12, 28],
    ["closedAt < today - 100000000w and status = closed", 11, 29],
  ])("%s: a relative date past the years 0 to 9999 is refused", (query, start, end) => {
    const d = only(query);
    expect([d.code, d.span.start, d.span.end, d.message]).toEqual([
      "invalid-value",
      start,
      end,
      `${query.slice(start, end)} falls outside the years 0 to 9999`,
    ]);
  });

  it("takes the last second of the year 9999", () => {
    expect(problems("createdAt < 253402300799")).toEqual([]);
  });

  describe("a name where an agent's or department's id goes", () => {
    const names = {
      agents: [
        { id: 3140, name: "Zoë Müller" },
        { id: 4477, name: "Amélie Dubois" },
        { id: 4478, name: "Zoe Smith" },
        { id: 5206, name: null },
      ],
      departments: [
        { id: 101, name: "Support" },
        { id: 104, name: "Доставка 🚚" },
      ],
    };

    it.each([
      ['department = "Support"', 13, 22, "'Support' is department 101"],
      ["department = support", 13, 20, "'support' is department 101 (Support)"],
      ['department = "доставка"', 13, 23, "'доставка' is department 104 (Доставка 🚚)"],
      ['assignee = "Zoë Müller"', 11, 23, "'Zoë Müller' is agent 3140"],
      ["assignee = zoe", 11, 14, "'zoe' may be agent 3140 (Zoë Müller) or 4478 (Zoe Smith)"],
      ["agents in (4478, amelie)", 17, 23, "'amelie' is agent 4477 (Amélie Dubois)"],
      ["assignee != Dubois", 12, 18, "'Dubois' is agent 4477 (Amélie Dubois)"],
      ["assignee = Bob", 11, 14, "no agent is named 'Bob'"],
      ["department = Sales", 13, 18, "no department is named 'Sales'"],
      [
        'assignee = "Amelie Dubios"',
        11,
        26,
        "no agent is named 'Amelie Dubios'; did you mean agent 4477 (Amélie Dubois)?",
      ],
      [
        "department = suport",
        13,
        19,
        "no department is named 'suport'; did you mean department 101 (Support)?",
      ],
      // A customer has no name to search by.
      [
        "customer = Support",
        11,
        18,
        "the API cannot search chats by a customer's name: search by email or userId",
      ],
    ])("%s: the error says the id it means", (query, start, end, hint) => {
      const d = only(query, { names });
      expect([d.code, d.span.start, d.span.end, d.hint]).toEqual(["invalid-value", start, end, hint]);
      expect(d.message).toMatch(/^(assignee|agents|department|customer) takes an integer id, not /);
    });

    it.each([
      ['assignee = "Amelie Dubios" and status = pending', "assignee = 4477 and status = pending"],
      ["department = suport", "department = 101"],
    ])("%s: the fix writes the id of the name it is nearest to", (query, fixed) => {
      const d = only(query, { names });
      expect(d.fix && applyFix(query, d.fix)).toBe(fixed);
    });

    it("without the names, the error has no hint", () => {
      expect(only('department = "Support"').hint).toBeUndefined();
    });
  });

  it("lists the statuses and ratings from the tables", () => {
    expect(only("status = bogus").message).toBe(
      "unknown status 'bogus'; statuses are new (1), opened (2), pending (3), on_hold (4), no_communication (5), closed (6), empty (7)",
    );
    expect(only("rating = good").message).toBe("unknown rating 'good'; ratings are great, average, poor");
  });
});

describe("fields", () => {
  it.each([
    ["stauts = 1", 0, 6, "did you mean 'status'?"],
    ["emial = x", 0, 5, "did you mean 'email'?"],
    ["tagz = x", 0, 4, "did you mean 'tags'?"],
    ["asignee = 1", 0, 7, "did you mean 'assignee'?"],
    ["foo = 1", 0, 3, undefined],
    ["xyzzyplugh = 1", 0, 10, undefined],
    // Words people use for a field: the one they likely mean, or both where either may be meant.
    ["owner = 1", 0, 5, "did you mean 'assignee'?"],
    ["assigned_to = 1", 0, 11, "did you mean 'assignee'?"],
    ["agent = 1", 0, 5, "did you mean 'assignee' or 'agents'?"],
    ["Agent_Id in (1, 2)", 0, 8, "did you mean 'assignee' or 'agents'?"],
    ["team = 101", 0, 4, "did you mean 'department'?"],
    ["state = open", 0, 5, "did you mean 'status'?"],
    ["labels = vip", 0, 6, "did you mean 'tags'?"],
    ["csat = poor", 0, 4, "did you mean 'rating'?"],
    ["date > today", 0, 4, "did you mean 'createdAt'?"],
  ])("%s", (query, start, end, hint) => {
    const d = only(query);
    expect([d.code, d.span.start, d.span.end, d.hint]).toEqual(["unknown-field", start, end, hint]);
  });

  /**
   * A lone word where a condition begins: its missing operator, and the word if it names no field;
   * a status or a rating alone gets only the condition it stands for.
   */
  it.each([
    ["staus", ["unknown-field 0-5 did you mean 'status'?", "syntax 5-5"]],
    ["clear", ["unknown-field 0-5", "syntax 5-5"]],
    ["not asignee", ["unknown-field 4-11 did you mean 'assignee'?", "syntax 11-11"]],
    ["pending", ["unknown-field 0-7 did you mean 'status = pending'?"]],
    ["status = new or pending", ["unknown-field 16-23 did you mean 'status = pending'?"]],
    [
      "poor or great",
      [
        "unknown-field 0-4 did you mean 'rating = poor'?",
        "unknown-field 8-13 did you mean 'rating = great'?",
      ],
    ],
    ["Closed and rating = poor", ["unknown-field 0-6 did you mean 'status = closed'?"]],
    [
      "pending or stauts",
      [
        "unknown-field 0-7 did you mean 'status = pending'?",
        "unknown-field 11-17 did you mean 'status'?",
        "syntax 17-17",
      ],
    ],
    ["status", ["syntax 6-6"]],
    ["Status", ["syntax 6-6"]],
    ["customer.email", ["syntax 14-14"]],
    // A field's name cut short: the one name it begins.
    ["stat", ["unknown-field 0-4 did you mean 'status'?", "syntax 4-4"]],
    ["status = new or ASSIG", ["unknown-field 16-21 did you mean 'assignee'?", "syntax 21-21"]],
    ["stat\n", ["unknown-field 0-4 did you mean 'status'?", "syntax 5-5"]],
    ["cust", ["unknown-field 0-4", "syntax 4-4"]],
    ["status = new and and", ["syntax 17-20", "syntax 20-20"]],
  ])("%s alone", (query, expected) => {
    expect(shown(compile(query, options()).diagnostics)).toEqual(expected);
  });

  it.each([
    ["pending", "'pending' is a status, not a field"],
    ["Closed and rating = poor", "'Closed' is a status, not a field"],
    ["status = new or poor", "'poor' is a rating, not a field"],
  ])("%s: a status or rating alone is said to be one", (query, message) => {
    expect(compile(query, options()).diagnostics.map((d) => d.message)).toEqual([message]);
  });

  /** Whether the account's names would tell the id of a name written where one goes. */
  it.each([
    ["assignee = Kosta", undefined, true],
    ['department in (7, "Sales")', undefined, true],
    ["assignee = Kosta", { agents: [{ id: 3129, name: "Kosta" }] }, false],
    ["stauts = 1", undefined, false],
    ["tags = Kosta and stauts = 1", undefined, false],
  ])("%s (names %j): namesWanted %s", (query, names, wanted) => {
    const result = check(query, { ...options(), ...(names === undefined ? {} : { names }) });
    expect(result.ok ? "checked" : result.namesWanted).toBe(wanted);
  });

  /** Where the parser already explains the place, the checker adds nothing. */
  it.each([
    ["status = on hold", ["syntax 9-16 did you mean 'on_hold'?"]],
    ["assignee = abc-123", ['syntax 11-18 quote it: "abc-123"']],
    ["createdAt > 2026-12-01T10:00:00.000Z", ["syntax 12-36 did you mean '2026-12-01T10:00:00Z'?"]],
    ["createdAt > 12/01/2026", ["syntax 12-22 did you mean '2026-12-01' or '2026-01-12'?"]],
    ["createdAt > 31/12/2026", ["syntax 12-22 did you mean '2026-12-31'?"]],
    ["createdAt > 2026/12/01", ["syntax 12-22 did you mean '2026-12-01'?"]],
    [
      "createdAt between 12/01/2026 and 31/12/2026",
      ["syntax 18-28 did you mean '2026-12-01' or '2026-01-12'?", "syntax 33-43 did you mean '2026-12-31'?"],
    ],
    ["createdAt > 2026-12-06 T10:00", ["syntax 12-29 did you mean '2026-12-06T10:00'?"]],
    ["createdAt > 2026-12-01T10", ["syntax 12-25 did you mean '2026-12-01T10:00'?"]],
    ["createdAt > 2026-12-01T10:00:00+0200", ["syntax 12-36 did you mean '2026-12-01T10:00:00+02:00'?"]],
    ["status = closed sortby createdAt desc", ["syntax 16-22 did you mean 'sort by'?"]],
    ["status = closed orderby createdAt desc", ["syntax 16-23 did you mean 'order by'?"]],
    ["status = closed top 5", ["syntax 16-19 did you mean 'limit 5'?"]],
    ["email = foo@bar.com", ['syntax 11-12 quote it: "foo@bar.com"']],
    ["createdAt > last week", ["syntax 12-21 did you mean '1w ago'?"]],
  ])("%s: one diagnostic", (query, expected) => {
    expect(shown(compile(query, options()).diagnostics)).toEqual(expected);
  });

  /**
   * `null`, `empty`, `none` and `nobody` where the field takes no such word: a test for a missing value, told as
   * `is null` is (which does not parse: a syntax error; `= null` does: its value is the problem).
   */
  it.each([
    ["assignee = null", 9, 15, "= null", "invalid-value"],
    ["assignee = empty", 9, 16, "= empty", "invalid-value"],
    ["status = NULL", 7, 13, "= NULL", "invalid-value"],
    ["rating != empty", 7, 15, "!= empty", "invalid-value"],
    ["closedAt != null and status = closed", 9, 16, "!= null", "invalid-value"],
    ["not department = null", 15, 21, "= null", "invalid-value"],
    ["assignee = none", 9, 15, "= none", "invalid-value"],
    ["assignee = nobody", 9, 17, "= nobody", "invalid-value"],
    ["rating = None", 7, 13, "= None", "invalid-value"],
    ["assignee is empty", 9, 17, "is empty", "syntax"],
    ["assignee is null", 9, 16, "is null", "syntax"],
    ["rating is empty", 7, 15, "is empty", "syntax"],
  ])("%s asks for a missing value", (query, start, end, written, code) => {
    expect(compile(query, options()).diagnostics).toEqual([
      {
        code,
        severity: "error",
        message: `'${written}' tests for a missing value, which the API cannot`,
        span: { start, end },
        hint: "the API finds chats by values they have, never by one missing (open chats: status != closed)",
      },
    ]);
  });

  it.each([
    ["status = empty", [["chats.status", "=", "7"]]],
    ["email = null", [["chats.customer.email", "=", "null"]]],
    ["tags = empty", [["chats.customer.tagsData", "=", [{ name: "empty" }]]]],
  ])("%s: a value of the field", (query, expected) => {
    expect(items(query)).toEqual(expected);
  });

  /** While the text is typed, the word at the cursor may be a field's name on its way. */
  it.each([
    ["stat|", ["syntax 4-4"]],
    ["status = new or ASSIG|", ["syntax 21-21"]],
    // `Closed` as the beginning of closedAt.
    ["Closed|", ["syntax 6-6"]],
    ["stat| and status = 1", ["syntax 5-8"]],
    ["sta|t and status = 1", ["unknown-field 0-4 did you mean 'status'?", "syntax 5-8"]],
    ["stat |", ["unknown-field 0-4 did you mean 'status'?", "syntax 5-5"]],
    ["staus|", ["unknown-field 0-5 did you mean 'status'?", "syntax 5-5"]],
  ])("%s (| the cursor)", (typed, expected) => {
    const cursor = typed.indexOf("|");
    const text = typed.replace("|", "");
    expect(shown(compile(text, { ...options(), cursor }).diagnostics)).toEqual(expected);
  });

  it.each([-1, 5, 1.5, Number.NaN])("a cursor of %s is refused", (cursor) => {
    expect(() => compile("stat", { cursor })).toThrow(
      new RangeError(`'cursor' must be an integer from 0 to the text's length 4, not ${cursor}`),
    );
  });

  it.each(["lastMessageAt > 5", "lastCustomerMessageAt = 2020-06-24"])("%s: sort-only", (query) => {
    const d = only(query);
    expect(d.code).toBe("unknown-field");
    expect(d.message).toContain("can only be used in 'sort by'");
    expect(d.span.start).toBe(0);
  });
});

/** Diagnostics as `code start-end hint`, one string each. */
function shown(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.span.start}-${d.span.end}${d.hint ? ` ${d.hint}` : ""}`);
}

describe("negation", () => {
  it.each([
    ["not status = closed", [["chats.status", "!=", "6"]]],
    ["! status = closed", [["chats.status", "!=", "6"]]],
    ["not not status = closed", [["chats.status", "=", "6"]]],
    ["not assignee > 5", [["chats.assignee", "<=", 5]]],
    ["not assignee <= 5", [["chats.assignee", ">", 5]]],
    ["not assignee < 5", [["chats.assignee", ">=", 5]]],
    ["not assignee >= 5", [["chats.assignee", "<", 5]]],
    ["not email ~ x", [["chats.customer.email", "!~", "x"]]],
    ["not email not contains x", [["chats.customer.email", "~", "x"]]],
    [
      "not status in (new, closed)",
      [
        ["chats.status", "!=", "1"],
        ["chats.status", "!=", "6"],
      ],
    ],
    [
      "status not in (new, closed)",
      [
        ["chats.status", "!=", "1"],
        ["chats.status", "!=", "6"],
      ],
    ],
    [
      "not status not in (new, closed)",
      [
        ["chats.status", "=", "1"],
        ["chats.status", "=", "6"],
      ],
    ],
    [
      "not (status = new or rating = poor)",
      [
        ["chats.status", "!=", "1"],
        ["chats.rating", "!=", "poor"],
      ],
    ],
    [
      "not (status = new and rating = poor)",
      [
        ["chats.status", "!=", "1"],
        ["chats.rating", "!=", "poor"],
      ],
    ],
    [
      "not assignee between 1 and 5",
      [
        ["chats.assignee", "<", 1],
        ["chats.assignee", ">", 5],
      ],
    ],
    [
      "not createdAt = 2020-06-24",
      [
        ["chats.createdAt", "<", 1592956800],
        ["chats.createdAt", ">=", 1593043200],
      ],
    ],
    ["not createdAt > 2020-06-24", [["chats.createdAt", "<", 1593043200]]],
    ["not not tags = x", [["chats.customer.tagsData", "=", [{ name: "x" }]]]],
  ])("%s", (query, expected) => {
    expect(items(query)).toEqual(expected);
  });

  it("keeps and/or as written in the checked tree and pushes not down in the normalized one", () => {
    const { checked } = check("not (status = new and rating = poor)", options());
    expect(checked!.condition!.kind).toBe("not");
    expect(checked!.normalized!.kind).toBe("or");
  });

  it.each([
    ['not tags = "Paid"', 0, 3],
    ["not (status = new and tags = x)", 0, 3],
    ["status = new and ! tags = x", 17, 18],
    ["not (status = new or not not tags = x)", 0, 3],
    ["not (not (not tags = x))", 0, 3],
    ["not tags in (A, B)", 0, 3],
    ["not (tags = A or tags = B)", 0, 3],
  ])("%s: cannot-negate at the not", (query, start, end) => {
    expect(problems(query)).toEqual([["cannot-negate", start, end]]);
  });
});

describe("clauses", () => {
  it.each([
    ["sort by createdAt", '{"filter":[],"sort":"chats.createdAt","order":"ASC"}'],
    ["sort by chats.closedAt desc", '{"filter":[],"sort":"chats.closedAt","order":"DESC"}'],
    ["order by lastMessageAt asc", '{"filter":[],"sort":"chats.lastMessageAt","order":"ASC"}'],
    ["sort by CREATEDAT DESC", '{"filter":[],"sort":"chats.createdAt","order":"DESC"}'],
    ["limit 1", '{"filter":[],"limit":1}'],
    ["limit 100", '{"filter":[],"limit":100}'],
    ["limit 101", '{"filter":[],"limit":100}'],
    ["limit 10000", '{"filter":[],"limit":100}'],
    ["offset 0", '{"filter":[],"offset":0}'],
    ["offset 250 limit 5", '{"filter":[],"limit":5,"offset":250}'],
    ["", '{"filter":[]}'],
    ["# only a comment", '{"filter":[]}'],
  ])("%s", (query, body) => {
    const result = compile(query, options());
    expect(JSON.stringify(result.requests)).toBe(`[${body}]`);
  });

  it.each([
    ["sort by email", "not-sortable", 8, 13],
    ["sort by status desc", "not-sortable", 8, 14],
    ["sort by foo", "unknown-field", 8, 11],
    ["limit 0", "invalid-value", 6, 7],
    ["limit 10001", "invalid-value", 6, 11],
    ["limit 99999999999999999999", "invalid-value", 6, 26],
    ["offset 99999999999999999999", "invalid-value", 7, 27],
  ])("%s", (query, code, start, end) => {
    expect(problems(query)).toEqual([[code, start, end]]);
  });

  it("lists the sortable fields and suggests the nearest", () => {
    expect(only("sort by email").message).toBe(
      "cannot sort by 'email'; sortable fields are createdAt, closedAt, lastMessageAt, lastCustomerMessageAt",
    );
    expect(only("sort by lastmesageat").hint).toBe("did you mean 'lastMessageAt'?");
    expect(only("limit 10001").hint).toBe("a limit is at most 10,000");
  });

  it.each([
    ["status = new", 20, '{"filter":[{"field":"chats.status","operator":"=","value":"1"}],"limit":20}'],
    ["status = new", 500, '{"filter":[{"field":"chats.status","operator":"=","value":"1"}],"limit":100}'],
    [
      "status = new limit 5",
      20,
      '{"filter":[{"field":"chats.status","operator":"=","value":"1"}],"limit":5}',
    ],
  ])("%s with defaultLimit %d", (query, defaultLimit, body) => {
    expect(JSON.stringify(compile(query, options({ defaultLimit })).requests)).toBe(`[${body}]`);
  });
});

describe("one pass reports everything, in source order", () => {
  it.each([
    [
      "stauts = 1 and rating = good and sort by email",
      [
        ["unknown-field", 0, 6],
        ["invalid-value", 24, 28],
      ],
    ],
    [
      "foo = 1 or status = 9 or tags != x sort by email limit 0",
      [
        ["unknown-field", 0, 3],
        ["invalid-value", 20, 21],
        ["operator-not-allowed", 30, 32],
        ["not-sortable", 43, 48],
        ["invalid-value", 55, 56],
      ],
    ],
    ["status = (", [["syntax", 9, 10]]],
  ])("%s", (query, expected) => {
    const found = problems(query);
    for (const e of expected) expect(found).toContainEqual(e);
    const starts = found.map((f) => f[1]);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  // The slip's hint writes the condition anew: its value, read again as a lone word, adds nothing.
  it.each([
    [
      "status is pending or status is closed",
      [
        ["syntax", 7, 9],
        ["syntax", 28, 30],
      ],
    ],
    [
      "tags has Paid or tags has Trial and rating = pore",
      [
        ["syntax", 5, 8],
        ["syntax", 22, 25],
        ["invalid-value", 45, 49],
      ],
    ],
    ["closedAt is null or status = new", [["syntax", 9, 16]]],
    // `sort by count` in a count: one count-clause, not also a second count clause and a stray `desc`.
    ["count by status sort by count desc", [["count-clause", 16, 34]]],
    // A date group's unit without its `per`: not also "say per which unit" and a lone word.
    ["count by createdAt daily", [["syntax", 19, 24]]],
    ["status = new count by status order by count limit 3", [["count-clause", 29, 43]]],
    // A slip at the end of the query leaves the lexer's own slips after it (a `--` comment) told.
    [
      "status pending -- mine",
      [
        ["syntax", 7, 14],
        ["syntax", 15, 17],
      ],
    ],
    [
      "status pending and rating poor",
      [
        ["syntax", 7, 14],
        ["syntax", 26, 30],
      ],
    ],
  ])("%s: each slip once, and what lies beyond it", (query, expected) => {
    expect(problems(query).map((p) => p.slice(0, 3))).toEqual(expected);
  });

  // A value after or/and with its field left out, as in speech: the condition meant, said once.
  it.each([
    ["tags = Paid or Trial", [[15, 20, "'Trial'", "or", "did you mean 'tags = Trial'?"]]],
    [
      "tags = Paid or Trial or VIP",
      [
        [15, 20, "'Trial'", "or", "did you mean 'tags = Trial'?"],
        [24, 27, "'VIP'", "or", "did you mean 'tags = VIP'?"],
      ],
    ],
    ["email contains gmail and yahoo", [[25, 30, "'yahoo'", "and", "did you mean 'email contains yahoo'?"]]],
    [
      "email not contains a or b sort by createdAt",
      [[24, 25, "'b'", "or", "did you mean 'email not contains b'?"]],
    ],
    // `and` binds tighter: the word begins an `and` that is the operand after `or`.
    ["tags = Paid or Trial and status = new", [[15, 20, "'Trial'", "or", "did you mean 'tags = Trial'?"]]],
    [
      "tags = Paid or Trial and VIP or Lead",
      [
        [15, 20, "'Trial'", "or", "did you mean 'tags = Trial'?"],
        [25, 28, "'VIP'", "and", "did you mean 'tags = VIP'?"],
        [32, 36, "'Lead'", "or", "did you mean 'tags = Lead'?"],
      ],
    ],
  ])("%s: a value whose field was left out", (query, expected) => {
    const { diagnostics } = check(query, options());
    expect(diagnostics.map((d) => [d.span.start, d.span.end, d.message, d.hint])).toEqual(
      expected.map(([start, end, word, join, hint]) => [
        start,
        end,
        `unknown field ${word}: a condition after '${join}' names its field again`,
        hint,
      ]),
    );
  });

  // A field's name misspelt, a status, a field before a non-text condition: told as a lone word is.
  it.each([
    ["tags = Paid or staus", "unknown field 'staus'"],
    ["tags = Paid or pending", "'pending' is a status, not a field"],
    ["assignee = 5 or foo", "unknown field 'foo'"],
    ["status = new or Trial and rating = poor", "unknown field 'Trial'"],
    ["tags = Paid or pending and rating = poor", "'pending' is a status, not a field"],
  ])("%s: no field left out", (query, message) => {
    expect(check(query, options()).diagnostics[0]!.message).toBe(message);
  });

  // What people search by that the API's filter has no field for: said, with what it can search.
  it.each([
    [
      'customer.name contains "O Brien"',
      0,
      13,
      "the API cannot search chats by a customer's name: search by email or userId",
    ],
    ["Name = Bob", 0, 4, "the API cannot search chats by a customer's name: search by email or userId"],
    [
      "message ~ refund",
      0,
      7,
      "the API cannot search chats by the text of its messages, which no filter reads",
    ],
    [
      "status = new or text contains refund",
      16,
      20,
      "the API cannot search chats by the text of its messages, which no filter reads",
    ],
    [
      "closedBy = 3129",
      0,
      8,
      "the API cannot search chats by who closed them: search by agents or assignee, or by closedAt",
    ],
    ["id = 5250892", 0, 2, "the API cannot search chats by their own id, which no filter reads"],
    ["snoozedUntil > now", 0, 12, "the API cannot search chats by when their snooze ends"],
  ])("%s: a field the API does not have", (query, start, end, hintText) => {
    const d = only(query);
    expect([d.code, d.span.start, d.span.end, d.hint]).toEqual(["unknown-field", start, end, hintText]);
  });

  // A lone word for chats that lack a value: told once, as the test the API cannot make.
  it.each([
    ["unassigned", 0, 10],
    ["status = new and Untagged", 17, 25],
    ["unrated or rating = poor", 0, 7],
  ])("%s: a missing value's test", (query, start, end) => {
    const d = only(query);
    expect([d.code, d.span.start, d.span.end, d.message, d.hint]).toEqual([
      "syntax",
      start,
      end,
      `'${query.slice(start, end)}' tests for a missing value, which the API cannot`,
      "the API finds chats by values they have, never by one missing (open chats: status != closed)",
    ]);
  });

  // A text where a customer's id goes: the text field that finds the customer.
  it.each([
    [
      'customer = "bob@x.com"',
      "customer takes an integer id, not a string",
      "did you mean 'email = \"bob@x.com\"'?",
    ],
    ["customer = 'u-2'", "customer takes an integer id, not a string", "did you mean 'userId = \"u-2\"'?"],
    [
      "customer = bob",
      "customer takes an integer id, not the word 'bob'",
      "the API cannot search chats by a customer's name: search by email or userId",
    ],
    ["customer = 8740723", undefined, undefined],
  ])("%s", (query, message, hintText) => {
    const diagnostics = check(query, options()).diagnostics;
    expect(diagnostics.map((d) => [d.message, d.hint])).toEqual(
      message === undefined ? [] : [[message, hintText]],
    );
  });

  it.each([["sort by"], ["status = new sort by"], ["= 5"]])(
    "%s: a missing name is the parser's error alone",
    (query) => {
      expect(problems(query).map((p) => p[0])).toEqual(["syntax"]);
    },
  );

  it("shows at most 100 problems, then how many more", () => {
    const query = Array.from({ length: 150 }, (_, i) => `nofield${i} = 1`).join(" or ");
    const { diagnostics } = compile(query, options());
    expect(diagnostics).toHaveLength(101);
    expect(diagnostics[100]!.code).toBe("too-many-diagnostics");
    expect(diagnostics[100]!.message).toBe("50 more problems not shown");
    const syntax = compile(
      Array.from({ length: 150 }, () => "stauts = new @").join(" or "),
      options(),
    ).diagnostics;
    expect(syntax.filter((d) => d.code === "too-many-diagnostics")).toHaveLength(1);
    expect(syntax).toHaveLength(101);
  });

  it.each([
    // Text no condition or clause can start: one error, and the conditions after it are checked.
    [
      "createdAt > past 3 days and rating = pore",
      [
        ["syntax", 12, 23],
        ["invalid-value", 37, 41],
      ],
    ],
    [
      "status = pending) and rating = pore",
      [
        ["syntax", 16, 17],
        ["invalid-value", 31, 35],
      ],
    ],
    [
      "createdAt between 2026-11-1 and 2026-11-30 or rating = pore",
      [
        ["syntax", 18, 27],
        ["invalid-value", 55, 59],
      ],
    ],
    [
      "status = 1 2 3 and stauts = new limit 0",
      [
        ["syntax", 11, 12],
        ["unknown-field", 19, 25],
        ["invalid-value", 38, 39],
      ],
    ],
    // Within a group: its `)` is no error of its own.
    [
      "(past 3 days or rating = pore) and stauts = new",
      [
        ["syntax", 1, 12],
        ["invalid-value", 25, 29],
        ["unknown-field", 35, 41],
      ],
    ],
    ["top 5", [["syntax", 0, 3]]],
    [
      "WHERE status = 1 and rating = pore",
      [
        ["syntax", 0, 5],
        ["invalid-value", 30, 34],
      ],
    ],
    // A condition with no join before it, and a word out of place before one.
    [
      "status = pending rating = pore",
      [
        ["syntax", 17, 23],
        ["invalid-value", 26, 30],
      ],
    ],
    [
      "status = pending foo and rating = pore",
      [
        ["syntax", 17, 20],
        ["invalid-value", 34, 38],
      ],
    ],
  ])("%s: the errors after a syntax error are reported too", (query, expected) => {
    expect(problems(query).map((p) => p.slice(0, 3))).toEqual(expected);
  });

  it("checks the rest of a tree that has syntax errors", () => {
    const found = problems("status = pendng and (tags = x or");
    expect(found[0]).toEqual(["invalid-value", 9, 15]);
    expect(found.some((f) => f[0] === "syntax")).toBe(true);
  });
});

describe("options", () => {
  it.each([
    [{ timeZone: "Mars/Base" }],
    [{ timeZone: "" }],
    [{ now: Number.NaN }],
    [{ now: new Date(Number.NaN) }],
    [{ maxRequests: 0 }],
    [{ maxRequests: 1.5 }],
    [{ defaultLimit: 0 }],
    [{ defaultLimit: 10_001 }],
    // Past a Date's range: no date can be worked out from it.
    [{ now: 1e20 }],
    [{ now: -8.7e12 }],
    // NaN or a fraction would turn a limit off unnoticed; 0 or less leaves no query.
    [{ maxDepth: -1 }],
    [{ maxDepth: 0 }],
    [{ maxDepth: Number.NaN }],
    [{ maxLength: Number.NaN }],
    [{ maxLength: 2.5 }],
  ])("%j throws RangeError", (extra) => {
    expect(() => compile("status = new", options(extra))).toThrow(RangeError);
  });

  it("takes a clock from the first second of the year 0 to the last of the year 9999", () => {
    expect(compile("createdAt > now", { now: -62_167_219_200 }).requests[0]!.filter[0]!.value).toBe(
      -62_167_219_200,
    );
    expect(compile("createdAt > now", { now: 253_402_300_799 }).requests[0]!.filter[0]!.value).toBe(
      253_402_300_799,
    );
  });

  const YEARS = "'now' must be UNIX seconds from -62167219200 to 253402300799 (the years 0 to 9999)";

  it.each([
    [1_796_649_323_782, `${YEARS}, not 1796649323782: milliseconds? In seconds that is 1796649323`],
    [-1_796_649_323_782, `${YEARS}, not -1796649323782: milliseconds? In seconds that is -1796649324`],
    [253_402_300_800, `${YEARS}, not 253402300800`],
    [-62_167_219_201, `${YEARS}, not -62167219201`],
    [8.64e12, `${YEARS}, not 8640000000000: milliseconds? In seconds that is 8640000000`],
    [Number.NaN, `${YEARS}, not NaN`],
    [new Date("+010000-01-01T00:00:00Z"), `${YEARS}, not +010000-01-01T00:00:00.000Z`],
    ["2026-01-01", `${YEARS}, not "2026-01-01"`],
  ])("refuses the clock %j with a RangeError saying so", (now, message) => {
    const clock = { now: now as number };
    expect(() => compile("createdAt > now - 7d", clock)).toThrow(new RangeError(message));
    expect(() => check("createdAt > now", clock)).toThrow(new RangeError(message));
    expect(() => explain("createdAt > now", clock)).toThrow(new RangeError(message));
    expect(() => explain("createdAt >", clock)).toThrow(new RangeError(message));
    expect(() => fixQuery("createdAt > now", clock)).toThrow(new RangeError(message));
  });

  it("floors now to the second and takes a Date", () => {
    const a = compile("createdAt > now", { now: 1750000000.9 });
    const b = compile("createdAt > now", { now: new Date(1750000000_900) });
    expect(a.requests[0]!.filter[0]!.value).toBe(1750000000);
    expect(b.requests[0]!.filter[0]!.value).toBe(1750000000);
  });

  it("defaults to the current time", () => {
    const before = Math.floor(Date.now() / 1000);
    const value = compile("createdAt > now").requests[0]!.filter[0]!.value as number;
    expect(value).toBeGreaterThanOrEqual(before);
    expect(value).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it("passes maxLength and maxDepth to the parser", () => {
    expect(problems("status = new", { maxLength: 5 })[0]![0]).toBe("too-long");
    expect(problems("((status = new))", { maxDepth: 1 })[0]![0]).toBe("too-deep");
  });

  it.each([
    ["a word", "statuses"],
    ["a status", "pending"],
  ])("reports a text too long as %s only as too long: it is not read", (_, text) => {
    expect(problems(text, { maxLength: 5 })).toEqual([["too-long", 5, text.length]]);
  });
});
