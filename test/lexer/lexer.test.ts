import { describe, expect, it } from "vitest";
import { compile } from "../../src/compiler/index.js";
import { applyFix } from "../../src/language/index.js";
import { isToldByLexer, KEYWORDS, stringValue, tokenClass, tokenize } from "../../src/lexer/index.js";
import { validateLexer } from "../../src/lexer/reference.js";
import { parse } from "../../src/parser/index.js";

/** `Kind:image` per token, for compact tables. */
function kinds(text: string): string[] {
  return tokenize(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

function problems(text: string) {
  return tokenize(text).diagnostics.map((d) => ({
    code: d.code,
    message: d.message,
    span: [d.span.start, d.span.end],
    ...(d.hint === undefined ? {} : { hint: d.hint }),
  }));
}

describe("lexer", () => {
  it("has a valid token definition", () => {
    expect(() => validateLexer()).not.toThrow();
  });

  it.each<[string, string[]]>([
    ["status = pending", ["Word:status", "Equals:=", "Word:pending"]],
    ["AND Or nOt", ["And:AND", "Or:Or", "Not:nOt"]],
    ["order or orders", ["Order:order", "Or:or", "Word:orders"]],
    ["in info IN index", ["In:in", "Word:info", "In:IN", "Word:index"]],
    [
      "notes android sorted limits bye agony",
      ["Word:notes", "Word:android", "Word:sorted", "Word:limits", "Word:bye", "Word:agony"],
    ],
    [
      "between contains sort by asc desc limit offset ago",
      [
        "Between:between",
        "Contains:contains",
        "Sort:sort",
        "By:by",
        "Asc:asc",
        "Desc:desc",
        "Limit:limit",
        "Offset:offset",
        "Ago:ago",
      ],
    ],
    ["customer.email customer.tagsData", ["Word:customer.email", "Word:customer.tagsData"]],
    ["_x a1_b", ["Word:_x", "Word:a1_b"]],
    [
      "= == != <> > >= < <= ~ !~",
      [
        "Equals:=",
        "Equals:==",
        "NotEquals:!=",
        "NotEquals:<>",
        "Greater:>",
        "GreaterEq:>=",
        "Less:<",
        "LessEq:<=",
        "Tilde:~",
        "NotTilde:!~",
      ],
    ],
    ["&& || !", ["AmpAmp:&&", "PipePipe:||", "Bang:!"]],
    ["a=1&&!b", ["Word:a", "Equals:=", "Integer:1", "AmpAmp:&&", "Bang:!", "Word:b"]],
    ["( ) , + -", ["LParen:(", "RParen:)", "Comma:,", "Plus:+", "Minus:-"]],
    ["\"a b\" 'c d'", ['DoubleString:"a b"', "SingleString:'c d'"]],
    ["0 007 123456789012345678901", ["Integer:0", "Integer:007", "Integer:123456789012345678901"]],
    ["2020-06-24 2021-02-30", ["Date:2020-06-24", "Date:2021-02-30"]],
    [
      "2020-06-24T10:00 2020-06-24t10:00:05 2020-06-24T10:00Z 2020-06-24T10:00:05+02:00 2020-06-24T10:00-05:30",
      [
        "DateTime:2020-06-24T10:00",
        "DateTime:2020-06-24t10:00:05",
        "DateTime:2020-06-24T10:00Z",
        "DateTime:2020-06-24T10:00:05+02:00",
        "DateTime:2020-06-24T10:00-05:30",
      ],
    ],
    ["7s 15m 2h 7d 1w", ["Duration:7s", "Duration:15m", "Duration:2h", "Duration:7d", "Duration:1w"]],
    [
      "7d ago -7d now-1h",
      ["Duration:7d", "Ago:ago", "Minus:-", "Duration:7d", "Word:now", "Minus:-", "Duration:1h"],
    ],
    ["now+1h)", ["Word:now", "Plus:+", "Duration:1h", "RParen:)"]],
    ["a # comment = 1\nb", ["Word:a", "Word:b"]],
    ["\t a\r\n\n b ", ["Word:a", "Word:b"]],
  ])("%j", (text, expected) => {
    expect(kinds(text)).toEqual(expected);
    expect(tokenize(text).diagnostics).toEqual([]);
  });

  it.each<[string, number[][]]>([
    [
      "status = 1",
      [
        [0, 6],
        [7, 8],
        [9, 10],
      ],
    ],
    [
      "  'x'  # c\n  7d",
      [
        [2, 5],
        [13, 15],
      ],
    ],
  ])("spans of %j", (text, spans) => {
    expect(tokenize(text).tokens.map((t) => [t.startOffset, t.startOffset + t.image.length])).toEqual(spans);
  });

  it.each<[string, string]>([
    ['"plain"', "plain"],
    ["'single'", "single"],
    ['"a\\"b"', 'a"b'],
    ["'a\\'b'", "a'b"],
    ['"it\'s"', "it's"],
    ["'say \"hi\"'", 'say "hi"'],
    ['"back\\\\slash"', "back\\slash"],
    ['"\\n\\r\\t"', "\n\r\t"],
    ['"\\u00e9\\u00C9"', "éÉ"],
    ['"\\ud83d\\ude00"', "😀"],
    ['"状态 😀"', "状态 😀"],
    ['""', ""],
  ])("decodes %s", (text, value) => {
    const { tokens, diagnostics } = tokenize(text);
    expect(diagnostics).toEqual([]);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.payload).toBe(value);
    expect(tokens[0]!.image).toBe(text);
  });

  it.each<[string, ReturnType<typeof problems>]>([
    ['tags = "Paid', [{ code: "syntax", message: 'unterminated string: add the closing "', span: [7, 12] }]],
    [
      "tags = 'Paid\nand x = 1",
      [{ code: "syntax", message: "unterminated string: add the closing '", span: [7, 12] }],
    ],
    ['tags = "ab\\', [{ code: "syntax", message: 'unterminated string: add the closing "', span: [7, 11] }]],
    ['tags = "a\\xb"', [{ code: "syntax", message: "invalid escape '\\x' in string", span: [9, 11] }]],
    ['tags = "a\\u12g"', [{ code: "syntax", message: "invalid escape '\\u12' in string", span: [9, 13] }]],
    ['"\\u"', [{ code: "syntax", message: "invalid escape '\\u' in string", span: [1, 3] }]],
    [
      '"\\q\\z"',
      [
        { code: "syntax", message: "invalid escape '\\q' in string", span: [1, 3] },
        { code: "syntax", message: "invalid escape '\\z' in string", span: [3, 5] },
      ],
    ],
    ["status @ 1", [{ code: "syntax", message: "unexpected character '@'", span: [7, 8] }]],
    ["a = 1 & b = 2", [{ code: "syntax", message: "unexpected character '&'", span: [6, 7] }]],
    ["a = $$$", [{ code: "syntax", message: "unexpected characters '$$$'", span: [4, 7] }]],
    ["é = 1", [{ code: "syntax", message: "unexpected character 'é'", span: [0, 1], hint: 'quote it: "é"' }]],
    [
      "状".repeat(30),
      [
        {
          code: "syntax",
          message: `unexpected characters '${"状".repeat(20)}…'`,
          span: [0, 30],
          hint: `quote it: "${"状".repeat(30)}"`,
        },
      ],
    ],
    ["😀", [{ code: "syntax", message: "unexpected character '😀'", span: [0, 2] }]],
    ["a.", [{ code: "syntax", message: "unexpected character '.'", span: [1, 2] }]],
    // A `;` at the end, as SQL writes it: said as such, the value before it left alone.
    ["status = pending;", [{ code: "syntax", message: "a query ends without ';'", span: [16, 17] }]],
    ["status = pending ;; \n", [{ code: "syntax", message: "a query ends without ';'", span: [17, 19] }]],
    [
      "createdAt > 7days ago",
      [{ code: "syntax", message: "invalid duration '7days'", span: [12, 17], hint: "7d" }],
    ],
    [
      "createdAt > 2H ago",
      [{ code: "syntax", message: "invalid duration '2H'", span: [12, 14], hint: "2h" }],
    ],
    // Months and years are not units: in days, never in minutes.
    [
      "createdAt > 3months ago",
      [
        {
          code: "syntax",
          message: "invalid duration '3months'",
          span: [12, 19],
          hint: "a duration has no months: write 90d (30 days a month); its units are s, m, h, d and w",
        },
      ],
    ],
    [
      "createdAt > 1mo ago",
      [
        {
          code: "syntax",
          message: "invalid duration '1mo'",
          span: [12, 15],
          hint: "a duration has no months: write 30d (30 days a month); its units are s, m, h, d and w",
        },
      ],
    ],
    [
      "createdAt > 1M ago",
      [
        {
          code: "syntax",
          message: "invalid duration '1M'",
          span: [12, 14],
          hint: "write 1m for minutes, or 30d for months (30 days each)",
        },
      ],
    ],
    [
      "createdAt > 3 days ago",
      [{ code: "syntax", message: "invalid duration '3 days'", span: [12, 18], hint: "3d" }],
    ],
    [
      "createdAt > now - 2 Hours",
      [{ code: "syntax", message: "invalid duration '2 Hours'", span: [18, 25], hint: "2h" }],
    ],
    [
      "createdAt > 2 years ago",
      [
        {
          code: "syntax",
          message: "invalid duration '2 years'",
          span: [12, 19],
          hint: "a duration has no years: write 730d (365 days a year); its units are s, m, h, d and w",
        },
      ],
    ],
    ["x = 12abc", [{ code: "syntax", message: "invalid duration '12abc'", span: [4, 9] }]],
  ])("reports %j", (text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it.each<[string, string[], ReturnType<typeof problems>]>([
    [
      "email = a@b.com",
      ["Word:email", "Equals:=", "GluedValue:a@b.com"],
      [{ code: "syntax", message: "unexpected character '@'", span: [9, 10], hint: 'quote it: "a@b.com"' }],
    ],
    [
      "email contains @example.com)",
      ["Word:email", "Contains:contains", "GluedValue:@example.com", "RParen:)"],
      [
        {
          code: "syntax",
          message: "unexpected character '@'",
          span: [15, 16],
          hint: 'quote it: "@example.com"',
        },
      ],
    ],
    [
      "tags=a-b$c@d",
      ["Word:tags", "Equals:=", "GluedValue:a-b$c@d"],
      [
        { code: "syntax", message: "unexpected character '$'", span: [8, 9], hint: 'quote it: "a-b$c@d"' },
        { code: "syntax", message: "unexpected character '@'", span: [10, 11] },
      ],
    ],
    ["a @ b", ["Word:a", "Word:b"], [{ code: "syntax", message: "unexpected character '@'", span: [2, 3] }]],
    // A word in another script is one value too, and quoting it is the fix.
    [
      "tags = 王芳 and",
      ["Word:tags", "Equals:=", "GluedValue:王芳", "And:and"],
      [{ code: "syntax", message: "unexpected characters '王芳'", span: [7, 9], hint: 'quote it: "王芳"' }],
    ],
    [
      "customer. = 1",
      ["Word:customer", "Equals:=", "Integer:1"],
      [{ code: "syntax", message: "unexpected character '.'", span: [8, 9] }],
    ],
  ])("glues %j into one value around the stray character", (text, expected, diagnostics) => {
    expect(kinds(text)).toEqual(expected);
    expect(problems(text)).toEqual(diagnostics);
  });

  it("goes on lexing after an error", () => {
    expect(kinds("a @ = 'x")).toEqual(["Word:a", "Equals:=", "UnterminatedString:'x"]);
    expect(kinds("x = 7days ago")).toEqual(["Word:x", "Equals:=", "BadDuration:7days", "Ago:ago"]);
    // A number, spaces and a unit word are one (bad) duration; across a line break or before another
    // word they stay apart.
    expect(kinds("x = 3 days ago")).toEqual(["Word:x", "Equals:=", "BadDuration:3 days", "Ago:ago"]);
    expect(kinds("x = 3\nd")).toEqual(["Word:x", "Equals:=", "Integer:3", "Word:d"]);
    expect(kinds("x = 3 dd")).toEqual(["Word:x", "Equals:=", "Integer:3", "Word:dd"]);
  });

  it("lists every keyword token in KEYWORDS", () => {
    const words = KEYWORDS.join(" ");
    expect(tokenize(words).tokens.map((t) => tokenClass(t.tokenType))).toEqual(KEYWORDS.map(() => "keyword"));
    expect(tokenize(words.toUpperCase()).tokens.map((t) => t.image.toLowerCase())).toEqual([...KEYWORDS]);
  });

  it("keeps comments apart", () => {
    const { comments } = tokenize("a = 1 # first\n# second");
    expect(comments.map((c) => [c.image, c.startOffset, tokenClass(c.tokenType)])).toEqual([
      ["# first", 6, "comment"],
      ["# second", 14, "comment"],
    ]);
  });

  // SQL's and C's comments: said once, then read as comments, so their words raise nothing more.
  it.each<[string, [number, number][], [string, number][], [string, number][]]>([
    [
      "status = new -- only new",
      [[13, 15]],
      [
        ["status", 0],
        ["=", 7],
        ["new", 9],
      ],
      [["-- only new", 13]],
    ],
    [
      "status = new --",
      [[13, 15]],
      [
        ["status", 0],
        ["=", 7],
        ["new", 9],
      ],
      [["--", 13]],
    ],
    [
      "-- new ones\nstatus = new // and only those\n# mine",
      [
        [0, 2],
        [25, 27],
      ],
      [
        ["status", 12],
        ["=", 19],
        ["new", 21],
      ],
      [
        ["-- new ones", 0],
        ["// and only those", 25],
        ["# mine", 43],
      ],
    ],
    [
      "status = new /* x; y */ and rating = poor /* open",
      [
        [13, 15],
        [42, 44],
      ],
      [
        ["status", 0],
        ["=", 7],
        ["new", 9],
        ["and", 24],
        ["rating", 28],
        ["=", 35],
        ["poor", 37],
      ],
      [
        ["/* x; y */", 13],
        ["/* open", 42],
      ],
    ],
    [
      "a = 1 # a -- b // c",
      [],
      [
        ["a", 0],
        ["=", 2],
        ["1", 4],
      ],
      [["# a -- b // c", 6]],
    ],
    [
      'tags = "a -- b // c"',
      [],
      [
        ["tags", 0],
        ["=", 5],
        ['"a -- b // c"', 7],
      ],
      [],
    ],
  ])(
    "%j: a comment that starts with -- or // or /* is said and kept apart",
    (text, spans, tokens, comments) => {
      const result = tokenize(text);
      expect(result.diagnostics).toEqual(
        spans.map(([start, end]) => ({
          code: "syntax",
          severity: "error",
          message: `a comment starts with '#', not '${text.slice(start, end)}'`,
          span: { start, end },
        })),
      );
      expect(result.tokens.map((t) => [t.image, t.startOffset])).toEqual(tokens);
      expect(result.comments.map((c) => [c.image, c.startOffset])).toEqual(comments);
      expect(result.comments.every((c) => tokenClass(c.tokenType) === "comment")).toBe(true);
    },
  );

  // Typographic quotes, as pasted from a document or a chat: said once, then read as the string meant.
  it.each<[string, [number, number, string][], [string, string | undefined][]]>([
    [
      "tags = “VIP”",
      [[7, 12, '"VIP"']],
      [
        ["tags", undefined],
        ["=", undefined],
        ["“VIP”", "VIP"],
      ],
    ],
    [
      "tags in (‘Paid’, „on hold“)",
      [
        [9, 15, '"Paid"'],
        [17, 26, '"on hold"'],
      ],
      [
        ["tags", undefined],
        ["in", undefined],
        ["(", undefined],
        ["‘Paid’", "Paid"],
        [",", undefined],
        ["„on hold“", "on hold"],
        [")", undefined],
      ],
    ],
  ])("%j: a string in typographic quotes is said and read as meant", (text, said, tokens) => {
    const result = tokenize(text);
    expect(result.diagnostics.map((d) => [d.span.start, d.span.end, d.message, d.hint])).toEqual(
      said.map(([start, end, meant]) => [
        start,
        end,
        `${text.slice(start, end)} is in typographic quotes: a string is written in straight quotes`,
        `did you mean '${meant}'?`,
      ]),
    );
    expect(result.tokens.map((t) => [t.image, stringValue(t)])).toEqual(tokens);
  });

  it.each([
    ["status ≠ pending", [[7, 8, "≠", "!="]], ["Word", "NotEquals", "Word"]],
    ["createdAt ≥ 1d ago", [[10, 11, "≥", ">="]], ["Word", "GreaterEq", "Duration", "Ago"]],
    ["createdAt⩽2026-01-01", [[9, 10, "⩽", "<="]], ["Word", "LessEq", "Date"]],
  ])(
    "%j: a comparison sign as mathematics writes it is said and read as HCQL's operator",
    (text, said, types) => {
      const result = tokenize(text);
      expect(result.diagnostics.map((d) => [d.span.start, d.span.end, d.message, d.fix?.text])).toEqual(
        said.map(([start, end, sign, operator]) => [
          start,
          end,
          `'${sign}' is written '${operator}'`,
          operator,
        ]),
      );
      expect(result.tokens.map((t) => t.tokenType.name)).toEqual(types);
    },
  );

  it.each([
    ["emaíl = x", "email", "email = x"],
    ["stätus != new", "status", "status != new"],
    ["ratíng < poor", "rating", "rating < poor"],
  ])(
    "%j: a field's name with an accent typed in, before an operator, gets the field's name as fix",
    (text, field, fixed) => {
      const [d] = tokenize(text).diagnostics;
      expect(d?.hint).toBe(`did you mean '${field}'?`);
      expect(applyFix(text, d!.fix!)).toBe(fixed);
    },
  );

  it("quotes a word with an accent that stands as a value, or before no operator", () => {
    expect(tokenize("tags = café").diagnostics[0]?.hint).toBe('quote it: "café"');
    expect(tokenize("nöfield = 1").diagnostics[0]?.hint).toBe('quote it: "nöfield"');
  });

  it.each([
    ["email = 'it''s'", "'it''s'", "'", "it's", '"it\'s"'],
    ['email = "say ""hi"""', '"say ""hi"""', '"', 'say "hi"', '"say \\"hi\\""'],
  ])(
    "%j: a quote doubled inside a string, as SQL writes it, is one string, with the escape as fix",
    (text, image, q, value, fixed) => {
      const result = tokenize(text);
      expect(result.diagnostics.map((d) => [d.message, d.fix?.text])).toEqual([
        [`${image}: a quote inside a string is written \\${q}, not doubled`, fixed],
      ]);
      expect(result.tokens.map((t) => stringValue(t) ?? t.image)).toEqual(["email", "=", value]);
    },
  );

  it("reads signs and words of other scripts as meant among a hundred slips, not among more (hostile text)", () => {
    const messages = (text: string) => new Set(tokenize(text).diagnostics.map((d) => d.message));
    expect(messages("a ≠ b or ".repeat(100))).toEqual(new Set(["'≠' is written '!='"]));
    expect(messages("a ≠ b or ".repeat(101))).toEqual(new Set(["unexpected character '≠'"]));
    expect(tokenize("tags = 王 or ".repeat(101)).tokens.some((t) => t.tokenType.name === "GluedValue")).toBe(
      false,
    );
  });

  it("leaves two strings with a space between them apart", () => {
    expect(tokenize("email = 'x' 'y'").tokens.map((t) => t.image)).toEqual(["email", "=", "'x'", "'y'"]);
  });

  it("leaves a typographic quote that no other closes on its line to be told as a character", () => {
    expect(tokenize("tags = “VIP\nor x").diagnostics.map((d) => d.message)).toEqual([
      "unexpected character '“'",
    ]);
  });

  it.each([
    ["status in [new, closed]", 10, 23, "[…]", "(new, closed)"],
    ["tags in {Paid,Trial} and rating = poor", 8, 20, "{…}", "(Paid, Trial)"],
    ["status not in [ new , closed ] limit 5", 14, 30, "[…]", "(new, closed)"],
  ])(
    "%j: a list in brackets is said once and read as the list in parentheses",
    (text, start, end, written, meant) => {
      const result = tokenize(text);
      expect(result.diagnostics.map((d) => [d.span.start, d.span.end, d.message, d.hint])).toEqual([
        [start, end, `a list is written in parentheses, not '${written}'`, `did you mean '${meant}'?`],
      ]);
      expect(result.diagnostics.every(isToldByLexer)).toBe(true);
      // The query as meant: nothing more to say about it.
      expect(compile(text).diagnostics.map((d) => d.message)).toEqual([
        `a list is written in parentheses, not '${written}'`,
      ]);
      expect(parse(text).query).toEqual(parse(text.replace(/[[{]/, "(").replace(/[\]}]/, ")")).query);
    },
  );

  it.each(["status in [new, closed", "status in new, closed]", "status in [[new]]", "tags = [a@b]"])(
    "%j: a bracket without its other half is a stray character",
    (text) => {
      expect(tokenize(text).diagnostics.map((d) => d.message)).toContainEqual(
        expect.stringMatching(/^unexpected character/),
      );
      expect(tokenize(text).diagnostics.map((d) => d.message)).not.toContainEqual(
        expect.stringMatching(/written in parentheses/),
      );
    },
  );

  it.each([
    ["email = *@gmail.com", 'email contains "@gmail.com"'],
    ["email != %@test.com%", 'email not contains "@test.com"'],
    ["userId = abc*", 'userId contains "abc"'],
    ["email ~ *gmail*", 'email contains "gmail"'],
    ["email !~ gmail%", 'email not contains "gmail"'],
    ["email not contains *gmail*", 'email not contains "gmail"'],
  ])("%j: a wildcard is told, with contains as the hint", (text, meant) => {
    expect(tokenize(text).diagnostics[0]!.hint).toBe(
      `a value has no wildcards; a part of a text is found with 'contains': ${meant}`,
    );
  });

  it.each([
    ["tags = *vip*", 'quote it: "*vip*"'],
    ["email = a*b", 'quote it: "a*b"'],
    ["email > *x", 'quote it: "*x"'],
    ["email = *", undefined],
  ])("%j: no contains for a field without it, a wildcard inside, or another operator", (text, hint) => {
    expect(tokenize(text).diagnostics[0]!.hint).toBe(hint);
  });

  // `--` touching a value is a minus too many (`now--7d`), not a comment: the parser says so.
  it.each(["createdAt > now--7d", "status = new --only"])(
    "%j: -- written against a word is no comment",
    (text) => {
      expect(tokenize(text).diagnostics).toEqual([]);
      expect(tokenize(text).comments).toEqual([]);
    },
  );

  it.each<[string, string[]]>([
    [
      'status = 1 and tags ~ "x" or 7d 2020-01-01 ( 7x',
      [
        "word",
        "operator",
        "number",
        "keyword",
        "word",
        "operator",
        "string",
        "keyword",
        "duration",
        "date",
        "punctuation",
        "error",
      ],
    ],
  ])("classifies %j for highlighting", (text, expected) => {
    expect(tokenize(text).tokens.map((t) => tokenClass(t.tokenType))).toEqual(expected);
  });
});
