import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { historyPath, savedQueriesPath } from "../../src/app/paths.js";
import { HistoryFile, keepInHistory } from "../../src/repl/history.js";

describe("keepInHistory", () => {
  it.each([
    ["status = new", true],
    [".key", false],
    ["  .KEY  ", false],
    [".key abc", false],
    [".keys", true],
    ["tags = sk-12345", false],
    ["email contains 'sk-12345'", false],
  ])("%s", (line, kept) => {
    expect(keepInHistory(line, ["sk-12345"])).toBe(kept);
  });
});

describe("paths", () => {
  it.each([
    [{ HOME: "/h" }, "/h/.local/state/hcql/history", "/h/.config/hcql/queries.json"],
    [{ HOME: "/h", XDG_STATE_HOME: "/s", XDG_CONFIG_HOME: "/c" }, "/s/hcql/history", "/c/hcql/queries.json"],
    [
      { HOME: "/h", XDG_STATE_HOME: "", XDG_CONFIG_HOME: "" },
      "/h/.local/state/hcql/history",
      "/h/.config/hcql/queries.json",
    ],
  ])("%j", (env, history, saved) => {
    expect(historyPath(env)).toBe(history);
    expect(savedQueriesPath(env)).toBe(saved);
  });
});

describe("HistoryFile", () => {
  it("keeps entries oldest first, one per line, multi-line entries escaped, mode 0600, secrets out", () => {
    const home = mkdtempSync(join(tmpdir(), "hcql-history-"));
    const file = new HistoryFile({ HOME: home });
    // readline's order: newest first
    file.save(
      ["status = new", ".key", "a\\b", "status in (new,\n  closed)", "tags = sk-1", "rating = poor"],
      ["sk-1"],
    );
    expect(readFileSync(file.path, "utf8")).toBe(
      "rating = poor\nstatus in (new,\\n  closed)\na\\\\b\nstatus = new\n",
    );
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(file.load()).toEqual(["status = new", "a\\b", "status in (new,\n  closed)", "rating = poor"]);
  });

  it("makes an existing file private when it saves", () => {
    const home = mkdtempSync(join(tmpdir(), "hcql-history-"));
    const file = new HistoryFile({ HOME: home });
    file.save(["x"], []);
    writeFileSync(file.path, "old\n", { mode: 0o644 });
    file.save(["y", "old"], []);
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(file.load()).toEqual(["y", "old"]);
  });

  it("loads nothing when there is no file", () => {
    expect(new HistoryFile({ HOME: mkdtempSync(join(tmpdir(), "hcql-history-")) }).load()).toEqual([]);
  });
});
