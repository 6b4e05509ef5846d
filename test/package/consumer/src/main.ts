// hcql from a consumer's code: compile, then run the plan with the client.
import {
  type Chat,
  compile,
  createClient,
  type ExecuteResult,
  executePlan,
  type HelpCrunchClient,
  HelpCrunchError,
} from "hcql";

export async function search(apiKey: string, baseUrl: string, text: string): Promise<readonly Chat[]> {
  const client: HelpCrunchClient = createClient({ apiKey, baseUrl });
  const compiled = compile(text);
  if (!compiled.ok) return [];
  try {
    const result: ExecuteResult = await executePlan(client, compiled.plan, { all: true });
    return result.totalExact ? result.chats : result.chats.slice(0, result.total);
  } catch (error) {
    if (error instanceof HelpCrunchError && error.kind === "invalid-request") return [];
    throw error;
  }
}
