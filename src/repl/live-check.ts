import type { Span } from "../language/span.js";

/**
 * The checker's verdict on the line being typed, for highlighting: asked for at each repaint, worked
 * out once typing pauses (so a paste or a fast typist costs one check), then the line is repainted.
 */
export class LiveCheck {
  private checked: { readonly line: string; readonly spans: readonly Span[] } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    /** The rejected places of a line (throws nothing it cannot answer: then none). */
    private readonly check: (line: string) => readonly Span[],
    /** Called when a verdict is ready, to repaint the line. */
    private readonly ready: () => void,
    private readonly pauseMs = 80,
  ) {}

  /** The rejected places of `line` if it was checked; none yet, and a check scheduled, if not. */
  rejected(line: string): readonly Span[] {
    if (this.checked?.line === line) return this.checked.spans;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.checked = { line, spans: this.safeCheck(line) };
      this.ready();
    }, this.pauseMs);
    this.timer.unref();
    return [];
  }

  private safeCheck(line: string): readonly Span[] {
    try {
      return this.check(line);
    } catch {
      return [];
    }
  }
}
