import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { withCheapMixins } from "../../scripts/chevrotain.mjs";

const MIN_BUILD = fileURLToPath(
  new URL("../../node_modules/chevrotain/lib/chevrotain.min.mjs", import.meta.url),
);
const source = readFileSync(MIN_BUILD, "utf8");

type Chevrotain = typeof import("chevrotain");

async function load(text: string): Promise<Chevrotain> {
  return (await import(`data:text/javascript;base64,${Buffer.from(text).toString("base64")}`)) as Chevrotain;
}

/** The own properties of chevrotain's Parser class's prototype, which applyMixins fills. */
function parserMethods(chevrotain: Chevrotain): string[] {
  return Object.getOwnPropertyNames(Object.getPrototypeOf(chevrotain.EmbeddedActionsParser.prototype)).sort();
}

describe("the bundles' chevrotain (scripts/chevrotain.mjs)", () => {
  it("puts the parser's prototype in dictionary mode once, just before the mixins are copied onto it", () => {
    const patched = withCheapMixins(source);
    expect(patched.length - source.length).toBeGreaterThan(0);
    expect(patched.match(/__hcqlA/g)).toHaveLength(2);
    expect(
      patched.match(/delete \w+\.prototype\.__hcqlA;delete \w+\.prototype\.__hcqlB;\w+\.forEach\(/g),
    ).toHaveLength(1);
  });

  it("leaves the parser's prototype with the same methods, and no trace of the two properties", async () => {
    const [plain, patched] = await Promise.all([load(source), load(withCheapMixins(source))]);
    const methods = parserMethods(patched);
    expect(methods).toEqual(parserMethods(plain));
    expect(methods).toEqual(
      expect.arrayContaining(["CONSUME", "OR", "MANY", "SUBRULE", "performSelfAnalysis"]),
    );
    expect(methods.filter((name) => name.startsWith("__hcql"))).toEqual([]);
  });

  it("refuses a chevrotain whose applyMixins it does not find, rather than build without the change", () => {
    expect(() => withCheapMixins("export const x = 1;")).toThrow(
      "chevrotain.min.mjs: expected applyMixins once, found it 0 times",
    );
  });
});
