import { isBareWord } from "../lexer/index.js";
import type { ErrorNode } from "./ast.js";

/**
 * The word of an error node that stands for a lone word where a condition begins (`staus` with no
 * operator after it): the parser keeps such a word as an error, reported at the missing operator.
 * Undefined for an error node of anything else.
 */
export function loneWord(node: ErrorNode, text: string): string | undefined {
  const written = text.slice(node.span.start, node.span.end);
  return isBareWord(written) ? written : undefined;
}
