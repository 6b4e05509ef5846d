// hcql/testing with fast-check, as the README's "Testing with hcql" uses it.
import fc from "fast-check";
import { compile } from "hcql";
import { type ChatRecord, generateDataset, startEmulator } from "hcql/emulator";
import { evaluate, queryText } from "hcql/testing";

const records: readonly ChatRecord[] = generateDataset({ chats: 20, seed: 1, anchor: 1_750_000_000 }).chats;

export const property = fc.property(queryText({ records, clauses: false }), (text) => {
  const compiled = compile(text, { now: 1_750_000_000, maxRequests: 32 });
  fc.pre(compiled.ok);
  const ids: number[] = evaluate(compiled.checked, records);
  return ids.length <= records.length;
});

export async function emulatorUrl(): Promise<string> {
  const emulator = await startEmulator({ seed: 1, chats: 10, rateLimit: false });
  await emulator.close();
  return emulator.url;
}
