import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { browserCommands } from "../../src/commands/web.js";
import { startWeb } from "../web/start.js";

/** `hcql web --open`: which command opens the page, and that it receives the printed URL. */

const URL_SEEN = "http://127.0.0.1:5000/?token=abc";
const dir = mkdtempSync(join(tmpdir(), "hcql-web-open-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("browserCommands", () => {
  it.each([
    ["", "linux", [["xdg-open", URL_SEEN]]],
    ["", "darwin", [["open", URL_SEEN]]],
    ["", "win32", [["cmd", "/c", "start", '""', URL_SEEN]]],
    [
      "firefox",
      "linux",
      [
        ["firefox", URL_SEEN],
        ["xdg-open", URL_SEEN],
      ],
    ],
    [
      "firefox --new-tab %s:  :chromium",
      "linux",
      [
        ["firefox", "--new-tab", URL_SEEN],
        ["chromium", URL_SEEN],
        ["xdg-open", URL_SEEN],
      ],
    ],
  ] as const)("BROWSER=%j on %s", (browser, platform, expected) => {
    const env = browser === "" ? {} : { BROWSER: browser };
    expect(browserCommands(URL_SEEN, env, platform)).toEqual(expected);
  });
});

/** A program named `name` in a folder of its own that writes its arguments to a file. */
function recorder(name: string): { readonly folder: string; readonly file: string } {
  const folder = mkdtempSync(join(dir, "bin-"));
  const file = join(folder, "arguments");
  const program = join(folder, name);
  writeFileSync(program, `#!/bin/sh\nprintf '%s\\n' "$@" > '${file}.part' && mv '${file}.part' '${file}'\n`);
  chmodSync(program, 0o755);
  return { folder, file };
}

/** What a recorder was called with, once it has run. */
async function recorded(file: string): Promise<string> {
  await expect.poll(() => existsSync(file)).toBe(true);
  return readFileSync(file, "utf8");
}

describe("hcql web --open", () => {
  it("runs $BROWSER with the URL it printed", async () => {
    const browser = recorder("browser");
    const web = await startWeb(["--open"], { BROWSER: join(browser.folder, "browser") });
    try {
      expect(await recorded(browser.file)).toBe(`${web.url}\n`);
    } finally {
      await web.stop();
    }
  });

  it("without $BROWSER, runs xdg-open from PATH with the URL it printed", async () => {
    const opener = recorder("xdg-open");
    const web = await startWeb(["--open"], { PATH: `${opener.folder}:${process.env.PATH ?? ""}` });
    try {
      expect(await recorded(opener.file)).toBe(`${web.url}\n`);
    } finally {
      await web.stop();
    }
  });

  it("says so when no browser can be started, and keeps serving", async () => {
    const empty = mkdtempSync(join(dir, "empty-"));
    const web = await startWeb(["--open"], { PATH: empty, BROWSER: join(empty, "missing") });
    try {
      await expect
        .poll(() => web.stderr())
        .toContain("could not open a browser (set BROWSER, or open the URL above)\n");
      const response = await fetch(web.url);
      expect(response.status).toBe(200);
    } finally {
      await web.stop();
    }
  });
});

describe("hcql web's API key", () => {
  it("--api-key K says that other users see the key, as hcql run does", async () => {
    const web = await startWeb(["--api-key", "secret-key", "--api-url", "http://127.0.0.1:9/v1"]);
    try {
      expect(web.stderr()).toContain(
        "hcql web: warning: --api-key shows the key to other users of this machine (ps)",
      );
      expect(web.stderr()).not.toContain("secret-key");
    } finally {
      await web.stop();
    }
  });

  it("--api-key-file FILE reads the key from the file's first line, without a warning", async () => {
    const file = join(dir, "key");
    writeFileSync(file, "secret-key\n");
    const web = await startWeb(["--api-key-file", file, "--api-url", "http://127.0.0.1:9/v1"]);
    try {
      expect(web.stderr()).toContain("searching your HelpCrunch account");
      expect(web.stderr()).not.toContain("warning");
    } finally {
      await web.stop();
    }
  });
});
