/**
 * Whether to colour a stream, decided once at the edge: NO_COLOR (non-empty) turns colour off,
 * FORCE_COLOR turns it on (off for "0" or "false"), otherwise a terminal other than TERM=dumb gets colour.
 */
export function shouldColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  return isTTY && env.TERM !== "dumb";
}
