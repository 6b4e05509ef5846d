import { afterEach, expect } from "vitest";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../src/emulator/index.js";

/** Emulators started by a test are closed after it. */
let running: Emulator[] = [];
afterEach(async () => {
  await Promise.all(running.map((e) => e.close()));
  running = [];
});

export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ anchor: 1_780_000_000, chats: 200, ...options });
  running.push(emu);
  return emu;
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: unknown;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: JSON.parse(text) };
}

/**
 * An error answer's errors, each exactly `{code, message}` in the body, with the path the
 * X-Hcql-Error-Paths header gives it (when it gives one).
 */
export function located(answer: Answer): { status: number; errors: object[] } {
  const errors = (answer.json as { errors: { code: string; message: string }[] }).errors;
  for (const error of errors) expect(Object.keys(error)).toEqual(["code", "message"]);
  const paths = answer.headers.get("x-hcql-error-paths")?.split(",").map(decodeURIComponent);
  return {
    status: answer.status,
    errors: errors.map((e, i) => (paths?.[i] ? { ...e, path: paths[i] } : e)),
  };
}

export async function post(emu: Emulator, path: string, body: unknown, key = emu.key): Promise<Answer> {
  return answer(
    await fetch(`${emu.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body:
        typeof body === "string"
          ? body
          : body instanceof Uint8Array
            ? new Blob([body as Uint8Array<ArrayBuffer>])
            : JSON.stringify(body),
    }),
  );
}

export async function get(emu: Emulator, path: string, key = emu.key): Promise<Answer> {
  return answer(await fetch(`${emu.url}${path}`, { headers: { authorization: `Bearer ${key}` } }));
}

export async function searchIds(emu: Emulator, body: unknown): Promise<number[]> {
  const { status, json } = await post(emu, "/chats/search", body);
  if (status !== 200) throw new Error(`search answered ${status}: ${JSON.stringify(json)}`);
  return (json as { data: { id: number }[] }).data.map((c) => c.id);
}

type Ids = readonly number[];

/** A small hand-written dataset: chat n has id n (see the table in search.test.ts). */
function chat(
  id: number,
  status: string,
  createdAt: number,
  rest: {
    closedAt?: number;
    rating?: string;
    assignee?: number;
    agents?: Ids;
    department?: number;
    customer: { id: number; email?: string; userId?: string };
    tags?: readonly string[];
    updatedAt?: number;
    lastMessageAt?: number;
    lastCustomerMessageAt?: number;
  },
) {
  const agent = (agentId: number) => ({ id: agentId, name: `Agent ${agentId}`, email: null, role: "agent" });
  return {
    chat: {
      id,
      status,
      createdAt,
      closedAt: rest.closedAt ?? null,
      rating: rest.rating ?? null,
      assignee: rest.assignee === undefined ? null : agent(rest.assignee),
      agents: (rest.agents ?? []).map(agent),
      department:
        rest.department === undefined ? null : { id: rest.department, name: `Dept ${rest.department}` },
      customer: { name: null, email: null, userId: null, ...rest.customer },
      lastMessageAt: rest.lastMessageAt ?? null,
      lastCustomerMessageAt: rest.lastCustomerMessageAt ?? null,
    },
    tags: rest.tags ?? [],
    ...(rest.updatedAt === undefined ? {} : { updatedAt: rest.updatedAt }),
  };
}

export const FIXTURE = [
  chat(1, "pending", 1000, {
    assignee: 10,
    agents: [10, 11],
    department: 100,
    customer: { id: 500, email: "Ann@Example.com", userId: "u-1" },
    tags: ["Paid", "VIP"],
    updatedAt: 1500,
    lastMessageAt: 1200,
    lastCustomerMessageAt: 1100,
  }),
  chat(2, "closed", 2000, {
    closedAt: 2500,
    rating: "great",
    assignee: 11,
    agents: [11],
    customer: { id: 501, userId: "U-2" },
    tags: ["Paid"],
    updatedAt: 2600,
    lastMessageAt: 2400,
  }),
  chat(3, "closed", 3000, {
    closedAt: 3100,
    rating: "poor",
    department: 101,
    customer: { id: 502, email: "bob@example.org" },
    updatedAt: 3100,
    lastMessageAt: 3050,
    lastCustomerMessageAt: 3050,
  }),
  chat(4, "new", 2000, {
    customer: { id: 500, email: "Ann@Example.com", userId: "u-1" },
    tags: ["Paid", "VIP"],
    updatedAt: 2000,
  }),
  chat(5, "on hold", 4000, {
    assignee: 12,
    agents: [12, 10],
    department: 100,
    customer: { id: 503, email: "чат@пример.рф", userId: "user-5" },
    tags: ["Lead"],
    updatedAt: 4600,
    lastMessageAt: 4500,
    lastCustomerMessageAt: 4400,
  }),
  chat(6, "closed", 5000, {
    closedAt: 5200,
    rating: "average",
    assignee: 10,
    agents: [10],
    department: 101,
    customer: { id: 504, email: "ZED@example.com" },
    tags: ["VIP", "Trial"],
    updatedAt: 5300,
    lastMessageAt: 5100,
    lastCustomerMessageAt: 5000,
  }),
  chat(7, "empty", 6000, { customer: { id: 505 } }),
  chat(8, "no communication", 7000, {
    assignee: 11,
    agents: [11],
    department: 102,
    customer: { id: 506, email: "x@y.z", userId: "u-8" },
    tags: ["Churned"],
    updatedAt: 7100,
    lastMessageAt: 7100,
  }),
  chat(9, "opened", 1000, {
    assignee: 12,
    agents: [12],
    department: 100,
    customer: { id: 507, email: "ann@example.com", userId: "U-9" },
    tags: ["vip"],
    updatedAt: 1000,
    lastMessageAt: 1000,
    lastCustomerMessageAt: 1000,
  }),
];
