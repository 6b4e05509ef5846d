import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Emulator,
  generateDataset,
  type RequestLogEntry,
  serializeDataset,
  startEmulator,
} from "../../src/emulator/index.js";
import type { Chat } from "../../src/language/api.js";
import { CSV_COLUMNS } from "../../src/output/csv.js";
import { formatCount } from "../../src/output/footer.js";
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
/** An emulator that answers every request after 1 s, its log, and a page searching it. */
let slowEmulator: Emulator;
const slowLog: RequestLogEntry[] = [];
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

interface CountJson {
  readonly total: number;
  readonly groups: readonly {
    readonly key: Record<string, string | number | null>;
    readonly count: number;
  }[];
}

/** What `hcql run --format json` prints for a count query, in the page's time zone. */
async function runCount(query: string): Promise<CountJson> {
  const result = await hcql(["run", "--format", "json", "--tz", "Europe/Berlin", query], {
    env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: served.url },
  });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as CountJson;
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
  [served, slowEmulator] = await Promise.all([
    serve(["--data", dataFile(), "--key", KEY, "--rate-limit", "0", "--quiet"]),
    startEmulator({
      chats: 600,
      anchor: ANCHOR,
      rateLimit: false,
      failRate: 1,
      faults: ["delay"],
      faultDelayMs: [1000, 1000],
      onRequest: (entry) => slowLog.push(entry),
    }),
  ]);
  [web, slowWeb, browser] = await Promise.all([
    startWeb([], { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: served.url }),
    startWeb([], { HELPCRUNCH_API_KEY: "demo", HELPCRUNCH_API_URL: slowEmulator.url }),
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
  await Promise.all([served?.stop("SIGTERM"), slowEmulator?.close()]);
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

  it("leaves a field's name being typed alone until the cursor leaves it", async () => {
    await typeQuery("rating = grate or stat");
    const messages = () => page.locator("#diagnostics li .diagnostic-message").allTextContents();
    const grate = "unknown rating 'grate'; ratings are great, average, poor";
    await expect.poll(messages).toEqual([grate, "expected an operator after 'stat'"]);
    await page.keyboard.press("Home");
    await expect.poll(messages).toEqual([grate, "unknown field 'stat'", "expected an operator after 'stat'"]);
    expect(await page.locator("#diagnostics li .diagnostic-hint").allTextContents()).toEqual([
      "hint: did you mean 'great'?",
      "hint: did you mean 'status'?",
    ]);
  });

  it("tells the id of a department the query names instead", async () => {
    await typeQuery('department = "Support"');
    const item = page.locator("#diagnostics li");
    // The list is debounced: wait for this query's diagnostic, not the one before it.
    await expect
      .poll(() => item.locator(".diagnostic-message").allTextContents())
      .toEqual(["department takes an integer id, not a string"]);
    expect(await item.locator(".diagnostic-hint").textContent()).toBe("hint: 'Support' is department 101");
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

  it.each([
    ["count by status", ".bar-chart g.bar"],
    ["createdAt >= 2026-10-01 count by createdAt per day", ".time-series g.bucket"],
  ])("counts %s: the chart and the table hold the groups of hcql run --format json", async (query, marks) => {
    const expected = await runCount(query);
    await page.locator("#zone").selectOption("Europe/Berlin");
    await typeQuery(query);
    await page.getByRole("button", { name: "Run" }).click();
    const table = page.locator("#counts table.counts tbody tr");
    await page.locator(`#counts ${marks}`).first().waitFor();
    const field = Object.keys(expected.groups[0]!.key)[0]!;
    const labels = expected.groups.map((g) => String(g.key[field]));
    // The days without a chat are there too, at 0.
    expect(expected.groups.some((g) => g.count === 0)).toBe(field === "createdAt");
    expect(
      await page.locator(`#counts ${marks}`).evaluateAll((gs) => gs.map((g) => g.getAttribute("data-count"))),
    ).toEqual(expected.groups.map((g) => String(g.count)));
    expect(await page.locator(`#counts ${marks} title`).allTextContents()).toEqual(
      expected.groups.map((g, i) => `${labels[i]}: ${formatCount(g.count)}`),
    );
    expect(
      await table.evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent))),
    ).toEqual(expected.groups.map((g, i) => [labels[i], formatCount(g.count)]));
    expect(await page.locator("#footer").textContent()).toMatch(
      new RegExp(`^${expected.total} chats · \\d+ requests · \\d+ ms$`),
    );
    expect(await page.locator("#table-wrap").isHidden()).toBe(true);
    await shot(marks.startsWith(".bar") ? "8-count-bars" : "9-count-series");
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

  it("shows progress while the pages of a count load, and Cancel stops the search on the server", async () => {
    const slow = await newPage();
    await slow.goto(`${slowWeb.url}#q=${encodeURIComponent("count by status")}`);
    await slow.waitForFunction(
      () => document.getElementById("mode")?.textContent === "Your HelpCrunch account",
    );
    const searches = () => slowLog.filter((entry) => entry.path.startsWith("/v1/chats/search"));
    await editor(slow).focus();
    await slow.keyboard.press("Control+Enter");
    await slow.locator("#progress").waitFor();
    expect(await slow.locator("#progress-text").textContent()).toBe("Searching…");
    // Each page takes 1 s: the second of six has arrived, the third is on its way.
    await slow.waitForFunction(
      () => (document.getElementById("progress-bar") as HTMLProgressElement).value >= 2,
    );
    const progress = await slow.evaluate(() => {
      const bar = document.getElementById("progress-bar") as HTMLProgressElement;
      return { value: bar.value, max: bar.max, text: document.getElementById("progress-text")?.textContent };
    });
    expect(progress).toEqual({
      value: progress.value,
      max: 6,
      text: `page ${progress.value} of 6 · ${progress.value * 100} chats…`,
    });
    await shot("7-progress", slow);
    await slow.getByRole("button", { name: "Cancel" }).click();
    await slow.locator("#progress").waitFor({ state: "hidden" });
    expect(await slow.locator("#message").textContent()).toBe("Cancelled.");
    expect(await slow.locator("#counts").isHidden()).toBe(true);
    // The server gave up the page it was waiting for, and asked for no other.
    await expect
      .poll(() => searches().filter((entry) => entry.closedByClient).length, { timeout: 5000 })
      .toBe(1);
    expect(searches().length).toBeLessThan(6);
    expect(searches().at(-1)!.closedByClient).toBe(true);
    await slow.context().close();
  });

  it("formats the query into its canonical text with the Format button", async () => {
    const written =
      "STATUS == 4 && (Rating = Poor || chats.assignee <> 3129) # why\nLIMIT 5 Count BY chats.Assignee , CREATEDAT per WEEK";
    const formatting = await newPage();
    await formatting.goto(`${web.url}#q=${encodeURIComponent(written)}`);
    await expect
      .poll(() => formatting.evaluate(() => document.querySelector(".cm-content")?.children.length))
      .toBe(2);
    await formatting.getByRole("button", { name: "Format" }).click();
    expect(await editor(formatting).textContent()).toBe(
      "status = on_hold and (rating = poor or assignee != 3129) count by assignee, createdAt per week limit 5",
    );
    await typeQuery("status = = closed", formatting);
    await formatting.getByRole("button", { name: "Format" }).click();
    expect(await formatting.locator("#message").textContent()).toBe(
      "The query cannot be formatted until its syntax errors are fixed.",
    );
    expect(await editor(formatting).textContent()).toBe("status = = closed");
    await formatting.context().close();
  });

  it.each([
    [
      "light",
      {
        page: "rgb(247, 247, 249)",
        text: "rgb(29, 33, 39)",
        panel: "rgb(255, 255, 255)",
        run: "rgb(53, 87, 212)",
        field: "rgb(0, 121, 107)",
        keyword: "rgb(142, 36, 170)",
        bar: "rgb(79, 111, 224)",
        completion: "rgb(255, 255, 255)",
      },
    ],
    [
      "dark",
      {
        page: "rgb(21, 24, 29)",
        text: "rgb(228, 231, 236)",
        panel: "rgb(29, 33, 40)",
        run: "rgb(124, 155, 255)",
        field: "rgb(79, 209, 197)",
        keyword: "rgb(214, 140, 240)",
        bar: "rgb(124, 155, 255)",
        completion: "rgb(29, 33, 40)",
      },
    ],
  ] as const)("follows prefers-color-scheme: %s", async (scheme, colours) => {
    const themed = await newPage({ colorScheme: scheme });
    await themed.goto(`${web.url}#q=${encodeURIComponent("status = closed count by assignee")}`);
    await editor(themed).focus();
    await themed.keyboard.press("Control+Enter");
    await themed.locator("#counts .bar-chart rect").first().waitFor();
    await themed.keyboard.press("ControlOrMeta+a");
    await themed.keyboard.type("status = closed and assig");
    await themed.locator(".cm-tooltip-autocomplete").waitFor();
    const seen = await themed.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      return {
        page: style("body").backgroundColor,
        text: style("body").color,
        panel: style("#results").backgroundColor,
        run: style("#run").backgroundColor,
        field: style(".tok-field").color,
        keyword: style(".tok-keyword").color,
        bar: style("#counts .bar-chart rect").fill,
        completion: style(".cm-tooltip-autocomplete").backgroundColor,
      };
    });
    expect(seen).toEqual(colours);
    await shot(`10-theme-${scheme}`, themed);
    await themed.context().close();
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
