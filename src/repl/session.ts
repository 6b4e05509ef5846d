import pc from "picocolors";
import { executePlan, rejectionDiagnostics } from "../client/execute.js";
import { createClient, type HelpCrunchClient, HelpCrunchError } from "../client/index.js";
import { systemTimeZone } from "../commands/options.js";
import type { CompileOptions, CompileResult, Plan } from "../compiler/types.js";
import type { CompletionContext, NamedId } from "../editor/index.js";
import { DEFAULT_BASE_URL } from "../language/api.js";
import { MAX_LIMIT, PAGE_SIZE } from "../language/values.js";
import {
  formatChats,
  formatFooter,
  isOutputFormat,
  OUTPUT_FORMATS,
  type OutputFormat,
} from "../output/index.js";
import { COMMAND_INFO, COMMAND_NAMES, type CommandName, DEFAULT_PAGE_SIZE } from "./command-info.js";
import { formatChatDetail, formatFields } from "./detail.js";
import type { Engine } from "./engine.js";
import { ProgressLine } from "./progress.js";
import { SAVED_NAME, SavedQueries } from "./saved.js";

/**
 * What the shell knows and does: the connection (demo emulator or account), the output format,
 * the page size, the time zone, the last query for `.more`, and the dot-commands.
 */

export interface Connection {
  readonly mode: "demo" | "account";
  readonly baseUrl: string;
  readonly client: HelpCrunchClient;
  /** The API key in use: kept out of history; never printed. */
  readonly key: string;
}

export interface SessionIO {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Colour on stdout (NO_COLOR, FORCE_COLOR, a terminal). */
  readonly color: boolean;
}

export interface SessionHooks {
  /** Reads an API key without echo; undefined when cancelled. */
  readSecret(question: string): Promise<string | undefined>;
  /** Ends the shell. */
  exit(): void;
  /** The demo connection, started on first use. */
  demo(): Promise<Connection>;
  /** Runs work that Ctrl-C may cancel (after the queue of earlier lines). */
  task(work: (signal: AbortSignal) => Promise<void>): Promise<void>;
}

/** The last query that printed a page, for `.more`: its plan and clock, fixed. */
interface LastQuery {
  readonly text: string;
  readonly plan: Plan;
  /** Chats shown so far, after the query's own offset. */
  shown: number;
  readonly total: number;
  readonly totalExact: boolean;
}

export class Session {
  connection: Connection | undefined;
  format: OutputFormat = "table";
  pageSize = DEFAULT_PAGE_SIZE;
  timeZone: string;
  agents: readonly NamedId[] = [];
  departments: readonly NamedId[] = [];
  private last: LastQuery | undefined;
  /** Why `.more` has nothing to add after the last query (undefined before any query ran). */
  private noMore: string | undefined;
  private readonly saved: SavedQueries;
  private readonly c: ReturnType<typeof pc.createColors>;
  private readonly progress: ProgressLine;

  constructor(
    private readonly io: SessionIO,
    private readonly engine: Engine,
    private readonly hooks: SessionHooks,
  ) {
    this.timeZone = systemTimeZone(io.env);
    this.saved = new SavedQueries(io.env);
    this.c = pc.createColors(io.color);
    this.progress = new ProgressLine(io.stderr);
  }

  /** What completion needs, read at each Tab (never waits for the network). */
  completionContext(): CompletionContext {
    const saved = this.saved;
    return {
      agents: this.agents,
      departments: this.departments,
      commands: COMMAND_NAMES,
      // Read from the file only when the completion asks (`.run`, `.save`), not at every Tab.
      get savedNames(): string[] {
        try {
          return Object.keys(saved.all());
        } catch {
          return [];
        }
      },
      formats: OUTPUT_FORMATS,
    };
  }

  secrets(): string[] {
    return this.connection && this.connection.mode === "account" ? [this.connection.key] : [];
  }

  /** Switches to a connection and fetches agents and departments for completion in the background. */
  use(connection: Connection): void {
    this.connection = connection;
    this.last = undefined;
    this.noMore = undefined;
    this.agents = [];
    this.departments = [];
    this.refreshNames(connection);
  }

  private refreshNames(connection: Connection): void {
    const client = connection.client;
    client.listAgents().then(
      (agents) => {
        if (this.connection === connection) this.agents = agents.map((a) => ({ id: a.id, name: a.name }));
      },
      () => undefined,
    );
    client.listDepartments().then(
      (departments) => {
        if (this.connection === connection)
          this.departments = departments.map((d) => ({ id: d.id, name: d.name }));
      },
      () => undefined,
    );
  }

  /** Connects to the demo emulator unless a connection was chosen meanwhile. */
  async startDemo(): Promise<void> {
    const demo = await this.hooks.demo();
    if (!this.connection) this.use(demo);
  }

  private async client(): Promise<Connection> {
    if (this.connection) return this.connection;
    const demo = await this.hooks.demo();
    this.use(demo);
    return demo;
  }

  private out(text: string): void {
    this.io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  }

  private outFlushed(text: string): Promise<void> {
    return new Promise((resolve) =>
      this.io.stdout.write(text.endsWith("\n") ? text : `${text}\n`, () => resolve()),
    );
  }

  private note(text: string): void {
    this.out(this.c.dim(text));
  }

  /** Ctrl-C stopped the running task. */
  cancelled(): void {
    this.progress.clear();
    this.out(this.c.yellow("cancelled"));
  }

  problem(text: string): void {
    this.out(`${this.c.red(this.c.bold("error"))}: ${text}`);
  }

  /** The options of compiling and explaining a query now. */
  private compileOptions(): CompileOptions {
    return { now: Math.floor(Date.now() / 1000), timeZone: this.timeZone, defaultLimit: this.pageSize };
  }

  private async compile(text: string): Promise<CompileResult> {
    await this.engine.prepare(this.timeZone);
    return this.engine.compile(text, this.compileOptions());
  }

  /** Runs a query and prints its first page. */
  async run(text: string, signal: AbortSignal): Promise<void> {
    const result = await this.compile(text);
    if (result.diagnostics.length > 0) this.out(this.engine.render(text, result.diagnostics, this.io.color));
    if (!result.ok || !result.plan) return;
    await this.fetch(text, result.plan, 0, signal);
  }

  /** Fetches the page that starts `shown` chats after the plan's offset and prints it. */
  private async fetch(text: string, plan: Plan, shown: number, signal: AbortSignal): Promise<void> {
    const connection = await this.client();
    const page = shown === 0 ? plan : pageOf(plan, shown, this.pageSize);
    const started = performance.now();
    // A search that takes a moment says so (and that Ctrl-C stops it) until pages report progress.
    const slow = setTimeout(() => {
      if (!signal.aborted) this.progress.show("searching… (Ctrl-C cancels)");
    }, 300);
    let result: Awaited<ReturnType<typeof executePlan>>;
    try {
      result = await executePlan(
        connection.client,
        { plan: page },
        { signal, onProgress: (event) => (signal.aborted ? undefined : this.progress.update(event)) },
      );
    } catch (error) {
      this.progress.clear();
      if (signal.aborted) throw error;
      this.apiError(text, plan, error);
      return;
    } finally {
      clearTimeout(slow);
      this.progress.clear();
    }
    if (signal.aborted) return;
    const elapsedMs = performance.now() - started;
    const now = plan.now;
    // Awaited: a terminal takes a large write in parts, and a footer on stderr must come after it.
    await this.outFlushed(
      formatChats(result.chats, this.format, {
        width: this.io.stdout.columns,
        color: this.io.color,
        now: Math.floor(Date.now() / 1000) || now,
        timeZone: this.timeZone,
      }).replace(/\n$/, ""),
    );
    const shownNow = shown + result.chats.length;
    const total = result.total - plan.offset;
    const more =
      !plan.limitExplicit && result.chats.length > 0 && (result.totalExact ? shownNow < total : true);
    this.last = more ? { text, plan, shown: shownNow, total, totalExact: result.totalExact } : undefined;
    this.noMore = plan.limitExplicit
      ? "the last query has its own limit, so it showed all it asked for"
      : shownNow === 0
        ? "no chat matches the last query"
        : `all ${shownNow.toLocaleString("en-US")} matching chats are shown`;
    const footer = formatFooter({
      shown: result.chats.length,
      total: Math.max(0, result.total),
      totalExact: result.totalExact,
      requests: result.requests,
      elapsedMs,
    });
    const range = shown > 0 ? ` (${shown + 1}–${shownNow})` : "";
    const format =
      this.format === "table" ? this.note.bind(this) : (t: string) => this.io.stderr.write(`${t}\n`);
    format(`${footer}${range}${more ? " · .more for the next page" : ""}`);
  }

  /** An API error: on the query with carets when a 400 points at filter items, else its message. */
  private apiError(text: string, plan: Plan, error: unknown): void {
    if (!(error instanceof HelpCrunchError)) throw error;
    const diagnostics = rejectionDiagnostics(error, plan);
    if (diagnostics.length > 0) this.out(this.engine.render(text, diagnostics, this.io.color));
    else this.problem(error.message);
  }

  /** The code of each dot-command (their names and help are in command-info.ts). */
  readonly handlers: Readonly<
    Record<CommandName, (arg: string, signal: AbortSignal) => Promise<void> | void>
  > = {
    help: () => this.help(),
    explain: (arg) => this.explain(arg),
    compile: (arg) => this.compileCommand(arg),
    fields: () => this.out(formatFields(this.io.color, this.io.stdout.columns)),
    format: (arg) => this.setFormat(arg),
    limit: (arg) => this.setLimit(arg),
    more: (_arg, signal) => this.more(signal),
    open: (arg, signal) => this.open(arg, signal),
    tz: (arg) => this.setZone(arg),
    key: () => this.enterKey(),
    demo: () => this.backToDemo(),
    save: (arg) => this.saveQuery(arg),
    run: (arg, signal) => this.runSaved(arg, signal),
    saved: () => this.listSaved(),
    exit: () => this.hooks.exit(),
  };

  private help(): void {
    const names = Object.entries(COMMAND_INFO).map(([name, c]) => [
      `.${name}${c.args ? ` ${c.args}` : ""}`,
      c.help,
    ]);
    const width = Math.max(...names.map(([n]) => n!.length));
    this.out(
      [
        "Type a query and press Enter; Tab completes, Ctrl-R searches the history, Ctrl-C cancels.",
        `  ${this.c.cyan("status = pending and createdAt > 7d ago sort by lastMessageAt desc")}`,
        "",
        ...names.map(([n, h]) => `  ${n!.padEnd(width)}  ${this.c.dim(h!)}`),
      ].join("\n"),
    );
  }

  private needQuery(arg: string, usage: string): boolean {
    if (arg.trim() !== "") return true;
    this.problem(`missing query: ${usage}`);
    return false;
  }

  private async explain(arg: string): Promise<void> {
    if (!this.needQuery(arg, ".explain <query>")) return;
    await this.engine.prepare(this.timeZone);
    const explanation = this.engine.explain(arg, this.compileOptions());
    if (explanation.diagnostics.length > 0) {
      this.out(this.engine.render(arg, explanation.diagnostics, this.io.color));
    }
    if (!explanation.ok) return;
    this.out(this.engine.renderExplanation(explanation));
  }

  private async compileCommand(arg: string): Promise<void> {
    if (!this.needQuery(arg, ".compile <query>")) return;
    const result = await this.compile(arg);
    if (result.diagnostics.length > 0) this.out(this.engine.render(arg, result.diagnostics, this.io.color));
    if (!result.ok) return;
    if (result.requests.length === 0) this.note("no request: the query can never match");
    for (const body of result.requests) this.out(this.engine.bodyJson(body));
  }

  private setFormat(arg: string): void {
    const name = arg.trim().toLowerCase();
    if (name === "") {
      this.out(`format: ${this.format}`);
      return;
    }
    if (!isOutputFormat(name)) {
      this.problem(`unknown format '${arg.trim()}': use one of ${OUTPUT_FORMATS.join(", ")}`);
      return;
    }
    this.format = name;
    this.note(`format: ${name}`);
  }

  private setLimit(arg: string): void {
    const text = arg.trim();
    if (text === "") {
      this.out(`page size: ${this.pageSize}`);
      return;
    }
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1 || n > MAX_LIMIT) {
      this.problem(
        `the page size must be a whole number from 1 to ${MAX_LIMIT.toLocaleString("en-US")}, not '${text}'`,
      );
      return;
    }
    this.pageSize = n;
    this.note(`page size: ${n} (for queries without a limit)`);
  }

  private async more(signal: AbortSignal): Promise<void> {
    const last = this.last;
    if (!last) {
      this.note(`no more results: ${this.noMore ?? "run a query first"}`);
      return;
    }
    await this.fetch(last.text, last.plan, last.shown, signal);
  }

  private async open(arg: string, signal: AbortSignal): Promise<void> {
    const text = arg.trim().replace(/^#/, "");
    if (!/^\d+$/.test(text)) {
      this.problem(`.open takes a chat id (a number), not '${arg.trim()}'`);
      return;
    }
    const connection = await this.client();
    try {
      const chat = await connection.client.getChat(Number(text), { signal });
      if (signal.aborted) return;
      this.out(formatChatDetail(chat, { color: this.io.color, timeZone: this.timeZone }));
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof HelpCrunchError && error.kind === "not-found") {
        this.problem(`there is no chat ${text}`);
        return;
      }
      if (error instanceof HelpCrunchError) {
        this.problem(error.message);
        return;
      }
      throw error;
    }
  }

  private async setZone(arg: string): Promise<void> {
    const zone = arg.trim();
    if (zone === "") {
      this.out(`time zone: ${this.timeZone}`);
      return;
    }
    try {
      const canonical = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
      await this.engine.prepare(canonical);
      this.timeZone = canonical;
      this.last = undefined;
      this.noMore = undefined;
      this.note(`time zone: ${canonical}`);
    } catch {
      this.problem(`unknown time zone '${zone}': use an IANA name such as Europe/Berlin or UTC`);
    }
  }

  private async enterKey(): Promise<void> {
    const key = (await this.hooks.readSecret("API key (not shown): "))?.trim();
    if (key === undefined || key === "") {
      this.note("no key entered; nothing changed");
      return;
    }
    const baseUrl = this.io.env.HELPCRUNCH_API_URL || DEFAULT_BASE_URL;
    let client: HelpCrunchClient;
    try {
      client = createClient({ apiKey: key, baseUrl });
    } catch (error) {
      this.problem(error instanceof Error ? error.message : String(error));
      return;
    }
    await this.hooks.task(async (signal) => {
      const slow = setTimeout(() => {
        if (!signal.aborted) this.progress.show(`checking the key at ${baseUrl}… (Ctrl-C cancels)`);
      }, 300);
      try {
        await client.listAgents({ signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]) });
      } catch (error) {
        if (signal.aborted) throw error;
        this.progress.clear();
        this.problem(`could not use the key: ${error instanceof Error ? error.message : String(error)}`);
        return;
      } finally {
        clearTimeout(slow);
        this.progress.clear();
      }
      this.use({ mode: "account", baseUrl, client, key });
      this.note(`using your account at ${baseUrl} (.demo goes back to the demo data)`);
    });
  }

  private async backToDemo(): Promise<void> {
    if (this.connection?.mode === "demo") {
      this.note("already on the demo data");
      return;
    }
    this.use(await this.hooks.demo());
    this.note("demo: the generated chats of the built-in emulator");
  }

  private async saveQuery(arg: string): Promise<void> {
    const match = /^(\S+)\s+([\s\S]+)$/.exec(arg.trim());
    if (!match) {
      this.problem("usage: .save <name> <query>");
      return;
    }
    const [, name, query] = match as unknown as [string, string, string];
    if (!SAVED_NAME.test(name)) {
      this.problem(`a name is letters, digits, '_', '.' or '-', not '${name}'`);
      return;
    }
    const result = await this.compile(query);
    if (result.diagnostics.length > 0) this.out(this.engine.render(query, result.diagnostics, this.io.color));
    if (!result.ok) {
      this.note("not saved: fix the query first");
      return;
    }
    this.saved.save(name, query.trim());
    this.note(`saved '${name}' (.run ${name})`);
  }

  private async runSaved(arg: string, signal: AbortSignal): Promise<void> {
    const name = arg.trim();
    if (name === "") {
      this.problem("usage: .run <name> (.saved lists them)");
      return;
    }
    const query = this.saved.get(name);
    if (query === undefined) {
      this.problem(`no saved query '${name}' (.saved lists them)`);
      return;
    }
    this.note(query);
    await this.run(query, signal);
  }

  private listSaved(): void {
    const all = Object.entries(this.saved.all());
    if (all.length === 0) {
      this.note(`no saved queries yet (.save <name> <query>; kept in ${this.saved.path})`);
      return;
    }
    const width = Math.max(...all.map(([n]) => n.length));
    this.out(all.map(([name, query]) => `${this.c.cyan(name.padEnd(width))}  ${query}`).join("\n"));
  }
}

/** The plan of a later page: same bodies, clock and sort, starting `shown` chats further. */
export function pageOf(plan: Plan, shown: number, pageSize: number): Plan {
  const offset = plan.offset + shown;
  const limit = plan.limit === undefined ? pageSize : plan.limit;
  if (plan.merge || plan.bodies.length > 1) return { ...plan, offset, limit };
  const bodies = plan.bodies.map((body) => ({ ...body, offset, limit: Math.min(PAGE_SIZE, limit) }));
  return { ...plan, bodies, offset, limit };
}
