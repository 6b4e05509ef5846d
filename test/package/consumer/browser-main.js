// Runs in Chromium: the main entry, bundled for the browser, with time zone support already loaded.
import { compile, createClient } from "hcql";

globalThis.hcqlMain = {
  berlin: () => {
    const result = compile("createdAt = 2026-03-29", { timeZone: "Europe/Berlin" });
    return result.ok ? result.requests : result.diagnostics;
  },
  client: typeof createClient({ apiKey: "key" }).searchBody,
};
