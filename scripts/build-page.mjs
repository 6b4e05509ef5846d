// The esbuild step for the page of `hcql web`: page.js, page.css and index.html in dist/web, for the browser.
import { chevrotainPlugin } from "./chevrotain.mjs";
import { directImports } from "./indexes.mjs";

/** The step's options, from the build's common ones (working folder, metafile). */
export function pageStep(common) {
  return {
    absWorkingDir: common.absWorkingDir,
    entryPoints: { page: "src/web/page/main.ts", index: "src/web/page/index.html" },
    // The HTML is copied as it is; the server fills in the token and the files' hashed URLs.
    loader: { ".html": "copy" },
    outdir: "dist/web",
    bundle: true,
    platform: "browser",
    format: "esm",
    // The oldest browsers with CSS light-dark(), which the page's two themes are written in.
    target: ["chrome123", "firefox120", "safari17.5"],
    minify: true,
    legalComments: "none",
    // csv-stringify's default build needs Node's Buffer; its browser build carries its own.
    alias: { "csv-stringify/sync": "csv-stringify/browser/esm/sync" },
    plugins: [chevrotainPlugin(), directImports(common.absWorkingDir)],
    logLevel: common.logLevel,
    metafile: true,
  };
}
