import { Random } from "../emulator/index.js";
import { argumentError, isRecord, shownArgument } from "../language/index.js";
import type { ComparisonOperator, FieldRef, Query } from "../parser/index.js";
import { printQuery as printWith, type Spelling } from "../parser/index.js";

/**
 * A seeded spelling for the one printer (`parser/format.ts`): keyword case, `&&`/`||`/`!`,
 * `==`/`<>`, single or double quotes and escapes, spare parentheses, line breaks and comments,
 * clauses in any order. Names and values are printed as the tree holds them (not canonicalised), and
 * nested `and`/`or` keep their parentheses, so the text parses back to the same tree. The emulator's
 * PRNG, so a seed reproduces a spelling.
 */
class VariedSpelling extends Random implements Spelling {
  readonly keepsNesting = true;

  keyword(k: string): string {
    return this.chance(0.8) ? k : this.chance(0.5) ? k.toUpperCase() : k[0]!.toUpperCase() + k.slice(1);
  }
  space(): string {
    return this.chance(0.92) ? " " : this.pick(["  ", "\n", "\t", " # a comment\n"]);
  }
  connective(word: "and" | "or"): string {
    const symbol = word === "and" ? "&&" : "||";
    return `${this.space()}${this.chance(0.8) ? this.keyword(word) : symbol}${this.space()}`;
  }
  not(): string {
    return this.chance(0.8) ? this.keyword("not") : "!";
  }
  betweenAnd(): string {
    return this.chance(0.85) ? this.keyword("and") : "&&";
  }
  operator(operator: ComparisonOperator): string {
    return this.pick(OPERATOR_SPELLINGS[operator] ?? [operator]);
  }
  form(name: "in" | "between" | "contains", negated: boolean): string {
    return `${this.negation(negated)}${this.keyword(name)}`;
  }
  negation(negated: boolean): string {
    if (!negated) return "";
    return this.chance(0.85) ? `${this.keyword("not")} ` : "! ";
  }
  list(values: readonly string[]): string {
    return values.join(", ") + (this.chance(0.1) ? "," : "");
  }
  spareParentheses(): boolean {
    return this.chance(0.05);
  }
  sortHead(): string {
    return this.keyword(this.chance(0.8) ? "sort" : "order");
  }
  direction(direction: "asc" | "desc" | undefined): string {
    return direction === undefined ? "" : ` ${this.keyword(direction)}`;
  }
  order(clauses: string[]): string[] {
    return this.chance(0.3) ? clauses.reverse() : clauses;
  }
  separator(): string {
    return this.space();
  }
  field(ref: FieldRef): string {
    return ref.name;
  }
  fieldValue(): undefined {
    return undefined;
  }
  string(text: string): string {
    return this.quote(text);
  }
  word(name: string): string {
    return name;
  }
  datetime(text: string): string {
    return text;
  }
  anchor(name: string): string {
    return name;
  }
  unit(name: string): string {
    return name;
  }

  /** A string literal in single or double quotes, escaping what must be escaped (and sometimes more). */
  quote(text: string): string {
    const q = this.chance(0.7) ? '"' : "'";
    let out = q;
    for (const c of text) {
      if (c === q || c === "\\") out += `\\${c}`;
      else if (c === "\n") out += "\\n";
      else if (c === "\r") out += "\\r";
      else if (c === "\t") out += "\\t";
      else if (c.length === 1 && (c.charCodeAt(0) < 0x20 || this.chance(0.03)))
        out += `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
      else out += c;
    }
    return out + q;
  }
}

const OPERATOR_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  "=": ["=", "=="],
  "!=": ["!=", "<>"],
};

/** Prints a query tree as HCQL text; `seed` picks among equivalent spellings. */
export function printQuery(query: Query, seed = 0): string {
  if (!(isRecord(query) && query.kind === "query")) {
    throw argumentError("printQuery", "a query tree (queryTree's, or parse(text).query)", query);
  }
  if (!Number.isInteger(seed)) {
    throw new RangeError(`printQuery: the seed must be an integer, not ${shownArgument(seed)}`);
  }
  return printWith(query, new VariedSpelling(seed));
}
