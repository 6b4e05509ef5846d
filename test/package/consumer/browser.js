// Runs in Chromium: the core, bundled for the browser, compiling the HelpCrunch page's examples.
import { compile, complete, highlight } from "hcql/core";

globalThis.hcqlCore = {
  compile: (text) => {
    const result = compile(text, { now: 1_750_000_000 });
    return result.ok ? result.requests : result.diagnostics;
  },
  complete: (text) => complete(text, text.length),
  highlight,
  berlin: () => {
    const result = compile("createdAt = 2026-03-29", { timeZone: "Europe/Berlin" });
    return result.ok ? result.requests : result.diagnostics;
  },
};
