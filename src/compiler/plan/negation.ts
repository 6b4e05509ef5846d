/** The not-pushdown before planning (§5): `not` moved down to the predicates, nested and/or flattened. */

import type { Operator, Span } from "../../language/index.js";
import { assertNever, type Diagnostic, diagnostic, hint } from "../../language/index.js";
import type { CheckedExpr } from "../types.js";

/** What pushing `not` down reports into. */
export interface NegationContext {
  readonly text: string;
  readonly diagnostics: Diagnostic[];
  /** Starts of the `not`s already reported as `cannot-negate` (made when first needed). */
  negationsReported?: Set<number>;
}

const NEGATED: Readonly<Record<Operator, Operator>> = {
  "=": "!=",
  "!=": "=",
  ">": "<=",
  "<=": ">",
  "<": ">=",
  ">=": "<",
  "~": "!~",
  "!~": "~",
};

/**
 * Pushes `not` down to the predicates (De Morgan, §5) and flattens nested and/or of one kind.
 * A negated tag predicate is `cannot-negate` at the outermost `not` above it.
 */
export function normalize(
  node: CheckedExpr,
  negated: boolean,
  notSpan: Span | undefined,
  ctx: NegationContext,
): CheckedExpr | undefined {
  switch (node.kind) {
    case "predicate": {
      if (!negated) return node;
      if (node.field.type === "tag") {
        const at = notSpan ?? node.span;
        // One diagnostic per `not`, however many tag predicates it negates.
        ctx.negationsReported ??= new Set();
        if (!ctx.negationsReported.has(at.start)) {
          ctx.negationsReported.add(at.start);
          const written = ctx.text.slice(node.span.start, node.span.end);
          ctx.diagnostics.push(diagnostic("cannotNegate", at, [`'${written}'`], hint("tagsNoNot")));
        }
        return undefined;
      }
      return { ...node, operator: NEGATED[node.operator], negated: true };
    }
    case "not":
      return normalize(node.operand, !negated, notSpan ?? node.keyword, ctx);
    case "and":
    case "or": {
      const kind = negated ? (node.kind === "and" ? "or" : "and") : node.kind;
      const written = node.operands;
      // Copied from the first operand that changes: a wide OR with nothing to push down allocates no
      // second operand list (bench row `flat-or-scaling`).
      let operands: CheckedExpr[] | undefined = negated ? [] : undefined;
      let complete = true;
      for (let i = 0; i < written.length; i++) {
        const operand = written[i]!;
        const n = normalize(operand, negated, notSpan, ctx);
        if (n === undefined) complete = false;
        else if (n.kind === kind) {
          operands ??= written.slice(0, i);
          for (const inner of n.operands) operands.push(inner);
        } else if (operands !== undefined) operands.push(n);
        else if (n !== operand) {
          operands = written.slice(0, i);
          operands.push(n);
        }
      }
      if (!complete) return undefined;
      // An unchanged subtree is shared with the as-written tree (both are immutable).
      return operands === undefined ? node : { kind, span: node.span, operands };
    }
    default:
      return assertNever(node, "checked expression");
  }
}
