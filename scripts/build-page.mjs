// Bundles the page of `hcql web` for the browser into dist/web: page.js, page.css and index.html.
import { copyFileSync, mkdirSync } from "node:fs";
import { build } from "esbuild";

/** Builds the page; returns the files written, relative to the repository. */
export async function buildPage({ alias }) {
  const result = await build({
    entryPoints: { page: "src/web/page/main.ts" },
    outdir: "dist/web",
    bundle: true,
    platform: "browser",
    format: "esm",
    target: ["chrome109", "firefox115", "safari16"],
    minify: true,
    legalComments: "none",
    // csv-stringify's default build needs Node's Buffer; its browser build carries its own.
    alias: { ...alias, "csv-stringify/sync": "csv-stringify/browser/esm/sync" },
    logLevel: "warning",
    metafile: true,
  });
  mkdirSync("dist/web", { recursive: true });
  copyFileSync("src/web/page/index.html", "dist/web/index.html");
  return [...Object.keys(result.metafile.outputs), "dist/web/index.html"];
}
