import type { Plugin } from "esbuild";

/** An esbuild plugin: `import ... from "chevrotain"` takes chevrotainModule() (see chevrotain.mjs). */
export function chevrotainPlugin(): Plugin;

/** chevrotain built from its sources into one minified ES module: the Lexer stubbed, the mixins cheap. */
export function chevrotainModule(): Promise<string>;

/** What stands in for chevrotain's lexer module in the bundles. */
export const LEXER_STUB: string;

/** LEXER_STUB, once the real module's source is seen to export what it stands in for; else throws. */
export function lexerStub(realSource: string): string;

/** apply_mixins.js's source with the prototype put in dictionary mode before the mixins; throws when not found once. */
export function withCheapMixins(source: string): string;

/** tokens.js with chevrotain 11.2's augmentTokenTypes done in plain loops; throws when it is not found once. */
export function withLightTokens(source: string): string;

/** tokens_public.js with lodash's `has` as an own-property test; throws when its calls are not all has(config, NAME). */
export function withOwnHas(source: string): string;

/** What stands in for lodash's `_getNative.js`: each built-in taken as it is. */
export const NATIVE_BUILT_INS: string;

/** NATIVE_BUILT_INS, once the real module's source is seen to be lodash's getNative; else throws. */
export function nativeBuiltIns(realSource: string): string;
