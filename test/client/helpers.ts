import { expect } from "vitest";
import { createClient, type HelpCrunchClient, HelpCrunchError } from "../../src/client/index.js";
import type { Plan } from "../../src/compiler/types.js";
import type { SearchBody, SortOrder } from "../../src/language/api.js";
import { scriptedServer } from "../support/scripted-server.js";

/** The HelpCrunchError a promise rejects with (the test fails if it resolves or rejects otherwise). */
export async function failure(promise: Promise<unknown>): Promise<HelpCrunchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HelpCrunchError);
  return error as HelpCrunchError;
}

/** The clock of the plans below (and of the emulators the tests start). */
export const PLAN_NOW = 1_750_000_000;

interface PlanShape {
  readonly sort?: { field: string; order: SortOrder };
  readonly offset?: number;
  readonly limit?: number;
  /** Whether the query gave the limit (default: when there is one); false for `compile`'s `defaultLimit`. */
  readonly limitExplicit?: boolean;
  readonly merge?: boolean;
}

/** A plan as the compiler makes it, written by hand so these tests do not depend on the compiler. */
export function plan(bodies: readonly SearchBody[], shape: PlanShape = {}): { plan: Plan } {
  return {
    plan: {
      bodies,
      origins: bodies.map((b) => b.filter.map(() => ({ span: { start: 0, end: 1 }, spans: [] }))),
      sort: shape.sort ?? { field: "chats.createdAt", order: "DESC" },
      offset: shape.offset ?? 0,
      limit: shape.limit,
      limitExplicit: shape.limitExplicit ?? shape.limit !== undefined,
      merge: shape.merge ?? bodies.length > 1,
      shape: bodies.length > 1 ? "several" : "and",
    },
  };
}

export const item = (
  field: string,
  operator: "=" | "!=" | ">" | "<",
  value: SearchBody["filter"][number]["value"],
) => ({
  field,
  operator,
  value,
});

/** Concurrencies every way of running a plan refuses, with the message `client.search` gives. */
export const BAD_CONCURRENCY = [
  [Number.NaN, "concurrency must be an integer of at least 1, not NaN"],
  [0, "concurrency must be an integer of at least 1, not 0"],
  [-1, "concurrency must be an integer of at least 1, not -1"],
  [1.5, "concurrency must be an integer of at least 1, not 1.5"],
] as const;

/** What a call rejects (or throws) with; the test fails if it resolves. */
export async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => expect.unreachable("it resolved"),
    (e: unknown) => e,
  );
}

/**
 * Runs `run` with a signal aborted before it starts, against a server that would answer nothing:
 * the error it fails with, the reason the signal gave, and how many requests reached the server.
 */
export async function abortedAtOnce(
  run: (client: HelpCrunchClient, signal: AbortSignal) => Promise<unknown>,
): Promise<{ error: HelpCrunchError; reason: Error; sent: number }> {
  const server = await scriptedServer([]);
  try {
    const client = createClient({ apiKey: "k", baseUrl: server.url, requestsPerMinute: 0 });
    const reason = new Error("stop");
    const error = await failure(run(client, AbortSignal.abort(reason)));
    return { error, reason, sent: server.seen.length };
  } finally {
    await server.close();
  }
}
