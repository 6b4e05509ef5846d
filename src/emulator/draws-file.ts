import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CHAT, CUSTOMER, DEFAULT_CHAT_COUNT, DEFAULT_SEED, type Draws, drawDataset } from "./draws.js";

/**
 * The demo's draws, shipped: the build draws seed 1's 2,500 chats once and writes them to
 * dist/demo-draws.bin, and the emulator reads them instead of drawing them again. Drawing takes
 * ~20 ms of a cold start (some 50,000 numbers from the PRNG, before V8 optimises it), reading a
 * fifth of a megabyte well under one; the shell's first demo search waits for it (bench row
 * `repl-first-search`). The draws are relative to the anchor, so one file serves every anchor. A file
 * that is missing or not of this seed, count and layout is not used: the draws are drawn.
 */
export const SHIPPED_DRAWS_FILE = "demo-draws.bin";

/** The file's head: a mark, then what it holds; then the customers' draws and the chats'. */
const HEAD = { mark: 0, seed: 1, chats: 2, customers: 3, customerSize: 4, chatSize: 5, size: 6 } as const;
/** "hcqd", read as a little-endian integer: a machine of the other byte order finds no mark. */
const MARK = 0x64716368;

/**
 * The draws of `count` chats from `seed`: the demo's (the default seed and count) read from the
 * shipped file when it holds them, any other drawn. `file` stands in for the shipped one (tests).
 */
export function drawsFor(seed: number, count: number, file?: string): Draws {
  if (seed !== DEFAULT_SEED || count !== DEFAULT_CHAT_COUNT) return drawDataset(seed, count);
  const shipped = file ?? shippedDrawsFile();
  return (shipped === undefined ? undefined : readDraws(shipped, seed, count)) ?? drawDataset(seed, count);
}

/** The draws in a file, if it holds those of this seed and count in this layout. */
export function readDraws(file: string, seed: number, count: number): Draws | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  return decodeDraws(bytes, seed, count);
}

export function decodeDraws(bytes: Uint8Array, seed: number, count: number): Draws | undefined {
  if (bytes.byteLength < HEAD.size * 4 || bytes.byteLength % 4 !== 0) return undefined;
  // An Int32Array needs its start at a multiple of 4 bytes.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const numbers = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  const customers = numbers[HEAD.customers]!;
  const fits =
    numbers[HEAD.mark] === MARK &&
    numbers[HEAD.seed] === (seed | 0) &&
    numbers[HEAD.chats] === count &&
    customers >= 0 &&
    numbers[HEAD.customerSize] === CUSTOMER.size &&
    numbers[HEAD.chatSize] === CHAT.size &&
    numbers.length === HEAD.size + customers * CUSTOMER.size + count * CHAT.size;
  if (!fits) return undefined;
  const chatsAt = HEAD.size + customers * CUSTOMER.size;
  return { customers: numbers.subarray(HEAD.size, chatsAt), chats: numbers.subarray(chatsAt) };
}

export function encodeDraws(draws: Draws, seed: number): Uint8Array {
  const customers = draws.customers.length / CUSTOMER.size;
  const chats = draws.chats.length / CHAT.size;
  const numbers = new Int32Array(HEAD.size + draws.customers.length + draws.chats.length);
  numbers.set([MARK, seed | 0, chats, customers, CUSTOMER.size, CHAT.size]);
  numbers.set(draws.customers, HEAD.size);
  numbers.set(draws.chats, HEAD.size + draws.customers.length);
  return new Uint8Array(numbers.buffer);
}

/** Writes the demo's draws to `dir`/demo-draws.bin (the build: scripts/build.mjs); returns its path. */
export function writeDemoDraws(dir: string): string {
  const file = join(dir, SHIPPED_DRAWS_FILE);
  writeFileSync(file, encodeDraws(drawDataset(DEFAULT_SEED, DEFAULT_CHAT_COUNT), DEFAULT_SEED));
  return file;
}

/**
 * dist/demo-draws.bin of the package this module belongs to: beside the bundle (dist/), a folder up
 * (dist/chunks/), or under dist/ of the folder two up (src/emulator/, where the tests' set-up has
 * built it).
 */
function shippedDrawsFile(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 3; up++, dir = dirname(dir)) {
    for (const file of [join(dir, SHIPPED_DRAWS_FILE), join(dir, "dist", SHIPPED_DRAWS_FILE)]) {
      if (existsSync(file)) return file;
    }
  }
  return undefined;
}
