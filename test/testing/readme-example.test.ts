import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The README's "Testing with hcql" example, run as its readers would: plain Node on the built package. */
describe("README: Testing with hcql", () => {
  it("the runnable example runs and passes", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const block = /```js\n(\/\/ filters\.test\.mjs[\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    // From stdin with the project as cwd, `hcql`, `hcql/emulator` and `hcql/testing` resolve to dist/.
    const run = spawnSync(process.execPath, ["--input-type=module", "-"], {
      cwd: ROOT,
      input: block![1],
      encoding: "utf8",
    });
    expect([run.status, run.stderr, run.stdout]).toEqual([
      0,
      "",
      "every compiled query matches what it means\n",
    ]);
  });
});
