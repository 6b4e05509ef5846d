import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/language/diagnostics.js";
import type { Expr } from "../../src/parser/index.js";
import { parse } from "../../src/parser/index.js";
import { validatedParser } from "../../src/parser/parser.js";
import { showQuery } from "../support/tree.js";

type Problem = [code: string, start: number, end: number, message: string, hint?: string];

function problems(diagnostics: readonly Diagnostic[]): Problem[] {
  return diagnostics.map((d) => {
    const p: Problem = [d.code, d.span.start, d.span.end, d.message];
    if (d.hint !== undefined) p.push(d.hint);
    return p;
  });
}

describe("parser", () => {
  it("has a valid grammar (chevrotain's validations)", () => {
    expect(() => validatedParser()).not.toThrow();
  });

  it.each<[string, string]>([
    ["status = pending", "(status = pending)"],
    ["a = 1 or b = 2 or c = 3", "(or (a = int:1) (b = int:2) (c = int:3))"],
    ["a = 1 and b = 2 and c = 3", "(and (a = int:1) (b = int:2) (c = int:3))"],
    [
      "a = 1 and b = 2 or c = 3 and not d = 4",
      "(or (and (a = int:1) (b = int:2)) (and (c = int:3) (not (d = int:4))))",
    ],
    ["a = 1 or b = 2 and not c = 3", "(or (a = int:1) (and (b = int:2) (not (c = int:3))))"],
    ["not (a = 1 or b = 2)", "(not (or (a = int:1) (b = int:2)))"],
    ["(a = 1 and b = 2) and c = 3", "(and (and (a = int:1) (b = int:2)) (c = int:3))"],
    ["((a = 1))", "(a = int:1)"],
    ["! ! a = 1", "(not (not (a = int:1)))"],
    ["not not not a = 1", "(not (not (not (a = int:1))))"],
    ["a = 1 && b = 2 || c = 3", "(or (and (a = int:1) (b = int:2)) (c = int:3))"],
    ["a = 1 AND b = 2 Or NOT c = 3", "(or (and (a = int:1) (b = int:2)) (not (c = int:3)))"],
    ["a == 1", "(a = int:1)"],
    ["a <> 1", "(a != int:1)"],
    ["a != 1", "(a != int:1)"],
    ["a > 1 and a >= 1 and a < 1 and a <= 1", "(and (a > int:1) (a >= int:1) (a < int:1) (a <= int:1))"],
    ['a ~ "x" or a !~ "y"', '(or (a ~ "x") (a !~ "y"))'],
    ["status in (new, opened)", "(status in [new, opened])"],
    ['status in (new, "on hold", 4,)', '(status in [new, "on hold", int:4])'],
    ["status not in (new)", "(status not-in [new])"],
    ["status ! in (new)", "(status not-in [new])"],
    ["status NOT IN (new)", "(status not-in [new])"],
    ["createdAt between 2020-06-01 and 2020-06-30", "(createdAt between date:2020-06-01 date:2020-06-30)"],
    ["createdAt between 2020-06-01 && 2020-06-30", "(createdAt between date:2020-06-01 date:2020-06-30)"],
    ["x not between 1 and 2 and y = 3", "(and (x not-between int:1 int:2) (y = int:3))"],
    [
      'email contains "@x" and email not contains "y"',
      '(and (email contains "@x") (email not-contains "y"))',
    ],
    ['email ! contains "y"', '(email not-contains "y")'],
    ["tags = today", "(tags = today)"],
    ["tags = 'it'", '(tags = "it")'],
    ["createdAt > now - 7d", "(createdAt > rel(now - 7d))"],
    ["createdAt > today + 1h", "(createdAt > rel(today + 1h))"],
    ["createdAt > yesterday-15m", "(createdAt > rel(yesterday - 15m))"],
    ["createdAt > 7d ago", "(createdAt > rel-ago(-7d))"],
    ["createdAt > 2w AGO", "(createdAt > rel-ago(-2w))"],
    ["createdAt > -7d", "(createdAt > rel-prefix(-7d))"],
    ["createdAt >= 2020-06-24T10:00:00+02:00", "(createdAt >= datetime:2020-06-24T10:00:00+02:00)"],
    ["createdAt > 1592962538", "(createdAt > int:1592962538)"],
    ["customer.email = x.y", "(customer.email = x.y)"],
    ["sort by createdAt desc limit 5", "sort createdAt desc | limit int:5"],
    ["order by closedAt ASC", "sort closedAt asc"],
    [
      "status = 1 limit 5 offset 10 sort by createdAt",
      "(status = int:1) | sort createdAt | limit int:5 | offset int:10",
    ],
    ["offset 2 limit 3", "limit int:3 | offset int:2"],
    ["", ""],
    ["  # just a comment", ""],
    ["STATUS == Pending", "(STATUS = Pending)"],
    ["a=1", "(a = int:1)"],
    ['x = "a" # trailing', '(x = "a")'],
    ["a = 1 # one\nor # two\nb = 2", "(or (a = int:1) (b = int:2))"],
  ])("%j", (text, tree) => {
    const { query, diagnostics } = parse(text);
    expect(problems(diagnostics)).toEqual([]);
    expect(showQuery(query)).toBe(tree);
  });

  it("keeps the spans of every node", () => {
    const { query } = parse(
      'not status in (new, "x") and createdAt > now - 7d sort by createdAt desc limit 5',
    );
    expect(query).toEqual({
      kind: "query",
      span: { start: 0, end: 80 },
      condition: {
        kind: "and",
        span: { start: 0, end: 49 },
        operands: [
          {
            kind: "not",
            span: { start: 0, end: 24 },
            keyword: { start: 0, end: 3 },
            operand: {
              kind: "in",
              span: { start: 4, end: 24 },
              field: { kind: "field", span: { start: 4, end: 10 }, name: "status" },
              negated: false,
              operatorSpan: { start: 11, end: 13 },
              values: [
                { kind: "word", span: { start: 15, end: 18 }, name: "new" },
                { kind: "string", span: { start: 20, end: 23 }, value: "x" },
              ],
            },
          },
          {
            kind: "comparison",
            span: { start: 29, end: 49 },
            field: { kind: "field", span: { start: 29, end: 38 }, name: "createdAt" },
            operator: ">",
            operatorSpan: { start: 39, end: 40 },
            value: {
              kind: "relative",
              span: { start: 41, end: 49 },
              form: "anchored",
              anchor: { kind: "word", span: { start: 41, end: 44 }, name: "now" },
              sign: "-",
              duration: { kind: "duration", span: { start: 47, end: 49 }, amount: "7", unit: "d" },
            },
          },
        ],
      },
      sort: {
        kind: "sort",
        span: { start: 50, end: 72 },
        field: { kind: "field", span: { start: 58, end: 67 }, name: "createdAt" },
        direction: "desc",
      },
      limit: {
        kind: "limit",
        span: { start: 73, end: 80 },
        value: { kind: "integer", span: { start: 79, end: 80 }, text: "5" },
      },
      offset: undefined,
    });
  });

  it.each<[string, string]>([
    ["(a = 1 or b = 2) and (c = 3 or d = 4)", "(and 0-37 (or 1-15) (or 22-36))"],
    ["( a = 1 ) or not (b = 2 and c = 3)", "(or 0-34 (a = 2-7) (not 13-34))"],
    ["(a = 1 or b = 2)", "(or 1-15 (a = 1-6) (b = 10-15))"],
  ])(
    "spans of %j: an and, or or not holds its operands' parentheses; a group keeps what is inside them",
    (text, expected) => {
      const shape = (e: Expr, depth: number): string => {
        const span = `${e.span.start}-${e.span.end}`;
        if ((e.kind === "and" || e.kind === "or") && depth === 0) {
          return `(${e.kind} ${span} ${e.operands.map((o) => shape(o, depth + 1)).join(" ")})`;
        }
        if (e.kind === "and" || e.kind === "or" || e.kind === "not") return `(${e.kind} ${span})`;
        return `(${text.slice(e.span.start, e.span.start + 1)} = ${span})`;
      };
      expect(shape(parse(text).query.condition!, 0)).toBe(expected);
    },
  );

  it.each<[string, string]>([
    ["a or b = 1", "(or 0-1 5-10)"],
    ["status = 5 or", "(or 0-10 13-13)"],
    ["a = (1", "(or 0-5)"],
  ])("error node spans of %j", (text, expected) => {
    const c = parse(text).query.condition!;
    const operands = c.kind === "or" ? c.operands : [c];
    expect(`(or ${operands.map((o) => `${o.span.start}-${o.span.end}`).join(" ")})`).toBe(expected);
  });

  it.each<[string, string]>([
    ["x not in (a)", "2-8"],
    ["x ! between 1 and 2", "2-11"],
    ["x contains 'a'", "2-10"],
    ["a <> 1", "2-4"],
  ])("operator span of %j", (text, expected) => {
    const c = parse(text).query.condition;
    const span =
      c !== undefined && "operatorSpan" in c ? `${c.operatorSpan.start}-${c.operatorSpan.end}` : "";
    expect(span).toBe(expected);
  });

  it.each<[string, string, Problem[]]>([
    // from the language's examples
    [
      "status = 5 or",
      "(or (status = int:5) <error>)",
      [["syntax", 13, 13, "expected a condition after 'or'"]],
    ],
    // missing operands
    ["status =", "(status = <error>)", [["syntax", 8, 8, "expected a value after '='"]]],
    ["status", "<error>", [["syntax", 6, 6, "expected an operator after 'status'"]]],
    [
      "status = 1 and",
      "(and (status = int:1) <error>)",
      [["syntax", 14, 14, "expected a condition after 'and'"]],
    ],
    ["not", "(not <error>)", [["syntax", 3, 3, "expected a condition after 'not'"]]],
    [
      "status = 1 and and b = 2",
      "(and (status = int:1) <error> (b = int:2))",
      [["syntax", 15, 18, "expected a condition after 'and'"]],
    ],
    [
      "a = 1 or or b = 2",
      "(or (a = int:1) <error> (b = int:2))",
      [["syntax", 9, 11, "expected a condition after 'or'"]],
    ],
    ["status = = 1", "(status = <error>)", [["syntax", 9, 10, "expected a value after '='"]]],
    ["status in ()", "(status in [<error>])", [["syntax", 11, 12, "expected a value after '('"]]],
    [
      "x between 1",
      "(x between int:1 <error>)",
      [["syntax", 11, 11, "expected 'and' after '1', found end of input"]],
    ],
    [
      "status not = 1",
      "<error>",
      [["syntax", 11, 12, "expected 'in', 'between' or 'contains' after 'not', found '='"]],
    ],
    [
      "createdAt > now - 5",
      "(createdAt > <error>)",
      [["syntax", 18, 19, "expected a duration after '-', found '5'"]],
    ],
    ["x = -5", "(x = <error>)", [["syntax", 5, 6, "expected a duration after '-', found '5'"]]],
    [
      "createdAt > 7d",
      "(createdAt > rel-ago(-7d))",
      [["syntax", 14, 14, "expected 'ago' after '7d', found end of input"]],
    ],
    // parentheses
    [
      "(",
      "<error>",
      [
        ["syntax", 1, 1, "expected a condition after '('"],
        ["syntax", 1, 1, "expected ')' to close the '(' at 1:1"],
      ],
    ],
    ["(status = 1", "(status = int:1)", [["syntax", 11, 11, "expected ')' to close the '(' at 1:1"]]],
    [
      "((a = 1) or (b = 2",
      "(or (a = int:1) (b = int:2))",
      [
        ["syntax", 18, 18, "expected ')' to close the '(' at 1:13"],
        ["syntax", 18, 18, "expected ')' to close the '(' at 1:1"],
      ],
    ],
    [
      "a = 1 and\n  (b = 2",
      "(and (a = int:1) (b = int:2))",
      [["syntax", 18, 18, "expected ')' to close the '(' at 2:3"]],
    ],
    ["status in (new", "(status in [new])", [["syntax", 14, 14, "expected ')' to close the '(' at 1:11"]]],
    ["status = 1)", "(status = int:1)", [["syntax", 10, 11, "')' has no matching '('"]]],
    [
      "status = 1 ) and b = 2",
      "(and (status = int:1) (b = int:2))",
      [["syntax", 11, 12, "')' has no matching '('"]],
    ],
    // after text no part can start, the parse goes on at the next condition after `and`/`or`, or clause
    [
      "a = 1 ) ) or b = 2 limit 5",
      "(or (a = int:1) (b = int:2)) | limit int:5",
      [["syntax", 6, 7, "')' has no matching '('"]],
    ],
    ["a = 1 2 and 3 and b = 2", "(and (a = int:1) (b = int:2))", [["syntax", 6, 7, "unexpected '2'"]]],
    ["a = 1 2 3 sort by b", "(a = int:1) | sort b", [["syntax", 6, 7, "unexpected '2'"]]],
    ["a = 1 2 and", "(a = int:1)", [["syntax", 6, 7, "unexpected '2'"]]],
    // a group whose first condition cannot be read, closed further on: its `)` is not missing
    [
      "(= 1 or a = 2) and b = 3",
      "(and (or <error> (a = int:2)) (b = int:3))",
      [["syntax", 1, 2, "expected a condition after '('"]],
    ],
    // an operator after the join: a stretch of its own, reported too
    [
      "~ a b and ~ c d and e = 1",
      "(e = int:1)",
      [
        ["syntax", 0, 1, "unexpected '~'"],
        ["syntax", 10, 11, "unexpected '~'"],
      ],
    ],
    [")", "", [["syntax", 0, 1, "')' has no matching '('"]]],
    // strings and characters (the lexer's errors, with the tree going on)
    ['tags = "Paid', '(tags = "Paid")', [["syntax", 7, 12, 'unterminated string: add the closing "']]],
    ["tags = 'a\\qb'", '(tags = "ab")', [["syntax", 9, 11, "invalid escape '\\q' in string"]]],
    [
      "status @ 1",
      "<error>",
      [
        ["syntax", 7, 8, "unexpected character '@'"],
        ["syntax", 9, 10, "expected an operator after 'status'"],
      ],
    ],
    [
      "email = a@b.com or email = c@d.org",
      '(or (email = "a@b.com") (email = "c@d.org"))',
      [
        ["syntax", 9, 10, "unexpected character '@'", 'quote it: "a@b.com"'],
        ["syntax", 28, 29, "unexpected character '@'", 'quote it: "c@d.org"'],
      ],
    ],
    // clauses
    [
      "limit 5 status = 1",
      "(status = int:1) | limit int:5",
      [["syntax", 0, 7, "'limit' must come after the condition"]],
    ],
    [
      "sort by createdAt status = 1 limit 5",
      "(status = int:1) | sort createdAt | limit int:5",
      [["syntax", 0, 17, "'sort by' must come after the condition"]],
    ],
    [
      "order by createdAt offset 1 status = 1",
      "(status = int:1) | sort createdAt | offset int:1",
      [["syntax", 0, 18, "'order by' must come after the condition"]],
    ],
    [
      "status = 1 limit 5 limit 6",
      "(status = int:1) | limit int:5",
      [["duplicate-clause", 19, 26, "a second limit clause: the query already has one"]],
    ],
    [
      "status = 1 sort by a order by b desc",
      "(status = int:1) | sort a",
      [["duplicate-clause", 21, 36, "a second sort clause: the query already has one"]],
    ],
    [
      "offset 1 offset 2",
      "offset int:1",
      [["duplicate-clause", 9, 17, "a second offset clause: the query already has one"]],
    ],
    ["limit", "limit <error>", [["syntax", 5, 5, "expected an integer after 'limit', found end of input"]]],
    ["limit x", "limit <error>", [["syntax", 6, 7, "expected an integer after 'limit', found 'x'"]]],
    ["sort by", "sort ", [["syntax", 7, 7, "expected a field name after 'by', found end of input"]]],
    [
      "sort createdAt",
      "sort createdAt",
      [
        [
          "syntax",
          5,
          14,
          "expected 'by' after 'sort', found 'createdAt'",
          "did you mean 'sort by createdAt'?",
        ],
      ],
    ],
    ["a = 1 b = 2", "(and (a = int:1) (b = int:2))", [["syntax", 6, 11, "unexpected 'b'"]]],
    ["= 1", "", [["syntax", 0, 1, "unexpected '='"]]],
    ["and", "", [["syntax", 0, 3, "unexpected 'and'"]]],
    // keywords as values
    [
      "tags = limit",
      "(tags = <error>)",
      [["syntax", 7, 12, "'limit' is a keyword and cannot be a bare value", 'tags = "limit"']],
    ],
    [
      "tags = LIMIT",
      "(tags = <error>)",
      [["syntax", 7, 12, "'LIMIT' is a keyword and cannot be a bare value", 'tags = "LIMIT"']],
    ],
    [
      "tags=desc",
      "(tags = <error>)",
      [["syntax", 5, 9, "'desc' is a keyword and cannot be a bare value", 'tags="desc"']],
    ],
    [
      "tags in (a, sort)",
      "(tags in [a, <error>])",
      [["syntax", 12, 16, "'sort' is a keyword and cannot be a bare value", '"sort"']],
    ],
    ["tags = limit 5", "(tags = <error>) | limit int:5", [["syntax", 7, 12, "expected a value after '='"]]],
    // durations
    ["createdAt > 7days", "(createdAt > <error>)", [["syntax", 12, 17, "invalid duration '7days'", "7d"]]],
    [
      "createdAt > 7days ago",
      "(createdAt > <error>)",
      [["syntax", 12, 17, "invalid duration '7days'", "7d"]],
    ],
    [
      "createdAt > now - 7days",
      "(createdAt > <error>)",
      [["syntax", 18, 23, "invalid duration '7days'", "7d"]],
    ],
    // a number, a space and a unit: one error, not `days` read as a field without its operator
    [
      "createdAt > 3 days ago and status = new",
      "(and (createdAt > <error>) (status = new))",
      [["syntax", 12, 18, "invalid duration '3 days'", "3d"]],
    ],
    [
      "createdAt > now - 12 h",
      "(createdAt > <error>)",
      [["syntax", 18, 22, "invalid duration '12 h'", "12h"]],
    ],
    // count (§10)
    ["count", "count", []],
    ["status = new COUNT", "(status = new) | count", []],
    ["count by assignee", "count assignee", []],
    [
      "rating = poor count by assignee, createdAt PER week limit 5",
      "(rating = poor) | count assignee, createdAt/week | limit int:5",
      [],
    ],
    ["count by createdAt per fortnight", "count createdAt/fortnight", []],
    ["count by", "count ", [["syntax", 8, 8, "expected a field name after 'by', found end of input"]]],
    [
      "count by status,",
      "count status, ",
      [["syntax", 16, 16, "expected a field name after ',', found end of input"]],
    ],
    [
      "count by createdAt per",
      "count createdAt/",
      [
        [
          "syntax",
          22,
          22,
          "expected a unit (hour, day, week, month or year) after 'per', found end of input",
        ],
      ],
    ],
    [
      "count count",
      "count",
      [["duplicate-clause", 6, 11, "a second count clause: the query already has one"]],
    ],
    [
      "tags = count",
      "(tags = <error>)",
      [["syntax", 7, 12, "'count' is a keyword and cannot be a bare value", 'tags = "count"']],
    ],
  ])("%j", (text, tree, expected) => {
    const { query, diagnostics } = parse(text);
    expect(problems(diagnostics)).toEqual(expected);
    expect(showQuery(query)).toBe(tree);
  });

  describe("count (§10)", () => {
    it("keeps the spans of the clause, each group, its field and its unit", () => {
      const count = parse("count by status, closedAt per day").query.count!;
      expect(count.span).toEqual({ start: 0, end: 33 });
      expect(count.groups.map((g) => [g.span, g.field.span, g.unit?.span])).toEqual([
        [{ start: 9, end: 15 }, { start: 9, end: 15 }, undefined],
        [
          { start: 17, end: 33 },
          { start: 17, end: 25 },
          { start: 30, end: 33 },
        ],
      ]);
    });
  });

  describe("limits", () => {
    it("refuses a query longer than maxLength without reading it", () => {
      const text = `tags = "${"x".repeat(70_000)}"`;
      expect(problems(parse(text).diagnostics)).toEqual([
        ["too-long", 65_536, 70_009, "the query is 70,009 characters long; the limit is 65,536"],
      ]);
      expect(problems(parse("status = 1", { maxLength: 5 }).diagnostics)).toEqual([
        ["too-long", 5, 10, "the query is 10 characters long; the limit is 5"],
      ]);
      expect(parse("status = 1", { maxLength: 10 }).diagnostics).toEqual([]);
    });

    it.each<[string, unknown, string]>([
      ["maxLength", 0, "'maxLength' must be a whole number from 1, or Infinity, not 0"],
      ["maxDepth", 1.5, "'maxDepth' must be a whole number from 1, or Infinity, not 1.5"],
      ["maxDepth", Number.NaN, "'maxDepth' must be a whole number from 1, or Infinity, not NaN"],
      ["maxLength", "64", "'maxLength' must be a whole number from 1, or Infinity, not \"64\""],
    ])("refuses %s %j with a RangeError that shows it", (name, value, message) => {
      expect(() => parse("status = 1", { [name]: value as number })).toThrow(new RangeError(message));
    });

    it.each([
      [{ maxLength: undefined, maxDepth: undefined }],
      [{ maxLength: Number.POSITIVE_INFINITY, maxDepth: Number.POSITIVE_INFINITY }],
    ])("takes %j as no option or no limit", (options) => {
      expect(parse("status = 1", options).diagnostics).toEqual([]);
    });

    it.each<[string, number, Problem[]]>([
      [`${"(".repeat(64)}a = 1${")".repeat(64)}`, 64, []],
      [
        `${"(".repeat(65)}a = 1${")".repeat(65)}`,
        64,
        [["too-deep", 64, 65, "the query nests 65 levels deep; the limit is 64"]],
      ],
      [`${"not ".repeat(64)}a = 1`, 64, []],
      [
        `${"not ".repeat(65)}a = 1`,
        64,
        [["too-deep", 256, 259, "the query nests 65 levels deep; the limit is 64"]],
      ],
      ["not (not (a = 1))", 4, []],
      ["not (not (a = 1))", 3, [["too-deep", 9, 10, "the query nests 4 levels deep; the limit is 3"]]],
      ["(a = 1) and (b = 1) and (c = 1)", 1, []],
      ["!!!a = 1", 2, [["too-deep", 2, 3, "the query nests 3 levels deep; the limit is 2"]]],
    ])("depth of %j with maxDepth %i", (text, maxDepth, expected) => {
      expect(problems(parse(text, { maxDepth }).diagnostics)).toEqual(expected);
    });

    it("reports 10,000 nested parentheses as too deep, without overflowing", () => {
      const text = `${"(".repeat(10_000)}status = 1${")".repeat(10_000)}`;
      const { query, diagnostics } = parse(text);
      expect(problems(diagnostics)).toEqual([
        ["too-deep", 64, 65, "the query nests 10000 levels deep; the limit is 64"],
      ]);
      expect(query.condition).toEqual({ kind: "error", span: { start: 0, end: 20_010 } });
    });

    it("reports 20,000 nested nots as too long, or as too deep when long queries are allowed", () => {
      const text = `${"not ".repeat(20_000)}status = 1`;
      expect(problems(parse(text).diagnostics)).toEqual([
        ["too-long", 65_536, 80_010, "the query is 80,010 characters long; the limit is 65,536"],
      ]);
      expect(problems(parse(text, { maxLength: 100_000 }).diagnostics)).toEqual([
        ["too-deep", 256, 259, "the query nests 20000 levels deep; the limit is 64"],
      ]);
    });

    it("turns a stack overflow into too-deep when maxDepth is set beyond what the stack holds", () => {
      const text = `${"(".repeat(20_000)}a = 1${")".repeat(20_000)}`;
      const { diagnostics } = parse(text, { maxDepth: Number.MAX_SAFE_INTEGER });
      expect(diagnostics.map((d) => d.code)).toEqual(["too-deep"]);
    });

    it("parses a long flat query without recursing", () => {
      const text = Array.from({ length: 3000 }, (_, i) => `a = ${i}`).join(" or ");
      const { query, diagnostics } = parse(text);
      expect(diagnostics).toEqual([]);
      expect(query.condition?.kind === "or" && query.condition.operands.length).toBe(3000);
    });

    it("reports at most 100 problems, then how many more", () => {
      const text = Array.from({ length: 150 }, () => "a = @").join(" or ");
      const { diagnostics } = parse(text);
      expect(diagnostics).toHaveLength(101);
      expect(diagnostics[100]).toMatchObject({ code: "too-many-diagnostics" });
      expect(diagnostics[100]!.message).toMatch(/^\d+ more problems not shown$/);
    });
  });

  it("parses again after a failed parse (the one parser instance is reset)", () => {
    expect(parse("(((").diagnostics.length).toBeGreaterThan(0);
    expect(parse("status = 1").diagnostics).toEqual([]);
    expect(problems(parse("(a = 1").diagnostics)).toEqual([
      ["syntax", 6, 6, "expected ')' to close the '(' at 1:1"],
    ]);
  });
});

describe("parses one after another", () => {
  it("keeps a tree whole after the parser's tokens are taken back and used again", () => {
    const first = parse('tags = "Paid" or email ~ "a@b.c" sort by createdAt desc limit 5');
    const before = JSON.stringify(first);
    parse("status = new and rating = poor or customer = 12");
    parse('department = 3 or tags = "x"');
    expect(JSON.stringify(first)).toBe(before);
  });
});

describe("stack traces", () => {
  it("the limit is as it was after a parse (none are captured during it), also one deeper than the stack", () => {
    const before = Error.stackTraceLimit;
    try {
      Error.stackTraceLimit = 17;
      expect(parse("status = = or (").diagnostics.length).toBeGreaterThan(0);
      expect(Error.stackTraceLimit).toBe(17);
      // Deeper than the stack allows: the parse fails with its diagnostic, and the limit is restored.
      const deep = parse(`${"(".repeat(20_000)}status = 1`, { maxDepth: 1_000_000, maxLength: 1_000_000 });
      expect(deep.diagnostics.map((d) => d.code)).toEqual(["too-deep"]);
      expect(Error.stackTraceLimit).toBe(17);
    } finally {
      Error.stackTraceLimit = before;
    }
  });

  it("parses as well where the limit cannot be set (frozen intrinsics)", () => {
    const own = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit")!;
    Object.defineProperty(Error, "stackTraceLimit", { value: 9, writable: false, configurable: true });
    try {
      expect(parse("status = = or (").diagnostics.length).toBeGreaterThan(0);
      expect(parse("status = 1").diagnostics).toEqual([]);
      expect(Error.stackTraceLimit).toBe(9);
    } finally {
      Object.defineProperty(Error, "stackTraceLimit", own);
    }
  });
});
