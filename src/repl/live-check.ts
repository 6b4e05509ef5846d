import type { Span } from "../language/index.js";

/**
 * The checker's verdict on the line being typed, for highlighting: asked for at each repaint, worked
 * out once typing pauses (so a paste or a fast typist costs one check), then the line is repainted.
 * The cursor counts: the word it is at the end of may be a field's name still being typed.
 */
export class LiveCheck {
  private checked:
    | { readonly line: string; readonly cursor: number; readonly spans: readonly Span[] }
    | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    /** The rejected places of a line with the cursor at `cursor` (throws nothing it cannot answer: then none). */
    private readonly check: (line: string, cursor: number) => readonly Span[],
    /** Called when a verdict is ready, to repaint the line. */
    private readonly ready: () => void,
    private readonly pauseMs = 80,
  ) {}

  /**
   * The rejected places of `line` if it was checked with the cursor there; if not, a check is
   * scheduled, and meanwhile the line's last verdict holds when only the cursor moved (none else).
   */
  rejected(line: string, cursor: number): readonly Span[] {
    const last = this.checked;
    if (last?.line === line && last.cursor === cursor) return last.spans;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.checked = { line, cursor, spans: this.safeCheck(line, cursor) };
      this.ready();
    }, this.pauseMs);
    this.timer.unref();
    return last?.line === line ? last.spans : [];
  }

  private safeCheck(line: string, cursor: number): readonly Span[] {
    try {
      return this.check(line, cursor);
    } catch {
      return [];
    }
  }
}
