/** Ends an exhaustive switch: a new union member makes the call site fail to compile. */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
