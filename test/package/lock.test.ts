import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

/**
 * package-lock.json is exactly what npm writes for package.json: `npm install` in a fresh clone
 * leaves the tree clean. npm rewrites the lock's copy of the package's own fields (`bin`, `engines`,
 * the dependency ranges), so a change to package.json without `npm install` shows here. The check is
 * `npm install --package-lock-only --offline` on a copy of the two files: nothing is downloaded
 * (a lock that matches needs no registry), and nothing is installed.
 */

const ROOT = new URL("../..", import.meta.url).pathname;
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "hcql-lock-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("package-lock.json", () => {
  it("is what npm install writes for package.json, byte for byte", async () => {
    for (const file of ["package.json", "package-lock.json"]) copyFileSync(join(ROOT, file), join(dir, file));
    const args = [
      "install",
      "--package-lock-only",
      "--offline",
      "--ignore-scripts",
      "--no-audit",
      "--no-fund",
    ];
    await run("npm", args, { cwd: dir, encoding: "utf8" });
    const written = readFileSync(join(dir, "package-lock.json"), "utf8");
    expect(written).toBe(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
  });
});
