import { describe, expect, it } from "vitest";
import * as core from "../src/core.js";
import * as main from "../src/index.js";

/**
 * The entry functions that take text, called from plain JavaScript with something else: a TypeError
 * naming the function and what it takes, thrown before any work (not one from deep inside).
 */

const NOT_TEXT = [
  [undefined, "undefined"],
  [null, "null"],
  [42, "a number"],
  [true, "a boolean"],
  [["status = 3"], "an array"],
  [{ text: "status = 3" }, "an object"],
] as const;

type Call = (value: unknown) => unknown;

const CALLS: readonly (readonly [string, string, Call])[] = [
  ["compile", "the query text", (v) => core.compile(v as string)],
  ["check", "the query text", (v) => core.check(v as string)],
  ["explain", "the query text", (v) => core.explain(v as string)],
  ["tokenize", "the query text", (v) => core.tokenize(v as string)],
  ["parse", "the query text", (v) => core.parse(v as string)],
  ["format", "the query text (or a parsed Query)", (v) => core.format(v as string)],
  ["formatQuery", "the query text", (v) => core.formatQuery(v as string)],
  ["complete", "the query text", (v) => core.complete(v as string, 0)],
  ["highlight", "the query text", (v) => core.highlight(v as string)],
  ["isIncomplete", "the query text", (v) => core.isIncomplete(v as string)],
  ["renderDiagnostic", "the query text", (v) => core.renderDiagnostic(v as string, DIAGNOSTIC)],
  ["renderDiagnostics", "the query text", (v) => core.renderDiagnostics(v as string, [DIAGNOSTIC])],
  ["lineColFromIndex", "the query text", (v) => core.lineColFromIndex(v as string, 0)],
  ["quote", "the value", (v) => core.quote(v as string)],
  ["isBareWord", "the word", (v) => core.isBareWord(v as string)],
  ["applyFix", "the query text", (v) => core.applyFix(v as string, DIAGNOSTIC.fix!)],
  ["fixQuery", "the query text", (v) => core.fixQuery(v as string)],
];

const DIAGNOSTIC = core.compile("stauts = 3").diagnostics[0]!;

describe("applyFix", () => {
  it("makes a diagnostic's fix: the query its hint suggests", () => {
    expect(DIAGNOSTIC.fix).toEqual({ span: { start: 0, end: 6 }, text: "status" });
    expect(core.applyFix("stauts = 3", DIAGNOSTIC.fix!)).toBe("status = 3");
  });

  it("fixQuery makes them all, round after round, and says what no fix mends", () => {
    expect(core.fixQuery("stauts = pendng and rating = bad")).toEqual({
      text: "status = pending and rating = poor",
      diagnostics: [],
    });
    const left = core.fixQuery("tags != Paid and rating = bad");
    expect([left.text, left.diagnostics.map((d) => d.code)]).toEqual([
      "tags != Paid and rating = poor",
      ["operator-not-allowed"],
    ]);
    const names = { agents: [{ id: 3129, name: "Kosta" }], departments: [] };
    expect(core.fixQuery("assignee = kosta", { names }).text).toBe("assignee = 3129");
  });

  it.each([Number.NaN, 1.5])("complete with the cursor %s: a RangeError", (cursor) => {
    expect(() => core.complete("status = p", cursor)).toThrow(
      new RangeError(`complete: the cursor must be an integer, not ${cursor}`),
    );
  });

  it("complete clamps an integer cursor past either end", () => {
    expect(core.complete("stat", 99).replaceFrom).toBe(0);
    expect(core.complete("stat", -3).replaceFrom).toBe(0);
  });

  it.each([
    [{ start: 0, end: 11 }, "0–11"],
    [{ start: 4, end: 2 }, "4–2"],
    [{ start: -1, end: 2 }, "-1–2"],
    [{ start: 0.5, end: 2 }, "0.5–2"],
  ])("a span outside the text (%j): a RangeError", (span, said) => {
    expect(() => core.applyFix("stauts = 3", { span, text: "x" })).toThrow(
      new RangeError(`applyFix: the span ${said} is not inside the text (length 10)`),
    );
  });
});

describe("text that is not a string", () => {
  it.each(
    CALLS.flatMap(([name, what, call]) =>
      NOT_TEXT.map(([value, said]) => [name, said, what, call, value] as const),
    ),
  )("%s(%s): a TypeError saying what it takes", (name, said, what, call, value) => {
    expect(() => call(value)).toThrow(new TypeError(`hcql: ${name} takes ${what} as a string, not ${said}`));
    expect(() => call(value)).toThrow(TypeError);
  });

  it("the main entry's functions are the core's", () => {
    expect(() => main.compile(undefined as unknown as string)).toThrow(
      new TypeError("hcql: compile takes the query text as a string, not undefined"),
    );
    expect(() => main.compile(42 as unknown as string)).toThrow(
      new TypeError("hcql: compile takes the query text as a string, not a number"),
    );
  });

  it("strings, and format's parsed tree, work as before", () => {
    const tree = core.parse("status=3").query;
    expect([
      core.format(tree),
      core.format("status=3"),
      core.quote("on hold"),
      core.isBareWord("pending"),
    ]).toEqual(["status = pending", "status = pending", '"on hold"', true]);
    expect(core.compile("status = 3", { now: 0 }).ok).toBe(true);
  });
});

describe("other arguments that are not what a function takes", () => {
  const NOT_OPTIONS = [
    [null, "null"],
    ["UTC", "a string"],
    [[], "an array"],
    [5, "a number"],
  ] as const;
  type Options = Parameters<typeof core.compile>[1];
  const WITH_OPTIONS: readonly (readonly [string, (options: unknown) => unknown])[] = [
    ["compile", (o) => core.compile("status = 1", o as Options)],
    ["check", (o) => core.check("status = 1", o as Options)],
    ["explain", (o) => core.explain("status = 1", o as Options)],
    ["fixQuery", (o) => core.fixQuery("status = 1", o as Options)],
    ["parse", (o) => core.parse("status = 1", o as Options)],
    ["format", (o) => core.format("status = 1", o as Options)],
    ["formatQuery", (o) => core.formatQuery("status = 1", o as Options)],
    ["renderDiagnostic", (o) => core.renderDiagnostic("stauts = 3", DIAGNOSTIC, o as core.RenderOptions)],
    ["renderDiagnostics", (o) => core.renderDiagnostics("stauts = 3", [DIAGNOSTIC], o as core.RenderOptions)],
  ];

  it.each(
    WITH_OPTIONS.flatMap(([name, call]) =>
      NOT_OPTIONS.map(([value, said]) => [name, said, call, value] as const),
    ),
  )("%s with options that are %s: a TypeError", (name, said, call, value) => {
    expect(() => call(value)).toThrow(
      new TypeError(`hcql: ${name} takes its options as an object, not ${said}`),
    );
  });

  it.each([
    [
      "applyFix without a fix",
      () => core.applyFix("x", undefined as unknown as core.Fix),
      "hcql: applyFix takes the fix as an object {span, text}, not undefined",
    ],
    [
      "applyFix with a fix without a span",
      () => core.applyFix("x", { text: "y" } as unknown as core.Fix),
      "hcql: applyFix takes the fix as an object {span, text}, not an object",
    ],
    [
      "renderDiagnostics without diagnostics",
      () => core.renderDiagnostics("x", undefined as unknown as core.Diagnostic[]),
      "hcql: renderDiagnostics takes the diagnostics as an array, not undefined",
    ],
    [
      "renderDiagnostic without a diagnostic",
      () => core.renderDiagnostic("x", null as unknown as core.Diagnostic),
      "hcql: renderDiagnostic takes the diagnostic as an object, not null",
    ],
    [
      "complete with context that is a string",
      () => core.complete("assignee = ", 11, "x" as unknown as core.CompletionContext),
      "hcql: complete takes its context as an object, not a string",
    ],
    [
      "complete with agents that are a string",
      () => core.complete("assignee = ", 11, { agents: "x" as unknown as [] }),
      "hcql: complete takes context.agents as an array, not a string",
    ],
    [
      "complete with tags that are an object",
      () => core.complete("tags = ", 7, { tags: {} as unknown as [] }),
      "hcql: complete takes context.tags as an array, not an object",
    ],
    [
      "complete with commands that are an array",
      () => core.complete(".", 1, { commands: [] as unknown as Record<string, core.CommandArgument> }),
      "hcql: complete takes context.commands as an object, not an array",
    ],
  ])("%s: a TypeError", (_name, call, message) => {
    expect(call).toThrow(new TypeError(message));
  });

  const LINE = { code: "syntax", severity: "error", message: "m", span: { start: 0, end: 3 } } as const;
  it.each([
    [
      "a diagnostic without a span",
      { ...LINE, span: undefined },
      {},
      TypeError,
      "a diagnostic with its span {start, end}, not undefined",
    ],
    [
      "a tab width of 0",
      LINE,
      { tabWidth: 0 },
      RangeError,
      "'tabWidth' must be an integer from 1 to 32, not 0",
    ],
    [
      "a tab width of -1",
      LINE,
      { tabWidth: -1 },
      RangeError,
      "'tabWidth' must be an integer from 1 to 32, not -1",
    ],
    [
      "a tab width of 1e9",
      LINE,
      { tabWidth: 1e9 },
      RangeError,
      "'tabWidth' must be an integer from 1 to 32, not 1000000000",
    ],
    [
      "a width of NaN",
      LINE,
      { maxWidth: Number.NaN },
      RangeError,
      "'maxWidth' must be an integer from 1, or Infinity, not NaN",
    ],
    [
      "a width of -5",
      LINE,
      { maxWidth: -5 },
      RangeError,
      "'maxWidth' must be an integer from 1, or Infinity, not -5",
    ],
    [
      "colors without red",
      LINE,
      { color: { bold: String } },
      TypeError,
      "'color' as a boolean or an object of functions (red, …), not an object",
    ],
    [
      "colors as a string",
      LINE,
      { color: "yes" },
      TypeError,
      "'color' as a boolean or an object of functions (bold, …), not a string",
    ],
  ])(
    "renderDiagnostic and renderDiagnostics with %s: an error naming it",
    (_name, d, options, type, message) => {
      const one = () =>
        core.renderDiagnostic("a\tb", d as unknown as core.Diagnostic, options as core.RenderOptions);
      const many = () =>
        core.renderDiagnostics("a\tb", [d as unknown as core.Diagnostic], options as core.RenderOptions);
      const prefix = type === TypeError ? "hcql: render%s takes " : "";
      expect(one).toThrow(new type(`${prefix.replace("%s", "Diagnostic")}${message}`));
      expect(many).toThrow(new type(`${prefix.replace("%s", "Diagnostics")}${message}`));
    },
  );

  it("renderDiagnostic with a tab width of 32 and a width of Infinity lays the line out", () => {
    const d = LINE as unknown as core.Diagnostic;
    expect(core.renderDiagnostic("a\tb", d, { tabWidth: 32, maxWidth: Infinity })).toBe(
      `error[syntax]: m\n  |\n1 | a${" ".repeat(31)}b\n  | ${"^".repeat(33)}`,
    );
  });

  it("complete with the cursor as a string: a RangeError quoting it", () => {
    expect(() => core.complete("stat", "4" as unknown as number)).toThrow(
      new RangeError('complete: the cursor must be an integer, not "4"'),
    );
  });

  it.each([
    [{ maxRequests: "8" }, `'maxRequests' must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}, not "8"`],
    [{ defaultLimit: "10" }, `'defaultLimit' must be an integer from 1 to 10000, not "10"`],
    [{ cursor: "3" }, `'cursor' must be an integer from 0 to the text's length 10, not "3"`],
  ])("compile with %j: a RangeError quoting the string", (options, message) => {
    expect(() => core.compile("status = 1", options as unknown as core.CompileOptions)).toThrow(
      new RangeError(message),
    );
  });

  it.each([
    [{ timeZone: 5 }, new TypeError("'timeZone' must be an IANA time zone name, not 5")],
    [{ timeZone: null }, new TypeError("'timeZone' must be an IANA time zone name, not null")],
    [{ timeZone: "" }, new RangeError(`'timeZone' is no IANA time zone: ""`)],
    [
      { timeZone: `Mars/${"A".repeat(100_000)}` },
      new RangeError(`'timeZone' is no IANA time zone: "Mars/${"A".repeat(55)}…"`),
    ],
    [{ names: "Support" }, new TypeError(`'names' must be an object {agents, departments}, not "Support"`)],
    [{ names: { departments: null } }, new TypeError("'names.departments' must be an array, not null")],
    [
      { names: { agents: [{ id: 1, name: "Ann" }, null] } },
      new TypeError("'names.agents[1]' must be {id: an integer, name: a string or null}"),
    ],
    [
      { names: { departments: [{ id: "101", name: "Support" }] } },
      new TypeError("'names.departments[0]' must be {id: an integer, name: a string or null}"),
    ],
    [
      { names: { departments: [{ id: 101, name: 5 }] } },
      new TypeError("'names.departments[0]' must be {id: an integer, name: a string or null}"),
    ],
  ])("compile with %j: an error naming the option", (options, error) => {
    const call = () => core.compile("department = Support", options as unknown as core.CompileOptions);
    expect(call).toThrow(error);
    expect(call).toThrow(error.constructor as typeof Error);
  });

  it("names with a null name or no list at all are names", () => {
    const names = { agents: [{ id: 7, name: null }], departments: [{ id: 101, name: null }] };
    expect(core.compile("department = Support", { names }).diagnostics.map((d) => d.code)).toEqual([
      "invalid-value",
    ]);
  });

  it("options and context given as undefined are left out", () => {
    expect(core.compile("status = 1", undefined).ok).toBe(true);
    expect(core.complete("stat", 4, undefined).items.length).toBeGreaterThan(0);
    expect(core.complete("assignee = ", 11, { agents: undefined }).replaceFrom).toBe(11);
  });
});
