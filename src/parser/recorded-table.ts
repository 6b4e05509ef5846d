// Written by `npm run grammar:lookahead` from the grammar in parser.ts; do not edit by hand.
import type { RecordedAfterRepetitions, RecordedFollows, RecordedGrammar } from "./recorded.js";

/** Each rule of the grammar as chevrotain records it. */
export const RECORDED_GRAMMAR: RecordedGrammar = {
  query: [["Repetition", 0, [["Alternation", 0, false, false, [
    [false, [["NonTerminal", "clause", 0]]],
    [false, [["NonTerminal", "expr", 0]]],
  ]]]]],
  clause: [["Alternation", 0, false, false, [
    [false, [["NonTerminal", "sort", 0]]],
    [false, [["NonTerminal", "limit", 0]]],
    [false, [["NonTerminal", "offset", 0]]],
    [false, [["NonTerminal", "count", 0]]],
  ]]],
  sort: [
    ["Terminal", "SortStart", 0],
    ["Terminal", "By", 0],
    ["Terminal", "Word", 0],
    ["Option", 0, [["Alternation", 0, false, false, [
      [false, [["Terminal", "Asc", 0]]],
      [false, [["Terminal", "Desc", 0]]],
    ]]]],
  ],
  limit: [["Terminal", "Limit", 0], ["Terminal", "Integer", 0]],
  offset: [["Terminal", "Offset", 0], ["Terminal", "Integer", 0]],
  count: [
    ["Terminal", "Count", 0],
    ["Option", 0, [
      ["Terminal", "By", 0],
      ["NonTerminal", "group", 0],
      ["Repetition", 0, [["Terminal", "Comma", 0], ["NonTerminal", "group", 2]]],
    ]],
  ],
  group: [["Terminal", "Word", 0], ["Option", 0, [["Terminal", "Per", 0], ["Terminal", "Word", 2]]]],
  expr: [["NonTerminal", "and", 0], ["Repetition", 0, [["Terminal", "OrOp", 0], ["NonTerminal", "and", 2]]]],
  and: [
    ["NonTerminal", "unary", 0],
    ["Repetition", 0, [["Terminal", "AndOp", 0], ["NonTerminal", "unary", 2]]],
  ],
  unary: [["Alternation", 0, false, false, [
    [false, [["Terminal", "NotOp", 0], ["NonTerminal", "unary", 0]]],
    [false, [["NonTerminal", "primary", 0]]],
  ]]],
  primary: [["Alternation", 0, false, false, [
    [false, [["Terminal", "LParen", 0], ["NonTerminal", "expr", 0], ["Terminal", "RParen", 0]]],
    [false, [["NonTerminal", "predicate", 0]]],
  ]]],
  predicate: [
    ["Terminal", "Word", 0],
    ["Alternation", 0, false, false, [
      [false, [["Terminal", "ComparisonOp", 0], ["NonTerminal", "value", 0]]],
      [false, [
        ["Option", 0, [["Terminal", "NotOp", 0]]],
        ["Alternation", 2, false, false, [
          [false, [["NonTerminal", "inList", 0]]],
          [false, [["NonTerminal", "between", 0]]],
          [false, [["NonTerminal", "contains", 0]]],
        ]],
      ]],
    ]],
  ],
  inList: [
    ["Terminal", "In", 0],
    ["Terminal", "LParen", 0],
    ["NonTerminal", "value", 0],
    ["Repetition", 0, [["Terminal", "Comma", 0], ["NonTerminal", "value", 2]]],
    ["Option", 0, [["Terminal", "Comma", 2]]],
    ["Terminal", "RParen", 0],
  ],
  between: [
    ["Terminal", "Between", 0],
    ["NonTerminal", "value", 0],
    ["Terminal", "AndOp", 0],
    ["NonTerminal", "value", 2],
  ],
  contains: [["Terminal", "Contains", 0], ["NonTerminal", "value", 0]],
  value: [["Alternation", 0, true, false, [
    [false, [["Terminal", "StringLiteral", 0]]],
    [false, [["Terminal", "Integer", 0]]],
    [false, [["Terminal", "Date", 0]]],
    [false, [["Terminal", "DateTime", 0]]],
    [false, [
      ["Terminal", "Word", 0],
      ["Option", 0, [
        ["Alternation", 2, false, false, [
          [false, [["Terminal", "Plus", 0]]],
          [false, [["Terminal", "Minus", 0]]],
        ]],
        ["Terminal", "DurationLike", 0],
      ]],
    ]],
    [false, [["Terminal", "Duration", 2], ["Terminal", "Ago", 0]]],
    [false, [["Terminal", "BadDuration", 0], ["Option", 2, [["Terminal", "Ago", 2]]]]],
    [false, [["Terminal", "Minus", 2], ["Terminal", "DurationLike", 2]]],
    [true, [["Terminal", "Keyword", 0]]],
  ]]],
};

/** The tokens that may follow each use of a rule, as chevrotain computes them for error recovery. */
export const RECORDED_FOLLOWS: RecordedFollows = {
  "clause0_~IN~_query": ["SortStart", "Limit", "Offset", "Count", "NotOp", "LParen", "Word"],
  "expr0_~IN~_query": ["SortStart", "Limit", "Offset", "Count", "NotOp", "LParen", "Word"],
  "sort0_~IN~_clause": [],
  "limit0_~IN~_clause": [],
  "offset0_~IN~_clause": [],
  "count0_~IN~_clause": [],
  "group0_~IN~_count": ["Comma"],
  "group2_~IN~_count": ["Comma"],
  "and0_~IN~_expr": ["OrOp"],
  "and2_~IN~_expr": ["OrOp"],
  "unary0_~IN~_and": ["AndOp"],
  "unary2_~IN~_and": ["AndOp"],
  "unary0_~IN~_unary": [],
  "primary0_~IN~_unary": [],
  "expr0_~IN~_primary": ["RParen"],
  "predicate0_~IN~_primary": [],
  "value0_~IN~_predicate": [],
  "inList0_~IN~_predicate": [],
  "between0_~IN~_predicate": [],
  "contains0_~IN~_predicate": [],
  "value0_~IN~_inList": ["Comma", "RParen"],
  "value2_~IN~_inList": ["Comma", "RParen"],
  "value0_~IN~_between": ["AndOp"],
  "value2_~IN~_between": [],
  "value0_~IN~_contains": [],
};

/** Where each repetition leads when it ends, as chevrotain works it out for in-repetition recovery. */
export const RECORDED_AFTER_REPETITIONS: RecordedAfterRepetitions = {
  "1049344": { token: null, occurrence: null, isEndOfRule: true },
  "1069824": { token: null, occurrence: null, isEndOfRule: true },
  "1078016": { token: null, occurrence: null, isEndOfRule: true },
  "1082112": { token: null, occurrence: null, isEndOfRule: true },
  "1098496": { token: null, occurrence: null, isEndOfRule: false },
};
