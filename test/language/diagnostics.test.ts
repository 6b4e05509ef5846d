import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BODY_PROBLEMS,
  CALENDAR_PROBLEMS,
  capDiagnostics,
  DIAGNOSTIC_CODES,
  diagnostic,
  formatMessage,
  HINTS,
  MESSAGES,
} from "../../src/language/diagnostics.js";

/** Every source file as one text: where the tables' names are used. */
function sources(dir = new URL("../../src", import.meta.url).pathname): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      if (entry.isDirectory()) return sources(path);
      return entry.name.endsWith(".ts") ? readFileSync(path, "utf8") : "";
    })
    .join("\n");
}

const TABLES = {
  MESSAGES: Object.fromEntries(Object.entries(MESSAGES).map(([name, m]) => [name, m.text])),
  HINTS,
  BODY_PROBLEMS,
  CALENDAR_PROBLEMS,
} as Record<string, Record<string, string>>;
const ENTRIES = Object.entries(TABLES).flatMap(([table, entries]) =>
  Object.entries(entries).map(([name, text]) => [`${table}.${name}`, name, text] as const),
);

describe("the message tables", () => {
  const text = sources();

  // By its name in quotes (`diagnostic("planTooLarge", ...)`), or read from its table.
  it.each(ENTRIES)("%s is used", (entry, name) => {
    expect(text.includes(`"${name}"`) || text.includes(entry)).toBe(true);
  });

  it.each(ENTRIES)("%s numbers its placeholders {0}, {1}... without a gap", (_, __, text) => {
    const used = [...new Set([...text.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])))].sort();
    expect(used).toEqual(used.map((_n, i) => i));
  });

  it.each(Object.entries(MESSAGES))("%s has a known code", (_, message) => {
    expect(DIAGNOSTIC_CODES).toContain(message.code);
  });
});

describe("diagnostic: a message from the table", () => {
  it("fills the template, and carries code, severity, span and hint", () => {
    expect(diagnostic("planTooLarge", { start: 0, end: 5 }, ["9", 8], "a hint")).toEqual({
      code: "plan-too-large",
      severity: "error",
      message: "the query needs 9 requests; the limit is 8",
      span: { start: 0, end: 5 },
      hint: "a hint",
    });
    expect(diagnostic("neverMatches", { start: 1, end: 2 }, ["x"])).toEqual({
      code: "never-matches",
      severity: "warning",
      message: "x can never match",
      span: { start: 1, end: 2 },
    });
  });

  it.each([
    ["{0} and {1}", ["a", 2], "a and 2"],
    ["{1} before {0}", ["a", "b"], "b before a"],
    ["missing {0}", [], "missing "],
  ] as const)("formatMessage(%j, %j) = %j", (text, args, expected) => {
    expect(formatMessage(text, args)).toBe(expected);
  });

  it("cuts a very long argument with '…'", () => {
    const message = formatMessage("unknown field '{0}'", ["x".repeat(5000)]);
    expect(message.length).toBeLessThan(200);
    expect(message).toMatch(/^unknown field 'x+…'$/);
  });
});

describe("capDiagnostics: at most 100, then how many more", () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => diagnostic("unknownField", { start: i, end: i + 1 }, ["x"]));

  it.each([
    [100, undefined],
    [101, "1 more problem not shown"],
    [102, "2 more problems not shown"],
  ])("%i diagnostics: the last says %j", (n, last) => {
    const capped = capDiagnostics(many(n));
    expect(capped.length).toBe(Math.min(n, 101));
    expect(n > 100 ? capped[100]!.message : undefined).toBe(last);
  });
});
