// Written by `npm run grammar:lookahead` from the grammar in parser.ts; do not edit by hand.
import type { LookaheadTable } from "./lookahead.js";

/** For each decision of the grammar, the token sequences (up to 2 tokens) leading into each alternative. */
export const LOOKAHEAD_TABLE: LookaheadTable = {
  "query/Repetition/0": [[["SortStart"], ["Limit"], ["Offset"], ["Count"], ["NotOp"], ["LParen"], ["Word"]]],
  "query/Alternation/0": [
    [["SortStart"], ["Limit"], ["Offset"], ["Count"]],
    [["NotOp"], ["LParen"], ["Word"]],
  ],
  "clause/Alternation/0": [[["SortStart"]], [["Limit"]], [["Offset"]], [["Count"]]],
  "sort/Option/0": [[["Asc"], ["Desc"]]],
  "sort/Alternation/0": [[["Asc"]], [["Desc"]]],
  "count/Option/0": [[["By"]]],
  "count/Repetition/0": [[["Comma"]]],
  "group/Option/0": [[["Per"]]],
  "expr/Repetition/0": [[["OrOp"]]],
  "and/Repetition/0": [[["AndOp"]]],
  "unary/Alternation/0": [[["NotOp"]], [["LParen"], ["Word"]]],
  "primary/Alternation/0": [[["LParen"]], [["Word"]]],
  "predicate/Alternation/0": [[["ComparisonOp"]], [["NotOp"], ["In"], ["Between"], ["Contains"]]],
  "predicate/Option/0": [[["NotOp"]]],
  "predicate/Alternation/2": [[["In"]], [["Between"]], [["Contains"]]],
  "inList/Repetition/0": [
    [
      ["Comma", "StringLiteral"],
      ["Comma", "Integer"],
      ["Comma", "Date"],
      ["Comma", "DateTime"],
      ["Comma", "Word"],
      ["Comma", "Duration"],
      ["Comma", "BadDuration"],
      ["Comma", "Minus"],
      ["Comma", "Keyword"],
    ],
  ],
  "inList/Option/0": [[["Comma"]]],
  "value/Alternation/0": [
    [["StringLiteral"]],
    [["Integer"]],
    [["Date"]],
    [["DateTime"]],
    [["Word"]],
    [["Duration"]],
    [["BadDuration"]],
    [["Minus"]],
    [["Keyword"]],
  ],
  "value/Option/0": [[["Plus"], ["Minus"]]],
  "value/Alternation/2": [[["Plus"]], [["Minus"]]],
  "value/Option/2": [[["Ago"]]],
};
