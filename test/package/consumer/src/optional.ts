// Optional values forwarded as they are: under exactOptionalPropertyTypes an option typed `T | undefined`
// (an environment variable, a signal the caller may not have) goes in without spreading it away.
import {
  type CompletionContext,
  check,
  compile,
  complete,
  countChats,
  createClient,
  executePlan,
  explain,
  format,
  formatQuery,
  type NamedId,
  parse,
  renderDiagnostics,
  type SearchBody,
  streamPlan,
} from "hcql";
import { type ChatRecord, generateDataset, startEmulator } from "hcql/emulator";
import { chatRecords, evaluate, queryText, searchBody } from "hcql/testing";

export interface Maybe {
  readonly timeZone: string | undefined;
  readonly now: number | undefined;
  readonly maxRequests: number | undefined;
  readonly color: boolean | undefined;
  readonly signal: AbortSignal | undefined;
  readonly limit: number | undefined;
  readonly seed: number | undefined;
  readonly agents: readonly NamedId[] | undefined;
  readonly records: readonly ChatRecord[] | undefined;
}

export function language(text: string, maybe: Maybe): string {
  const { timeZone, now, maxRequests, color, agents } = maybe;
  const compiled = compile(text, { timeZone, now, maxRequests, cursor: undefined, names: undefined });
  const checked = check(text, { timeZone, now, defaultLimit: undefined });
  const explained = explain(text, { timeZone, now, maxDepth: undefined, maxLength: undefined });
  const formatted = formatQuery(text, { keepComments: color, maxLength: undefined, cursor: undefined });
  const tree = parse(text, { maxDepth: undefined, maxLength: undefined, cursor: undefined }).query;
  const printed = format(tree, { keepComments: undefined });
  const context: CompletionContext = { agents, departments: undefined, tags: undefined, commands: undefined };
  const items = complete(text, text.length, context).items.length;
  const rendered = renderDiagnostics(text, compiled.diagnostics, {
    color,
    tabWidth: undefined,
    maxWidth: undefined,
  });
  return `${checked.ok} ${explained.ok} ${items} ${rendered} ${formatted.text} ${printed}`;
}

export async function client(body: SearchBody, maybe: Maybe): Promise<number> {
  const { signal, limit } = maybe;
  const made = createClient({
    apiKey: "key",
    baseUrl: process.env["HCQL_BASE_URL"],
    timeoutMs: undefined,
    retries: undefined,
    fetch: undefined,
    onWait: undefined,
  });
  const compiled = compile("status = pending");
  if (!compiled.ok) return 0;
  const found = await made.searchBody(body, { signal, limit, onPage: undefined, onWait: undefined });
  await made.search([body], { signal, limit, concurrency: undefined, onProgress: undefined });
  await made.getChat(1, { signal });
  const run = await executePlan(made, compiled.plan, { signal, all: undefined, concurrency: undefined });
  for await (const batch of streamPlan(made, compiled.plan, { signal, onProgress: undefined })) {
    void batch;
  }
  const counted = await countChats(made, compile("count by status"), {
    signal,
    onProgress: undefined,
    concurrency: undefined,
  });
  return found.total + run.total + counted.total;
}

export async function emulator(maybe: Maybe): Promise<number> {
  const { seed, now } = maybe;
  const dataset = generateDataset({ seed, anchor: now, chats: undefined });
  const started = await startEmulator({
    seed,
    anchor: now,
    port: undefined,
    keys: undefined,
    rateLimit: undefined,
  });
  await started.close();
  return dataset.chats.length;
}

export function arbitraries(maybe: Maybe): unknown[] {
  const { records } = maybe;
  return [
    queryText({ records, maxDepth: undefined, maxOperands: undefined, clauses: undefined }),
    searchBody({ records, scope: undefined, maxItems: undefined }),
    chatRecords({ minLength: undefined, maxLength: undefined }),
    evaluate(check("status = 1").checked!, records ?? [], { defaultLimit: undefined }),
  ];
}
