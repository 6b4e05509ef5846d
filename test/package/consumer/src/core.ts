// hcql/core from a consumer's code: every result is narrowed on `ok`, no cast, no `!`.
import {
  type CompileResult,
  check,
  compile,
  complete,
  decompile,
  explain,
  FIELDS,
  format,
  formatQuery,
  type HighlightSpan,
  highlight,
  isBareWord,
  KEYWORDS,
  type Plan,
  type PlanShape,
  parse,
  quote,
  renderDiagnostics,
  type SearchBody,
  STATUSES,
  tokenize,
} from "hcql/core";

export function bodies(text: string): readonly SearchBody[] {
  const result: CompileResult = compile(text, { now: 1_750_000_000 });
  if (!result.ok) throw new Error(renderDiagnostics(text, result.diagnostics));
  const plan: Plan = result.plan;
  return plan.bodies;
}

export function berlinDay(): number | undefined {
  const explained = explain("createdAt = 2026-03-29", { timeZone: "Europe/Berlin" });
  const day = explained.dates[0];
  return day?.kind === "day" ? day.end - day.start : undefined;
}

/** An explanation is narrowed on `ok` as a compile result is: a success has its plan's shape. */
export function shapeOf(text: string): PlanShape | string {
  const explained = explain(text);
  if (!explained.ok)
    return `${explained.diagnostics.length} problems, ${explained.tooLarge?.requestsNeeded ?? 0} requests`;
  const shape: PlanShape = explained.shape;
  return shape;
}

export function tools(text: string): string[] {
  const checked = check(text);
  const spans: readonly HighlightSpan[] = highlight(text);
  const { items, replaceFrom } = complete(text, text.length, { agents: [{ id: 3129, name: "Kosta" }] });
  const words = tokenize(text).tokens.map((token) => `${token.kind}:${token.text}@${token.span.start}`);
  const tree = parse(text).query;
  const back = decompile({ filter: [{ field: "chats.status", operator: "=", value: "3" }] });
  return [
    String(checked.ok && checked.checked.condition !== undefined),
    spans.map((span) => span.class).join(" "),
    `${replaceFrom}:${items.map((item) => item.text + (item.detail ?? "")).join(",")}`,
    words.join(" "),
    format(tree),
    formatQuery(text).text ?? "does not parse",
    back.ok ? back.text : back.error,
    explain(text).requests.length.toString(),
    quote("on hold"),
    String(isBareWord("pending")),
    KEYWORDS.join(" "),
    FIELDS.map((field) => field.name).join(" "),
    STATUSES.map((status) => status.apiName).join(" "),
  ];
}
