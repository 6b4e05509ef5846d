import { describe, expect, it } from "vitest";
import { type Expr, loneWord, parse } from "../../src/parser/index.js";

/** The error node the parser left where a condition begins (the query's condition, or its last operand). */
function lastError(text: string): Expr {
  const condition = parse(text).query.condition!;
  const last = condition.kind === "and" || condition.kind === "or" ? condition.operands.at(-1)! : condition;
  return last.kind === "not" ? last.operand : last;
}

describe("loneWord", () => {
  it.each([
    ["staus", "staus"],
    ["customer.email", "customer.email"],
    ["status = new or pending", "pending"],
    ["not clear", "clear"],
    ["status = new and and", undefined],
    ["status not", undefined],
  ])("%s: %s", (text, word) => {
    const node = lastError(text);
    expect(node.kind).toBe("error");
    expect(node.kind === "error" ? loneWord(node, text) : "not an error").toBe(word);
  });
});
