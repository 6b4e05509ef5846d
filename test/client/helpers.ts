import { expect } from "vitest";
import { HelpCrunchError } from "../../src/client/index.js";

/** The HelpCrunchError a promise rejects with (the test fails if it resolves or rejects otherwise). */
export async function failure(promise: Promise<unknown>): Promise<HelpCrunchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HelpCrunchError);
  return error as HelpCrunchError;
}
