// Written by `npm run grammar:lookahead` from the grammar in parser.ts; do not edit by hand.
import type { RecordedAfterRepetitions, RecordedFollows, RecordedGrammar } from "./recorded.js";

/** Each rule of the grammar as chevrotain records it. */
export const RECORDED_GRAMMAR: RecordedGrammar = {
  query: [
    {
      type: "Repetition",
      idx: 0,
      definition: [
        {
          type: "Alternation",
          idx: 0,
          hasPredicates: false,
          ignoreAmbiguities: false,
          alternatives: [
            { ignoreAmbiguities: false, definition: [{ type: "NonTerminal", rule: "clause", idx: 0 }] },
            { ignoreAmbiguities: false, definition: [{ type: "NonTerminal", rule: "expr", idx: 0 }] },
          ],
        },
      ],
    },
  ],
  clause: [
    {
      type: "Alternation",
      idx: 0,
      hasPredicates: false,
      ignoreAmbiguities: false,
      alternatives: [
        { ignoreAmbiguities: false, definition: [{ type: "NonTerminal", rule: "sort", idx: 0 }] },
        { ignoreAmbiguities: false, definition: [{ type: "NonTerminal", rule: "limit", idx: 0 }] },
        { ignoreAmbiguities: false, definition: [{ type: "NonTerminal", rule: "offset", idx: 0 }] },
        { ignoreAmbiguities: false, definition: [{ type: "NonTerminal", rule: "count", idx: 0 }] },
      ],
    },
  ],
  sort: [
    { type: "Terminal", token: "SortStart", idx: 0 },
    { type: "Terminal", token: "By", idx: 0 },
    { type: "Terminal", token: "Word", idx: 0 },
    {
      type: "Option",
      idx: 0,
      definition: [
        {
          type: "Alternation",
          idx: 0,
          hasPredicates: false,
          ignoreAmbiguities: false,
          alternatives: [
            { ignoreAmbiguities: false, definition: [{ type: "Terminal", token: "Asc", idx: 0 }] },
            { ignoreAmbiguities: false, definition: [{ type: "Terminal", token: "Desc", idx: 0 }] },
          ],
        },
      ],
    },
  ],
  limit: [
    { type: "Terminal", token: "Limit", idx: 0 },
    { type: "Terminal", token: "Integer", idx: 0 },
  ],
  offset: [
    { type: "Terminal", token: "Offset", idx: 0 },
    { type: "Terminal", token: "Integer", idx: 0 },
  ],
  count: [
    { type: "Terminal", token: "Count", idx: 0 },
    {
      type: "Option",
      idx: 0,
      definition: [
        { type: "Terminal", token: "By", idx: 0 },
        { type: "NonTerminal", rule: "group", idx: 0 },
        {
          type: "Repetition",
          idx: 0,
          definition: [
            { type: "Terminal", token: "Comma", idx: 0 },
            { type: "NonTerminal", rule: "group", idx: 2 },
          ],
        },
      ],
    },
  ],
  group: [
    { type: "Terminal", token: "Word", idx: 0 },
    {
      type: "Option",
      idx: 0,
      definition: [
        { type: "Terminal", token: "Per", idx: 0 },
        { type: "Terminal", token: "Word", idx: 2 },
      ],
    },
  ],
  expr: [
    { type: "NonTerminal", rule: "and", idx: 0 },
    {
      type: "Repetition",
      idx: 0,
      definition: [
        { type: "Terminal", token: "OrOp", idx: 0 },
        { type: "NonTerminal", rule: "and", idx: 2 },
      ],
    },
  ],
  and: [
    { type: "NonTerminal", rule: "unary", idx: 0 },
    {
      type: "Repetition",
      idx: 0,
      definition: [
        { type: "Terminal", token: "AndOp", idx: 0 },
        { type: "NonTerminal", rule: "unary", idx: 2 },
      ],
    },
  ],
  unary: [
    {
      type: "Alternation",
      idx: 0,
      hasPredicates: false,
      ignoreAmbiguities: false,
      alternatives: [
        {
          ignoreAmbiguities: false,
          definition: [
            { type: "Terminal", token: "NotOp", idx: 0 },
            { type: "NonTerminal", rule: "unary", idx: 0 },
          ],
        },
        { ignoreAmbiguities: false, definition: [{ type: "NonTerminal", rule: "primary", idx: 0 }] },
      ],
    },
  ],
  primary: [
    {
      type: "Alternation",
      idx: 0,
      hasPredicates: false,
      ignoreAmbiguities: false,
      alternatives: [
        {
          ignoreAmbiguities: false,
          definition: [
            { type: "Terminal", token: "LParen", idx: 0 },
            { type: "NonTerminal", rule: "expr", idx: 0 },
            { type: "Terminal", token: "RParen", idx: 0 },
          ],
        },
        { ignoreAmbiguities: false, definition: [{ type: "NonTerminal", rule: "predicate", idx: 0 }] },
      ],
    },
  ],
  predicate: [
    { type: "Terminal", token: "Word", idx: 0 },
    {
      type: "Alternation",
      idx: 0,
      hasPredicates: false,
      ignoreAmbiguities: false,
      alternatives: [
        {
          ignoreAmbiguities: false,
          definition: [
            { type: "Terminal", token: "ComparisonOp", idx: 0 },
            { type: "NonTerminal", rule: "value", idx: 0 },
          ],
        },
        {
          ignoreAmbiguities: false,
          definition: [
            { type: "Option", idx: 0, definition: [{ type: "Terminal", token: "NotOp", idx: 0 }] },
            {
              type: "Alternation",
              idx: 2,
              hasPredicates: false,
              ignoreAmbiguities: false,
              alternatives: [
                { ignoreAmbiguities: false, definition: [{ type: "NonTerminal", rule: "inList", idx: 0 }] },
                { ignoreAmbiguities: false, definition: [{ type: "NonTerminal", rule: "between", idx: 0 }] },
                { ignoreAmbiguities: false, definition: [{ type: "NonTerminal", rule: "contains", idx: 0 }] },
              ],
            },
          ],
        },
      ],
    },
  ],
  inList: [
    { type: "Terminal", token: "In", idx: 0 },
    { type: "Terminal", token: "LParen", idx: 0 },
    { type: "NonTerminal", rule: "value", idx: 0 },
    {
      type: "Repetition",
      idx: 0,
      definition: [
        { type: "Terminal", token: "Comma", idx: 0 },
        { type: "NonTerminal", rule: "value", idx: 2 },
      ],
    },
    { type: "Option", idx: 0, definition: [{ type: "Terminal", token: "Comma", idx: 2 }] },
    { type: "Terminal", token: "RParen", idx: 0 },
  ],
  between: [
    { type: "Terminal", token: "Between", idx: 0 },
    { type: "NonTerminal", rule: "value", idx: 0 },
    { type: "Terminal", token: "AndOp", idx: 0 },
    { type: "NonTerminal", rule: "value", idx: 2 },
  ],
  contains: [
    { type: "Terminal", token: "Contains", idx: 0 },
    { type: "NonTerminal", rule: "value", idx: 0 },
  ],
  value: [
    {
      type: "Alternation",
      idx: 0,
      hasPredicates: true,
      ignoreAmbiguities: false,
      alternatives: [
        { ignoreAmbiguities: false, definition: [{ type: "Terminal", token: "StringLiteral", idx: 0 }] },
        { ignoreAmbiguities: false, definition: [{ type: "Terminal", token: "Integer", idx: 0 }] },
        { ignoreAmbiguities: false, definition: [{ type: "Terminal", token: "Date", idx: 0 }] },
        { ignoreAmbiguities: false, definition: [{ type: "Terminal", token: "DateTime", idx: 0 }] },
        {
          ignoreAmbiguities: false,
          definition: [
            { type: "Terminal", token: "Word", idx: 0 },
            {
              type: "Option",
              idx: 0,
              definition: [
                {
                  type: "Alternation",
                  idx: 2,
                  hasPredicates: false,
                  ignoreAmbiguities: false,
                  alternatives: [
                    { ignoreAmbiguities: false, definition: [{ type: "Terminal", token: "Plus", idx: 0 }] },
                    { ignoreAmbiguities: false, definition: [{ type: "Terminal", token: "Minus", idx: 0 }] },
                  ],
                },
                { type: "Terminal", token: "DurationLike", idx: 0 },
              ],
            },
          ],
        },
        {
          ignoreAmbiguities: false,
          definition: [
            { type: "Terminal", token: "Duration", idx: 2 },
            { type: "Terminal", token: "Ago", idx: 0 },
          ],
        },
        {
          ignoreAmbiguities: false,
          definition: [
            { type: "Terminal", token: "BadDuration", idx: 0 },
            { type: "Option", idx: 2, definition: [{ type: "Terminal", token: "Ago", idx: 2 }] },
          ],
        },
        {
          ignoreAmbiguities: false,
          definition: [
            { type: "Terminal", token: "Minus", idx: 2 },
            { type: "Terminal", token: "DurationLike", idx: 2 },
          ],
        },
        { ignoreAmbiguities: true, definition: [{ type: "Terminal", token: "Keyword", idx: 0 }] },
      ],
    },
  ],
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
