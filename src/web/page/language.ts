import type { IToken } from "chevrotain";
import { lookupField } from "../../language/fields.js";
import { tokens as T, tokenClass, tokenize } from "../../lexer/index.js";
import { type CompletionContext, complete as completeLine } from "../../repl/complete.js";

/**
 * The editor's view of HCQL: highlight spans and completion, from the lexer and the shell's completer
 * (the same functions the shell uses; no second grammar).
 */

export interface HighlightSpan {
  readonly start: number;
  readonly end: number;
  readonly class: string;
}

export interface CompletionItem {
  readonly text: string;
  readonly detail?: string;
}

export interface EditorContext {
  readonly agents: CompletionContext["agents"];
  readonly departments: CompletionContext["departments"];
}

/** Classes of the text's tokens, in order; what the lexer cannot read is `error`. */
export function highlight(text: string): HighlightSpan[] {
  const { tokens, comments } = tokenize(text);
  const all: IToken[] = [...tokens, ...comments].sort((a, b) => a.startOffset - b.startOffset);
  const spans: HighlightSpan[] = [];
  let at = 0;
  for (const token of all) {
    pushGaps(text, at, token.startOffset, spans);
    const cls = tokenClass(token.tokenType);
    const end = token.startOffset + token.image.length;
    const field = cls === "word" && token.tokenType === T.Word && lookupField(token.image) !== undefined;
    spans.push({ start: token.startOffset, end, class: field ? "field" : cls });
    at = end;
  }
  pushGaps(text, at, text.length, spans);
  return spans;
}

/** Characters between tokens that are not blanks: the lexer could not read them. */
function pushGaps(text: string, from: number, to: number, spans: HighlightSpan[]): void {
  const gap = /\S+/g;
  gap.lastIndex = from;
  for (let match = gap.exec(text); match !== null && match.index < to; match = gap.exec(text)) {
    spans.push({ start: match.index, end: Math.min(to, match.index + match[0].length), class: "error" });
  }
}

export function complete(
  text: string,
  cursor: number,
  context: EditorContext = { agents: [], departments: [] },
): { items: readonly CompletionItem[]; replaceFrom: number } {
  return completeLine(text, cursor, { ...context, commands: [], savedNames: [], formats: [] });
}
