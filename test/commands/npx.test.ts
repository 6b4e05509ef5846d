import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.js";

/** The README's quick start: how a clone runs the command it has built. */

const ROOT = new URL("../..", import.meta.url).pathname;
const run = promisify(execFile);

describe("hcql in a clone", () => {
  it("npx hcql runs the package's own command once dist/ is built, as the README says", async () => {
    // Offline: npm finds the command in the project itself, and must not ask the registry.
    const { stdout } = await run("npx", ["--no-install", "hcql", "--version"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", npm_config_offline: "true" },
    });
    expect(stdout).toBe(`${VERSION}\n`);
    const readme = readFileSync(new URL("README.md", `file://${ROOT}`), "utf8").replace(/\s+/g, " ");
    expect(readme).toContain(
      "built `dist/`, run it from the clone as `npx hcql …` (npm runs the package's own command; before the build it has none to run: `hcql: not found`)",
    );
    expect(readme).not.toContain("finds nothing there");
  });
});
