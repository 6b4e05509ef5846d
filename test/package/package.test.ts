import { execFile } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build, type Metafile, transform } from "esbuild";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The package as a consumer gets it: `npm pack`, then `npm install` of the tarball into an empty
 * project (offline: the package has no dependencies to fetch), then the consumer's tools on it.
 */

const ROOT = new URL("../..", import.meta.url).pathname;
const FIXTURE = new URL("./consumer", import.meta.url).pathname;
const CHROMIUM = "/usr/bin/chromium";
const NOW = 1_750_000_000;
const run = promisify(execFile);

/** The README's library examples: TypeScript, each followed by what it prints. */
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const EXAMPLES = [
  ...README.matchAll(/```ts\n\/\/ example: (\S+)\.ts\n([\s\S]*?)```\n[^`]*```text\n([\s\S]*?)```/g),
].map(([, name, code, output]) => ({ name: name!, code: code!, output: output! }));
/** The runnable example of "Testing with hcql" (JavaScript, for hcql/testing). */
const FILTERS_TEST = /```js\n(\/\/ filters\.test\.mjs[\s\S]*?)```/.exec(README)?.[1] ?? "";

/** Runs a command, resolving with its exit code and output whatever the code. */
async function exec(file: string, args: readonly string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, encoding: "utf8", maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const node = (args: readonly string[], cwd: string) => exec(process.execPath, args, cwd);
const tool = (path: string) => join(ROOT, "node_modules", path);

let dir: string;
let consumer: string;
let tarball: string;
let packed: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hcql-package-"));
  // The esbuild part of dist/ is built by the tests' global set-up; the declarations are built here.
  const declarations = await node(["scripts/build.mjs", "--only-declarations"], ROOT);
  expect(declarations.stderr).toBe("");
  const pack = await exec("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(dir, info!.filename);
  packed = info!.files.map((file) => file.path).sort();

  consumer = join(dir, "consumer");
  cpSync(FIXTURE, consumer, { recursive: true });
  // The README's examples are the consumer's code too: type-checked under every configuration, and run.
  mkdirSync(join(consumer, "src/examples"));
  for (const { name, code } of EXAMPLES) writeFileSync(join(consumer, `src/examples/${name}.ts`), code);
  writeFileSync(join(consumer, "filters.test.mjs"), FILTERS_TEST);
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  const install = await exec(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball],
    consumer,
  );
  expect(install.code, install.stderr).toBe(0);
  // The consumer's own development tools, taken from this checkout rather than the registry.
  const modules = join(consumer, "node_modules");
  mkdirSync(join(modules, "@types"), { recursive: true });
  for (const name of ["fast-check", "@types/node"]) symlinkSync(tool(name), join(modules, name), "dir");
}, 120_000);

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe("what the tarball holds and installs", () => {
  it("the built entries, their declarations, the licence and the railroad page; no sources", () => {
    expect(packed.filter((path) => !path.startsWith("dist/"))).toEqual([
      "LICENSE",
      "README.md",
      "docs/railroad.html",
      "grammar.md",
      "package.json",
    ]);
    for (const entry of ["index", "core", "emulator", "testing"])
      expect(packed).toContain(`dist/${entry}.js`);
    for (const types of ["index", "core", "emulator", "testing"]) {
      expect(packed).toContain(`dist/types/${types}.d.ts`);
    }
    // What Node runs of `hcql` and `hcql/core` is CommonJS (dist/node), and so are their types: each
    // declaration behind them has a CommonJS twin.
    const twins = packed.filter((path) => path.endsWith(".d.cts"));
    expect(twins).toEqual(expect.arrayContaining(["dist/types/index.d.cts", "dist/types/core.d.cts"]));
    expect(twins.filter((twin) => !packed.includes(twin.replace(/\.d\.cts$/, ".d.ts")))).toEqual([]);
    expect(packed.filter((path) => path.startsWith("dist/node/"))).toEqual([
      "dist/node/core.cjs",
      "dist/node/hcql.cache",
      "dist/node/hcql.cjs",
      "dist/node/index.cjs",
      "dist/node/load.cjs",
    ]);
    // The demo's random draws, drawn by the build (src/emulator/draws-file.ts).
    expect(packed).toContain("dist/demo-draws.bin");
    expect(packed.filter((path) => /\.ts$/.test(path) && !path.endsWith(".d.ts"))).toEqual([]);
  });

  it("installing it installs nothing else (no runtime dependency; fast-check is an optional peer)", () => {
    const installed = readdirSync(join(consumer, "node_modules")).filter((name) => !name.startsWith("."));
    expect(installed.sort()).toEqual(["@types", "fast-check", "hcql"]);
    const manifest = JSON.parse(readFileSync(join(consumer, "node_modules/hcql/package.json"), "utf8"));
    expect([manifest.dependencies, manifest.scripts?.prepare]).toEqual([undefined, undefined]);
    expect(manifest.peerDependenciesMeta).toEqual({ "fast-check": { optional: true } });
  });

  it("publint and arethetypeswrong find no problem", async () => {
    const [publint, attw] = await Promise.all([
      node([tool("publint/src/cli.js"), "--strict", "--pack", "false", "node_modules/hcql"], consumer),
      // node10 resolution cannot see `exports`; CommonJS loads the ES modules with require() (Node ≥ 20.19).
      node(
        [
          tool("@arethetypeswrong/cli/dist/index.js"),
          tarball,
          "--profile",
          "node16",
          "--ignore-rules",
          "cjs-resolves-to-esm",
          "--format",
          "ascii",
        ],
        consumer,
      ),
    ]);
    expect([publint.code, publint.stdout]).toEqual([0, expect.stringContaining("All good!")]);
    expect(attw.code, attw.stdout + attw.stderr).toBe(0);
    expect(attw.stdout).not.toMatch(/🥴|❗️|🐛|🎭|❌|🤨|⚠️/u);
  });
});

/** The consumer's compiler settings, each a tsconfig over the consumer's sources. */
const CONFIGS: Record<string, Record<string, unknown>> = {
  nodenext: { module: "nodenext", moduleResolution: "nodenext" },
  bundler: { module: "esnext", moduleResolution: "bundler", target: "es2022" },
  exact: {
    module: "nodenext",
    moduleResolution: "nodenext",
    exactOptionalPropertyTypes: true,
    noPropertyAccessFromIndexSignature: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
  },
  es2019: { module: "nodenext", moduleResolution: "nodenext", target: "es2019" },
  erasable: { module: "nodenext", moduleResolution: "nodenext", erasableSyntaxOnly: true },
  node16: { module: "node16", moduleResolution: "node16" },
};

describe("types: the consumer's tsc, strict, skipLibCheck false", () => {
  let diagnostics: Record<string, string[]>;

  beforeAll(async () => {
    const configs = Object.entries(CONFIGS).map(([name, settings]) => {
      const compilerOptions = {
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        types: ["node"],
        ...settings,
      };
      writeFileSync(
        join(consumer, `tsconfig.${name}.json`),
        JSON.stringify({ compilerOptions, include: ["src"] }),
      );
      return `tsconfig.${name}.json`;
    });
    const checked = await node(["check-types.cjs", tool("typescript"), ...configs], consumer);
    expect(checked.stderr).toBe("");
    diagnostics = JSON.parse(checked.stdout);
  }, 120_000);

  it.each(Object.keys(CONFIGS))("%s: type-checks with no error", (name) => {
    expect(diagnostics[`tsconfig.${name}.json`]).toEqual([]);
  });
});

describe("the README's examples, run in the consumer", () => {
  it("there is one for each entry", () => {
    expect(EXAMPLES.map((example) => example.name)).toEqual([
      "hcql",
      "hcql-stream",
      "hcql-count",
      "core",
      "emulator",
    ]);
    expect(FILTERS_TEST).toContain('from "hcql/testing"');
  });

  it.each(EXAMPLES.map((example) => [example.name, example] as const))(
    "%s.ts prints what the README shows",
    async (name, example) => {
      const { code } = await transform(example.code, { loader: "ts", format: "esm", target: "node20" });
      writeFileSync(join(consumer, `${name}.mjs`), code);
      const ran = await node([`${name}.mjs`], consumer);
      expect([ran.code, ran.stderr, ran.stdout]).toEqual([0, "", example.output]);
    },
  );

  it("filters.test.mjs (hcql/testing with fast-check) passes", async () => {
    const ran = await node(["filters.test.mjs"], consumer);
    expect([ran.code, ran.stderr, ran.stdout]).toEqual([
      0,
      "",
      "every compiled query matches what it means\n",
    ]);
  });
});

describe("executePlan", () => {
  it.each([
    // Several bodies merged on the client, past one page of each.
    [
      "(status = closed and rating = great) or status = pending sort by lastMessageAt desc limit 150 offset 7",
    ],
    // One body, paged.
    ["createdAt > 2025-01-01 and status != closed limit 150"],
  ])("%s: returns exactly what `hcql run --format json` prints", async (query) => {
    const emulatorModule = join(consumer, "node_modules/hcql/dist/emulator.js");
    const { startEmulator } = (await import(emulatorModule)) as typeof import("../../src/emulator/index.js");
    const emulator = await startEmulator({ seed: 3, chats: 1500, anchor: NOW, rateLimit: false });
    // The key goes in a file: --api-key K would warn that ps shows it.
    const keyFile = join(consumer, `key-${new URL(emulator.url).port}.txt`);
    writeFileSync(keyFile, emulator.key);
    try {
      const [library, cli] = await Promise.all([
        node(["run-plan.mjs", emulator.url, emulator.key, String(NOW), query], consumer),
        node(
          [
            join(consumer, "node_modules/hcql/dist/cli.cjs"),
            "run",
            "--format",
            "json",
            "--now",
            String(NOW),
            "--tz",
            "UTC",
            "--api-key-file",
            keyFile,
            "--api-url",
            emulator.url,
            query,
          ],
          consumer,
        ),
      ]);
      expect([library.code, library.stderr, cli.code, cli.stderr]).toEqual([0, "", 0, ""]);
      const result = JSON.parse(library.stdout);
      expect(result.chats.length).toBeGreaterThan(100);
      expect(result.chats).toEqual(JSON.parse(cli.stdout));
      expect(result.requests).toBeGreaterThan(1);
    } finally {
      await emulator.close();
    }
  });
});

describe("CommonJS", () => {
  it("require('hcql'), 'hcql/core' and 'hcql/emulator' work, with no warning", async () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    // `hcql` and `hcql/core` are CommonJS in Node (dist/node); `hcql/emulator` is an ES module, which
    // require() loads from Node 20.19 on, and engines admits no older Node.
    expect(manifest.engines).toEqual({ node: ">=20.19" });
    const required = await node(["require.cjs"], consumer);
    const body = [{ filter: [{ field: "chats.status", operator: "=", value: "3" }], limit: 5 }];
    expect([required.code, required.stderr, JSON.parse(required.stdout || "null")]).toEqual([
      0,
      "",
      [body, body, "function"],
    ]);
  });
});

describe("bundled into a Node program", () => {
  it.each(["esm", "cjs"] as const)(
    "esbuild (platform node, %s) takes the ES modules, and the program runs from another folder",
    async (format) => {
      const outdir = join(dir, `node-bundled-${format}`);
      const result = await build({
        absWorkingDir: consumer,
        entryPoints: ["node-bundled.mjs"],
        bundle: true,
        platform: "node",
        format,
        outdir,
        outExtension: { ".js": format === "esm" ? ".mjs" : ".cjs" },
        metafile: true,
        logLevel: "silent",
      });
      expect([result.errors, result.warnings]).toEqual([[], []]);
      const inputs = Object.keys(result.metafile.inputs).filter((path) => path.includes("/hcql/"));
      expect(inputs).toContain("node_modules/hcql/dist/index.js");
      expect(inputs.filter((path) => path.includes("/dist/node/"))).toEqual([]);
      const ran = await node([join(outdir, `node-bundled.${format === "esm" ? "mjs" : "cjs"}`)], dir);
      expect([ran.code, ran.stderr, JSON.parse(ran.stdout || "null")]).toEqual([
        0,
        "",
        [[{ filter: [{ field: "chats.status", operator: "=", value: "3" }], limit: 5 }], "status = pending"],
      ]);
    },
  );
});

/** Bundles one of the consumer's browser scripts for the browser, as a consumer's esbuild would. */
function bundle(entry: string, options: { splitting: boolean; outdir: string }) {
  return build({
    absWorkingDir: consumer,
    entryPoints: [entry],
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    splitting: options.splitting,
    outdir: options.outdir,
    metafile: true,
    logLevel: "silent",
  });
}

/** Gzipped bytes of an output and of every chunk it imports statically (what loads before it runs). */
function initialGzip(metafile: Metafile, output: string, seen = new Set<string>()): number {
  if (seen.has(output)) return 0;
  seen.add(output);
  const own = gzipSync(readFileSync(join(consumer, output))).length;
  return (metafile.outputs[output]?.imports ?? [])
    .filter((i) => i.kind === "import-statement")
    .reduce((sum, i) => sum + initialGzip(metafile, i.path, seen), own);
}

describe("in a browser", () => {
  let www: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    www = join(consumer, "www");
    const [core, coreAlone, main] = await Promise.all([
      bundle("browser.js", { splitting: true, outdir: "www" }),
      bundle("browser.js", { splitting: false, outdir: "www-single" }),
      bundle("browser-main.js", { splitting: false, outdir: "www/main" }),
    ]);
    for (const result of [core, coreAlone, main]) expect([result.errors, result.warnings]).toEqual([[], []]);
    const entry = initialGzip(core.metafile, "www/browser.js");
    expect(entry, "hcql/core, gzipped").toBeLessThanOrEqual(80 * 1024);
    expect(README.replace(/\s+/g, " "), "the README states this bound").toContain(
      "the package test's bound is 80 × 1024 bytes",
    );
    writeFileSync(
      join(www, "index.html"),
      '<!doctype html><script type="module" src="browser.js"></script><script type="module" src="main/browser-main.js"></script>',
    );
    server = createServer((request, response) => {
      const path = join(www, new URL(request.url ?? "/", "http://x").pathname);
      try {
        const body = readFileSync(path.endsWith("/") ? join(path, "index.html") : path);
        const type = extname(path) === ".js" ? "text/javascript" : "text/html";
        response.writeHead(200, { "content-type": type }).end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it("runs hcql/core in Chromium: the API page's bodies, completion, highlighting, time zones at once", async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(base);
      await page.waitForFunction(() => "hcqlCore" in globalThis && "hcqlMain" in globalThis);
      const results = await page.evaluate(async () => {
        const core = (globalThis as unknown as { hcqlCore: Record<string, (text?: string) => unknown> })
          .hcqlCore;
        return {
          single: core.compile!("status = 3 sort by createdAt desc limit 5 offset 0"),
          multiple: core.compile!(
            'status = 5 or tags = "Paid" sort by lastCustomerMessageAt asc limit 10 offset 0',
          ),
          complete: core.complete!("status = pe"),
          highlight: core.highlight!("status = pending and tags = 'Paid' # vip"),
        };
      });
      // The two example bodies of HelpCrunch's search page; the API takes sort names with or without `chats.`.
      expect(results.single).toEqual([
        {
          filter: [{ field: "chats.status", operator: "=", value: "3" }],
          limit: 5,
          offset: 0,
          sort: "chats.createdAt",
          order: "DESC",
        },
      ]);
      expect(results.multiple).toEqual([
        {
          comparison: "OR",
          filter: [
            { field: "chats.status", operator: "=", value: "5" },
            { field: "chats.customer.tagsData", operator: "=", value: [{ name: "Paid" }] },
          ],
          limit: 10,
          offset: 0,
          sort: "chats.lastCustomerMessageAt",
          order: "ASC",
        },
      ]);
      expect(results.complete).toEqual({ items: [{ text: "pending", detail: "code 3" }], replaceFrom: 9 });
      expect(results.highlight).toEqual([
        { start: 0, end: 6, class: "field" },
        { start: 7, end: 8, class: "operator" },
        { start: 9, end: 16, class: "word" },
        { start: 17, end: 20, class: "keyword" },
        { start: 21, end: 25, class: "field" },
        { start: 26, end: 27, class: "operator" },
        { start: 28, end: 34, class: "string" },
        { start: 35, end: 40, class: "comment" },
      ]);
      const berlin = await page.evaluate(() =>
        (globalThis as unknown as { hcqlCore: { berlin: () => unknown } }).hcqlCore.berlin(),
      );
      const mainBerlin = await page.evaluate(() =>
        (globalThis as unknown as { hcqlMain: { berlin: () => unknown } }).hcqlMain.berlin(),
      );
      // 2026-03-29 in Berlin is 23 hours long (summer time begins).
      const day = [
        {
          filter: [
            { field: "chats.createdAt", operator: ">=", value: 1774738800 },
            { field: "chats.createdAt", operator: "<", value: 1774821600 },
          ],
          comparison: "AND",
        },
      ];
      expect([berlin, mainBerlin, errors]).toEqual([day, day, []]);
    } finally {
      await browser.close();
    }
  });
});
