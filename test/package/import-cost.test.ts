import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * What importing the built library costs before it is needed (bench row `library-import`): ky and
 * Node's fetch load on the first request, and string-width's Intl.Segmenter on the first diagnostic
 * drawn with carets.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The library as Node takes it (`hcql`, its `node` condition), and as ES modules (bundlers, browsers). */
const BUILDS = [
  ["Node's bundle", "hcql"],
  ["the ES modules", `${ROOT}dist/index.js`],
] as const;

/**
 * Runs `steps` (module source using `hcql`) after importing `entry` from the repository, where
 * `hcql` names the package itself; returns what it printed.
 */
function afterImport(entry: string, steps: string): unknown {
  const script = `
    let segmenters = 0;
    const Segmenter = Intl.Segmenter;
    Intl.Segmenter = class extends Segmenter { constructor(...args) { segmenters++; super(...args); } };
    const hcql = await import(${JSON.stringify(entry)});
    const loaded = () => ({
      fetch: process.moduleLoadList.some((name) => name.includes("undici")),
      segmenters,
    });
    ${steps}
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", TZ: "UTC" },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

describe.each(BUILDS)("importing hcql: %s", (_, entry) => {
  it("and compiling in UTC loads neither fetch nor a segmenter", () => {
    const seen = afterImport(
      entry,
      `
      const compiled = hcql.compile("status = pending and (tags = 'Paid' or rating = poor)");
      console.log(JSON.stringify({ ok: compiled.ok, ...loaded() }));
    `,
    );
    expect(seen).toEqual({ ok: true, fetch: false, segmenters: 0 });
  });

  it("compiles in another zone at once", () => {
    const seen = afterImport(
      entry,
      `
      const compiled = hcql.compile("createdAt >= 2026-03-29", { timeZone: "Europe/Berlin" });
      console.log(JSON.stringify({ value: compiled.requests[0].filter[0].value, ...loaded() }));
    `,
    );
    // Midnight in Berlin on the day summer time starts is 23:00 UTC the day before.
    expect(seen).toEqual({ value: 1774738800, fetch: false, segmenters: 0 });
  });

  it("draws a diagnostic under wide characters, making the segmenter then", () => {
    const seen = afterImport(
      entry,
      `
      const compiled = hcql.compile("customer = '王芳' and stauts = 1");
      const drawn = hcql.renderDiagnostics("customer = '王芳' and stauts = 1", compiled.diagnostics);
      console.log(JSON.stringify({ caret: drawn.split("\\n").find((line) => line.includes("^")), ...loaded() }));
    `,
    );
    // '王芳' takes six columns in a terminal, so six carets stand under it.
    expect(seen).toEqual({
      caret:
        "  |            ^^^^^^ the API cannot search chats by a customer's name: search by email or userId",
      fetch: false,
      segmenters: 2,
    });
  });

  it("loads fetch on the first request, not before", () => {
    const seen = afterImport(
      entry,
      `
      const client = hcql.createClient({ apiKey: "k".repeat(32), baseUrl: "http://127.0.0.1:9", retries: 0 });
      const before = loaded();
      await client.search([{ filter: [], limit: 1 }]).catch(() => {});
      console.log(JSON.stringify({ before: before.fetch, after: loaded().fetch }));
    `,
    );
    expect(seen).toEqual({ before: false, after: true });
  });
});

describe.each(BUILDS)("an error the library throws, left uncaught: %s", (_, entry) => {
  it("prints the line it came from, not a whole chunk of minified code", () => {
    const script = `const hcql = await import(${JSON.stringify(entry)}); hcql.compile("x", { now: "2026-01-01" });`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", TZ: "UTC" },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("RangeError: 'now' must be UNIX seconds");
    const beforeMessage = run.stderr.slice(0, run.stderr.indexOf("RangeError"));
    expect(beforeMessage.length).toBeLessThan(600);
  });
});
