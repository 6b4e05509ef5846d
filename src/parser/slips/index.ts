import type { IToken } from "chevrotain";
import type { Diagnostic, Span } from "../../language/index.js";
import { isToldByLexer } from "../../lexer/index.js";
import {
  calledDateSlip,
  dateTimeSlip,
  dayTimeSlip,
  monthSlip,
  spokenDateSlip,
  writtenDateSlip,
} from "./dates.js";
import {
  countUnitSlip,
  countWithoutBySlip,
  keywordSlip,
  lateDirectionSlip,
  selectSlip,
  sortByCountSlip,
  sortWithoutBySlip,
  sortWithoutSortBySlip,
  whereSlip,
} from "./keywords.js";
import { bareListSlip, listCommaSlip, listSlip } from "./lists.js";
import { fieldLeftOutSlip, missingOperatorSlip, operatorWordSlip, rangeWordsSlip } from "./operators.js";
import { sentenceSlip } from "./sentence.js";
import { readingTokens, type Slip } from "./tokens.js";
import {
  colonSlip,
  dashedValueSlip,
  missingJoinSlip,
  spacedStatusSlip,
  spacedTextSlip,
  strayWordSlip,
} from "./values.js";

/**
 * Slips the grammar can only call syntax errors, told as what was meant, one family per file:
 * lists (`tags = ("Paid","Trial")` → `tags in ("Paid", "Trial")`), dates (`last week` → `1w ago`,
 * `12/01/2026`, `2026-11`, `2026-11-01 10:00`), operators in words (`status is pending`, `email ends
 * with x`, `from a to b`), keywords (`top 5`, `sortby`, `where`, `count status`) and values
 * (`vip-customer`, `tags = vip customer`, `status:pending`), and a query written as a sentence (`show me
 * pending chats from last week` → `status = pending and createdAt > 1w ago`). Each replaces the syntax errors within
 * its span by one diagnostic whose hint is the query as meant; text without such errors is left alone.
 */

export interface Explained {
  readonly diagnostics: Diagnostic[];
  /** The text of the slips told whose hint writes it anew, in text order (see `Slip.covers`). */
  readonly covered: readonly Span[];
}

/** The diagnostics with every slip's syntax errors replaced by the slip's own diagnostic. */
export function explainSlips(
  text: string,
  tokens: readonly IToken[],
  diagnostics: Diagnostic[],
  cursor?: number,
): Explained {
  const slips = findSlips(text, tokens, cursor);
  if (slips.length === 0) return { diagnostics, covered: [] };
  // Each syntax error to the slip it stands in, if any: slips are in text order and never overlap, so
  // a binary search finds it (a query of thousands of slips and errors stays linear-ish).
  const explained = new Set<Slip>();
  const kept = diagnostics.filter((d) => {
    const slip = explainable(d) ? slipAt(slips, d.span.start) : undefined;
    if (slip !== undefined) explained.add(slip);
    return slip === undefined;
  });
  if (explained.size === 0) return { diagnostics, covered: [] };
  const told = slips.filter((slip) => explained.has(slip));
  return {
    diagnostics: [...kept, ...told.map((slip) => slip.diagnostic)].sort(
      (a, b) => a.span.start - b.span.start,
    ),
    covered: told.flatMap((slip) => (slip.covers === undefined ? [] : [slip.covers])),
  };
}

/**
 * What a slip may stand in for: a syntax error, or a clause the parse took twice on its way past the
 * slip (`sort by count` read `count` as a second count clause); never a slip the lexer told itself.
 */
function explainable(d: Diagnostic): boolean {
  return (d.code === "syntax" || d.code === "duplicate-clause") && !isToldByLexer(d);
}

/** The slip whose span holds `offset`, in slips sorted by start that do not overlap. */
function slipAt(slips: readonly Slip[], offset: number): Slip | undefined {
  let [low, high] = [0, slips.length - 1];
  while (low <= high) {
    const middle = (low + high) >> 1;
    const { span } = slips[middle]!;
    if (offset < span.start) high = middle - 1;
    else if (offset >= span.end) low = middle + 1;
    else return slips[middle];
  }
  return undefined;
}

function findSlips(text: string, tokens: readonly IToken[], cursor: number | undefined): Slip[] {
  readingTokens();
  const slips: Slip[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // A token within the last slip's reach is explained by it (`adn rating`: not also a join left out).
    const last = slips.at(-1);
    if (last !== undefined && tokens[i]!.startOffset < last.span.end) continue;
    const slip =
      listSlip(text, tokens, i) ??
      bareListSlip(text, tokens, i) ??
      listCommaSlip(text, tokens, i) ??
      calledDateSlip(tokens, i) ??
      fieldLeftOutSlip(text, tokens, i) ??
      countWithoutBySlip(tokens, i) ??
      sortWithoutBySlip(tokens, i) ??
      countUnitSlip(tokens, i) ??
      spokenDateSlip(text, tokens, i) ??
      dateTimeSlip(text, tokens, i) ??
      dayTimeSlip(text, tokens, i) ??
      writtenDateSlip(text, tokens, i) ??
      monthSlip(text, tokens, i) ??
      rangeWordsSlip(text, tokens, i) ??
      operatorWordSlip(text, tokens, i) ??
      missingOperatorSlip(text, tokens, i) ??
      lateDirectionSlip(text, tokens, i) ??
      sortByCountSlip(text, tokens, i) ??
      sortWithoutSortBySlip(tokens, i) ??
      colonSlip(text, tokens, i) ??
      selectSlip(text, tokens, i) ??
      whereSlip(tokens, i) ??
      dashedValueSlip(text, tokens, i) ??
      sentenceSlip(tokens, i) ??
      spacedStatusSlip(text, tokens, i) ??
      keywordSlip(tokens, i, cursor) ??
      spacedTextSlip(text, tokens, i, cursor) ??
      missingJoinSlip(tokens, i) ??
      strayWordSlip(tokens, i, cursor);
    if (slip !== undefined) slips.push(slip);
  }
  return slips;
}
