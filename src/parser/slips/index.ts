import type { IToken } from "chevrotain";
import type { Diagnostic } from "../../language/diagnostics.js";
import type { Span } from "../../language/span.js";
import { calledDateSlip, dateTimeSlip, monthSlip, spokenDateSlip, writtenDateSlip } from "./dates.js";
import { countWithoutBySlip, keywordSlip, lateDirectionSlip, whereSlip } from "./keywords.js";
import { bareListSlip, listSlip } from "./lists.js";
import { fieldLeftOutSlip, operatorWordSlip, rangeWordsSlip } from "./operators.js";
import type { Slip } from "./tokens.js";
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
 * (`vip-customer`, `tags = vip customer`, `status:pending`). Each replaces the syntax errors within
 * its span by one diagnostic whose hint is the query as meant; text without such errors is left alone.
 */

/** The diagnostics with every slip's syntax errors replaced by the slip's own diagnostic. */
export function explainSlips(
  text: string,
  tokens: readonly IToken[],
  diagnostics: Diagnostic[],
  cursor?: number,
): Diagnostic[] {
  const slips = findSlips(text, tokens, cursor).filter((slip) =>
    diagnostics.some((d) => isSyntaxWithin(d, slip.span)),
  );
  if (slips.length === 0) return diagnostics;
  const kept = diagnostics.filter((d) => !slips.some((slip) => isSyntaxWithin(d, slip.span)));
  return [...kept, ...slips.map((slip) => slip.diagnostic)].sort((a, b) => a.span.start - b.span.start);
}

function isSyntaxWithin(d: Diagnostic, span: Span): boolean {
  return d.code === "syntax" && d.span.start >= span.start && d.span.start < span.end;
}

function findSlips(text: string, tokens: readonly IToken[], cursor: number | undefined): Slip[] {
  const slips: Slip[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // A token within the last slip's reach is explained by it (`adn rating`: not also a join left out).
    const last = slips.at(-1);
    if (last !== undefined && tokens[i]!.startOffset < last.span.end) continue;
    const slip =
      listSlip(text, tokens, i) ??
      bareListSlip(text, tokens, i) ??
      calledDateSlip(tokens, i) ??
      fieldLeftOutSlip(text, tokens, i) ??
      countWithoutBySlip(tokens, i) ??
      spokenDateSlip(text, tokens, i) ??
      dateTimeSlip(text, tokens, i) ??
      writtenDateSlip(text, tokens, i) ??
      monthSlip(text, tokens, i) ??
      rangeWordsSlip(text, tokens, i) ??
      operatorWordSlip(text, tokens, i) ??
      lateDirectionSlip(tokens, i) ??
      colonSlip(text, tokens, i) ??
      whereSlip(tokens, i) ??
      dashedValueSlip(text, tokens, i) ??
      spacedStatusSlip(text, tokens, i) ??
      keywordSlip(tokens, i, cursor) ??
      spacedTextSlip(text, tokens, i, cursor) ??
      missingJoinSlip(tokens, i) ??
      strayWordSlip(tokens, i, cursor);
    if (slip !== undefined) slips.push(slip);
  }
  return slips;
}
