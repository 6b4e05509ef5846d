import type { IParserErrorMessageProvider, IRecognitionException, IToken } from "chevrotain";
import { EOF, tokenMatcher } from "chevrotain";
import type { MessageName } from "../language/index.js";
import { COUNT_UNITS, lineColFromIndex, OPERATOR_FORMS, spokenList } from "../language/index.js";
import { tokens as T } from "../lexer/index.js";

/**
 * The parser's syntax messages. chevrotain keeps an error's message as a string, so the message
 * provider encodes the MESSAGES entry and its arguments as JSON, and `decode` reads them back when
 * the error becomes a diagnostic.
 */

/** What a syntax error carries from the message provider to the diagnostic. */
interface EncodedMessage {
  readonly n: MessageName;
  readonly a: (string | number)[];
}

/** What the messages need of the parser: the text and the `(`s open where the error stands. */
export interface ParserPosition {
  readonly text: string;
  readonly openParens: readonly number[];
}

export function isEof(token: IToken): boolean {
  return token.tokenType === EOF;
}

/** A token as named in a message: `'='`, `end of input`. */
function describe(token: IToken): string {
  return isEof(token) ? "end of input" : `'${token.image}'`;
}

/** What may follow `not` inside a condition (`not in`, `not between`, `not contains`), as a message says it. */
const NOT_FORMS = spokenList(
  OPERATOR_FORMS.filter((form) => form.negated).map((form) => `'${form.sugar}'`),
  "or",
);

/** The rules in which a missing value or condition gets its own message. */
const VALUE_RULES = new Set(["value"]);
const CONDITION_RULES = new Set(["primary", "unary"]);

export function decode(e: IRecognitionException): EncodedMessage {
  return JSON.parse(e.message) as EncodedMessage;
}

/** Whether the error is a missing `)`: several of those may stand at one place (`((a = 1`). */
export function isMissingParen(e: IRecognitionException): boolean {
  return decode(e).n === "expectedClosingParen";
}

function encode(n: MessageName, a: (string | number)[]): string {
  return JSON.stringify({ n, a } satisfies EncodedMessage);
}

export function messageProvider(parser: () => ParserPosition): IParserErrorMessageProvider {
  return {
    buildMismatchTokenMessage({ expected, actual, previous }) {
      if (expected === T.RParen) {
        const p = parser();
        const open = p.openParens[p.openParens.length - 1];
        if (open !== undefined && open >= 0) {
          const { line, column } = lineColFromIndex(p.text, open);
          return encode("expectedClosingParen", [`${line}:${column}`]);
        }
      }
      if (expected === T.Word && (tokenMatcher(previous, T.By) || tokenMatcher(previous, T.Comma))) {
        return encode("expectedFieldAfter", [describe(previous), describe(actual)]);
      }
      if (expected === T.Word && tokenMatcher(previous, T.Per)) {
        return encode("expectedUnitAfterPer", [spokenList(COUNT_UNITS, "or"), describe(actual)]);
      }
      const label = expected.LABEL ?? expected.name;
      return encode("expected", [`${label} after ${describe(previous)}`, describe(actual)]);
    },
    buildNotAllInputParsedMessage({ firstRedundant }) {
      if (firstRedundant.tokenType === T.RParen) return encode("unmatchedParen", []);
      return encode("unexpectedToken", [describe(firstRedundant)]);
    },
    buildNoViableAltMessage({ actual, previous, ruleName }) {
      const found = actual[0]!;
      if (VALUE_RULES.has(ruleName)) {
        return encode("expectedValueAfter", [previous.image]);
      }
      if (CONDITION_RULES.has(ruleName) && !isEof(previous) && previous.image !== "") {
        return encode("expectedConditionAfter", [previous.image]);
      }
      if (ruleName === "predicate" && tokenMatcher(previous, T.NotOp)) {
        return encode("expectedAfterNot", [NOT_FORMS, previous.image, describe(found)]);
      }
      if (ruleName === "predicate") return encode("expectedOperatorAfter", [previous.image]);
      return encode("unexpectedToken", [describe(found)]);
    },
    buildEarlyExitMessage({ actual }) {
      return encode("unexpectedToken", [describe(actual[0]!)]);
    },
  };
}
