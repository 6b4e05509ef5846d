import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compiler/index.js";
import { STATUSES } from "../../src/language/values.js";

const GRAMMAR = readFileSync(fileURLToPath(new URL("../../grammar.md", import.meta.url)), "utf8");

describe("grammar.md, values", () => {
  it("lists the statuses of src/language/values.ts", () => {
    const rows = STATUSES.map(
      (s) => `| ${s.code} | ${s.names.map((n) => (/[ -]/.test(n) ? `\`"${n}"\`` : `\`${n}\``)).join(", ")} |`,
    );
    const table = ["| code | names (the first is what `hcql fmt` prints) |", "| --- | --- |", ...rows].join(
      "\n",
    );
    expect(GRAMMAR).toContain(`<!-- statuses:start -->\n${table}\n<!-- statuses:end -->`);
  });

  it("states the whole-day table the compiler follows", () => {
    const day = { start: 1592956800, end: 1593043200 };
    const rows = [...GRAMMAR.matchAll(/^\| `createdAt (\S+) d` \| (.+) \|$/gm)];
    expect(rows).toHaveLength(6);
    for (const [, op, sent] of rows) {
      const filter = compile(`createdAt ${op} 2020-06-24`, { now: 0 }).requests[0]!.filter;
      const written = filter
        .map((i) => `\`${i.operator} ${i.value === day.start ? "s" : i.value === day.end ? "e" : "?"}\``)
        .join(op === "!=" ? " or " : " and ");
      expect(sent!.startsWith(written), `${op}: ${sent}`).toBe(true);
    }
  });
});

describe("grammar.md, syntax errors", () => {
  const table = GRAMMAR.slice(GRAMMAR.indexOf("Syntax errors, with what hcql says:"));
  const rows = [
    ...table.slice(0, table.indexOf("\n\n", table.indexOf("| --- |"))).matchAll(/^\| `(.+)` \| (.+) \|$/gm),
  ];

  it("has its rows", () => {
    expect(rows.length).toBeGreaterThan(20);
  });

  it.each(rows.map(([, query, said]) => [query!, said!]))("%s: %s", (query, said) => {
    const { diagnostics } = compile(query, { now: 0 });
    const { message, hint } =
      /^(?<message>.+?)(?: \((?:hint: (?<hint>.+)|`[a-z-]+`|at the end of the text)\))?$/.exec(said)!.groups!;
    const found = diagnostics.find((d) => d.message === message);
    expect(found, diagnostics.map((d) => d.message).join("; ")).toBeDefined();
    if (hint === undefined) return;
    // A hint written as code is the query as meant: in the hint, after "did you mean" or "quote it".
    const words = hint.split(/` or `/).map((part) => part.replace(/^`|`$/g, ""));
    for (const word of words) expect(found!.hint).toContain(word);
  });
});
