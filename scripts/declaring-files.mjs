// The declaration files' imports from a folder's index.d.ts, pointed at the files that declare the
// names (scripts/build.mjs, after tsc). A folder's index re-exports all its API, parts of which name
// a bundled package in their types (the parser's, chevrotain); a consumer's compiler reads every file
// a declaration imports, so the public declarations must import only the files their types need.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, relative } from "node:path";

const ts = createRequire(import.meta.url)("typescript");

/** Rewrites, in place, every relative import or re-export of an `index.d.ts` among `files`. */
export function importDeclaringFiles(files) {
  const program = ts.createProgram(files, {
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  });
  const checker = program.getTypeChecker();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const edits = source.statements.flatMap((statement) => edit(checker, source, statement));
    if (edits.length === 0) continue;
    let text = source.text;
    for (const { start, end, replacement } of edits.reverse()) {
      text = text.slice(0, start) + replacement + text.slice(end);
    }
    writeFileSync(file, text);
  }
}

/** The statement split into one per declaring file, when it names an index.d.ts. */
function edit(checker, source, statement) {
  const isImport = ts.isImportDeclaration(statement);
  if (!isImport && !ts.isExportDeclaration(statement)) return [];
  const specifier = statement.moduleSpecifier;
  if (!specifier?.text.startsWith(".") || basename(specifier.text) !== "index.js") return [];
  const named = isImport ? statement.importClause?.namedBindings : statement.exportClause;
  if (!named || !(ts.isNamedImports(named) || ts.isNamedExports(named)) || statement.importClause?.name) {
    throw new Error(
      `${source.fileName}: only named imports of an index are rewritten: ${statement.getText()}`,
    );
  }
  const typeOnly = isImport ? statement.importClause.isTypeOnly : statement.isTypeOnly;
  const byFile = new Map();
  for (const element of named.elements) {
    const declaring = declaringFile(checker, element, isImport);
    const path = relativeSpecifier(source.fileName, declaring);
    byFile.set(path, [...(byFile.get(path) ?? []), element.getText(source)]);
  }
  const keyword = isImport ? "import" : "export";
  const replacement = [...byFile]
    .map(([path, names]) => `${keyword}${typeOnly ? " type" : ""} { ${names.join(", ")} } from "${path}";`)
    .join("\n");
  return [{ start: statement.getStart(source), end: statement.getEnd(), replacement }];
}

/** The file that declares what an import or export specifier names through an index. */
function declaringFile(checker, element, isImport) {
  const local = isImport
    ? checker.getSymbolAtLocation(element.name)
    : checker.getExportSpecifierLocalTargetSymbol(element);
  let symbol = isImport ? checker.getImmediateAliasedSymbol(local) : local;
  // Through re-exports of re-exports (an index's `export { x } from "./file.js"`) to the declaration.
  while (symbol.flags & ts.SymbolFlags.Alias) {
    const declaration = symbol.declarations?.[0];
    if (declaration && ts.isExportSpecifier(declaration) && declaration.propertyName) {
      throw new Error(`${declaration.getSourceFile().fileName}: an index renames '${symbol.name}'`);
    }
    symbol = checker.getImmediateAliasedSymbol(symbol);
  }
  const declaration = symbol.declarations?.[0];
  if (!declaration) throw new Error(`no declaration of '${element.name.text}'`);
  return declaration.getSourceFile().fileName;
}

function relativeSpecifier(from, to) {
  const path = relative(dirname(from), to).replace(/\.d\.ts$/, ".js");
  return path.startsWith(".") ? path : `./${path}`;
}
