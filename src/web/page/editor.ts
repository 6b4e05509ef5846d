import {
  acceptCompletion,
  autocompletion,
  type CompletionContext,
  type CompletionResult,
  closeBrackets,
  completionKeymap,
} from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { type Diagnostic as LintDiagnostic, linter, lintKeymap } from "@codemirror/lint";
import { EditorState, type Extension, RangeSetBuilder, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  EditorView,
  keymap,
  placeholder,
  ViewPlugin,
  type ViewUpdate,
} from "@codemirror/view";
import { complete, type CompletionContext as EditorContext, highlight } from "../../editor/index.js";
import type { Diagnostic, Fix } from "../../language/index.js";

/**
 * The query editor: CodeMirror with HCQL's highlighting and completion, diagnostics as squiggles (from
 * `check`, debounced), Ctrl-Enter to run, and marks for the explain panel's links.
 */

export interface EditorHooks {
  /**
   * The diagnostics of the text being typed, with the cursor at `cursor` (the checker's, in the
   * page's time zone).
   */
  check(text: string, cursor: number): readonly Diagnostic[];
  /** Called with every new set of diagnostics, for the list under the editor. */
  onDiagnostics(diagnostics: readonly Diagnostic[], text: string): void;
  completionContext(): EditorContext;
  run(): void;
  onChange(text: string): void;
  /** The cursor moved or the mouse points at a character: the explain panel lights up its items. */
  onPoint(position: number | undefined): void;
}

/** Debounce of the diagnostics, so they do not flicker while a word is typed. */
const LINT_DELAY_MS = 250;

const highlighter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = decorate(view.state.doc.toString());
    }
    update(update: ViewUpdate) {
      if (update.docChanged) this.decorations = decorate(update.state.doc.toString());
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

const marks = new Map<string, Decoration>();

function mark(cls: string): Decoration {
  let decoration = marks.get(cls);
  if (decoration === undefined) {
    decoration = Decoration.mark({ class: `tok-${cls}` });
    marks.set(cls, decoration);
  }
  return decoration;
}

function decorate(text: string): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (const span of highlight(text)) {
    if (span.end > span.start && span.class !== "punctuation")
      builder.add(span.start, span.end, mark(span.class));
  }
  return builder.finish();
}

/** Spans of the query lit up from the explain panel. */
export const lightSpans = StateEffect.define<readonly { start: number; end: number }[]>();

const litField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, transaction) {
    value = value.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(lightSpans)) continue;
      const length = transaction.state.doc.length;
      const ranges = effect.value
        .filter((s) => s.start < s.end && s.end <= length)
        .map((s) => Decoration.mark({ class: "cm-lit" }).range(s.start, s.end))
        .sort((a, b) => a.from - b.from);
      value = Decoration.set(ranges);
    }
    return value;
  },
  provide: (field) => EditorView.decorations.from(field),
});

function completionSource(hooks: EditorHooks) {
  return (context: CompletionContext): CompletionResult | null => {
    const text = context.state.doc.toString();
    const { items, replaceFrom } = complete(text, context.pos, hooks.completionContext());
    if (items.length === 0) return null;
    const typed = text.slice(replaceFrom, context.pos).toLowerCase();
    // The word is already complete: nothing to offer unless asked (Ctrl-Space).
    if (!context.explicit && items.length === 1 && items[0]!.text.toLowerCase() === typed) return null;
    // Typing a space offers what may follow; a bare cursor elsewhere waits for Ctrl-Space.
    if (!context.explicit && replaceFrom === context.pos && !/[\s(,]$/.test(text.slice(0, context.pos))) {
      return null;
    }
    return {
      from: replaceFrom,
      filter: false,
      options: items.map((item, rank) => ({
        label: item.text,
        ...(item.detail === undefined || item.detail === "" ? {} : { detail: item.detail }),
        boost: -rank,
      })),
    };
  };
}

function lintSource(hooks: EditorHooks) {
  return (view: EditorView): LintDiagnostic[] => {
    const text = view.state.doc.toString();
    const diagnostics = hooks.check(text, view.state.selection.main.head);
    hooks.onDiagnostics(diagnostics, text);
    return diagnostics.map((d) => ({
      from: Math.min(d.span.start, text.length),
      to: Math.min(Math.max(d.span.end, d.span.start), text.length),
      severity: d.severity === "error" ? "error" : "warning",
      source: d.code,
      message: d.hint === undefined ? d.message : `${d.message}\nhint: ${d.hint}`,
      renderMessage: () => diagnosticMessage(d),
      ...(d.fix === undefined
        ? {}
        : { actions: [{ name: "Fix", apply: (v: EditorView) => makeFix(v, d.fix!, text) }] }),
    }));
  };
}

/**
 * Makes a diagnostic's fix (the query its hint suggests), the cursor after the new text; not when the
 * text changed since it was diagnosed (the fix's span is of that text). Whether it was made.
 */
export function makeFix(view: EditorView, fix: Fix, diagnosed: string): boolean {
  if (view.state.doc.toString() !== diagnosed) return false;
  view.dispatch({
    changes: { from: fix.span.start, to: fix.span.end, insert: fix.text },
    selection: { anchor: fix.span.start + fix.text.length },
    scrollIntoView: true,
    userEvent: "input",
  });
  view.focus();
  return true;
}

/** A diagnostic as the tooltip and the list show it: message, then the hint. */
export function diagnosticMessage(d: Diagnostic): HTMLElement {
  const box = document.createElement("div");
  box.className = "diagnostic-text";
  const message = document.createElement("div");
  message.className = "diagnostic-message";
  message.textContent = d.message;
  box.append(message);
  if (d.hint !== undefined) {
    const hint = document.createElement("div");
    hint.className = "diagnostic-hint";
    hint.textContent = `hint: ${d.hint}`;
    box.append(hint);
  }
  return box;
}

/** The editor's pop-ups in the page's colours (the variables of style.css, light or dark). */
const theme = EditorView.theme({
  ".cm-tooltip": {
    background: "var(--panel)",
    color: "var(--text)",
    border: "1px solid var(--border)",
    borderRadius: "6px",
  },
  ".cm-tooltip-autocomplete ul li[aria-selected]": {
    background: "var(--accent)",
    color: "var(--accent-text)",
  },
  ".cm-tooltip-autocomplete .cm-completionDetail": {
    color: "var(--muted)",
    marginLeft: "1em",
    fontStyle: "normal",
  },
  ".cm-tooltip-autocomplete ul li[aria-selected] .cm-completionDetail": { color: "inherit" },
  ".cm-tooltip-lint": { maxWidth: "min(520px, 90vw)" },
  ".cm-diagnostic": { padding: "6px 10px" },
  // A fix's button as the page's buttons look (and as the list under the editor shows it).
  ".cm-diagnosticAction": {
    background: "var(--panel)",
    color: "var(--text)",
    border: "1px solid var(--border)",
    borderRadius: "6px",
    padding: "2px 12px",
    margin: "4px 0 0",
    font: "13px var(--sans)",
  },
});

export function createEditor(parent: HTMLElement, text: string, hooks: EditorHooks): EditorView {
  const extensions: Extension[] = [
    history(),
    closeBrackets(),
    highlighter,
    litField,
    theme,
    placeholder("status = pending and createdAt > 7d ago sort by lastMessageAt desc"),
    autocompletion({ override: [completionSource(hooks)], activateOnTyping: true, icons: false }),
    // Again when the cursor moves: a word it leaves is no longer a field's name being typed.
    linter(lintSource(hooks), { delay: LINT_DELAY_MS, needsRefresh: (update) => update.selectionSet }),
    keymap.of([
      {
        key: "Mod-Enter",
        run: () => {
          hooks.run();
          return true;
        },
        preventDefault: true,
      },
      // Tab accepts a completion when the list is open, and otherwise moves the focus on (keyboard use).
      { key: "Tab", run: acceptCompletion },
      ...completionKeymap,
      ...lintKeymap,
      ...historyKeymap,
      ...defaultKeymap,
    ]),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ "aria-label": "Query", spellcheck: "false", autocapitalize: "off" }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) hooks.onChange(update.state.doc.toString());
      if (update.selectionSet || update.docChanged) {
        const { main } = update.state.selection;
        hooks.onPoint(main.empty ? main.head : undefined);
      }
    }),
    EditorView.domEventHandlers({
      mousemove(event, view) {
        hooks.onPoint(view.posAtCoords({ x: event.clientX, y: event.clientY }, false) ?? undefined);
      },
      mouseleave() {
        hooks.onPoint(undefined);
      },
    }),
  ];
  return new EditorView({ parent, state: EditorState.create({ doc: text, extensions }) });
}

/** Replaces the editor's text (a recent query, the URL's, the formatted one), cursor at the end. */
export function setText(view: EditorView, text: string): void {
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: text },
    selection: { anchor: text.length },
  });
}
