import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_EXAMPLES, EXAMPLE_NOW } from "../compiler/examples.data.js";
import { hcql } from "../support/cli.js";

describe("hcql check --json: the spec's diagnostic examples", () => {
  it.concurrent.for(DIAGNOSTIC_EXAMPLES.map((c) => [c.query, c] as const))(
    "%s",
    async ([, c], { expect }) => {
      const run = await hcql(["check", "--json", "--now", String(EXAMPLE_NOW), "--tz", "UTC", "--", c.query]);
      expect(run.code).toBe(c.exit ?? 1);
      expect(run.stderr).toBe("");
      const { diagnostics } = JSON.parse(run.stdout) as {
        diagnostics: { code: string; span: { start: number; end: number }; hint?: string }[];
      };
      for (const e of c.expect) {
        const found = diagnostics.find(
          (d) =>
            d.code === e.code &&
            (e.anySpan === true || (d.span.start === e.span!.start && d.span.end === e.span!.end)),
        );
        expect(found, e.code).toBeDefined();
        if (e.hintMentions !== undefined) expect(found!.hint).toContain(e.hintMentions);
      }
    },
  );
});

describe("hcql check", () => {
  it("prints the diagnostics as JSON with fixed keys", async () => {
    const run = await hcql(["check", "--json", "stauts = 1 and rating = meh or tags = “VIP”"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      diagnostics: [
        {
          code: "unknown-field",
          severity: "error",
          message: "unknown field 'stauts'",
          span: { start: 0, end: 6 },
          hint: "did you mean 'status'?",
          fix: { span: { start: 0, end: 6 }, text: "status" },
        },
        {
          code: "invalid-value",
          severity: "error",
          message: "unknown rating 'meh'; ratings are great, average, poor",
          span: { start: 24, end: 27 },
        },
        {
          code: "syntax",
          severity: "error",
          message: "“VIP” is in typographic quotes: a string is written in straight quotes",
          span: { start: 38, end: 43 },
          hint: `did you mean '"VIP"'?`,
          fix: { span: { start: 38, end: 43 }, text: '"VIP"' },
        },
      ],
    });
    // The keys in a fixed order, as listed in --help.
    expect(Object.keys(JSON.parse(run.stdout).diagnostics[2])).toEqual([
      "code",
      "severity",
      "message",
      "span",
      "hint",
      "fix",
    ]);
  });

  it("prints an empty list for a good query and exits 0", async () => {
    expect(await hcql(["check", "--json", "status = new"])).toEqual({
      code: 0,
      stdout: '{\n  "diagnostics": []\n}\n',
      stderr: "",
    });
    expect(await hcql(["check", "status = new"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("--json: a query on stdin past the limit is a too-long diagnostic on stdout, where the limit is crossed", async () => {
    const run = await hcql(["check", "--json", "-"], { input: "a".repeat(70_000) });
    expect(run).toEqual({
      code: 1,
      stdout: `${JSON.stringify(
        {
          diagnostics: [
            {
              code: "too-long",
              severity: "error",
              message: "stdin holds more than 65,536 characters, the longest a query may be",
              span: { start: 65_536, end: 65_537 },
            },
          ],
        },
        null,
        2,
      )}\n`,
      stderr: "",
    });
    expect(await hcql(["check", "-"], { input: "a".repeat(70_000) })).toEqual({
      code: 1,
      stdout: "",
      stderr: "hcql check: stdin holds more than 65,536 characters, the longest a query may be\n",
    });
  });

  it("renders problems on stderr without --json", async () => {
    const run = await hcql(["check", "status = new and status = closed"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warning[never-matches]");
    const error = await hcql(["check", "sort by email"]);
    expect(error.code).toBe(1);
    expect(error.stderr).toContain("error[not-sortable]: cannot sort by 'email'");
  });

  it("reports planner problems too, and the cap that lets a plan too large run", async () => {
    const nine = "assignee in (1, 2, 3) and department in (1, 2, 3)";
    const run = await hcql(["check", "--json", nine]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).diagnostics[0].code).toBe("plan-too-large");
    for (const command of ["check", "compile"]) {
      const shown = await hcql([command, nine]);
      expect([shown.code, shown.stdout]).toEqual([1, ""]);
      expect(shown.stderr).toMatch(
        /\n--max-requests 9 lets it run \(hcql explain shows what the query costs\)\n$/,
      );
    }
  });

  it.each(["check", "compile", "run"])(
    "%s: a limit over 10,000 is told how to fetch every match instead (§6)",
    async (command) => {
      const over = await hcql([command, "status = new limit 10001"]);
      expect([over.code, over.stdout]).toEqual([1, ""]);
      expect(over.stderr).toContain("limit must be between 1 and 10,000, not 10001");
      expect(over.stderr).toMatch(
        /\nto fetch more than 10,000 chats, leave the limit out: hcql run --all fetches every match\n$/,
      );
      const zero = await hcql([command, "status = new limit 0"]);
      expect(zero.code).toBe(1);
      expect(zero.stderr).not.toContain("--all");
    },
  );

  it("a count's limit over 10,000 is of its rows: it is told to leave the limit out, not to fetch with --all", async () => {
    expect(await hcql(["check", "count by status limit 10001"])).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        "error[invalid-value]: limit must be between 1 and 10,000, not 10001",
        "  |",
        "1 | count by status limit 10001",
        "  |                       ^^^^^ a count's limit keeps at most 10,000 of its rows; without one it shows every row",
        "",
      ].join("\n"),
    });
  });

  it("is a usage error with an unknown zone", async () => {
    const run = await hcql(["check", "--tz", "Nowhere/City", "status = new"]);
    expect(run.code).toBe(2);
  });
});
