import type { Plugin } from "esbuild";

/** An esbuild plugin: imports of a folder's index.ts under `root`/src name the files that export the names. */
export function directImports(root: string): Plugin;
