// hcql/testing with fast-check, as the README's "Testing with hcql" uses it.
import fc from "fast-check";
import { compile, type SearchBody } from "hcql";
import {
  type ChatRecord,
  datasetFileParts,
  generateDataset,
  matchesAll,
  startEmulator,
  validateSearchBody,
} from "hcql/emulator";
import { evaluate, queryText } from "hcql/testing";

const records: readonly ChatRecord[] = generateDataset({ chats: 20, seed: 1, anchor: 1_750_000_000 }).chats;

export const property = fc.property(queryText({ records, clauses: false }), (text) => {
  const compiled = compile(text, { now: 1_750_000_000, maxRequests: 32 });
  fc.pre(compiled.ok);
  const ids: number[] = evaluate(compiled.checked, records);
  return ids.length <= records.length;
});

// The data format section: a dataset file written a chat at a time.
export function datasetFile(): string[] {
  return [...datasetFileParts(generateDataset({ chats: 2, seed: 1, anchor: 1_750_000_000 }))];
}

export async function emulatorUrl(): Promise<string> {
  const emulator = await startEmulator({ seed: 1, chats: 10, rateLimit: false });
  await emulator.close();
  return emulator.url;
}

// The README's filters.test.mjs, typed: validateSearchBody takes the bodies compile gives as they are.
export function matchesBody(body: SearchBody, record: ChatRecord): boolean {
  const checked = validateSearchBody(body);
  return checked.ok && matchesAll(record, checked.request);
}

export const agrees = fc.property(queryText({ records, clauses: false }), (text) => {
  const compiled = compile(text, { now: 1_750_000_000, maxRequests: 32 });
  fc.pre(compiled.ok);
  const expected: number[] = evaluate(compiled.checked, records);
  const got = records
    .filter((r) => compiled.requests.some((body) => matchesBody(body, r)))
    .sort((a, b) => b.chat.createdAt - a.chat.createdAt || a.chat.id - b.chat.id)
    .map((r) => r.chat.id);
  return got.length === expected.length && got.every((id, i) => id === expected[i]);
});
