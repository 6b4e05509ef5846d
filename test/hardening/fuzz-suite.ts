import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { decompile } from "../../src/compiler/decompile.js";
import { compile } from "../../src/compiler/index.js";
import { type CompletionContext, complete } from "../../src/editor/index.js";
import { generateDataset } from "../../src/emulator/generate.js";
import { startEmulator } from "../../src/emulator/index.js";
import { search } from "../../src/emulator/search.js";
import { validateSearchBody } from "../../src/emulator/validate.js";
import { MAX_DIAGNOSTICS } from "../../src/language/diagnostics.js";
import { FormatError, format, formatQuery } from "../../src/parser/format.js";
import { COMMAND_ARGUMENTS } from "../../src/repl/command-info.js";
import { highlight } from "../../src/repl/highlight.js";
import { sanitize, sanitizeLine } from "../../src/text/sanitize.js";
import { stripAnsi } from "../support/pty.js";
import { anyJson, bestTime, hostileBody, hostileText, longText, SlowestCases } from "./fuzz-kit.js";

/**
 * The fuzz properties over every function that reads untrusted text or JSON: nothing throws, every
 * diagnostic span lies inside the text, and the outputs keep their promises. Run with 5,000 cases
 * per target in `npm test` and 1,000,000 in `npm run fuzz`, where the time bounds are asserted too.
 */

export interface FuzzSuiteOptions {
  /** Cases per target for short inputs. */
  readonly runs: number;
  /** Cases per target for long inputs (up to and past 64 KiB). */
  readonly longRuns: number;
  /** Assert the time bounds (50 ms up to 1 KiB, 300 ms up to 64 KiB); else only report the slowest. */
  readonly timed: boolean;
  readonly seed: number;
  /** Cases sent to the emulator over HTTP. */
  readonly http: { readonly numRuns: number; readonly seed?: number };
}

const NOW = 1_750_000_000;
const OBJECT_PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const SMALL_MS = 50;
const LARGE_MS = 300;

const CONTEXT: CompletionContext = {
  agents: [
    { id: 3129, name: "Anna Smith" },
    { id: 3130, name: null },
  ],
  departments: [{ id: 7, name: "Sales" }],
  commands: COMMAND_ARGUMENTS,
  savedNames: ["mine", "__proto__", "constructor"],
};

function expectSpansInside(text: string, diagnostics: readonly { span: { start: number; end: number } }[]) {
  for (const d of diagnostics) {
    if (!(Number.isInteger(d.span.start) && d.span.start >= 0 && d.span.start <= d.span.end)) {
      throw new Error(`bad span ${JSON.stringify(d.span)}`);
    }
    if (d.span.end > text.length) throw new Error(`span ${JSON.stringify(d.span)} past ${text.length}`);
  }
}

export function fuzzSuite(options: FuzzSuiteOptions): void {
  const slowest = new Map<string, SlowestCases>();
  const timer = (name: string) => {
    let cases = slowest.get(name);
    if (cases === undefined) {
      cases = new SlowestCases();
      slowest.set(name, cases);
    }
    return cases;
  };

  /** Runs `fn` on the text, timing it; in the timed run a slow case is measured again at its best. */
  function timed<T>(name: string, text: string, fn: (text: string) => T): T {
    const started = performance.now();
    const result = fn(text);
    let ms = performance.now() - started;
    const bound = text.length <= 1024 ? SMALL_MS : LARGE_MS;
    if (options.timed && ms > bound / 2)
      ms = Math.min(
        ms,
        bestTime(() => fn(text)),
      );
    timer(name).record(text, ms);
    return result;
  }

  afterAll(() => {
    for (const [name, cases] of slowest) console.info(cases.summary(name));
  });

  const short = { numRuns: options.runs, seed: options.seed };
  const long = { numRuns: options.longRuns, seed: options.seed + 1 };

  const compileHolds = (text: string) => {
    const result = timed("compile", text, (t) => compile(t, { now: NOW }));
    expectSpansInside(text, result.diagnostics);
    // A fix's edit is of the text too.
    expectSpansInside(
      text,
      result.diagnostics.flatMap((d) => (d.fix === undefined ? [] : [d.fix])),
    );
    expect(result.diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS + 1);
    if (result.ok) {
      expect(result.diagnostics.every((d) => d.severity === "warning")).toBe(true);
      expect(result.requests.length).toBeLessThanOrEqual(8);
      expect(result.plan).toBeDefined();
    } else {
      expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
      expect(result.requests).toEqual([]);
    }
  };

  const formatHolds = (text: string) => {
    const result = timed("format", text, (t) => formatQuery(t));
    expectSpansInside(text, result.diagnostics);
    if (result.text === undefined) {
      expect(result.diagnostics.length).toBeGreaterThan(0);
      expect(() => format(text)).toThrow(FormatError);
    } else {
      // Canonical text is a fixed point and still parses.
      expect(formatQuery(result.text).text).toBe(result.text);
    }
  };

  const completeHolds = (text: string, cursorSeed: number) => {
    const cursor = cursorSeed % (text.length + 1);
    const result = timed("complete", text, (t) => complete(t, cursor, CONTEXT));
    expect(result.replaceFrom).toBeGreaterThanOrEqual(0);
    expect(result.replaceFrom).toBeLessThanOrEqual(cursor);
    for (const item of result.items) expect(typeof item.text).toBe("string");
  };

  const highlightHolds = (text: string) => {
    const painted = timed("highlight", text, (t) => highlight(t, true));
    // Escape sequences of the text itself (`\u001b8`) go with the colours. Both sides lose the same
    // escapes: taking the text's CRs out first would make one of `ESC CR >` (found by the fuzz run).
    expect(stripAnsi(painted)).toBe(stripAnsi(text));
    expect(highlight(text, false)).toBe(text);
  };

  describe("compile", () => {
    it("never throws on hostile text; spans inside; ok means a plan", () => {
      fc.assert(fc.property(hostileText, compileHolds), short);
    });
    it("never throws on long text up to and past 64 KiB", () => {
      fc.assert(fc.property(longText, compileHolds), long);
    });
  });

  describe("format", () => {
    it("never throws on hostile text (only FormatError from format); canonical text is a fixed point", () => {
      fc.assert(fc.property(hostileText, formatHolds), short);
    });
    it("never throws on long text", () => {
      fc.assert(fc.property(longText, formatHolds), long);
    });
  });

  describe("decompile", () => {
    const decompileHolds = (body: unknown) => {
      const result = decompile(body);
      if (result.ok) {
        // Whatever decompile writes is HCQL that compiles.
        const compiled = compile(result.text, { now: NOW });
        if (!compiled.ok) throw new Error(`decompiled ${JSON.stringify(result.text)} does not compile`);
      } else {
        expect(result.error.length).toBeGreaterThan(0);
      }
    };
    it("never throws on hostile bodies; what it writes compiles", () => {
      fc.assert(fc.property(hostileBody, decompileHolds), short);
    });
    it("never throws on any JSON value", () => {
      fc.assert(fc.property(anyJson, decompileHolds), short);
    });
  });

  describe("the shell's completer and highlighter", () => {
    it("complete never throws and replaces a range before the cursor", () => {
      fc.assert(fc.property(hostileText, fc.nat(), completeHolds), short);
    });
    it("complete on long text", () => {
      fc.assert(fc.property(longText, fc.nat(), completeHolds), long);
    });
    it("highlight never throws and keeps the text", () => {
      fc.assert(fc.property(hostileText, highlightHolds), short);
    });
    it("highlight on long text", () => {
      fc.assert(fc.property(longText, highlightHolds), long);
    });
  });

  describe("the sanitizer", () => {
    const UNSAFE =
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f\ufeff]/;
    const sanitizeHolds = (text: string) => {
      const safe = timed("sanitize", text, (t) => sanitize(t));
      if (UNSAFE.test(safe)) throw new Error(`unsafe character left in ${JSON.stringify(safe)}`);
      expect(sanitize(safe)).toBe(safe);
      expect(sanitizeLine(text)).not.toMatch(/[\r\n\t]/);
    };
    it("leaves no control, bidi or invisible character in hostile text, and is idempotent", () => {
      fc.assert(fc.property(hostileText, sanitizeHolds), short);
    });
    it("on long text", () => {
      fc.assert(fc.property(longText, sanitizeHolds), long);
    });
  });

  describe("the emulator's body validation", () => {
    const dataset = generateDataset({ seed: 3, chats: 60, anchor: NOW });
    const validationHolds = (body: unknown) => {
      if (typeof body !== "object" || body === null || Array.isArray(body)) return;
      const result = validateSearchBody(body as Record<string, unknown>);
      if (result.ok) {
        const page = search(dataset.chats, result.request);
        expect(page.data.length).toBeLessThanOrEqual(result.request.limit);
      } else {
        expect(result.errors.length).toBeGreaterThan(0);
        for (const e of result.errors) {
          expect(typeof e.code).toBe("string");
          expect(typeof e.message).toBe("string");
        }
      }
    };
    it("never throws on hostile bodies; errors are well formed", () => {
      fc.assert(fc.property(hostileBody, validationHolds), short);
    });
    it("answers hostile bodies and hostile text over HTTP with 200 or a well-formed 400", async () => {
      const emulator = await startEmulator({ chats: 60, anchor: NOW, rateLimit: false });
      try {
        const send = async (text: string) => {
          const response = await fetch(`${emulator.url}/chats/search`, {
            method: "POST",
            headers: { authorization: `Bearer ${emulator.key}`, "content-type": "application/json" },
            body: text,
          });
          const json = JSON.parse(await response.text()) as { data?: unknown; errors?: unknown };
          if (response.status === 200) expect(Array.isArray(json.data)).toBe(true);
          else {
            expect(response.status).toBe(400);
            expect(Array.isArray(json.errors) && json.errors.length > 0).toBe(true);
          }
        };
        const body = hostileBody.map((b) => JSON.stringify(b));
        await fc.assert(fc.asyncProperty(fc.oneof(body, body, hostileText), send), options.http);
      } finally {
        await emulator.close();
      }
    });
  });

  it("pollutes no prototype", () => {
    expect({} as Record<string, unknown>).not.toHaveProperty("polluted");
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(OBJECT_PROTOTYPE_KEYS);
  });

  if (options.timed) {
    it("stays within the time bounds: 50 ms up to 1 KiB, 300 ms up to 64 KiB", () => {
      expect(slowest.size).toBeGreaterThan(0);
      for (const [name, cases] of slowest) {
        expect.soft(cases.small.ms, cases.summary(name)).toBeLessThanOrEqual(SMALL_MS);
        expect.soft(cases.large.ms, cases.summary(name)).toBeLessThanOrEqual(LARGE_MS);
      }
    });
  }
}
