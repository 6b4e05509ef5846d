import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { VERSION } from "../../src/version.js";
import { KEYS, openTerminal, screenLines } from "../support/pty.js";

/** `.x` of the two oldest chats of the test emulator (id, status, created, rating chosen with .columns). */
const EXPANDED = [
  "-[ RECORD 1 ]-------------",
  "id      | 5200018",
  "status  | closed",
  "created | 2024-06-20 05:52",
  "rating  | average",
  "-[ RECORD 2 ]-------------",
  "id      | 5200039",
  "status  | closed",
  "created | 2024-06-20 06:08",
  "rating  | great",
].join("\n");

/** The shell as a person uses it: `node dist/cli.cjs` in a real pseudo-terminal. */

const KEY = "test-key-7f3a9c";
let emulator: Emulator;
let slow: Emulator;
/** Every request waits 1.5 s: a search that is surely running while keys are typed. */
let unhurried: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY], chats: 300, anchor: 1_750_000_000 });
  // Every request waits 20 s: a search that is still running when Ctrl-C comes.
  slow = await startEmulator({
    keys: [KEY],
    chats: 50,
    failRate: 1,
    faults: ["delay"],
    faultDelayMs: [20_000, 20_000],
  });
  unhurried = await startEmulator({
    keys: [KEY],
    chats: 50,
    failRate: 1,
    faults: ["delay"],
    faultDelayMs: [1500, 1500],
  });
});

afterAll(async () => {
  await Promise.all([emulator?.close(), slow?.close(), unhurried?.close()]);
});

describe("the shell in a terminal", () => {
  it("runs queries, completes, explains, reports typos and continues unfinished input", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("demo: 2,500 generated chats · set HELPCRUNCH_API_KEY to search your account");
    await t.waitFor("hcql> ");

    t.line("status = pending sort by createdAt desc limit 3");
    const table = await t.waitFor(/chats 1–3 of [\d,]+ · \d+ requests? · /);
    expect(table).toMatch(/ID\s+STATUS\s+CREATED\s+CUSTOMER/);
    expect(table.match(/^\s*\d+ {2}pending {2}/gm)?.length).toBe(3);

    t.markNow();
    t.write(`sta${KEYS.tab}`);
    await t.waitFor("hcql> status ");
    t.write(`= ${KEYS.tab}`);
    const listed = await t.waitFor("no_communication");
    for (const name of ["new", "opened", "pending", "on_hold", "closed", "empty"])
      expect(listed).toContain(name);
    t.write(`pen${KEYS.tab}`);
    await t.waitFor("status = pending ");
    t.write(KEYS.ctrlC);
    await t.waitFor("hcql> ");

    t.line(".explain status = new or (tags = vip and rating = poor)");
    const explained = await t.waitFor(/Request 2 of 2.*: POST \/v1\/chats\/search/);
    expect(explained).toContain(
      '{"field":"chats.customer.tagsData","operator":"=","value":[{"name":"vip"}]}',
    );
    expect(explained).toContain('"comparison": "AND"');

    t.line("stauts = new");
    const typo = await t.waitFor("did you mean 'status'?");
    expect(typo).toContain("error[unknown-field]: unknown field 'stauts'");
    expect(typo).toContain("^^^^^^");

    t.line("status in (new,");
    await t.waitFor(" ...> ");
    t.line("closed) limit 2");
    await t.waitFor(/chats 1–2 of [\d,]+ · /);

    t.line(".nonsense");
    await t.waitFor("unknown command '.nonsense'");
    // NO_COLOR: what is typed is not painted.
    expect(t.raw).not.toContain("\x1b[36mstatus");
  });

  it("takes a long pasted line in at once: 60,000 characters run within seconds, not minutes", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("Ctrl-D to leave");
    const emails = Array.from({ length: 2700 }, (_, i) => `"user${i}@example.com"`).join(", ");
    const paste = `\x1b[200~email in (${emails}) limit 2${KEYS.enter}\x1b[201~`;
    expect(paste.length).toBeGreaterThan(60_000);
    t.markNow();
    // In pieces, each once the shell has taken the one before (its echo shows): a write the shell is
    // not reading waits, and the shell's echo then waits for this process to read it.
    const started = Date.now();
    let i = 0;
    for (; i + 1024 < paste.length; i += 1024) {
      const from = t.raw.length;
      t.write(paste.slice(i, i + 1024));
      const echoed = paste.slice(i + 1004, i + 1024);
      const left = 20_000 - (Date.now() - started);
      await t.waitUntil(() => t.raw.includes(echoed, from), "the echo of the paste", left);
    }
    t.write(paste.slice(i));
    // Measuring the whole line at each character took about a minute for this paste.
    await t.waitFor(/chats 1–2 of [\d,]+ · 1 request · /, 20_000 - (Date.now() - started));
    // Pasted where the cursor is, not at the end of the line.
    t.write("status =  limit 1\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D");
    t.markNow();
    t.write(`\x1b[200~new\x1b[201~${KEYS.enter}`);
    await t.waitFor(/chat 1 of [\d,]+ · 1 request · /);
    expect(t.text).not.toContain("error");
  });

  it("runs the lines of a paste as one query once the paste ends; an unfinished one waits for more", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("Ctrl-D to leave");
    const paste = (text: string) => t.write(`\x1b[200~${text.replace(/\n/g, KEYS.enter)}\x1b[201~`);
    paste("rating = poor\n  and createdAt > 30d ago\n  sort by closedAt desc limit 3\n");
    const shown = await t.waitFor(/chats 1–3 of [\d,]+ · 1 request · /);
    expect(shown).not.toContain("error");
    expect(shown).not.toMatch(/chats 1–20 of/);
    // The terminal was asked to mark pastes (bracketed paste).
    expect(t.raw).toContain("\x1b[?2004h");

    paste("status = new and\n");
    await t.waitFor(" ...> ");
    t.line("rating = poor limit 1");
    await t.waitFor(/no chats · 1 request · /);

    // A dot command ends the query pasted before it: the paste's lines run in the order they came.
    paste(".limit 1\nstatus = closed\n.limit 2\nstatus = new\n");
    const ordered = await t.waitFor(/chats 1–2 of [\d,]+ · 1 request · /);
    const closedPage = ordered.indexOf("chat 1 of");
    expect(closedPage).toBeGreaterThan(ordered.indexOf("page size: 1"));
    expect(closedPage).toBeLessThan(ordered.indexOf("page size: 2"));
    expect(ordered.slice(closedPage - 200, closedPage)).toMatch(/\d+ {2}closed {2}/);
    t.line(".limit 20");
    await t.waitFor("page size: 20");

    // A blank line ends a pasted query: the next line starts another.
    t.markNow();
    paste("status = new limit 1\n\nstatus = closed limit 1\n");
    await t.waitFor(/chat 1 of [\d,]+ · 1 request · [\s\S]*chat 1 of [\d,]+ · 1 request · /);
    expect(t.text).not.toContain("error");

    // Without a line break at its end, a paste is only typed: Enter runs it.
    paste("status = pending limit 1");
    t.line("");
    await t.waitFor(/chat 1 of [\d,]+ · 1 request · /);
    t.write(KEYS.ctrlD);
    expect(await t.exit()).toBe(0);
    expect(t.raw).toContain("\x1b[?2004l");
  });

  it("answers lines typed before its prompt, in order: a compile at once, then a search of the demo", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    t.write(`.compile status = pending${KEYS.enter}status = new limit 1${KEYS.enter}`);
    const compiled = await t.waitFor('{"field":"chats.status","operator":"=","value":"3"}');
    expect(compiled).not.toMatch(/chat 1 of/);
    await t.waitFor(/chat 1 of [\d,]+ · 1 request · /);
  });

  it("paints the line being typed: fields, operators, keywords, and an invalid token in red", async () => {
    const t = openTerminal();
    await t.waitFor("hcql> ");
    await t.waitFor("Ctrl-D to leave");
    t.markNow();
    t.write("status = new and $");
    const raw = await t.waitForRaw("\x1b[31m\x1b[4m$");
    expect(raw).toContain("\x1b[36mstatus\x1b[39m \x1b[33m=\x1b[39m new \x1b[1m\x1b[35mand");
    t.write(KEYS.ctrlC);
  });

  it("paints what the checker rejects once typing pauses: an unknown field, a wrong value", async () => {
    const t = openTerminal();
    await t.waitFor("hcql> ");
    t.line(".format");
    await t.waitFor("format: table");
    t.markNow();
    t.write("stauts = 1 and rating = grate");
    const raw = await t.waitForRaw("\x1b[31m\x1b[4mgrate");
    expect(raw).toContain("\x1b[31m\x1b[4mstauts");
    t.write(KEYS.ctrlC);
  });

  it("leaves a field's name being typed unpainted, and names the field it cuts short once typing moves on", async () => {
    const t = openTerminal();
    await t.waitFor("hcql> ");
    t.markNow();
    t.write("rating = grate or stat");
    const typing = await t.waitForRaw("\x1b[31m\x1b[4mgrate");
    expect(typing).not.toContain("\x1b[31m\x1b[4mstat");
    t.markNow();
    t.write(" ");
    await t.waitForRaw("\x1b[31m\x1b[4mstat");
    t.write(KEYS.enter);
    await t.waitFor("did you mean 'status'?");
  });

  it("cuts a long query's excerpt to the terminal, so the caret stays under the problem", async () => {
    const t = openTerminal({ columns: 60, env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    const query = `${Array.from({ length: 8 }, (_, i) => `assignee = ${3129 + i}`).join(" or ")} or ratng = great`;
    t.line(query);
    const shown = (await t.waitFor(/did you mean 'rating'\?/)).replaceAll("\r\n", "\n");
    const excerpt = shown.slice(shown.indexOf("error[unknown-field]")).split("\n").slice(0, 4);
    for (const line of excerpt) expect(line.length).toBeLessThanOrEqual(60);
    const [, , source, caret] = excerpt as [string, string, string, string];
    const at = caret.indexOf("^");
    expect(source.slice(at, at + 5)).toBe("ratng");
  });

  it("at 60 columns, wraps the banner and a diagnostic's message at spaces, not mid-word", async () => {
    const t = openTerminal({ columns: 60, env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    expect(t.text.split("\n").slice(0, 4)).toEqual([
      `hcql ${VERSION} · demo: 2,500 generated chats · set`,
      "  HELPCRUNCH_API_KEY to search your account",
      "Type a query, Tab to complete, .help for commands, Ctrl-D",
      "  to leave.",
    ]);
    t.line("rating = grat");
    const shown = await t.waitFor("did you mean 'great'?");
    expect(shown.slice(shown.indexOf("error[")).split("\n").slice(0, 5)).toEqual([
      "error[invalid-value]: unknown rating 'grat'; ratings",
      "  are great, average, poor",
      "  |",
      "1 | rating = grat",
      "  |          ^^^^ did you mean 'great'?",
    ]);
  });

  it("at 80 columns, wraps .columns and .open's values at spaces, not mid-word", async () => {
    const t = openTerminal({
      columns: 80,
      env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url, NO_COLOR: "1", TZ: "UTC" },
    });
    await t.waitFor("hcql> ");
    t.line(".format csv");
    await t.waitFor("format: csv");
    await t.waitFor(/hcql> $/);
    t.line(".columns");
    const listed = await t.waitFor(/csv columns: [\s\S]*agents\n/);
    const lines = listed.slice(listed.indexOf("csv columns: ")).split("\n").slice(0, -1);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThan(80);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}\S/);
    expect(lines.map((line) => line.trim()).join(" ")).toContain(
      "customer.email, customer.userId, assignee.id",
    );
    await t.waitFor(/hcql> $/);
    t.line(".format table");
    await t.waitFor("format: table");
    await t.waitFor(/hcql> $/);
    t.line(".open 5200535");
    const shown = await t.waitFor(/last message text/);
    const detail = shown.slice(shown.indexOf("agents")).split("\n").slice(0, 3);
    expect(detail).toEqual([
      "agents              王芳 <wang.fang@company.com> #3171, Kosta",
      "                    <kosta@company.com> #3129, Zoë Müller",
      "                    <zoe.mueller@company.com> #3140",
    ]);
  });

  it("at 60 columns, wraps a problem and a tip at spaces, not mid-word", async () => {
    const t = openTerminal({ columns: 60, env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    t.line(".tz UTC+1");
    const problem = await t.waitFor("summer time");
    expect(problem.slice(problem.indexOf("error: ")).split("\n").slice(0, 4)).toEqual([
      "error: unknown time zone 'UTC+1' (did you mean Etc/GMT-1?",
      "  IANA writes a fixed offset's sign the other way; a",
      "  place's zone, such as Europe/Berlin, also keeps its",
      "  summer time)",
    ]);
    await t.waitFor(/hcql> $/);
    t.markNow();
    t.line("stauts = closed and rating = bad and createdAt > 30d ago");
    const tip = await t.waitFor(/tip: [^\n]*\n {2}createdAt > 30d ago/);
    expect(tip.slice(tip.indexOf("tip: ")).split("\n").slice(0, 2)).toEqual([
      "tip: .fix runs it as status = closed and rating = poor and",
      "  createdAt > 30d ago",
    ]);
  });

  it("help typed without its dot prints its text before the next prompt, not after one", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    t.line("help");
    const shown = await t.waitFor(/\.exit[^\n]*\n[\s\S]*hcql> /);
    expect(shown).not.toMatch(/hcql> Type a query/);
    expect(shown).toMatch(/\nType a query and press Enter/);
  });

  it(".help fits its texts to the terminal, wrapped at spaces under each other", async () => {
    const t = openTerminal({ columns: 72, env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    t.line(".help");
    const shown = (await t.waitFor(/\.exit[^\n]*\n/)).replaceAll("\r\n", "\n");
    const lines = shown
      .slice(shown.indexOf("Type a query"))
      .split("\n")
      .filter((l) => l.trim() !== "");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(72);
    const edit = lines.findIndex((l) => l.startsWith("  .edit"));
    const column = lines[edit]!.indexOf("edit the query");
    expect(lines[edit + 1]!.slice(0, column).trim()).toBe("");
    expect(`${lines[edit]!.slice(column)} ${lines[edit + 1]!.trim()}`).toContain(
      "edit the query being typed, or the last one, in $VISUAL or $EDITOR;",
    );
  });

  it(".explain fits its sentences to the terminal and offers no --all, which the shell does not have", async () => {
    const t = openTerminal({ columns: 60, env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    t.line(".explain rating = poor or (status = pending and assignee = 3129)");
    const text = (await t.waitFor("Request 2 of 2")).replaceAll("\r\n", "\n");
    const prose = text.slice(text.indexOf("2 requests:"), text.indexOf("Request 1 of 2")).split("\n");
    expect(prose.length).toBeGreaterThan(8);
    for (const line of prose) expect(line.length).toBeLessThanOrEqual(60);
    // Wrapped, not cut.
    expect(prose.map((line) => line.trim()).join(" ")).toContain(
      "then offset 0 and limit 20 are applied to the merged list.",
    );
    expect(text).not.toContain("--all");
  });

  it("cancels a slow search with Ctrl-C and lives on", async () => {
    const t = openTerminal({ env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: slow.url, NO_COLOR: "1" } });
    await t.waitFor(`account at ${slow.url}`);
    await t.waitFor("hcql> ");
    t.line("status = closed");
    await t.waitFor("searching");
    t.write(KEYS.ctrlC);
    await t.waitFor("cancelled");
    await t.waitFor("hcql> ");
    t.line(".limit 5");
    await t.waitFor("page size: 5");
    // Ctrl-C on a continuation line drops the unfinished query.
    t.line("rating in (");
    await t.waitFor(" ...> ");
    t.markNow();
    t.write(KEYS.ctrlC);
    await t.waitFor("hcql> ");
    t.line(".format");
    const after = await t.waitFor("format: table");
    expect(after).not.toContain("...>");
  });

  it("keeps the history across sessions (mode 0600) and never a .key line or the key", async () => {
    const first = openTerminal({ env: { NO_COLOR: "1" } });
    await first.waitFor("hcql> ");
    first.line("rating = great limit 1");
    await first.waitFor(/chat 1 of [\d,]+ · /);
    first.line(`.key ${emulator.url}`);
    await first.waitFor("API key (not shown): ");
    first.line(KEY);
    await first.waitFor(`using your account at ${emulator.url}`);
    expect(first.all).not.toContain(KEY);
    first.line("status = new limit 1");
    await first.waitFor(/chat 1 of [\d,]+ · /);
    first.write(KEYS.ctrlD);
    expect(await first.exit()).toBe(0);

    const file = join(first.home, "state", "hcql", "history");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const history = readFileSync(file, "utf8");
    expect(history).toBe("rating = great limit 1\nstatus = new limit 1\n");

    const second = openTerminal({ home: first.home, env: { NO_COLOR: "1" } });
    await second.waitFor("hcql> ");
    second.markNow();
    second.write("\x1b[A");
    await second.waitFor("status = new limit 1");
    second.write("\x1b[A");
    await second.waitFor("rating = great limit 1");

    // Ctrl-R searches the history; Enter runs what it found.
    second.write(KEYS.ctrlC);
    await second.waitFor("hcql> ");
    second.markNow();
    second.write(`${KEYS.ctrlR}great`);
    await second.waitFor(/bck-i-search: great/);
    second.markNow();
    second.write(KEYS.enter);
    await second.waitFor(/chat 1 of [\d,]+ · /);
  });

  it("help and quit without the dot, a did-you-mean for .quit", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    t.line("help");
    await t.waitFor(".exit");
    await t.waitFor("hcql> ");
    t.line(".quit");
    await t.waitFor("unknown command '.quit': did you mean .exit? (.help lists the commands)");
    await t.waitFor("hcql> ");
    t.line("quit");
    expect(await t.exit()).toBe(0);
  });

  it(".save asks before replacing a saved query", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    t.line(".save mine status = new limit 1");
    await t.waitFor("saved 'mine'");
    await t.waitFor("hcql> ");
    t.line(".save mine status = closed");
    await t.waitFor("replace it? [y/N] ");
    t.line("n");
    await t.waitFor("not saved: 'mine' kept as it was");
    await t.waitFor("hcql> ");
    t.line(".save mine status = closed");
    await t.waitFor("replace it? [y/N] ");
    t.line("y");
    await t.waitFor("saved 'mine'");
    await t.waitFor("hcql> ");
    t.line(".saved");
    await t.waitFor("mine  status = closed");
  });

  it("@name followed by more of a query: a saved query runs alone", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    t.line(".save pend status = pending");
    await t.waitFor("saved 'pend'");
    await t.waitFor("hcql> ");
    t.markNow();
    t.line("@pend limit 3");
    const shown = await t.waitFor(/\^ to add to it.*\n[\s\S]*hcql> /);
    expect(shown).toContain(
      [
        "error[syntax]: '@pend' is a saved query, which runs alone: it cannot be part of a longer query",
        "  |",
        "1 | @pend limit 3",
        "  | ^^^^^ to add to it, write out its text instead: status = pending",
      ].join("\n"),
    );
  });

  it.each([
    [".key", "API key (not shown): ", "no key entered; nothing changed"],
    [".save mine status = closed", "replace it? [y/N] ", "'mine' is already saved (as: status = new)"],
  ])("Ctrl-D at the question of %s: no answer, and the shell ends", async (line, question, said) => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    t.line(".save mine status = new");
    await t.waitFor("saved 'mine'");
    await t.waitFor("hcql> ");
    t.line(line);
    await t.waitFor(question);
    t.write(KEYS.ctrlD);
    await t.waitFor(said);
    expect(await t.exit()).toBe(0);
  });

  it(".key with a URL that cannot be one says so before asking for the key", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    t.line(".key ftp://x/v1");
    const shown = await t.waitFor(
      /error: the base URL must start with https:\/\/ or http:\/\/, not ftp:\/\/\n[\s\S]*hcql> /,
    );
    expect(shown).not.toContain("API key (not shown)");
    t.line(".format");
    await t.waitFor("format: table");
  });

  it("a word that is no field is answered at once, not asked to go on", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    t.line("frobnicate");
    const shown = await t.waitFor(/error\[syntax\]: expected an operator after 'frobnicate'[\s\S]*hcql> /);
    expect(shown).not.toContain("...>");
    t.line("assignee");
    await t.waitFor(" ...> ");
    t.line("= 3140 limit 1");
    await t.waitFor(/chats? [\d–,]+ of [\d,]+ · |no chats · /);
    await t.waitFor("hcql> ");
    t.write(KEYS.ctrlD);
    expect(await t.exit()).toBe(0);
  });

  it("completes a continuation line as part of the query begun on the lines before", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    t.line("status in (");
    await t.waitFor(" ...> ");
    t.markNow();
    t.write(KEYS.tab);
    // The values of status, not the fields and commands a line of its own would start with.
    const listed = await t.waitFor("on_hold");
    expect(listed).toMatch(/new\s+code 1\s+opened\s+code 2/);
    expect(listed).not.toContain(".help");
    t.write("clo");
    t.write(KEYS.tab);
    await t.waitFor("closed");
    t.write(`) limit 1${KEYS.enter}`);
    await t.waitFor(/chat 1 of [\d,]+ · /);
  });

  it("an open string is reported at once, and history keeps each query as it ran", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    t.line('tags = "Paid');
    const shown = await t.waitFor(/error\[[a-z-]+\][\s\S]*hcql> /);
    expect(shown).not.toContain("...>");
    t.line("status in (new,");
    await t.waitFor(" ...> ");
    t.line("closed) limit 1");
    await t.waitFor(/chat 1 of [\d,]+ · /);
    await t.waitFor("hcql> ");
    t.line("status = new # a comment");
    await t.waitFor(/chats? [\d–,]+ of [\d,]+ · |no chats · /);
    await t.waitFor("hcql> ");
    t.line("rating = poor or # why");
    await t.waitFor(" ...> ");
    t.line("rating = great limit 1");
    await t.waitFor(/chat 1 of [\d,]+ · /);
    await t.waitFor("hcql> ");
    t.write(KEYS.ctrlD);
    expect(await t.exit()).toBe(0);
    const history = readFileSync(join(t.home, "state", "hcql", "history"), "utf8");
    expect(history).toBe(
      [
        'tags = "Paid',
        "status in (new, closed) limit 1",
        "status = new # a comment",
        "rating = poor or # why\\nrating = great limit 1",
        "",
      ].join("\n"),
    );
  });

  /**
   * `assignee = zoe` Tab: a Tab that could use the agents' names, which asks for them, completes once
   * they arrive (then they are in); the line is dropped after.
   */
  async function tabCompletesAgent(t: ReturnType<typeof openTerminal>): Promise<void> {
    t.markNow();
    t.write(`assignee = zoe${KEYS.tab}`);
    await t.waitFor("assignee = 3140 ");
    t.write(KEYS.ctrlC);
    await t.waitFor("hcql> ");
  }

  it("completes tags (the demo's, then those searches found) and names without accents, by any word", async () => {
    const demo = openTerminal({ env: { NO_COLOR: "1" } });
    await demo.waitFor("hcql> ");
    demo.line("status = new limit 1");
    await demo.waitFor(/chat 1 of [\d,]+ · /);
    await demo.waitFor("hcql> ");
    await tabCompletesAgent(demo);
    demo.markNow();
    demo.write(`tags = ${KEYS.tab}`);
    const listed = await demo.waitFor('"Needs follow-up"');
    for (const tag of ["Paid", "Trial", "VIP", "Newsletter"]) expect(listed).toContain(tag);
    demo.write(`Ne${KEYS.tab}`);
    await demo.waitFor("Newsletter");
    demo.write(KEYS.ctrlC);
    // Inside an open quote: the same tags, quoted and closed.
    demo.markNow();
    demo.write(`tags = "Pa${KEYS.tab}`);
    const quoted = await demo.waitFor('"Partner"');
    expect(quoted).toContain('"Paid"');
    demo.write(`r${KEYS.tab}`);
    await demo.waitFor('tags = "Partner" ');
    demo.write(KEYS.ctrlC);
    demo.markNow();
    demo.write(`assignee = 王${KEYS.tab}`);
    await demo.waitFor("assignee = 3171 ");

    const account = openTerminal({
      env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url, NO_COLOR: "1" },
    });
    await account.waitFor("hcql> ");
    account.line("tags = Trial limit 1");
    await account.waitFor(/chat 1 of [\d,]+ · /);
    await account.waitFor("hcql> ");
    account.markNow();
    account.write(`tags = tr${KEYS.tab}`);
    await account.waitFor("tags = Trial ");
  });

  it("tells the id of an agent or department that a query names instead (once the names are in)", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    await tabCompletesAgent(t);
    t.markNow();
    t.line('department = "Support" or assignee = Kosta');
    const shown = await t.waitFor("is agent 3129");
    expect(shown).toContain("department takes an integer id, not a string");
    expect(shown).toContain("'Support' is department 101");
    expect(shown).toContain("'Kosta' is agent 3129");
  });

  /** Runs a query naming an agent: its diagnostics give the id, the names fetched first if not yet in. */
  async function hintOnceNamesAreIn(t: ReturnType<typeof openTerminal>): Promise<string> {
    t.line("assignee = Kosta");
    // The answer itself, then its prompt: a prompt drawn again meanwhile is not the answer.
    return t.waitFor(/takes an integer id[\s\S]*hcql> $/);
  }

  it(".fix runs the query its diagnostics' fixes make, which the history then holds", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    t.line("stauts = closed limit 1");
    await t.waitFor("tip: .fix runs it as status = closed limit 1");
    await t.waitFor(/hcql> $/);
    t.line(".fix");
    await t.waitFor(/chat 1 of [\d,]+ · [\s\S]*hcql> $/);
    t.markNow();
    t.write("\x1b[A");
    await t.waitFor("hcql> status = closed limit 1");
    // A query typed over two lines: the tip says it on one, as the history keeps it.
    t.write(KEYS.ctrlC);
    await t.waitFor(/hcql> $/);
    t.line("status in (new,");
    await t.waitFor(" ...> ");
    t.line("  closd) limit 1");
    await t.waitFor("tip: .fix runs it as status in (new, closed) limit 1\n");
  });

  it("gives the id on the first answer to a query typed at once that names an agent", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    t.line("assignee = Kosta");
    const shown = await t.waitFor(/takes an integer id[\s\S]*hcql> $/);
    expect(shown).toContain("'Kosta' is agent 3129");
  });

  it("after .key, fetches the account's names once idle, for the hint (as at start-up)", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    await tabCompletesAgent(t);
    t.line(`.key ${emulator.url}`);
    await t.waitFor("API key (not shown): ");
    t.line(KEY);
    await t.waitFor(`using your account at ${emulator.url}`);
    await t.waitFor("hcql> ");
    const shown = await hintOnceNamesAreIn(t);
    expect(shown).toContain("'Kosta' is agent 3129");
  });

  it("after .demo, fetches the demo's names once idle, for the hint (as at start-up)", async () => {
    const t = openTerminal({
      env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url, NO_COLOR: "1" },
    });
    await t.waitFor(`account at ${emulator.url}`);
    await t.waitFor("hcql> ");
    // The account's names are in before the switch (they are not the demo's to keep).
    await tabCompletesAgent(t);
    t.line(".demo");
    await t.waitFor("demo: the generated chats of the built-in emulator");
    await t.waitFor("hcql> ");
    const shown = await hintOnceNamesAreIn(t);
    expect(shown).toContain("'Kosta' is agent 3129");
  });

  it("pages a result taller than the terminal through $PAGER, unless .pager off", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hcql-pager-"));
    const paged = join(dir, "paged.txt");
    const pager = join(dir, "pager.sh");
    writeFileSync(pager, `#!/bin/sh\ncat > '${paged}'\n`, { mode: 0o755 });
    const t = openTerminal({
      env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url, NO_COLOR: "1", PAGER: pager },
      rows: 12,
    });
    await t.waitFor("hcql> ");
    t.line(".pager");
    await t.waitFor(`pager: on (${pager}, for results taller than the terminal)`);
    t.line("sort by createdAt asc limit 15");
    const screen = await t.waitFor(/chats 1–15 of 300 · 1 request · /);
    const lines = readFileSync(paged, "utf8").split("\n");
    expect(lines).toHaveLength(17);
    expect(lines[0]).toMatch(/^ +ID {2}STATUS {2}/);
    expect(lines[16]).toBe("");
    // What the pager got is not also on the screen.
    expect(screen).not.toContain(lines[1]);

    rmSync(paged);
    t.line("sort by createdAt asc limit 3");
    await t.waitFor(/chats 1–3 of 300 · /);
    t.line(".pager off");
    await t.waitFor("pager: off");
    t.line("sort by createdAt asc limit 15");
    const unpaged = await t.waitFor(/chats 1–15 of 300 · /);
    expect(unpaged).toContain(lines[1]);
    expect(existsSync(paged)).toBe(false);
  });

  it("leaves a Ctrl-C typed in the pager to the pager: the result is not cancelled", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hcql-pager-"));
    const quit = join(dir, "quit");
    // A pager that, as less does, survives Ctrl-C and ends when told to (here: when `quit` appears).
    const pager = join(dir, "pager.sh");
    writeFileSync(
      pager,
      `#!/bin/sh\ntrap 'echo "pager: Ctrl-C"' INT\ncat > /dev/null\necho 'pager: showing'\nwhile [ ! -f '${quit}' ]; do sleep 0.05; done\n`,
      { mode: 0o755 },
    );
    const t = openTerminal({
      env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url, NO_COLOR: "1", PAGER: pager },
      rows: 12,
    });
    await t.waitFor("hcql> ");
    t.line("sort by createdAt asc limit 15");
    await t.waitFor("pager: showing");
    t.write(KEYS.ctrlC);
    await t.waitFor("pager: Ctrl-C");
    writeFileSync(quit, "");
    const after = await t.waitFor(/chats 1–15 of 300 · 1 request · .*\n(.*\n)*hcql> /);
    expect(after).not.toContain("cancelled");
    t.line("status = new limit 1");
    await t.waitFor(/chat 1 of [\d,]+ · /);
  });

  it(".x and \\x switch to one field per line and back", async () => {
    const t = openTerminal({
      env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url, NO_COLOR: "1" },
    });
    await t.waitFor("hcql> ");
    t.line(".columns id,status,created,rating");
    await t.waitFor("table columns: id, status, created, rating");
    t.line(".x");
    await t.waitFor("expanded display: on");
    t.line("sort by createdAt asc limit 2");
    const shown = await t.waitFor(/chats 1–2 of 300 · /);
    expect(shown.slice(shown.indexOf("-[ RECORD 1"), shown.indexOf("chats 1–2")).trimEnd()).toBe(EXPANDED);
    t.line("\\x");
    await t.waitFor("expanded display: off");
    t.line("sort by createdAt asc limit 2");
    const table = await t.waitFor(/chats 1–2 of 300 · /);
    expect(table).toMatch(/ID {2}STATUS +CREATED +RATING/);
    expect(table).not.toContain("RECORD");
    t.line("\\x on");
    await t.waitFor("expanded display: on");
    t.line("\\x off");
    await t.waitFor("expanded display: off");
    t.line("\\x sideways");
    await t.waitFor(".x takes on or off (or nothing, to switch), not 'sideways'");
  });

  it(".edit opens the query being typed or the last one in $EDITOR and runs what is saved", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hcql-edit-"));
    const seen = join(dir, "seen.txt");
    const next = join(dir, "next.txt");
    // The editor: keeps what it was given, then writes next.txt over the file when there is one.
    const editor = join(dir, "editor.sh");
    writeFileSync(
      editor,
      `#!/bin/sh\ncat "$1" > '${seen}'\n[ -f '${next}' ] && mv '${next}' "$1"\nexit 0\n`,
      {
        mode: 0o755,
      },
    );
    const none = openTerminal({ env: { NO_COLOR: "1" } });
    await none.waitFor("hcql> ");
    none.line(".edit");
    await none.waitFor("error: no editor: set $VISUAL or $EDITOR (for example, export EDITOR=nano)");

    const t = openTerminal({
      env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: emulator.url, NO_COLOR: "1", EDITOR: editor },
    });
    await t.waitFor("hcql> ");
    t.line("status = new limit 1");
    await t.waitFor(/chat 1 of [\d,]+ · /);
    writeFileSync(next, "status = closed\nlimit 2\n");
    t.line(".edit");
    const ran = await t.waitFor(/chats 1–2 of [\d,]+ · /);
    expect(readFileSync(seen, "utf8")).toBe("status = new limit 1\n");
    expect(ran).toContain("status = closed\nlimit 2");
    expect(ran.match(/^ *\d+ {2}closed {2}/gm)).toHaveLength(2);

    t.line(".edit");
    await t.waitFor("unchanged: nothing runs");
    expect(readFileSync(seen, "utf8")).toBe("status = closed\nlimit 2\n");
    writeFileSync(next, "  \n");
    t.line(".edit");
    await t.waitFor("the file is empty: nothing runs");

    t.line("status in (new,");
    await t.waitFor(" ...> ");
    writeFileSync(next, "status in (new, closed) limit 1");
    t.line(".edit");
    await t.waitFor(/chat 1 of [\d,]+ · /);
    expect(readFileSync(seen, "utf8")).toBe("status in (new,\n");
    await t.waitFor("hcql> ");
    t.line(".format");
    expect(await t.waitFor("format: table")).not.toContain("...>");
  });

  it(".edit: an editor that Ctrl-C ends is said to be ended by it, not to have exited with 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hcql-edit-"));
    const editor = join(dir, "editor.sh");
    // One process that Ctrl-C ends once it has said it is open. A shell script's `echo` then `sleep`
    // would leave a gap: a Ctrl-C in it reaches the script's shell (which waits for its command before
    // it acts on one) and not the sleep, started after.
    const program = "process.stdout.write('editor: open\\n'); setTimeout(() => {}, 20000)";
    writeFileSync(editor, `#!/bin/sh\nexec '${process.execPath}' -e "${program}"\n`, { mode: 0o755 });
    const t = openTerminal({ env: { NO_COLOR: "1", EDITOR: editor } });
    await t.waitFor("hcql> ");
    t.line(".edit");
    await t.waitFor("editor: open");
    t.write(KEYS.ctrlC);
    const said = await t.waitFor(/nothing runs\n[\s\S]*hcql> /);
    expect(said).toContain(`error: the editor '${editor}' failed (ended by SIGINT); nothing runs`);
    expect(said).not.toContain("cancelled");
  });

  it("Tab Tab read at once completes, and inserts no tab", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    // Completion needs the language, loaded behind the prompt: a command's answer shows it is there.
    t.line(".format");
    await t.waitFor("format: table");
    await t.waitFor("hcql> ");
    t.markNow();
    t.write(`status = ${KEYS.tab}${KEYS.tab}`);
    const listed = await t.waitFor("no_communication");
    expect(listed).toContain("on_hold");
    t.markNow();
    t.write(`pen${KEYS.tab}${KEYS.tab}limit 1${KEYS.enter}`);
    await t.waitFor(/chat 1 of [\d,]+ · /);
    expect(t.raw).not.toContain("\t");
  });

  describe("keys typed while a search runs", () => {
    const open = () =>
      openTerminal({ env: { HELPCRUNCH_API_KEY: KEY, HELPCRUNCH_API_URL: unhurried.url, NO_COLOR: "1" } });

    it("Ctrl-D ends the shell once the search is done", async () => {
      const t = open();
      await t.waitFor("hcql> ");
      t.line("status = new limit 1");
      await t.waitFor("searching");
      t.write(KEYS.ctrlD);
      await t.waitFor(/chat 1 of [\d,]+ · |no chats · /);
      expect(await t.exit()).toBe(0);
    });

    it("a line typed meanwhile runs after it, and is not painted over its output", async () => {
      const t = open();
      await t.waitFor("hcql> ");
      t.line("status = new limit 1");
      await t.waitFor("searching");
      t.write(`.format${KEYS.enter}`);
      const shown = await t.waitFor("format: table");
      expect(shown.indexOf("chat 1 of")).toBeGreaterThan(0);
      expect(shown.indexOf("chat 1 of")).toBeLessThan(shown.indexOf("format: table"));
      expect(shown.slice(0, shown.indexOf("chat 1 of"))).not.toContain(".format");
    });
  });
});

/**
 * An account whose `count by status` pages through more chats than the client may ask for in a minute
 * (the API's 120 requests): the count reaches the rate limit, and so does the search after it.
 */
describe("the shell at the rate limit", () => {
  const WAITING = /^waiting \d+ s for the rate limit…$/;
  let many: Emulator;

  beforeAll(async () => {
    many = await startEmulator({ keys: [KEY], chats: 13_000, anchor: 1_750_000_000, rateLimit: false });
  });

  afterAll(async () => {
    await many?.close();
  });

  it("a search cancelled at the limit is followed by one that says it waits, not 'searching…'", async () => {
    const t = openTerminal({ env: { NO_COLOR: "1" } });
    await t.waitFor("hcql> ");
    t.line(`.key ${many.url}`);
    await t.waitFor("API key (not shown): ");
    t.line(KEY);
    await t.waitFor(`using your account at ${many.url}`);
    await t.waitFor("hcql> ");
    t.line("count by status");
    await t.waitUntil(
      () => WAITING.test(screenLines(t.raw).at(-1)!),
      "the count waiting for the limit",
      30_000,
    );
    // Its progress line separates thousands as the footer does.
    expect(t.text).toMatch(/page 1\d\d of 13\d · 1\d,\d00 chats…/);
    t.write(KEYS.ctrlC);
    await t.waitFor("cancelled");
    await t.waitFor("hcql> ");
    t.line("status = pending limit 1");
    const sent = Date.now();
    // The wait is reported at once; "searching…" would come 300 ms later, over it.
    await t.waitUntil(
      () => Date.now() - sent > 1000 && WAITING.test(screenLines(t.raw).at(-1)!),
      "the wait still shown a second after the search began",
    );
    expect(t.text).not.toContain("searching");
    t.write(KEYS.ctrlC);
    await t.waitFor("cancelled");
  });
});
