import { shownArgument } from "../language/index.js";

/**
 * A whole-number option of an arbitrary, `fallback` when left out: an integer from `min` (to `max`
 * when given), else a RangeError naming the option, so that a bad one is never quietly bent into range.
 */
export function integerOption(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max?: number,
): number {
  if (value === undefined) return fallback;
  const ok = Number.isInteger(value) && value >= min && (max === undefined || value <= max);
  if (!ok) {
    const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new RangeError(`${name} must be an integer ${range}, not ${shownArgument(value)}`);
  }
  return value;
}
