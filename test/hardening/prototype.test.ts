import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SavedQueries } from "../../src/app/saved.js";
import { decompile } from "../../src/compiler/decompile.js";
import { compile } from "../../src/compiler/index.js";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { validateSearchBody } from "../../src/emulator/validate.js";

/**
 * `__proto__`, `constructor` and `prototype` as field names, values and JSON keys: a clear error
 * (or, as a tag name, just a name), and never a change to any prototype.
 */

const NOW = 1_750_000_000;
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

function expectNoPollution(): void {
  expect({} as Record<string, unknown>).not.toHaveProperty("polluted");
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

afterAll(expectNoPollution);

describe("as names in queries", () => {
  it.each([
    ["__proto__ = 1", ["unknown field '__proto__'"]],
    ["constructor = 1", ["unknown field 'constructor'"]],
    ["prototype != 2", ["unknown field 'prototype'"]],
    ["sort by constructor", ["unknown field 'constructor'"]],
    ["sort by __proto__ desc", ["unknown field '__proto__'"]],
    ["rating = constructor", ["unknown rating 'constructor'; ratings are great, average, poor"]],
    ["status = __proto__", [expect.stringMatching(/^unknown status '__proto__'; statuses are new \(1\)/)]],
    ["status = toString", [expect.stringMatching(/^unknown status 'toString'/)]],
  ])("%s", (query, messages) => {
    const result = compile(query, { now: NOW });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.message)).toEqual(messages);
  });

  it.each(["__proto__", "constructor", "prototype"])("tags = %s is a tag name like any other", (name) => {
    const result = compile(`tags = ${name}`, { now: NOW });
    expect(result.requests).toEqual([
      { filter: [{ field: "chats.customer.tagsData", operator: "=", value: [{ name }] }] },
    ]);
  });
});

/** Bodies as JSON text, parsed as a server parses them (a `__proto__` key is an own property). */
const BODIES: [string, string, string][] = [
  ['{"__proto__": {"polluted": 1}}', "body: unknown key '__proto__'", "__proto__"],
  ['{"constructor": {"prototype": {"polluted": 1}}}', "body: unknown key 'constructor'", "constructor"],
  ['{"prototype": {"polluted": 1}}', "body: unknown key 'prototype'", "prototype"],
  [
    '{"filter": [{"field": "__proto__", "operator": "=", "value": 1}]}',
    "filter[0]: unknown field '__proto__'",
    "filter[0].field",
  ],
  [
    '{"filter": [{"field": "constructor", "operator": "=", "value": 1}]}',
    "filter[0]: unknown field 'constructor'",
    "filter[0].field",
  ],
  [
    '{"filter": [{"field": "chats.status", "operator": "=", "value": "1", "__proto__": {"polluted": 1}}]}',
    "filter[0]: unknown key '__proto__'",
    "filter[0].__proto__",
  ],
  [
    '{"filter": [{"field": "chats.status", "operator": "__proto__", "value": "1"}]}',
    'filter[0]: unknown operator "__proto__"',
    "filter[0].operator",
  ],
  ['{"sort": "constructor"}', 'sort: cannot sort by "constructor"', "sort"],
  ['{"sort": "__proto__", "order": "ASC"}', 'sort: cannot sort by "__proto__"', "sort"],
];

describe("as JSON keys and names in bodies", () => {
  it.each(BODIES)("decompile %s: %s", (text, error) => {
    expect(decompile(JSON.parse(text))).toEqual({ ok: false, error });
  });

  it.each(BODIES)("the emulator's validation of %s points at the key", (text, _error, path) => {
    const result = validateSearchBody(JSON.parse(text) as Record<string, unknown>);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain(path);
  });

  describe("over HTTP", () => {
    let emulator: Emulator;
    beforeAll(async () => {
      emulator = await startEmulator({ chats: 20, anchor: NOW, rateLimit: false });
    });
    afterAll(() => emulator.close());

    it.each(BODIES)("POST %s: 400 with the error at its path", async (text, _error, path) => {
      const response = await fetch(`${emulator.url}/chats/search`, {
        method: "POST",
        headers: { authorization: `Bearer ${emulator.key}`, "content-type": "application/json" },
        body: text,
      });
      expect(response.status).toBe(400);
      const paths = response.headers.get("x-hcql-error-paths")?.split(",").map(decodeURIComponent);
      expect(paths).toContain(path);
      // The server still answers normally afterwards.
      const after = await fetch(`${emulator.url}/chats/search`, {
        method: "POST",
        headers: { authorization: `Bearer ${emulator.key}` },
        body: '{"limit": 1}',
      });
      expect(after.status).toBe(200);
      expectNoPollution();
    });
  });
});

describe("as names of saved queries", () => {
  const fresh = () => new SavedQueries({ XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), "hcql-saved-")) });

  it.each(["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"])(
    "%s is saved, read back and listed like any name",
    (name) => {
      const saved = fresh();
      expect(saved.get(name)).toBeUndefined();
      saved.save(name, "status = new");
      saved.save("other", "status = closed");
      expect(saved.get(name)).toBe("status = new");
      expect(Object.entries(saved.all()).sort()).toEqual(
        [
          [name, "status = new"],
          ["other", "status = closed"],
        ].sort(),
      );
      expectNoPollution();
    },
  );
});
