import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * `hcql` and `hcql/core` in Node: package.json's `node` condition takes them to dist/node/, which runs
 * the library as one CommonJS bundle from the code cache the build made of it (src/library-loader.ts).
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");
const QUERY = 'status = pending and (tags = "Paid" or rating = poor) sort by lastMessageAt desc limit 20';

/** Runs an ES module script in a fresh Node in the repository, where `hcql` names the package itself. */
function script(source: string, cwd = ROOT) {
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", source], {
    cwd,
    env: { PATH: process.env.PATH ?? "", TZ: "UTC" },
    encoding: "utf8",
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** What a script printed as JSON, failing with its stderr when it did not end well. */
function printed(source: string, cwd?: string): unknown {
  const run = script(source, cwd);
  if (run.status !== 0 || run.stderr !== "") throw new Error(`exit ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe("import('hcql') in Node", () => {
  it("runs the bundle in dist/node from the cache the build made, which V8 takes", () => {
    const seen = printed(`
      import { createRequire } from "node:module";
      const hcql = await import("hcql");
      const load = createRequire(${JSON.stringify(join(DIST, "node/"))})("./load.cjs");
      console.log(JSON.stringify({
        resolved: import.meta.resolve("hcql"),
        core: import.meta.resolve("hcql/core"),
        ok: hcql.compile(${JSON.stringify(QUERY)}).ok,
        cache: load.cacheUse(),
      }));
    `);
    expect(seen).toEqual({
      resolved: `file://${DIST}/node/index.cjs`,
      core: `file://${DIST}/node/core.cjs`,
      ok: true,
      cache: "taken",
    });
  });

  it.each(["index", "core"])(
    "dist/node/%s.cjs has the names of the ES module of that entry, none more or fewer, imported or required",
    (entry) => {
      const file = join(DIST, "node", `${entry}.cjs`);
      const seen = printed(`
        import { createRequire } from "node:module";
        const imported = await import(${JSON.stringify(file)});
        const required = createRequire(import.meta.url)(${JSON.stringify(file)});
        const modules = await import(${JSON.stringify(join(DIST, `${entry}.js`))});
        console.log(JSON.stringify({
          imported: Object.keys(imported).filter((name) => name !== "default"),
          required: Object.keys(required).sort(),
          modules: Object.keys(modules),
          importedIsRequired: imported.default === required,
          same: Object.keys(modules).filter((name) => imported[name] !== required[name]),
        }));
      `) as { imported: string[]; required: string[]; modules: string[] };
      expect(seen).toEqual({
        imported: seen.modules,
        required: seen.modules,
        modules: expect.arrayContaining(["compile", "format", "highlight", "FormatError"]),
        importedIsRequired: true,
        same: [],
      });
    },
  );

  it("hcql and hcql/core share one bundle: the same functions, classes and tables", () => {
    const seen = printed(`
      const hcql = await import("hcql");
      const core = await import("hcql/core");
      // Each entry's own object of exports is its \`default\`, as Node gives every CommonJS file.
      const shared = Object.keys(core).filter((name) => name !== "default" && hcql[name] !== core[name]);
      console.log(JSON.stringify({ names: Object.keys(core).length, notShared: shared }));
    `) as { names: number; notShared: string[] };
    expect(seen.notShared).toEqual([]);
    expect(seen.names).toBeGreaterThan(20);
  });

  it.each([
    QUERY,
    "stauts = 1 and createdAt > 2026-13-01",
    "createdAt >= 2026-03-29 and not (assignee = 3129 or department = 101) sort by createdAt asc",
    "tags in ('Paid', 'VIP') and rating != poor limit 500 offset 10",
  ])("%s: compiles, formats and explains as the ES modules do", (query) => {
    const results = (file: string) =>
      printed(`
        const hcql = await import(${JSON.stringify(file)});
        const compiled = hcql.compile(${JSON.stringify(query)}, { now: 1750000000 });
        console.log(JSON.stringify({
          compiled,
          formatted: hcql.format(${JSON.stringify(query)}),
          explained: hcql.explain(${JSON.stringify(query)}, { now: 1750000000 }),
          drawn: hcql.renderDiagnostics(${JSON.stringify(query)}, compiled.diagnostics),
        }));
      `);
    expect(results("hcql")).toEqual(results(join(DIST, "index.js")));
  });
});

describe("the library's cache", () => {
  /** `import('hcql')` and a compile, with dist/node copied to a folder of its own and `spoil`t there. */
  function compileIn(spoil: (dist: string) => void) {
    const dist = mkdtempSync(join(tmpdir(), "hcql-library-cache-"));
    try {
      cpSync(join(DIST, "node"), dist, { recursive: true });
      spoil(dist);
      return printed(`
        import { createRequire } from "node:module";
        const hcql = await import(${JSON.stringify(join(dist, "index.cjs"))});
        const compiled = hcql.compile(${JSON.stringify(QUERY)});
        const cache = createRequire(${JSON.stringify(`${dist}/`)})("./load.cjs").cacheUse();
        console.log(JSON.stringify({ requests: compiled.requests, cache }));
      `);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  }

  it.each<[string, (dist: string) => void]>([
    ["missing", (dist) => rmSync(join(dist, "hcql.cache"))],
    ["damaged", (dist) => writeFileSync(join(dist, "hcql.cache"), "not a code cache")],
    ["made by another build", (dist) => writeFileSync(join(dist, "hcql.cjs"), "\n", { flag: "a" })],
  ])("%s, it only costs the compile: the result is the same", (name, spoil) => {
    const intact = compileIn(() => {}) as { requests: unknown; cache: string };
    const spoilt = compileIn(spoil) as { requests: unknown; cache: string };
    expect(intact.cache).toBe("taken");
    expect(spoilt).toEqual({ requests: intact.requests, cache: name === "missing" ? "none" : "refused" });
    expect(intact.requests).toHaveLength(2);
  });

  it("the bundle is the function CommonJS wraps a module in, in ASCII alone (the loader reads Latin-1)", () => {
    const source = readFileSync(join(DIST, "node/hcql.cjs"), "latin1");
    expect(source.startsWith("(function (exports, require, module, __filename, __dirname) {\n")).toBe(true);
    expect(source.endsWith("\n})\n")).toBe(true);
    expect(source.search(/[^\x00-\x7f]/)).toBe(-1);
  });
});
