import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importDeclaringFiles } from "../../scripts/declaring-files.mjs";
import { directImports } from "../../scripts/indexes.mjs";

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "hcql-indexes-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A folder `a` used through its index by two entries, one of whose names needs folder `b`. */
const FOLDERS = {
  "package.json": JSON.stringify({ name: "fixture", sideEffects: [] }),
  "src/a/index.ts":
    '/** The folder. */\nexport { one } from "./one.js";\nexport { two, type Two } from "./two.js";\n',
  "src/a/one.ts": "export const one = () => 1;\n",
  "src/a/two.ts":
    'import { heavy } from "../b/index.js";\nexport type Two = number;\nexport const two = (): Two => heavy();\n',
  "src/b/index.ts": 'export { heavy } from "./heavy.js";\n',
  "src/b/heavy.ts": 'export const heavy = () => "the heavy module";\n',
  "src/needs-one.ts": 'import { one } from "./a/index.js";\nexport const value = one();\n',
  "src/needs-two.ts": 'import { type Two, two } from "./a/index.js";\nexport const value: Two = two();\n',
};

/** The text an entry loads: its file and the chunks it imports, with code splitting. */
async function splitBuild(plugins: import("esbuild").Plugin[]): Promise<Record<string, string>> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { "needs-one": "src/needs-one.ts", "needs-two": "src/needs-two.ts" },
    bundle: true,
    splitting: true,
    format: "esm",
    outdir: "out",
    write: false,
    logLevel: "silent",
    plugins,
  });
  const files = new Map(result.outputFiles.map((file) => [file.path, file.text]));
  const loaded = (path: string): string => {
    const text = files.get(path) ?? "";
    const imports = [...text.matchAll(/from "\.\/([^"]+)"/g)].map((m) => join(root, "out", m[1] as string));
    return [text, ...imports.map(loaded)].join("\n");
  };
  return {
    "needs-one": loaded(join(root, "out/needs-one.js")),
    "needs-two": loaded(join(root, "out/needs-two.js")),
  };
}

describe("imports through a folder's index, bundled as imports of its files (scripts/indexes.mjs)", () => {
  it("loads only what an entry uses, where esbuild's code splitting would load the whole folder", async () => {
    write(FOLDERS);
    const through = await splitBuild([]);
    expect(through["needs-one"]).toContain("the heavy module");
    const direct = await splitBuild([directImports(root)]);
    expect(direct["needs-one"]).not.toContain("the heavy module");
    expect(direct["needs-two"]).toContain("the heavy module");
  });

  it("keeps what the code does: the same values, types erased, namespaces as namespaces", async () => {
    write({
      ...FOLDERS,
      "src/a/index.ts": `${FOLDERS["src/a/index.ts"]}export * as parts from "./one.js";\nexport type * from "./types.js";\n`,
      "src/a/types.ts": "export interface Shape { readonly n: number }\n",
      "src/entry.ts":
        'import { one, parts as P, type Shape, two } from "./a/index.js";\nconst shape: Shape = { n: one() + P.one() };\nexport const values = [shape.n, two()];\n',
    });
    const result = await build({
      absWorkingDir: root,
      entryPoints: ["src/entry.ts"],
      bundle: true,
      format: "esm",
      write: false,
      plugins: [directImports(root)],
    });
    const module = await import(
      `data:text/javascript;base64,${Buffer.from(result.outputFiles[0]?.text ?? "").toString("base64")}`
    );
    expect(module.values).toEqual([2, "the heavy module"]);
  });

  it.each([
    [
      "code",
      'export { one } from "./one.js";\nexport const three = 3;\n',
      "an index holds re-exports alone, not 'export const three = 3'",
    ],
    ["a rename", 'export { one as first } from "./one.js";\n', "an index does not rename ('one as first')"],
  ])("refuses an index that holds %s", (_, index, message) => {
    write({ ...FOLDERS, "src/a/index.ts": index });
    expect(() => directImports(root)).toThrow(message);
  });

  it("refuses a name the index does not export", async () => {
    write({
      ...FOLDERS,
      "src/needs-one.ts": 'import { three } from "./a/index.js";\nexport const v = three;\n',
    });
    await expect(splitBuild([directImports(root)])).rejects.toThrow("'three' is not exported by");
  });

  it("accepts every index of src/", () => {
    expect(() => directImports(join(import.meta.dirname, "../.."))).not.toThrow();
  });
});

describe("declaration files import the files that declare a name (scripts/declaring-files.mjs)", () => {
  it("points an import or re-export of an index.d.ts at the declaring files, so a consumer reads no other", () => {
    write({
      "types/x/index.d.ts": 'export { type A } from "./a.js";\nexport { b, type B } from "./b.js";\n',
      "types/x/a.d.ts": 'import type { Hidden } from "bundled-package";\nexport type A = Hidden;\n',
      "types/x/b.d.ts": "export type B = string;\nexport declare function b(): B;\n",
      "types/entry.d.ts":
        'import type { B } from "./x/index.js";\nexport type { B as Named } from "./x/index.js";\nexport declare const value: B;\nexport { b } from "./x/index.js";\n',
    });
    const files = ["types/x/index.d.ts", "types/x/a.d.ts", "types/x/b.d.ts", "types/entry.d.ts"];
    importDeclaringFiles(files.map((file) => join(root, file)));
    expect(readFileSync(join(root, "types/entry.d.ts"), "utf8")).toBe(
      'import type { B } from "./x/b.js";\nexport type { B as Named } from "./x/b.js";\nexport declare const value: B;\nexport { b } from "./x/b.js";\n',
    );
  });
});
