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
