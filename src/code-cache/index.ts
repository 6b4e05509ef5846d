/** Bundles run from the V8 code cache the build made of them: the `hcql` command's, and the library's in Node. */
export { type BundleFiles, type CacheUse, type RunBundle, runBundle } from "./bundle.js";
