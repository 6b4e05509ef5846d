/** Rewrites, in place, every relative import or re-export of an `index.d.ts` among the declaration files. */
export function importDeclaringFiles(files: readonly string[]): void;
