// Every type a public signature names can be named by a consumer too, from the entry whose signatures use it.

import type {
  ErrorDetails,
  HelpCrunchClient,
  Chat as MainChat,
  CheckedQuery as MainCheckedQuery,
} from "hcql";
import { HelpCrunchError } from "hcql";
import type {
  Agent,
  CheckedAnd,
  CheckedCount,
  CheckedGroup,
  CheckedNot,
  CheckedNumber,
  CheckedOr,
  CheckedSort,
  CountUnit,
  Customer,
  Department,
  ExplainedCount,
  Person,
} from "hcql/core";

export function describeChat(chat: MainChat): string {
  const customer: Customer = chat.customer;
  const agents: readonly Agent[] = chat.agents;
  const people: readonly Person[] = [customer, ...agents];
  return `${people.length} people, department ${chat.department?.name ?? "none"}`;
}

export async function staff(client: HelpCrunchClient): Promise<[readonly Agent[], readonly Department[]]> {
  return [await client.listAgents(), await client.listDepartments()];
}

export function cancelled(): HelpCrunchError {
  const details: ErrorDetails = { kind: "cancelled", request: "POST /chats/search", host: "", attempts: 0 };
  return new HelpCrunchError(details);
}

/** Walks a checked condition by its node types. */
export function conditionKinds(checked: MainCheckedQuery): string[] {
  const sort: CheckedSort | undefined = checked.sort;
  const limit: CheckedNumber | undefined = checked.limit;
  const count: CheckedCount | undefined = checked.count;
  const groups: readonly CheckedGroup[] = count?.groups ?? [];
  const units: (CountUnit | undefined)[] = groups.map((group) => group.unit);
  const kinds: string[] = [String(sort?.field.name), String(limit?.value), units.join(",")];
  const walk = (
    node: CheckedAnd | CheckedOr | CheckedNot | NonNullable<MainCheckedQuery["condition"]>,
  ): void => {
    kinds.push(node.kind);
    if (node.kind === "and" || node.kind === "or") for (const operand of node.operands) walk(operand);
    if (node.kind === "not") walk(node.operand);
  };
  if (checked.condition !== undefined) walk(checked.condition);
  return kinds;
}

export function countedRows(explained: ExplainedCount): string {
  return JSON.stringify(explained);
}
