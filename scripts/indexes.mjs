// An esbuild plugin: imports of a folder's index.ts become imports of the files that export the names.
// esbuild's code splitting places a file by the imports that reach it, not by what tree shaking kept,
// so through an index every entry would load the chunks of the whole folder: 30 KB more for
// `hcql/emulator`, 12 KB more for `hcql` (bench row `library-import`). src/ keeps its indexes (the
// boundaries of .dependency-cruiser.cjs); the bundles are built as if each import named its file.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** `import { a, type b } from "../x/index.js"` and the `export { … } from` of the same shape. */
const THROUGH_INDEX = /\b(import|export)(\s+type)?\s*\{([^}]*)\}\s*from\s*"(\.{1,2}\/[^"]*index\.js)"/g;
/** One statement of an index: `export { … } from "./file.js"`, `export type * from`, `export * as n from`. */
const RE_EXPORT = /^export(\s+type)?\s*(?:\{([^}]*)\}|\*(?:\s+as\s+(\w+))?)\s*from\s*"([^"]+)";$/;

/** Marks a name an index exports as `export * as name from "file"`. */
const NAMESPACE = "namespace:";

/** The plugin, for the files under `root`/src. */
export function directImports(root) {
  const src = join(root, "src");
  const files = indexFiles(src);
  const filter = new RegExp(`^${src.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}[\\\\/].*\\.ts$`);
  return {
    name: "direct-imports",
    setup(b) {
      b.onLoad({ filter }, (args) => {
        const text = readFileSync(args.path, "utf8");
        return { contents: text.replace(THROUGH_INDEX, (...m) => direct(args.path, files, m)), loader: "ts" };
      });
    },
  };
}

/** The statement naming each name's own file. */
function direct(importer, files, [statement, keyword, typeOnly, list, specifier]) {
  const index = resolve(dirname(importer), specifier).replace(/\.js$/, ".ts");
  const names = files.get(index);
  if (names === undefined) return statement; // a module of a subfolder named index.ts
  const byFile = new Map();
  const namespaces = [];
  for (const item of items(list)) {
    const isType = typeOnly !== undefined || item.startsWith("type ");
    const name = item.replace(/^type\s+/, "").split(/\s+as\s+/)[0];
    const file = names.get(name);
    if (file?.startsWith(NAMESPACE)) {
      const local = item.split(/\s+as\s+/)[1] ?? name;
      namespaces.push(
        `import * as ${local} from "${specifierOf(importer, file.slice(NAMESPACE.length))}";\n`,
      );
      continue;
    }
    // A type that an index re-exports with `export type *` is erased anyway.
    if (file === undefined && isType) continue;
    if (file === undefined) throw new Error(`${importer}: '${name}' is not exported by ${index}`);
    byFile.set(file, [...(byFile.get(file) ?? []), item]);
  }
  if (keyword === "export" && namespaces.length > 0) throw new Error(`${importer}: re-exports a namespace`);
  let out = namespaces.join("");
  for (const [file, items] of byFile) {
    out += `${keyword}${typeOnly ?? ""} { ${items.join(", ")} } from "${specifierOf(importer, file)}";\n`;
  }
  return out;
}

/** The items of `{ a, type b, c as d }`, between the braces. */
function items(list) {
  return list
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

function specifierOf(importer, file) {
  const path = relative(dirname(importer), file).replace(/\.ts$/, ".js");
  return path.startsWith(".") ? path : `./${path}`;
}

/** Each folder's index.ts: the file each name it exports comes from (following index to index). */
function indexFiles(src) {
  const files = new Map();
  for (const folder of readdirSync(src, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const index = join(src, folder.name, "index.ts");
    try {
      files.set(index, reExports(index, readFileSync(index, "utf8")));
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
    }
  }
  for (const names of files.values()) {
    for (const [name, file] of names) {
      let source = file;
      while (files.has(source)) source = files.get(source).get(name);
      if (source === undefined) throw new Error(`'${name}' is re-exported from an index that lacks it`);
      names.set(name, source);
    }
  }
  return files;
}

/** The names an index exports and their files; throws if it holds more than re-exports. */
function reExports(index, text) {
  const names = new Map();
  const statements = text
    .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "")
    .split(";")
    .map((statement) => statement.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  for (const statement of statements) {
    const match = RE_EXPORT.exec(`${statement};`);
    if (match === null) throw new Error(`${index}: an index holds re-exports alone, not '${statement}'`);
    const [, , list, namespace, specifier] = match;
    const file = resolve(dirname(index), specifier).replace(/\.js$/, ".ts");
    if (namespace !== undefined) names.set(namespace, NAMESPACE + file);
    for (const item of items(list ?? "")) {
      if (/\sas\s/.test(item)) throw new Error(`${index}: an index does not rename ('${item}')`);
      names.set(item.replace(/^type\s+/, ""), file);
    }
  }
  return names;
}
