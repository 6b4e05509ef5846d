/**
 * `24,100`: a whole number with its thousands grouped as en-US writes them, without Intl (building a
 * NumberFormat loads locale data: ~20 ms before the shell's first answer, bench row `repl-first-search`).
 * Other numbers are left to Intl.
 */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString("en-US");
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = out.length; at < digits.length; at += 3) out += `,${digits.slice(at, at + 3)}`;
  return n < 0 || Object.is(n, -0) ? `-${out}` : out;
}

/** `1 request`, `2,500 chats`: a count with its noun, as every message and footer writes one. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${groupDigits(n)} ${n === 1 ? one : many}`;
}
