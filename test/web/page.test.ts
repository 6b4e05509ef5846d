import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDataset, serializeDataset } from "../../src/emulator/index.js";
import type { Chat } from "../../src/language/api.js";
import { CSV_COLUMNS } from "../../src/output/csv.js";
import { absoluteTime } from "../../src/output/time.js";
import { hcql, type Served, serve } from "../support/cli.js";
import { type StartedWeb, startWeb } from "./start.js";

/**
 * The page of `hcql web` in a real headless Chromium, against `hcql serve` holding a generated
 * dataset with one hostile chat. Screenshots of each state go to test/web/output/.
 */

const KEY = "page-test-key-51c0de";
const ANCHOR = 1796000000;
const OUTPUT = fileURLToPath(new URL("./output/", import.meta.url));
/** Chat text that would run script if it were ever read as HTML, and a cell a spreadsheet would run. */
const HOSTILE_TEXT = `<img src=x onerror="window.__pwned=1"><b>bold</b> & "quoted"`;
const FORMULA_NAME = '=HYPERLINK("http://evil.example","click")';
const QUERY = "status = closed sort by lastMessageAt desc";

let served: Served;
let web: StartedWeb;
/** A server that answers every request after 2 to 5 s, and a page searching it. */
let slowServed: Served;
let slowWeb: StartedWeb;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let hostileId: number;
/** Every body the server sent the page, to look for the key. */
const bodies: string[] = [];

function dataFile(): string {
  const dataset = generateDataset({ seed: 3, chats: 600, anchor: ANCHOR });
  // The closed chat with the latest message becomes hostile: it is the first row of QUERY.
  const closed = dataset.chats
    .filter((r) => r.chat.status === "closed")
    .sort((a, b) => (b.chat.lastMessageAt ?? 0) - (a.chat.lastMessageAt ?? 0));
  const first = closed[0]!;
  hostileId = first.chat.id;
  const chats = dataset.chats.map((r) =>
    r === first
      ? {
          ...r,
          chat: {
            ...r.chat,
            lastMessageText: HOSTILE_TEXT,
            customer: { ...r.chat.customer, name: FORMULA_NAME },
          },
        }
      : r,
  );
  const file = join(mkdtempSync(join(tmpdir(), "hcql-web-")), "data.json");
  writeFileSync(file, serializeDataset({ ...dataset, chats }));
  return file;
}

async function shot(name: string, target: Page = page): Promise<void> {
  await target.screenshot({ path: join(OUTPUT, `${name}.png`) });
}

function editor(target: Page = page) {
  return target.getByRole("textbox", { name: "Query" });
}

/** Replaces the editor's text by typing it, as a person would. */
async function typeQuery(text: string, target: Page = page): Promise<void> {
  await editor(target).click();
  await target.keyboard.press("ControlOrMeta+a");
  await target.keyboard.press("Backspace");
  await target.keyboard.type(text);
  await target.keyboard.press("Escape");
}

const ranIds = new Map<string, Promise<number[]>>();

/** The ids `hcql run --format json args` prints (each command run once). */
function runIds(args: readonly string[]): Promise<number[]> {
  const key = JSON.stringify(args);
  if (!ranIds.has(key)) ranIds.set(key, runCliIds(args));
  return ranIds.get(key)!;
}

async function runCliIds(args: readonly string[]): Promise<number[]> {
  const result = await hcql(["run", "--format", "json", ...args], {
    env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: served.url },
  });
  expect(result.stderr).toBe("");
  return (JSON.parse(result.stdout) as Chat[]).map((c) => c.id);
}

async function rowIds(target: Page = page): Promise<number[]> {
  return (
    await target
      .locator("tr[data-chat-id]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-chat-id")))
  ).map(Number);
}

async function newPage(options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 860 }, ...options });
  const opened = await fresh.newPage();
  opened.setDefaultTimeout(10_000);
  return opened;
}

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  [served, slowServed] = await Promise.all([
    serve(["--data", dataFile(), "--key", KEY, "--rate-limit", "0", "--quiet"]),
    serve(["--chats", "50", "--faults", "delay", "--fail-rate", "1", "--rate-limit", "0", "--quiet"]),
  ]);
  [web, slowWeb, browser] = await Promise.all([
    startWeb([], { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: served.url }),
    startWeb([], { HELPCRUNCH_API_KEY: "demo", HELPCRUNCH_API_URL: slowServed.url }),
    chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] }),
  ]);
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, timezoneId: "Europe/Berlin" });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (error) => {
    throw error;
  });
  page.on("response", async (response) => {
    bodies.push(
      `${response.url()}\n${JSON.stringify(await response.allHeaders())}\n${await response.text().catch(() => "")}`,
    );
  });
  await page.goto(web.url);
  // The CLI's answers to compare with, fetched while the page loads.
  void runIds([QUERY]);
  void runIds(["--all", QUERY]);
  await page.waitForFunction(
    () => document.getElementById("mode")?.textContent === "Your HelpCrunch account",
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([web?.stop(), slowWeb?.stop()]);
  await Promise.all([served?.stop("SIGTERM"), slowServed?.stop("SIGTERM")]);
});

describe("hcql web: the page in a browser", () => {
  it("shows a typo's diagnostic as a squiggle, with its message and hint on hover and in the list", async () => {
    await typeQuery("stauts = closed");
    const item = page.locator("#diagnostics li");
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.getAttribute("data-code")).toBe("unknown-field");
    expect(await item.locator(".diagnostic-message").textContent()).toBe("unknown field 'stauts'");
    expect(await item.locator(".diagnostic-hint").textContent()).toBe("hint: did you mean 'status'?");
    const squiggle = page.locator(".cm-lintRange-error");
    expect(await squiggle.textContent()).toBe("stauts");
    await squiggle.hover();
    const tooltip = page.locator(".cm-tooltip-lint");
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toBe(
      "unknown field 'stauts'hint: did you mean 'status'?unknown-field",
    );
    await shot("1-diagnostic");
  });

  it("completes a field, then an agent by name into its id", async () => {
    await typeQuery("");
    await page.keyboard.type("assig");
    const options = page.locator(".cm-tooltip-autocomplete li");
    await expect.poll(() => options.allTextContents()).toEqual(["assigneeinteger"]);
    // Clicked: the editor ignores keys for a moment after the list opens, so a fast Enter is a newline.
    await options.first().click();
    expect(await editor().textContent()).toBe("assignee");
    await page.keyboard.type(" = kos");
    await expect.poll(() => options.allTextContents()).toEqual(["3129Kosta"]);
    await shot("2-completion");
    await options.first().click();
    expect(await editor().textContent()).toBe("assignee = 3129");
  });

  it("runs a query with Ctrl-Enter: the rows are those of hcql run --format json, in order", async () => {
    await typeQuery(QUERY);
    await page.keyboard.press("Control+Enter");
    await page.locator("tr[data-chat-id]").first().waitFor();
    const all = await runIds(["--all", QUERY]);
    expect(all.length).toBeGreaterThan(200);
    expect(await rowIds()).toEqual(await runIds([QUERY]));
    expect(await page.locator("#footer").textContent()).toMatch(
      new RegExp(`^chats 1–100 of ${all.length} · 1 request · \\d+ ms$`),
    );
    await shot("3-results");
  });

  it("shows chat text as text, never as markup", async () => {
    const row = page.locator(`tr[data-chat-id="${hostileId}"]`);
    expect(await row.locator("td.message").textContent()).toBe(HOSTILE_TEXT);
    expect(await page.locator("#chats img, #chats b").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it("pages: the next page, then all", async () => {
    const all = await runIds(["--all", QUERY]);
    await page.getByRole("button", { name: "Next page" }).click();
    await expect.poll(() => page.locator("tr[data-chat-id]").count()).toBe(200);
    expect(await rowIds()).toEqual(all.slice(0, 200));
    await page.getByRole("button", { name: "All" }).click();
    await expect.poll(() => page.locator("tr[data-chat-id]").count()).toBe(all.length);
    expect(await rowIds()).toEqual(all);
    expect(await page.locator("#footer").textContent()).toMatch(
      new RegExp(`^chats 1–${all.length} of ${all.length} · \\d+ requests · \\d+ ms$`),
    );
    expect(await page.getByRole("button", { name: "Next page" }).isHidden()).toBe(true);
  });

  it("opens a chat in the detail pane (click), and Escape closes it", async () => {
    await page.locator(`tr[data-chat-id="${hostileId}"]`).click();
    const detail = page.locator("#detail");
    await detail.waitFor();
    expect(await page.locator("#detail-title").textContent()).toBe(`Chat ${hostileId}`);
    expect(await detail.locator(".message-text").textContent()).toBe(HOSTILE_TEXT);
    await shot("4-detail");
    await page.keyboard.press("Escape");
    await detail.waitFor({ state: "hidden" });
  });

  it("downloads CSV with formula cells guarded, and JSON as the API returned the chats", async () => {
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    const text = readFileSync((await csv.path())!, "utf8");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(CSV_COLUMNS.join(","));
    const hostileLine = lines.find((line) => line.startsWith(`${hostileId},`))!;
    expect(hostileLine).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(hostileLine).not.toContain(`,"=HYPERLINK`);
    const [json] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download JSON" }).click(),
    ]);
    const chats = JSON.parse(readFileSync((await json.path())!, "utf8")) as Chat[];
    expect(chats.map((c) => c.id)).toEqual(await rowIds());
    expect(chats.find((c) => c.id === hostileId)!.customer.name).toBe(FORMULA_NAME);
  });

  it("keeps the query in the URL's fragment and among the recent queries", async () => {
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#q=${QUERY.replaceAll(" ", "+")}`);
    expect(await page.locator("#recent option").allTextContents()).toContain(QUERY);
    const shared = await context.newPage();
    await shared.goto(page.url());
    await expect.poll(() => editor(shared).textContent()).toBe(QUERY);
    await shared.close();
  });

  it("explains the query: pointing at a filter item lights its part of the query, and back", async () => {
    await typeQuery("status in (new, opened) and createdAt >= 2026-06-01");
    await page.getByRole("tab", { name: "Explain" }).click();
    const items = page.locator("#explain .item");
    await expect.poll(() => items.count()).toBe(4);
    await items.first().hover();
    expect(await page.locator(".cm-lit").allTextContents()).toEqual(["status in (new, opened)"]);
    expect(await page.locator("#explain .dates").textContent()).toContain("2026-06-01");
    await shot("5-explain");
    await page.mouse.move(0, 0);
    await page.locator(".tok-date").hover();
    await expect.poll(() => page.locator("#explain .item.lit").count()).toBe(2);
    await page.getByRole("tab", { name: "Results" }).click();
  });

  it("defaults the time zone to the browser's and shows times in the one chosen", async () => {
    expect(await page.locator("#zone").inputValue()).toBe("Europe/Berlin");
    const sent = page.locator("tr[data-chat-id] time").first();
    const seconds = Date.parse((await sent.getAttribute("datetime"))!) / 1000;
    expect(await sent.locator(".absolute").textContent()).toBe(
      ` · ${absoluteTime(seconds, "Europe/Berlin")}`,
    );
    await page.locator("#zone").selectOption("Asia/Tokyo");
    expect(await sent.locator(".absolute").textContent()).toBe(` · ${absoluteTime(seconds, "Asia/Tokyo")}`);
  });

  it("never sends the API key to the page", () => {
    expect(bodies.length).toBeGreaterThan(5);
    expect(bodies.filter((b) => b.includes(KEY))).toEqual([]);
  });

  it("can be used with the keyboard alone: run, reach a row, open it, close it", async () => {
    const keyboard = await newPage();
    await keyboard.goto(`${web.url}#q=${encodeURIComponent("rating = poor")}`);
    await editor(keyboard).focus();
    await keyboard.keyboard.press("Control+Enter");
    await keyboard.locator("tr[data-chat-id]").first().waitFor();
    let steps = 0;
    while (
      !(await keyboard.evaluate(() => document.activeElement?.hasAttribute("data-chat-id"))) &&
      steps < 20
    ) {
      await keyboard.keyboard.press("Tab");
      steps++;
    }
    const first = (await rowIds(keyboard))[0];
    expect(await keyboard.evaluate(() => document.activeElement?.getAttribute("data-chat-id"))).toBe(
      String(first),
    );
    await keyboard.keyboard.press("Enter");
    await keyboard.locator("#detail").waitFor();
    await keyboard.keyboard.press("Escape");
    await keyboard.locator("#detail").waitFor({ state: "hidden" });
    expect(await keyboard.evaluate(() => document.activeElement?.getAttribute("data-chat-id"))).toBe(
      String(first),
    );
    await keyboard.context().close();
  });

  it("shows progress while a search runs, and Cancel stops it", async () => {
    const slow = await newPage();
    await slow.goto(`${slowWeb.url}#q=${encodeURIComponent("status = closed")}`);
    await editor(slow).focus();
    await slow.keyboard.press("Control+Enter");
    await slow.locator("#progress").waitFor();
    expect(await slow.locator("#progress-text").textContent()).toBe("Searching…");
    await shot("7-progress", slow);
    await slow.getByRole("button", { name: "Cancel" }).click();
    await slow.locator("#progress").waitFor({ state: "hidden" });
    expect(await slow.locator("#message").textContent()).toBe("Cancelled.");
    expect(await slow.locator("tr[data-chat-id]").count()).toBe(0);
    await slow.context().close();
  });

  it("is readable at 360 px wide, in the dark theme", async () => {
    const narrow = await newPage({ viewport: { width: 360, height: 780 }, colorScheme: "dark" });
    await narrow.goto(`${web.url}#q=${encodeURIComponent("rating = poor limit 8")}`);
    await editor(narrow).focus();
    await narrow.keyboard.press("Control+Enter");
    await narrow.locator("tr[data-chat-id]").first().waitFor();
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await narrow.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      "rgb(21, 24, 29)",
    );
    await shot("6-narrow-dark", narrow);
    await narrow.context().close();
  });
});
