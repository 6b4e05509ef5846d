import type { Plugin } from "esbuild";

/** An esbuild plugin: `import ... from "chevrotain"` takes its min build, patched (see chevrotain.mjs). */
export function chevrotainPlugin(): Plugin;

/** chevrotain.min.mjs's source with its prototype put in dictionary mode before applyMixins; throws when not found once. */
export function withCheapMixins(source: string): string;
