/**
 * The boundaries of src/ (`npm run lint`): a folder is used through its index.ts, no cycle between
 * folders, type-only imports included, and
 * a core that runs in a browser: language, lexer, parser, compiler and editor import only each other
 * and npm packages, never Node or an outer folder (app, client, commands, emulator, output, repl, web).
 */
const CORE = "^src/(language|lexer|parser|compiler|editor)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-folder-cycle",
      comment: "Folders depend on each other in one direction: data flows forward.",
      severity: "error",
      scope: "folder",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "cross-folder-through-index",
      comment:
        "A folder is used through its index.ts; an import() may name the one module it loads on demand.",
      severity: "error",
      from: { path: "^src/([^/]+)/" },
      to: {
        path: "^src/[^/]+/",
        pathNot: ["^src/$1/", "^src/[^/]+/index[.]ts$"],
        dependencyTypesNot: ["dynamic-import"],
      },
    },
    {
      name: "entries-through-index",
      comment: "The package's entries (src/*.ts) use each folder through its index.ts, as folders do.",
      severity: "error",
      from: { path: "^src/[^/]+[.]ts$" },
      to: {
        path: "^src/[^/]+/",
        pathNot: ["^src/[^/]+/index[.]ts$"],
        dependencyTypesNot: ["dynamic-import"],
      },
    },
    {
      name: "core-imports-only-core",
      comment: "The core runs in a browser: it imports only the core and npm packages.",
      severity: "error",
      from: { path: CORE },
      to: { pathNot: [CORE, "^node_modules/"] },
    },
    {
      name: "core-imports-no-node",
      comment: "The core runs in a browser: no Node built-in module.",
      severity: "error",
      from: { path: CORE },
      to: { dependencyTypes: ["core"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports count: a cycle of types is still a cycle between folders.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
