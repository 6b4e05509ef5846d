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
import { stripAnsi, Terminal } from "../support/pty.js";
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
/** What the detail pane says closed the hostile chat: an agent of the account that is none of its people. */
let hostileCloser: string;
/** A closed chat on QUERY's first page closed by its assignee, and how the pane writes that agent. */
let assigneeClosed: { readonly id: number; readonly person: string };
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
  const people = new Set([first.chat.assignee?.id, ...first.chat.agents.map((a) => a.id)]);
  const closer = dataset.agents.find((a) => !people.has(a.id))!;
  hostileCloser = `${closer.name} #${closer.id}`;
  const byAssignee = closed
    .slice(1, 100)
    .find((r) => r.chat.assignee && r.chat.closedBy === r.chat.assignee.id)!;
  const { assignee } = byAssignee.chat;
  assigneeClosed = {
    id: byAssignee.chat.id,
    person: `${assignee!.name} <${assignee!.email}> #${assignee!.id}`,
  };
  const chats = dataset.chats.map((r) =>
    r === first
      ? {
          ...r,
          chat: {
            ...r.chat,
            lastMessageText: HOSTILE_TEXT,
            closedBy: closer.id,
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

/** What `hcql run --format json` prints for a count query, in the page's time zone (or another). */
async function runCount(query: string, timeZone = "Europe/Berlin"): Promise<CountJson> {
  const result = await hcql(["run", "--format", "json", "--tz", timeZone, query], {
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
  opened.on("pageerror", (error) => {
    throw error;
  });
  return opened;
}

/** A new page of `server` in Berlin with `query` in its editor, once it knows the account. */
async function openPage(
  query: string,
  server: StartedWeb = web,
  options: Parameters<Browser["newContext"]>[0] = {},
) {
  const opened = await newPage({ timezoneId: "Europe/Berlin", ...options });
  await opened.goto(`${server.url}#q=${encodeURIComponent(query)}`);
  await opened.waitForFunction(
    () => document.getElementById("mode")?.textContent === "Your HelpCrunch account",
  );
  return opened;
}

/** The bodies of the runs the page asks its server for, in the order it sends them. */
function runsOf(target: Page): Record<string, unknown>[] {
  const runs: Record<string, unknown>[] = [];
  target.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/run") runs.push(JSON.parse(request.postData() ?? "null"));
  });
  return runs;
}

/** Runs the query in the editor with the Run button and waits until the run has ended. */
async function runShown(target: Page): Promise<void> {
  await target.getByRole("button", { name: "Run" }).click();
  await target.locator("#progress").waitFor({ state: "hidden" });
}

/** The counts of a chart's bars or buckets, as drawn. */
function drawnCounts(target: Page, marks: string): Promise<(string | null)[]> {
  return target.locator(`#counts ${marks}`).evaluateAll((gs) => gs.map((g) => g.getAttribute("data-count")));
}

/** `hcql run`'s footer on a terminal for a query (it writes one only there). */
async function cliFooter(query: string): Promise<string> {
  const terminal = new Terminal({
    columns: 200,
    args: ["run", "--tz", "Europe/Berlin", query],
    env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: served.url, NO_COLOR: "1" },
    holdAfterExit: true,
  });
  try {
    expect(await terminal.exit()).toBe(0);
    return stripAnsi(terminal.raw)
      .split("\n")
      .filter((line) => line.startsWith("chat"))
      .at(-1)!;
  } finally {
    terminal.kill();
  }
}

/** WCAG's contrast ratio of two colours as the browser computes them (`rgb(r, g, b)`). */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, bl] = (colour.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high! + 0.05) / (low! + 0.05);
}

/** A footer without its time, which differs from run to run. */
function untimed(footer: string | null): string {
  return (footer ?? "").replace(/ · (\d+ ms|\d+\.\d s)$/, " · (time)");
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
      // The message, its hint, the button that makes the fix, the code.
      "unknown field 'stauts'hint: did you mean 'status'?Fixunknown-field",
    );
    await shot("1-diagnostic");
  });

  it("makes a diagnostic's fix from its card, and from the squiggle's tooltip", async () => {
    await typeQuery("stauts = 1 and rating = bad");
    const items = page.locator("#diagnostics li");
    await expect
      .poll(() => items.locator(".diagnostic-hint").allTextContents())
      .toEqual(["hint: did you mean 'status'?", "hint: did you mean 'poor'?"]);
    const fix = items.first().getByRole("button", { name: "Fix: replace “stauts” with “status”" });
    await fix.click();
    expect(await editor().textContent()).toBe("status = 1 and rating = bad");
    // The cursor after the new text, in the editor.
    await page.keyboard.type(" ");
    expect(await editor().textContent()).toBe("status  = 1 and rating = bad");
    await page.keyboard.press("Backspace");
    await expect
      .poll(() => items.locator(".diagnostic-hint").allTextContents())
      .toEqual(["hint: did you mean 'poor'?"]);
    await page.locator(".cm-lintRange-error").hover();
    const tooltip = page.locator(".cm-tooltip-lint");
    await tooltip.getByRole("button", { name: "Fix" }).click();
    expect(await editor().textContent()).toBe("status = 1 and rating = poor");
    await expect.poll(() => items.count()).toBe(0);
  });

  it("selects a diagnostic's text with Enter on its card, and leaves the text as it was", async () => {
    await typeQuery("status = pending and ratng = poor");
    const item = page.locator("#diagnostics li");
    await expect.poll(() => item.count()).toBe(1);
    await item.focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains("cm-content")))
      .toBe(true);
    expect(await editor().textContent()).toBe("status = pending and ratng = poor");
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe("ratng");
  });

  it("keeps a long query's editor and its diagnostics to a screen: the editor scrolls, the excerpt is cut", async () => {
    const long = `status = pending and (${Array.from({ length: 300 }, (_, i) => `assignee = ${i + 1}`).join(" or ")} or ratng = poor)`;
    await editor().click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.press("Backspace");
    await page.keyboard.insertText(long);
    const where = page.locator("#diagnostics li .where");
    await expect.poll(() => where.allTextContents()).toContain("“ratng”");
    const box = await page.locator(".editor").boundingBox();
    expect(box!.height).toBeLessThanOrEqual(0.4 * 860 + 2);
    for (const text of await where.allTextContents()) expect(text.length).toBeLessThan(120);
    await typeQuery("");
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
    await expect.poll(() => options.allTextContents()).toEqual(["assigneeagent id"]);
    // Clicked: the editor ignores keys for a moment after the list opens, so a fast Enter is a newline.
    await options.first().click();
    expect(await editor().textContent()).toBe("assignee");
    await page.keyboard.type(" = kos");
    await expect.poll(() => options.allTextContents()).toEqual(["3129Kosta"]);
    await shot("2-completion");
    await options.first().click();
    expect(await editor().textContent()).toBe("assignee = 3129");
  });

  it("in demo mode, completes the demo's tags, and a tag that finds nothing gets a tip", async () => {
    const demo = await startWeb([]);
    try {
      const opened = await newPage({ timezoneId: "Europe/Berlin" });
      await opened.goto(demo.url);
      await opened.waitForFunction(() =>
        document.getElementById("mode")?.textContent?.startsWith("Demo mode"),
      );
      await typeQuery("", opened);
      await opened.keyboard.type("tags = vi");
      const options = opened.locator(".cm-tooltip-autocomplete li");
      await expect.poll(() => options.allTextContents()).toEqual(["VIP"]);
      // Typed on in lower case, as people do: a search that finds nothing, and why.
      await opened.keyboard.type("p");
      await opened.keyboard.press("Escape");
      await runShown(opened);
      // biome-ignore lint/performance/useDomNodeTextContent: the lines as a reader sees them (<br> apart)
      expect(await opened.locator("#message").innerText()).toBe(
        'No chats match.\ntip: "vip" is not a known tag; did you mean "VIP"? (tags match exactly, letter case too)',
      );
      await shot("demo-tag-tip", opened);
      await opened.context().close();
    } finally {
      await demo.stop();
    }
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

  it("fits a long assignee's name into the table at 1280 px: cut with an ellipsis, whole in its title", async () => {
    const long = "Maximiliana Konstantinopoulou-Wolfeschlegelsteinhausen von Brandenburg-Preußen";
    const wide = await openPage("status = closed limit 5");
    // The first chat's assignee renamed on its way to the page.
    await wide.route("**/api/run", async (route) => {
      const response = await route.fetch();
      const lines = (await response.text()).split("\n").map((line) => {
        if (!line.includes('"type":"result"')) return line;
        const event = JSON.parse(line) as { chats: Chat[] };
        const first = event.chats[0]!;
        event.chats[0] = { ...first, assignee: { ...first.assignee!, name: long } };
        return JSON.stringify(event);
      });
      await route.fulfill({ response, body: lines.join("\n") });
    });
    await runShown(wide);
    const fitted = await wide.evaluate((long) => {
      const wrap = document.getElementById("table-wrap")!;
      const edge = wrap.getBoundingClientRect().right;
      const cell = Array.from(document.querySelectorAll("#chats td")).find((td) => td.textContent === long)!;
      const rating = Array.from(document.querySelectorAll("#chats th")).find(
        (th) => th.textContent === "Rating",
      )!;
      return {
        overflow: wrap.scrollWidth - wrap.clientWidth,
        ratingInside: rating.getBoundingClientRect().right <= edge,
        cut: cell.scrollWidth > cell.clientWidth,
        ellipsis: getComputedStyle(cell).textOverflow,
        title: cell.getAttribute("title"),
      };
    }, long);
    expect(fitted).toEqual({ overflow: 0, ratingInside: true, cut: true, ellipsis: "ellipsis", title: long });
    await shot("long-assignee", wide);
    await wide.context().close();
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

  it("names the agent who closed a chat, as the Assignee line names a person", async () => {
    const line = (label: string) => page.locator(`#detail dt:text-is("${label}") + dd`);
    // Closed by an agent of the account who is none of the chat's people: the account's list names them.
    await page.locator(`tr[data-chat-id="${hostileId}"]`).click();
    expect(await line("Closed by").textContent()).toBe(hostileCloser);
    await page.keyboard.press("Escape");
    // Closed by its assignee: written as the Assignee line writes them.
    await page.locator(`tr[data-chat-id="${assigneeClosed.id}"]`).click();
    await expect.poll(() => page.locator("#detail-title").textContent()).toBe(`Chat ${assigneeClosed.id}`);
    expect(await line("Assignee").textContent()).toBe(assigneeClosed.person);
    expect(await line("Closed by").textContent()).toBe(assigneeClosed.person);
    await page.keyboard.press("Escape");
    await page.locator("#detail").waitFor({ state: "hidden" });
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

  it("steps back and forward through the queries run, running each again", async () => {
    const [first, second] = ["status = closed limit 2", "status = new limit 3"];
    const own = await openPage(first);
    await runShown(own);
    await typeQuery(second, own);
    await runShown(own);
    expect(await rowIds(own)).toEqual(await runIds([second]));
    await own.goBack();
    await expect.poll(() => editor(own).textContent()).toBe(first);
    await expect.poll(() => rowIds(own)).toEqual(await runIds([first]));
    await own.goForward();
    await expect.poll(() => editor(own).textContent()).toBe(second);
    await expect.poll(() => rowIds(own)).toEqual(await runIds([second]));
    await own.context().close();
  });

  it("steps back to the page's starting entry, with no query, to the start message of a fresh load", async () => {
    const own = await newPage({ timezoneId: "Europe/Berlin" });
    await own.goto(web.url);
    const message = own.locator("#message");
    const start = await message.textContent();
    expect(start).toBe("Type a query and press Ctrl-Enter.");
    await typeQuery("status = closed limit 2", own);
    await runShown(own);
    expect(await rowIds(own)).toEqual(await runIds(["status = closed limit 2"]));
    await own.goBack();
    // The editor is empty again: its placeholder shows.
    await own.locator(".cm-placeholder").waitFor();
    await expect.poll(() => message.isVisible()).toBe(true);
    expect(await message.textContent()).toBe(start);
    expect(await message.getAttribute("class")).toBe("message note");
    expect(await own.locator("tr[data-chat-id]").count()).toBe(0);
    await own.context().close();
  });

  it("explains the query: pointing at a filter item lights its part of the query, and back", async () => {
    await typeQuery("status in (new, opened) and createdAt >= 2026-06-01");
    await page.getByRole("tab", { name: "Explain" }).click();
    const items = page.locator("#explain .item");
    await expect.poll(() => items.count()).toBe(4);
    await items.first().hover();
    // The editor paints the lit part in its next update, not within the hover's event.
    await expect.poll(() => page.locator(".cm-lit").allTextContents()).toEqual(["status in (new, opened)"]);
    await expect.poll(() => page.locator("#explain .dates").textContent()).toContain("2026-06-01");
    await shot("5-explain");
    await page.mouse.move(0, 0);
    await page.locator(".tok-date").hover();
    await expect.poll(() => page.locator("#explain .item.lit").count()).toBe(2);
    await page.getByRole("tab", { name: "Results" }).click();
  });

  it("explains the query on screen on the clock its results were found with, not the clock of later", async () => {
    // A page of its own: the tests after this one read the main page's rows.
    const own = await openPage("createdAt > 1d ago limit 3");
    // The run's answer, read as it passes (a streamed body is not kept by the browser to be asked for later).
    let answer = "";
    await own.route("**/api/run", async (route) => {
      const response = await route.fetch();
      answer = await response.text();
      await route.fulfill({ response, body: answer });
    });
    await runShown(own);
    await expect.poll(() => answer).not.toBe("");
    const events = answer
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const { now } = events.find((e: { type: string }) => e.type === "result") as { now: number };
    // Seconds later, when a clock of now would differ from the run's.
    await expect.poll(() => Math.floor(Date.now() / 1000), { timeout: 5_000 }).toBeGreaterThan(now + 1);
    await own.getByRole("tab", { name: "Explain" }).click();
    const clock = own.locator("#explain .fact", { hasText: "Clock:" });
    await expect.poll(() => clock.textContent()).toContain(`now = ${now} `);
    // Edited, the query is no longer the one on screen: Explain takes the clock of now.
    await editor(own).click();
    await own.keyboard.press("End");
    await own.keyboard.type(" ");
    await expect.poll(() => clock.textContent()).not.toContain(`now = ${now} `);
    await own.context().close();
  });

  it("defaults the time zone to the browser's and shows times in the one chosen", async () => {
    expect(await page.locator("#zone").inputValue()).toBe("Europe/Berlin");
    const sent = page.locator("tr[data-chat-id] time").first();
    const seconds = Date.parse((await sent.getAttribute("datetime"))!) / 1000;
    expect(await sent.locator(".absolute").textContent()).toBe(
      ` · ${absoluteTime(seconds, "Europe/Berlin")}`,
    );
    await page.locator("#zone").selectOption("Asia/Tokyo");
    // The query shown runs again in the new zone: its first page, its times in Tokyo.
    await expect
      .poll(() => sent.locator(".absolute").textContent())
      .toBe(` · ${absoluteTime(seconds, "Asia/Tokyo")}`);
    expect(await rowIds()).toEqual(await runIds([QUERY]));
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

  it("isolates a right-to-left name from the text beside it: count rows and bars, table cells, the chat pane", async () => {
    const name = "فاطمة الزهراء";
    const rtl = await openPage("count by assignee");
    await runShown(rtl);
    // Where the "(" after the name and the name's first letter (the rightmost of a right-to-left
    // name) are drawn: the "(" of "name (id)" comes after the whole name, to its right.
    const drawn = () =>
      rtl.evaluate((name) => {
        const place = (node: Text, index: number) => {
          const range = document.createRange();
          range.setStart(node, index);
          range.setEnd(node, index + 1);
          return range.getBoundingClientRect().left;
        };
        const inHtml = (cell: Element) => {
          const texts: Text[] = [];
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) texts.push(n as Text);
          const nameNode = texts.find((t) => t.data.includes(name))!;
          const parenNode = texts.find((t) => t.data.includes("("))!;
          return {
            text: cell.textContent,
            after:
              place(parenNode, parenNode.data.indexOf("(")) > place(nameNode, nameNode.data.indexOf(name)),
          };
        };
        const cell = Array.from(document.querySelectorAll("#counts table.counts td")).find((td) =>
          td.textContent?.includes(name),
        )!;
        const label = Array.from(document.querySelectorAll<SVGTextElement>("#counts .bar-chart text")).find(
          (t) => t.textContent?.includes(name),
        )!;
        const text = label.textContent!;
        return {
          cell: inHtml(cell),
          bar: {
            text,
            after: label.getExtentOfChar(text.indexOf("(")).x > label.getExtentOfChar(text.indexOf(name)).x,
          },
        };
      }, name);
    expect(await drawn()).toEqual({
      cell: { text: `${name} (3188)`, after: true },
      bar: { text: `${name} (3188)`, after: true },
    });
    await shot("rtl-count", rtl);
    // The name alone isolated wherever a chat shows a person: the table's cells and the chat pane.
    await typeQuery("assignee = 3188 limit 3", rtl);
    await runShown(rtl);
    const isolation = (within: string) =>
      rtl.evaluate(
        ({ within, name }) =>
          Array.from(document.querySelectorAll(`${within} *`))
            // The innermost element that holds the name alone.
            .filter(
              (e) => e.textContent === name && !Array.from(e.children).some((c) => c.textContent === name),
            )
            .map((e) => getComputedStyle(e).unicodeBidi),
        { within, name },
      );
    expect(await isolation("#chats td")).toEqual(["isolate", "isolate", "isolate"]);
    await rtl.locator("tr[data-chat-id]").first().click();
    await rtl.locator("#detail").waitFor();
    expect(await isolation("#detail dd")).toContain("isolate");
    expect((await isolation("#detail dd")).every((bidi) => bidi === "isolate")).toBe(true);
    await rtl.context().close();
  });

  it("says No chats match. for a count by of no chats, with no table", async () => {
    await typeQuery("createdAt > now count by assignee");
    await page.getByRole("button", { name: "Run" }).click();
    await expect.poll(() => page.locator("#message").textContent()).toBe("No chats match.");
    expect(await page.locator("#message").isVisible()).toBe(true);
    expect(await page.locator("#counts").isHidden()).toBe(true);
    expect(await page.locator("#footer").textContent()).toMatch(/^no chats · 1 request · \d+ ms$/);
    // `count` alone still shows its 0.
    await typeQuery("createdAt > now count");
    await page.getByRole("button", { name: "Run" }).click();
    await expect.poll(() => page.locator("#counts").isVisible()).toBe(true);
    expect(await page.locator("#counts").textContent()).toContain("0");
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

  it.each([
    ["limit 1", "Searching…"],
    ["count", "Counting…"],
  ])("says what the first run of a page load, %s, is doing while it runs: %s", async (query, doing) => {
    const slow = await openPage(query, slowWeb);
    const message = slow.locator("#message");
    expect(await message.textContent()).toBe("Type a query and press Ctrl-Enter.");
    await editor(slow).focus();
    await slow.keyboard.press("Control+Enter");
    await slow.locator("#progress").waitFor();
    // Each search takes 1 s: the answer has not come.
    expect(await message.textContent()).toBe(doing);
    expect(await message.isVisible()).toBe(true);
    expect(await message.getAttribute("class")).toBe("message note");
    await shot(`first-run-${query.replace(" ", "-")}`, slow);
    await slow.locator("#progress").waitFor({ state: "hidden" });
    expect(await message.isHidden()).toBe(true);
    await slow.context().close();
  });

  it("keeps the progress bar and Cancel on screen while All loads, scrolled down to the All button", async () => {
    const slow = await openPage("createdAt > 2000-01-01", slowWeb);
    await runShown(slow);
    expect(await slow.locator("tr[data-chat-id]").count()).toBe(100);
    const all = slow.getByRole("button", { name: "All" });
    await all.scrollIntoViewIfNeeded();
    expect(await slow.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    await all.click();
    await slow.locator("#progress").waitFor();
    // Each page takes 1 s: the rest are on their way.
    const seen = await slow.evaluate(() => {
      const inView = (id: string) => {
        const box = document.getElementById(id)!.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
      };
      return { progress: inView("progress"), cancel: inView("cancel") };
    });
    expect(seen).toEqual({ progress: true, cancel: true });
    await shot("all-progress", slow);
    await slow.getByRole("button", { name: "Cancel" }).click();
    await slow.locator("#progress").waitFor({ state: "hidden" });
    expect(await slow.locator("#message").textContent()).toBe("Cancelled.");
    expect(await slow.locator("tr[data-chat-id]").count()).toBe(100);
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
    // The comment is kept, on a line of its own above the query.
    expect(
      await formatting.evaluate(() =>
        Array.from(document.querySelectorAll(".cm-line"), (line) => line.textContent),
      ),
    ).toEqual([
      "# why",
      "status = on_hold and (rating = poor or assignee != 3129) count by assignee, createdAt per week limit 5",
    ]);
    await typeQuery("status = = closed", formatting);
    await formatting.getByRole("button", { name: "Format" }).click();
    // Said by the editor, under the buttons; the results panel keeps what it said.
    const said = formatting.locator(".query .message");
    expect(await said.textContent()).toBe("The query cannot be formatted until its syntax errors are fixed.");
    expect(await said.getAttribute("class")).toBe("message error");
    expect(await formatting.locator("#message").textContent()).toBe("Type a query and press Ctrl-Enter.");
    expect(await editor(formatting).textContent()).toBe("status = = closed");
    await shot("format-message", formatting);
    // Once the text is fixed (the second "= " deleted), the message is gone.
    await editor(formatting).click();
    await formatting.keyboard.press("Home");
    for (const _ of "status = ") await formatting.keyboard.press("ArrowRight");
    await formatting.keyboard.press("Delete");
    await formatting.keyboard.press("Delete");
    expect(await editor(formatting).textContent()).toBe("status = closed");
    await said.waitFor({ state: "hidden" });
    expect(await formatting.locator("#message").textContent()).toBe("Type a query and press Ctrl-Enter.");
    await formatting.context().close();
  });

  it("runs the query shown again when the time zone changes: one search, in the new zone", async () => {
    const query = "createdAt >= 2026-10-01 count by createdAt per day";
    const [berlin, kiritimati] = await Promise.all([runCount(query), runCount(query, "Pacific/Kiritimati")]);
    // 13 hours apart, the days hold other chats.
    expect(kiritimati.groups.map((g) => g.count)).not.toEqual(berlin.groups.map((g) => g.count));
    const zoned = await openPage(query);
    const runs = runsOf(zoned);
    await runShown(zoned);
    expect(await drawnCounts(zoned, "g.bucket")).toEqual(berlin.groups.map((g) => String(g.count)));
    // Another query typed but not run: the one whose results are shown runs again.
    await typeQuery("status = new", zoned);
    await zoned.locator("#zone").selectOption("Pacific/Kiritimati");
    await expect
      .poll(() => drawnCounts(zoned, "g.bucket"))
      .toEqual(kiritimati.groups.map((g) => String(g.count)));
    expect(runs).toEqual([
      { query, timeZone: "Europe/Berlin", shown: 0, all: false },
      { query, timeZone: "Pacific/Kiritimati", shown: 0, all: false },
    ]);
    expect(await editor(zoned).textContent()).toBe("status = new");
    await zoned.context().close();
  });

  it("searches nothing when the time zone changes before any run", async () => {
    const zoned = await openPage("rating = poor limit 3");
    const runs = runsOf(zoned);
    await zoned.locator("#zone").selectOption("Asia/Tokyo");
    await runShown(zoned);
    expect(await zoned.locator("tr[data-chat-id]").count()).toBe(3);
    // Had the new zone started a search, it would have been sent before the Run button's.
    expect(runs).toEqual([{ query: "rating = poor limit 3", timeZone: "Asia/Tokyo", shown: 0, all: false }]);
    await zoned.context().close();
  });

  it("supersedes a run in flight when the time zone changes; Cancel then clears what it was replacing", async () => {
    const slow = await openPage("limit 1", slowWeb);
    const runs = runsOf(slow);
    const failed: Promise<string>[] = [];
    slow.on("request", (request) => {
      if (runs.length === 1)
        failed.push(
          slow.waitForEvent("requestfailed", (r) => r === request).then((r) => r.failure()!.errorText),
        );
    });
    // Every text the message line shows from now on.
    await slow.evaluate(() => {
      const message = document.getElementById("message")!;
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        if (!message.hidden) seen.push(message.textContent ?? "");
      }).observe(message, { attributes: true, childList: true, characterData: true, subtree: true });
    });
    await editor(slow).focus();
    await slow.keyboard.press("Control+Enter");
    await slow.locator("#progress").waitFor();
    // Each search takes 1 s: the first run is still waiting for its answer.
    await slow.locator("#zone").selectOption("Asia/Tokyo");
    expect(await failed[0]).toBe("net::ERR_ABORTED");
    await slow.locator("tr[data-chat-id]").waitFor();
    await slow.locator("#progress").waitFor({ state: "hidden" });
    expect(runs.map((r) => r.timeZone)).toEqual(["Europe/Berlin", "Asia/Tokyo"]);
    expect(await slow.locator("tr[data-chat-id]").count()).toBe(1);
    expect(untimed(await slow.locator("#footer").textContent())).toBe("chat 1 of 600 · 1 request · (time)");
    // The superseded run said nothing: no "Cancelled.", no other message; each run said it was searching.
    const seen = await slow.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((text) => text !== "Searching…")).toEqual([]);
    // Cancelling the first page of a run leaves none of the results it would have replaced.
    await typeQuery("rating = poor limit 2", slow);
    await slow.getByRole("button", { name: "Run" }).click();
    await slow.getByRole("button", { name: "Cancel" }).click();
    await slow.locator("#progress").waitFor({ state: "hidden" });
    expect(await slow.locator("#message").textContent()).toBe("Cancelled.");
    expect(await slow.locator("tr[data-chat-id]").count()).toBe(0);
    expect(await slow.locator("#footer").textContent()).toBe("");
    await slow.context().close();
  });

  it.each([
    ["status = closed limit 3", "count by status sort by createdAt", "The query has a problem; see above."],
    ["count by status", "limit 0", "The query has a problem; see above."],
    ["rating = poor", "limit 10001", "The query has a problem; see above."],
    ["status = closed limit 3", "limit 0 count by stauts", "The query has 2 problems; see above."],
  ])("after %s, running %s clears the results", async (good, bad, message) => {
    const failing = await openPage(good);
    await runShown(failing);
    await failing.locator("#counts svg, tr[data-chat-id]").first().waitFor();
    const chats = await failing.locator("tr[data-chat-id]").count();
    if (chats > 0) {
      await failing.locator("tr[data-chat-id]").first().click();
      await failing.locator("#detail").waitFor();
    }
    expect(await failing.locator("#footer").textContent()).not.toBe("");
    await typeQuery(bad, failing);
    await runShown(failing);
    expect(await failing.locator("#message").textContent()).toBe(message);
    expect(await failing.locator("#counts svg, #counts table, tr[data-chat-id]").count()).toBe(0);
    expect(await failing.locator("#counts").isHidden()).toBe(true);
    expect(await failing.locator("#table-wrap").isHidden()).toBe(true);
    expect(await failing.locator("#footer").textContent()).toBe("");
    expect(await failing.locator(".result-actions button:visible").count()).toBe(0);
    expect(await failing.locator("#detail").isHidden()).toBe(true);
    // Nothing on screen to run again in another zone.
    const runs = runsOf(failing);
    await failing.locator("#zone").selectOption("UTC");
    await runShown(failing);
    expect(runs).toEqual([]);
    await failing.context().close();
  });

  it.each(["limit 2 offset 3", "offset 3"])("writes the footer of %s as hcql run does", async (query) => {
    const cli = await cliFooter(query);
    const offset = await openPage(query);
    await runShown(offset);
    expect(await rowIds(offset)).toEqual(await runIds([query]));
    expect(untimed(await offset.locator("#footer").textContent())).toBe(untimed(cli));
    expect(untimed(cli)).toBe(
      query === "offset 3"
        ? "chats 4–103 of 600 · 1 request · (time)"
        : "chats 4–5 of 600 · 1 request · (time)",
    );
    if (query === "offset 3") {
      await offset.getByRole("button", { name: "Next page" }).click();
      await expect.poll(() => offset.locator("tr[data-chat-id]").count()).toBe(200);
      expect(untimed(await offset.locator("#footer").textContent())).toBe(
        "chats 4–203 of 600 · 2 requests · (time)",
      );
    }
    await offset.context().close();
  });

  it("labels a per-hour chart's axis with round, short times: dates at midnight, the first bucket in full", async () => {
    const query = "count by createdAt per hour";
    const expected = await runCount(query);
    const hours = await openPage(query);
    await runShown(hours);
    await hours.locator("#counts .time-series").waitFor();
    const drawn = await hours.evaluate(() => {
      const svg = document.querySelector<SVGSVGElement>("#counts .time-series")!;
      const box = svg.getBoundingClientRect();
      const labels = Array.from(svg.querySelectorAll<SVGTextElement>("text.axis"), (t) => {
        const r = t.getBoundingClientRect();
        // The bucket it stands under: its title says which ("2026-11-02T06:00+01:00: 3").
        const key = t.parentElement!.querySelector("title")!.textContent!.replace(/: [\d,]+$/, "");
        return { text: t.textContent!, key, left: r.left - box.left, right: r.right - box.left };
      });
      return { width: box.width, labels };
    });
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const dayOf = (key: string) => `${months[Number(key.slice(5, 7)) - 1]} ${Number(key.slice(8, 10))}`;
    const [first, ...rest] = drawn.labels;
    const firstKey = expected.groups[0]!.key.createdAt as string;
    const lastKey = expected.groups.findLast((g) => g.key.createdAt !== null)!.key.createdAt as string;
    // The span is a year and more: the first bucket, in full (with its year) but without its offset.
    expect(lastKey.slice(0, 4)).not.toBe(firstKey.slice(0, 4));
    expect(first).toMatchObject({
      key: firstKey,
      text: `${dayOf(firstKey)}, ${firstKey.slice(0, 4)} ${firstKey.slice(11, 16)}`,
    });
    expect(rest.length).toBeGreaterThan(3);
    for (const label of rest) {
      // The midnight that starts a day, a month or a year, named short.
      expect(label.key).toMatch(/T00:00[+-]\d{2}:\d{2}$/);
      const [year, month, day] = label.key.slice(0, 10).split("-").map(Number);
      const named = day !== 1 ? dayOf(label.key) : month !== 1 ? months[month! - 1]! : String(year);
      expect(label.text).toBe(named);
    }
    // Side by side, in time order, inside the chart.
    expect(drawn.labels.every((l, i) => i === 0 || l.left >= drawn.labels[i - 1]!.right)).toBe(true);
    expect(drawn.labels.every((l) => l.left >= 0 && l.right <= drawn.width)).toBe(true);
    await shot("count-per-hour", hours);
    await hours.context().close();
  });

  it("draws no chart for a time series with no dated bucket: only what the chats without the date are", async () => {
    const query = "status = new count by closedAt per day";
    const expected = await runCount(query);
    expect(expected.groups).toEqual([{ key: { closedAt: null }, count: expected.total }]);
    const undated = await openPage(query);
    await runShown(undated);
    await undated.locator("#counts figcaption").waitFor();
    expect(await undated.locator("#counts figcaption").textContent()).toBe(
      `${formatCount(expected.total)} chats have no closedAt.`,
    );
    expect(await undated.locator("#counts svg").count()).toBe(0);
    // The table still holds the one group.
    expect(await undated.locator("#counts table.counts tbody tr").allTextContents()).toEqual([
      `—${formatCount(expected.total)}`,
    ]);
    await undated.context().close();
  });

  it("scales the per-day chart's y axis in whole steps, each tick at its height", async () => {
    const query = "status = pending count by createdAt per day";
    const expected = await runCount(query);
    expect(Math.max(...expected.groups.map((g) => g.count))).toBe(3);
    const series = await openPage(query);
    await runShown(series);
    expect(await series.locator("#counts .tick text").allTextContents()).toEqual(["0", "1", "2", "3"]);
    // The top of a column of 0, 1, 2 or 3 chats is on the line of its tick.
    const geometry = await series.evaluate(() => {
      const ticks = Array.from(document.querySelectorAll("#counts .tick line"), (l) =>
        Number(l.getAttribute("y1")),
      );
      const tops: Record<string, number> = {};
      for (const g of Array.from(document.querySelectorAll("#counts g.bucket"))) {
        tops[g.getAttribute("data-count")!] = Number(g.querySelector("rect")!.getAttribute("y"));
      }
      return { ticks, tops: [tops["0"], tops["1"], tops["2"], tops["3"]] };
    });
    expect(geometry.tops).toEqual(geometry.ticks);
    await series.context().close();
  });

  it.each([
    "status = closed count by department, closedAt per week",
    "status in (new, opened) and department = 12 limit 10",
    "status in (new, opened) or rating = poor",
    "(status = new and status = closed) or createdAt >= 2026-06-01",
  ])("explains %s in the sentences of hcql explain", async (query) => {
    const result = await hcql(["explain", "--tz", "Europe/Berlin", query], {
      env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: served.url },
    });
    const explaining = await openPage(query);
    await explaining.getByRole("tab", { name: "Explain" }).click();
    await explaining.locator("#explain .request").first().waitFor();
    // The same lines but for the clock's time and the way to fetch every match (the page's All button).
    const lines = (text: string) =>
      text
        .replace(/now = \d+ \([^)]*\)/, "now = (now)")
        .replaceAll("--all", "the All button")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "");
    const shown = await explaining
      .locator("#explain")
      .locator("p, h3, li, pre")
      .evaluateAll((blocks) => blocks.map((b) => b.textContent).join("\n"));
    expect(lines(shown)).toEqual(lines(result.stdout));
    expect(result.stdout).toMatch(/^(Count|Order): /m);
    await explaining.context().close();
  });

  it.each([
    ["status = 5 or", "End", ["at the end of the query: expected a condition after 'or'"]],
    ["stat", "End", ["at the end of the query: expected an operator after 'stat'"]],
    [
      "stat",
      "Home",
      ["“stat”: unknown field 'stat'", "at the end of the query: expected an operator after 'stat'"],
    ],
  ])("places %s's problem with the cursor at %s", async (query, key, problems) => {
    await typeQuery(query);
    await page.keyboard.press(key);
    const shown = () =>
      page
        .locator("#diagnostics li")
        .evaluateAll((items) =>
          items.map(
            (li) =>
              `${li.querySelector(".where")?.textContent}: ${li.querySelector(".diagnostic-message")?.textContent}`,
          ),
        );
    await expect.poll(shown).toEqual(problems);
  });

  it.each([
    ["status = closed count by department, closedAt per week", ".bar-chart"],
    ["status = new count by createdAt per day", ".time-series"],
  ])("draws %s at 360 px in the page's small text, inside the screen", async (query, chart) => {
    const narrow = await openPage(query, web, { viewport: { width: 360, height: 780 } });
    await runShown(narrow);
    await narrow.locator(`#counts ${chart}`).waitFor();
    const drawn = await narrow.evaluate((selector) => {
      const svg = document.querySelector<SVGSVGElement>(`#counts ${selector}`)!;
      const box = svg.getBoundingClientRect();
      const texts = Array.from(svg.querySelectorAll("text"), (t) => t.getBoundingClientRect());
      const axis = Array.from(svg.querySelectorAll("text.axis"), (t) => t.getBoundingClientRect()).sort(
        (a, b) => a.left - b.left,
      );
      return {
        scale: box.width / svg.viewBox.baseVal.width,
        fontSize: getComputedStyle(svg.querySelector("text")!).fontSize,
        shortest: Math.min(...texts.map((t) => t.height)),
        outside: texts.filter((t) => t.left < box.left - 0.5 || t.right > box.right + 0.5).length,
        overlapping: axis.filter((t, i) => i > 0 && t.left < axis[i - 1]!.right).length,
        pageWidth: document.documentElement.scrollWidth,
      };
    }, chart);
    expect(drawn).toEqual({
      scale: 1,
      fontSize: "13px",
      shortest: drawn.shortest,
      outside: 0,
      overlapping: 0,
      pageWidth: 360,
    });
    expect(drawn.shortest).toBeGreaterThanOrEqual(13);
    await shot(`11-narrow${chart.replace(".", "-")}`, narrow);
    await narrow.context().close();
  });

  it("draws a count's chart for the width it has: after a resize, and when the Results tab opens", async () => {
    const resized = await openPage("count by status");
    const sizes = () =>
      resized.evaluate(() => {
        const svg = document.querySelector<SVGSVGElement>("#counts svg")!;
        const room = document.getElementById("counts")!.clientWidth;
        return { drawn: svg.viewBox.baseVal.width, shown: svg.getBoundingClientRect().width, room };
      });
    // Run again while the Explain tab is open, as a new time zone does (the Run button would show the
    // Results tab): the chart is drawn when the Results tab shows it.
    await runShown(resized);
    await resized.getByRole("tab", { name: "Explain" }).click();
    const runs = runsOf(resized);
    await resized.locator("#zone").selectOption("UTC");
    await expect.poll(() => runs.length).toBe(1);
    await resized.locator("#progress").waitFor({ state: "hidden" });
    expect(await resized.locator("#explain").isVisible()).toBe(true);
    expect(await resized.locator("#counts svg").count()).toBe(0);
    await resized.getByRole("tab", { name: "Results" }).click();
    // At most 760 px wide, however wide the page.
    const wide = await sizes();
    expect(wide).toEqual({ drawn: 760, shown: 760, room: wide.room });
    expect(wide.room).toBeGreaterThan(760);
    await resized.setViewportSize({ width: 420, height: 860 });
    const narrow = await resized.evaluate(() => document.getElementById("counts")!.clientWidth);
    expect(narrow).toBeLessThan(420);
    await expect.poll(sizes).toEqual({ drawn: narrow, shown: narrow, room: narrow });
    await resized.context().close();
  });

  it("keeps the Recent list's width, and the toolbar's place, whatever queries it holds", async () => {
    const toolbar = await openPage("rating = poor limit 1");
    const boxes = () =>
      toolbar.evaluate(() =>
        ["run", "format", "recent"].map((id) => {
          // Across: the editor above may wrap a long query onto more lines.
          const { x, width } = document.getElementById(id)!.getBoundingClientRect();
          return { id, x, width };
        }),
      );
    const before = await boxes();
    const long =
      "status in (new, opened, pending, closed) and rating in (poor, average) and assignee != 3129 and department != 101 limit 1";
    for (const query of ["rating = poor limit 1", long]) {
      await typeQuery(query, toolbar);
      await runShown(toolbar);
    }
    expect(await toolbar.locator("#recent option").allTextContents()).toEqual([
      "—",
      `${long.slice(0, 79)}…`,
      "rating = poor limit 1",
    ]);
    expect(await boxes()).toEqual(before);
    expect(await toolbar.locator("#recent option").nth(1).getAttribute("title")).toBe(long);
    await toolbar.context().close();
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

  it.each(["Control+Enter", "the Run button"])(
    "shows the Results tab when a run starts from the Explain tab (%s)",
    async (how) => {
      const explaining = await openPage("rating = poor limit 3");
      await explaining.getByRole("tab", { name: "Explain" }).click();
      await explaining.locator("#explain .request").first().waitFor();
      if (how === "Control+Enter") {
        await editor(explaining).focus();
        await explaining.keyboard.press("Control+Enter");
      } else {
        await explaining.getByRole("button", { name: "Run" }).click();
      }
      await explaining.locator("tr[data-chat-id]").first().waitFor();
      expect(await explaining.getByRole("tab", { name: "Results" }).getAttribute("aria-selected")).toBe(
        "true",
      );
      expect(await explaining.locator("#explain").isHidden()).toBe(true);
      expect(await rowIds(explaining)).toEqual(await runIds(["rating = poor limit 3"]));
      await explaining.context().close();
    },
  );

  it("marks the results as those of the previous query once the query is edited, until it runs", async () => {
    const query = "rating = poor limit 3";
    const editing = await openPage(query);
    const note = editing.locator("#stale");
    const describedBy = () => editing.locator("#results").getAttribute("aria-describedby");
    await runShown(editing);
    expect(await editing.locator("tr[data-chat-id]").count()).toBe(3);
    expect(await note.isHidden()).toBe(true);
    await editor(editing).click();
    await editing.keyboard.press("End");
    await editing.keyboard.type(" offset 1");
    await note.waitFor();
    expect(await note.textContent()).toBe("These results are for the previous query: run it to update them.");
    expect(await describedBy()).toBe("stale");
    // Back to the query that ran: its results are current again.
    for (const _ of " offset 1") await editing.keyboard.press("Backspace");
    await note.waitFor({ state: "hidden" });
    expect(await describedBy()).toBeNull();
    await editing.keyboard.type(" offset 1");
    await note.waitFor();
    await runShown(editing);
    expect(await note.isHidden()).toBe(true);
    expect(await describedBy()).toBeNull();
    expect(await rowIds(editing)).toEqual(await runIds([`${query} offset 1`]));
    // A query with problems clears the results: none are left to be out of date.
    await typeQuery("limit 0", editing);
    await runShown(editing);
    await typeQuery("limit 1", editing);
    expect(await note.isHidden()).toBe(true);
    await editing.context().close();
  });

  it("counts a query's problems until it is edited, when the list above is the new text's", async () => {
    const editing = await openPage("limit 0 count by stauts");
    const message = editing.locator("#message");
    await runShown(editing);
    expect(await message.textContent()).toBe("The query has 2 problems; see above.");
    await editor(editing).click();
    await editing.keyboard.press("End");
    await editing.keyboard.type(" ");
    await expect.poll(() => message.textContent()).toBe("Type a query and press Ctrl-Enter.");
    await editing.context().close();
  });

  it("says so when the hcql web server has stopped, keeps the results on screen as not current, and leaves the run out of Recent", async () => {
    const own = await startWeb([], { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: served.url });
    const orphan = await openPage("rating = poor limit 2", own);
    await runShown(orphan);
    const shown = await rowIds(orphan);
    expect(shown).toEqual(await runIds(["rating = poor limit 2"]));
    const footer = await orphan.locator("#footer").textContent();
    await own.stop();
    const message = orphan.locator("#message");
    const stale = orphan.locator("#stale");
    const recent = () => orphan.locator("#recent option").allTextContents();
    // Another query: the results on screen are those of the one before.
    await typeQuery("rating = great limit 3", orphan);
    await runShown(orphan);
    expect(await message.textContent()).toBe("The hcql web server is not answering (was it stopped?)");
    expect(await message.getAttribute("class")).toBe("message error");
    expect(await rowIds(orphan)).toEqual(shown);
    expect(await orphan.locator("#footer").textContent()).toBe(footer);
    expect(await stale.isVisible()).toBe(true);
    expect(await stale.textContent()).toBe(
      "These results are for the previous query: run it to update them.",
    );
    expect(await recent()).toEqual(["—", "rating = poor limit 2"]);
    await shot("server-stopped", orphan);
    // The same query again: its results on screen are those of the run before.
    await typeQuery("rating = poor limit 2", orphan);
    await runShown(orphan);
    expect(await message.textContent()).toBe("The hcql web server is not answering (was it stopped?)");
    expect(await rowIds(orphan)).toEqual(shown);
    expect(await stale.textContent()).toBe(
      "These results are from an earlier run of this query: the last run failed.",
    );
    expect(await stale.isVisible()).toBe(true);
    expect(await recent()).toEqual(["—", "rating = poor limit 2"]);
    await orphan.context().close();
  });

  it("says what to do when hcql web started again since the page opened: its token is new", async () => {
    const first = await startWeb([], { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: served.url });
    const port = new URL(first.url).port;
    const orphan = await openPage("rating = poor limit 2", first);
    await first.stop();
    const again = await startWeb(["--port", port], {
      HELPCRUNCH_API_KEY: KEY,
      HELPCRUNCH_API_URL: served.url,
    });
    try {
      expect(again.token).not.toBe(first.token);
      await runShown(orphan);
      expect(await orphan.locator("#message").textContent()).toBe(
        "The server refused the query (403): a valid token is needed: open the URL hcql web printed (its token changes each time hcql web starts)",
      );
    } finally {
      await orphan.context().close();
      await again.stop();
    }
  });

  it("announces what the message line says: it is a polite live region", async () => {
    const told = await openPage("status = = closed");
    await runShown(told);
    const status = told.getByRole("status").filter({ hasText: "The query has a problem; see above." });
    expect(await status.count()).toBe(1);
    expect(await status.getAttribute("id")).toBe("message");
    expect(await status.getAttribute("aria-live")).toBe("polite");
    await told.context().close();
  });

  it.each(["light", "dark"] as const)(
    "keeps text at 4.5:1 or more against its backgrounds: %s",
    async (scheme) => {
      const themed = await newPage({ colorScheme: scheme });
      await themed.goto(web.url);
      // Elements of each kind in the results panel, coloured by the page's own rules.
      const seen = await themed.evaluate(() => {
        const probe = (className: string, style = "") => {
          const element = document.createElement("span");
          element.className = className;
          element.setAttribute("style", style);
          document.getElementById("results")!.append(element);
          return getComputedStyle(element);
        };
        const tokens = ["keyword", "field", "operator", "string", "number", "date", "comment", "error"];
        const badges = ["new", "opened", "pending", "on_hold", "closed"].map((s) => `status-${s}`);
        badges.push(...["great", "average", "poor"].map((r) => `rating-${r}`));
        return {
          // The panels, a row pointed at or opened, and the query's part an explained item lights.
          backgrounds: {
            panel: probe("", "background: var(--panel)").backgroundColor,
            row: probe("", "background: var(--row-hover)").backgroundColor,
            lit: probe("", "background: var(--lit)").backgroundColor,
          },
          text: {
            text: getComputedStyle(document.body).color,
            muted: probe("missing").color,
            ...Object.fromEntries(tokens.map((t) => [`tok-${t}`, probe(`tok-${t}`).color])),
          },
          badges: Object.fromEntries(badges.map((b) => [b, probe(`badge ${b}`).color])),
        };
      });
      const low: string[] = [];
      const check = (colours: Record<string, string>, on: readonly ("panel" | "row" | "lit")[]) => {
        for (const [name, colour] of Object.entries(colours)) {
          for (const background of on) {
            const ratio = contrast(colour, seen.backgrounds[background]);
            if (ratio < 4.5) low.push(`${name} on ${background}: ${ratio.toFixed(2)}`);
          }
        }
      };
      check(seen.text, ["panel", "lit"]);
      check(seen.badges, ["panel", "row"]);
      expect(low).toEqual([]);
      // The lit part still stands out from the panel: a visible edge.
      expect(
        await themed.evaluate(() => {
          const element = document.createElement("span");
          element.className = "cm-lit";
          document.getElementById("results")!.append(element);
          return getComputedStyle(element).boxShadow;
        }),
      ).not.toBe("none");
      await themed.context().close();
    },
  );

  it("loads a recent query on an explicit choice only, not as the arrow keys browse the list", async () => {
    const picking = await openPage("rating = poor limit 1");
    await runShown(picking);
    await typeQuery("rating = great limit 1", picking);
    await runShown(picking);
    await typeQuery("status = new", picking);
    const runs = runsOf(picking);
    const select = picking.locator("#recent");
    const focused = () => picking.evaluate(() => document.activeElement?.id);
    await select.focus();
    await picking.keyboard.press("ArrowDown");
    expect(await select.inputValue()).toBe("rating = great limit 1");
    await picking.keyboard.press("ArrowDown");
    expect(await select.inputValue()).toBe("rating = poor limit 1");
    expect(await editor(picking).textContent()).toBe("status = new");
    expect(await focused()).toBe("recent");
    // Enter chooses: the query goes into the editor, which has the focus, and is not run.
    await picking.keyboard.press("Enter");
    await expect.poll(() => editor(picking).textContent()).toBe("rating = poor limit 1");
    expect(await picking.evaluate(() => document.activeElement?.classList.contains("cm-content"))).toBe(true);
    expect(await select.inputValue()).toBe("");
    // Browsed and left: nothing loaded, and the list back at its start.
    await select.focus();
    await picking.keyboard.press("ArrowDown");
    await picking.keyboard.press("Tab");
    expect(await select.inputValue()).toBe("");
    expect(await editor(picking).textContent()).toBe("rating = poor limit 1");
    // A choice from the open list (the mouse's): loaded at once.
    await select.selectOption("rating = great limit 1");
    await expect.poll(() => editor(picking).textContent()).toBe("rating = great limit 1");
    // A pick in the same moment as a key that browses nothing (Tab): loaded too, whatever the timing.
    await picking.evaluate(() => {
      const list = document.getElementById("recent") as HTMLSelectElement;
      list.dispatchEvent(new KeyboardEvent("keydown", { key: "Tab", bubbles: true }));
      list.value = "rating = poor limit 1";
      list.dispatchEvent(new Event("change", { bubbles: true }));
    });
    expect(await editor(picking).textContent()).toBe("rating = poor limit 1");
    expect(runs).toEqual([]);
    await picking.context().close();
  });

  it("opens a chat on a phone as a modal dialog: the page behind is inert until Escape closes it", async () => {
    const phone = await openPage("rating = poor limit 3", web, { viewport: { width: 360, height: 740 } });
    await runShown(phone);
    const row = phone.locator("tr[data-chat-id]").first();
    const id = await row.getAttribute("data-chat-id");
    const inert = () =>
      phone.evaluate(() =>
        ["header", "main", ".skip"].map((s) => document.querySelector<HTMLElement>(s)!.inert),
      );
    await row.click();
    const dialog = phone.getByRole("dialog", { name: `Chat ${id}` });
    await dialog.waitFor();
    expect(await dialog.getAttribute("aria-modal")).toBe("true");
    expect(await inert()).toEqual([true, true, true]);
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe("detail-close");
    // The keyboard stays in the dialog.
    const outside: string[] = [];
    for (let i = 0; i < 4; i++) {
      await phone.keyboard.press("Tab");
      const where = await phone.evaluate(() => {
        const active = document.activeElement;
        return active === null ||
          active === document.body ||
          document.getElementById("detail")!.contains(active)
          ? undefined
          : active.outerHTML.slice(0, 80);
      });
      if (where !== undefined) outside.push(where);
    }
    expect(outside).toEqual([]);
    await phone.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await inert()).toEqual([false, false, false]);
    expect(await phone.evaluate(() => document.activeElement?.getAttribute("data-chat-id"))).toBe(id);
    // On a wide screen the pane sits beside the results, which stay in use; narrowed, it is modal again.
    await phone.setViewportSize({ width: 1280, height: 860 });
    await row.click();
    await dialog.waitFor();
    expect(await dialog.getAttribute("aria-modal")).toBeNull();
    expect(await inert()).toEqual([false, false, false]);
    await phone.setViewportSize({ width: 360, height: 740 });
    await expect.poll(() => dialog.getAttribute("aria-modal")).toBe("true");
    expect(await inert()).toEqual([true, true, true]);
    await phone.context().close();
  });

  it("names the Run button Run, with its shortcut in aria-keyshortcuts", async () => {
    const run = page.locator("#run");
    expect(await run.ariaSnapshot()).toBe('- button "Run"');
    expect(await run.getAttribute("aria-keyshortcuts")).toBe("Control+Enter");
    // Still shown to the eye.
    expect(await run.textContent()).toBe("Run Ctrl+Enter");
    expect(await run.locator("kbd").first().isVisible()).toBe(true);
  });
});
