// Usage: node run-plan.mjs <base URL> <API key> <now> <query>: what executePlan returns, as JSON.
import { compile, createClient, executePlan } from "hcql";

const [baseUrl, apiKey, now, query] = process.argv.slice(2);
const compiled = compile(query, { now: Number(now) });
if (!compiled.ok) throw new Error(`does not compile: ${query}`);
const result = await executePlan(createClient({ apiKey, baseUrl }), compiled.plan);
process.stdout.write(JSON.stringify(result));
