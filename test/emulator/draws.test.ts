import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { CHAT, DEFAULT_CHAT_COUNT, DEFAULT_SEED, drawDataset, NO_TIME } from "../../src/emulator/draws.js";
import {
  decodeDraws,
  drawsFor,
  encodeDraws,
  readDraws,
  SHIPPED_DRAWS_FILE,
  writeDemoDraws,
} from "../../src/emulator/draws-file.js";
import { generateDataset, serializeDataset } from "../../src/emulator/index.js";

const dir = mkdtempSync(join(tmpdir(), "hcql-draws-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The build's file (the tests' set-up builds dist/). */
const SHIPPED = fileURLToPath(new URL(`../../dist/${SHIPPED_DRAWS_FILE}`, import.meta.url));

describe("the shipped draws", () => {
  it("dist/demo-draws.bin holds what drawing seed 1's 2,500 chats gives", () => {
    const drawn = drawDataset(DEFAULT_SEED, DEFAULT_CHAT_COUNT);
    const shipped = readDraws(SHIPPED, DEFAULT_SEED, DEFAULT_CHAT_COUNT);
    expect(shipped).toBeDefined();
    expect([...shipped!.customers]).toEqual([...drawn.customers]);
    expect([...shipped!.chats]).toEqual([...drawn.chats]);
    expect(drawsFor(DEFAULT_SEED, DEFAULT_CHAT_COUNT, SHIPPED).chats.length).toBe(
      DEFAULT_CHAT_COUNT * CHAT.size,
    );
  });

  it("writeDemoDraws writes what the build ships", () => {
    const file = writeDemoDraws(dir);
    expect(file).toBe(join(dir, SHIPPED_DRAWS_FILE));
    expect(readDraws(file, DEFAULT_SEED, DEFAULT_CHAT_COUNT)).toEqual(
      readDraws(SHIPPED, DEFAULT_SEED, DEFAULT_CHAT_COUNT),
    );
  });

  it.each([
    ["missing", undefined],
    ["empty", new Uint8Array()],
    ["cut short", () => encodeDraws(drawDataset(1, 2500), 1).subarray(0, 1000)],
    ["of another seed", () => encodeDraws(drawDataset(2, 2500), 2)],
    ["of another count", () => encodeDraws(drawDataset(1, 2499), 1)],
    ["not a draws file", () => new TextEncoder().encode("x".repeat(4000))],
  ])("a file %s is not used: the demo's draws are drawn", (_, bytes) => {
    const file = join(dir, `draws-${Math.random()}.bin`);
    const content = typeof bytes === "function" ? bytes() : bytes;
    if (content !== undefined) writeFileSync(file, content);
    expect(readDraws(file, DEFAULT_SEED, DEFAULT_CHAT_COUNT)).toBeUndefined();
    expect(drawsFor(DEFAULT_SEED, DEFAULT_CHAT_COUNT, file)).toEqual(
      drawDataset(DEFAULT_SEED, DEFAULT_CHAT_COUNT),
    );
  });
});

describe("encodeDraws and decodeDraws", () => {
  it("give back the draws of any seed and count, and refuse them for another", () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 32 - 1 }), fc.nat({ max: 60 }), (seed, count) => {
        const draws = drawDataset(seed, count);
        const bytes = encodeDraws(draws, seed);
        const decoded = decodeDraws(bytes, seed, count);
        expect(decoded && [[...decoded.customers], [...decoded.chats]]).toEqual([
          [...draws.customers],
          [...draws.chats],
        ]);
        expect(decodeDraws(bytes, (seed + 1) % 2 ** 32, count)).toBeUndefined();
        expect(decodeDraws(bytes, seed, count + 1)).toBeUndefined();
      }),
      { numRuns: 50 },
    );
  });

  it("reads bytes that start at an offset not a multiple of 4", () => {
    const bytes = encodeDraws(drawDataset(5, 10), 5);
    const shifted = new Uint8Array(bytes.length + 2);
    shifted.set(bytes, 2);
    expect(decodeDraws(shifted.subarray(2), 5, 10)).toEqual(decodeDraws(bytes, 5, 10));
  });

  it("refuses a layout of other sizes: a byte changed in the head", () => {
    const bytes = encodeDraws(drawDataset(5, 10), 5);
    for (const at of [0, 16, 20]) {
      const changed = bytes.slice();
      changed[at] = changed[at]! ^ 1;
      expect(decodeDraws(changed, 5, 10)).toBeUndefined();
    }
  });
});

describe("draws relative to the anchor", () => {
  it("the data of another anchor is the same data moved in time", () => {
    const moved = (anchor: number) =>
      JSON.parse(serializeDataset(generateDataset({ seed: 9, chats: 400, anchor })), (key, value) =>
        /At$|^snoozedUntil$/.test(key) && typeof value === "number" ? value - anchor : value,
      );
    expect(moved(1_700_000_000)).toEqual(moved(1_800_000_123));
  });

  it("no chat's time is left as the NO_TIME mark", () => {
    const { chats } = generateDataset({ seed: 9, chats: 400, anchor: 1_700_000_000 });
    const times = chats.flatMap(({ chat, updatedAt }) => [
      chat.createdAt,
      chat.lastMessageAt,
      chat.lastCustomerMessageAt,
      chat.closedAt,
      chat.snoozedUntil,
      updatedAt,
    ]);
    expect(times.filter((t) => t !== null && t - 1_700_000_000 === NO_TIME)).toEqual([]);
  });
});
