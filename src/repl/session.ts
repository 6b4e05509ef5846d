import pc from "picocolors";
import {
  type Connection,
  capAdvice,
  checkTimeZone,
  DEFAULT_MAX_REQUESTS,
  EXIT,
  limitAdvice,
  nowSeconds,
  ProgressLine,
  pageOf,
  type QueryOutcome,
  runPlan,
  runQuery,
  SavedQueries,
  systemTimeZone,
  tagSlips,
  tagSlipTips,
  tagsAskedFor,
  writeFlushed,
} from "../app/index.js";
import type { CompileOptions, CompileResult, Plan, TooLarge } from "../compiler/index.js";
import type { CompletionContext } from "../editor/index.js";
import {
  assertNever,
  DEFAULT_BASE_URL,
  type Diagnostic,
  fitToColumns,
  groupDigits,
  hasErrors,
  type KnownNames,
  type NamedId,
} from "../language/index.js";
import {
  type ColumnChoice,
  formatChats,
  formatCountFooter,
  formatCountResult,
  formatFooter,
  type OutputFormat,
  sanitize,
} from "../output/index.js";
import { COMMAND_ARGUMENTS, DEFAULT_PAGE_SIZE } from "./command-info.js";
import type { Engine } from "./engine.js";
import { historyEntry } from "./history.js";
import { pagerCommand, runPager, tallerThan } from "./pager.js";

/**
 * What the shell knows: the connection (demo emulator or account), the output format, the page size,
 * the time zone, the last query for `.more`; how it runs a query and prints. The dot-commands are in
 * `commands/`, one file each.
 */

export interface SessionIO {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Colour on stdout (NO_COLOR, FORCE_COLOR, a terminal). */
  readonly color: boolean;
  /**
   * Whether a person types the lines (at a terminal). When a script pipes them, remarks, problems and
   * diagnostics go to stderr, as `hcql run`'s do, so that stdout holds only what was asked for.
   */
  readonly interactive: boolean;
}

export interface SessionHooks {
  /** Reads an API key without echo; undefined when cancelled. */
  readSecret(question: string): Promise<string | undefined>;
  /** Asks a question at a terminal; undefined when cancelled, or at once when the input is not a terminal. */
  ask(question: string): Promise<string | undefined>;
  /** Ends the shell. */
  exit(): void;
  /** The demo connection, started on first use. */
  demo(): Promise<Connection>;
  /** Runs work that Ctrl-C may cancel, from an interactive command (which holds its turn among the lines). */
  task(work: (signal: AbortSignal) => Promise<void>): Promise<void>;
  /** The connection changed at a command's asking (`.key`, `.demo`): its names are wanted once idle. */
  switched(): void;
  /** Lends the terminal to a program (the pager, the editor) while `work` runs: the shell reads no key. */
  handOver<T>(work: () => Promise<T>): Promise<T>;
  /** The unfinished query being continued over lines, taken away from the prompt; undefined when none. */
  takeDraft(): string | undefined;
  /** Keeps a query in the history as if it had been typed. */
  remember(text: string): void;
}

export interface SessionSettings {
  /** The API URL `.key` uses without one of its own. */
  readonly baseUrl?: string;
  readonly timeZone?: string;
  readonly format?: OutputFormat;
  readonly maxRequests?: number;
}

/** The API field of `tags` (chats found by a search on it have the tags it names). */

/** The last query that printed a page, for `.more`: its plan and clock, fixed. */
interface LastQuery {
  readonly text: string;
  readonly plan: Plan;
  /** Chats shown so far, after the query's own offset. */
  readonly shown: number;
}

export class Session {
  connection: Connection | undefined;
  format: OutputFormat;
  /** The text of the last query run (for `.edit`). */
  lastQuery: string | undefined;
  /** The last query as the fixes its diagnostics carry make it, when it failed and that one does not: what `.fix` runs. */
  fixedQuery: string | undefined;
  /** Whether results taller than the terminal go through the pager (`.pager`). */
  pager = true;
  /** One field per line instead of the table (`.x`). */
  expanded = false;
  /** The columns chosen with `.columns`, per format. */
  columns: ColumnChoice = {};
  pageSize = DEFAULT_PAGE_SIZE;
  /** The most request bodies a query may become (`.maxrequests`). */
  maxRequests: number;
  timeZone: string;
  /** The API URL `.key` uses without one of its own. */
  readonly baseUrl: string;
  agents: readonly NamedId[] = [];
  departments: readonly NamedId[] = [];
  /** The connection whose agents and departments were asked for. */
  private namesOf: Connection | undefined;
  /** While the agents and departments asked for are on their way: settles when both are in, or failed. */
  namesArriving: Promise<void> | undefined;
  /** Tags that searches of this connection found chats with, for completion. */
  private readonly seenTags = new Set<string>();
  /** The exit code of the first line that failed (a query error 1, an API failure 3); undefined while none did. */
  failure: number | undefined;
  private last: LastQuery | undefined;
  /** What `.more` says when it has nothing to add after the last query (undefined before any ran). */
  private noMore: string | undefined;
  readonly saved: SavedQueries;
  readonly c: ReturnType<typeof pc.createColors>;
  readonly progress: ProgressLine;

  constructor(
    readonly io: SessionIO,
    readonly engine: Engine,
    readonly hooks: SessionHooks,
    settings: SessionSettings = {},
  ) {
    this.timeZone = settings.timeZone ?? systemTimeZone(io.env);
    this.baseUrl = settings.baseUrl ?? DEFAULT_BASE_URL;
    this.format = settings.format ?? "table";
    this.maxRequests = settings.maxRequests ?? DEFAULT_MAX_REQUESTS;
    this.saved = new SavedQueries(io.env);
    this.c = pc.createColors(io.color);
    this.progress = new ProgressLine(io.stderr);
  }

  /**
   * What completion needs, read at each Tab (never waits for the network). The agents and departments
   * are fetched in the background, when the shell is first idle or by the first Tab: nothing before
   * the first answer waits for them (bench row `repl-first-search`).
   */
  completionContext(): CompletionContext {
    this.fetchNames();
    const saved = this.saved;
    return {
      agents: this.agents,
      departments: this.departments,
      commands: COMMAND_ARGUMENTS,
      // Read from the file only when the completion asks (`.run`, `.save`), not at every Tab.
      get savedNames(): string[] {
        try {
          return Object.keys(saved.all());
        } catch {
          return [];
        }
      },
      tags: this.knownTags(),
    };
  }

  /** The demo's tags, and those searches found chats with. */
  private knownTags(): string[] {
    return [...new Set([...(this.connection?.tags ?? []), ...this.seenTags])];
  }

  secrets(): string[] {
    return this.connection && this.connection.mode === "account" ? [this.connection.key] : [];
  }

  /** Switches to a connection; its agents and departments are fetched when completion first asks. */
  use(connection: Connection): void {
    this.connection = connection;
    this.forgetLastQuery("the data searched changed");
    this.agents = [];
    this.departments = [];
    this.namesOf = undefined;
    this.namesArriving = undefined;
    this.seenTags.clear();
  }

  /**
   * Switches to the connection a command chose (`.key`, `.demo`); its agents and departments are
   * fetched once the shell is idle, as at start-up.
   */
  switchTo(connection: Connection): void {
    this.use(connection);
    this.hooks.switched();
  }

  /**
   * `.more` has nothing to continue (the data or the clock changed), and says why when the last query
   * had pages left; one that had none keeps its reason.
   */
  forgetLastQuery(why: string): void {
    if (this.last === undefined) return;
    this.noMore = `paging ended: ${why}; run the query again for its next page`;
    this.last = undefined;
  }

  /**
   * For the hint when a query names an agent or department instead of its id: none until the
   * connection's names are in (a failed query then asks for them; see namesForHint).
   */
  private namesOption(): { readonly names?: KnownNames } {
    const inAlready =
      this.connection !== undefined && this.namesOf === this.connection && this.namesArriving === undefined;
    return inAlready ? { names: { agents: this.agents, departments: this.departments } } : {};
  }

  /** Asks the connection in use for its agents and departments, unless they were asked for already. */
  fetchNames(): void {
    if (this.connection && this.namesOf !== this.connection) this.refreshNames(this.connection);
  }

  /**
   * The agents and departments for a query that failed naming one where its id goes, once they are in:
   * asked for now when they were not yet (a line typed before the shell was idle).
   */
  private async namesForHint(): Promise<KnownNames | undefined> {
    await this.connect();
    this.fetchNames();
    await this.namesArriving;
    return this.namesOption().names;
  }

  private refreshNames(connection: Connection): void {
    this.namesOf = connection;
    const client = connection.client;
    const names = (list: readonly NamedId[]) => list.map((a) => ({ id: a.id, name: a.name }));
    const agents = client.listAgents().then(
      (agents) => {
        if (this.connection === connection) this.agents = names(agents);
      },
      () => undefined,
    );
    const departments = client.listDepartments().then(
      (departments) => {
        if (this.connection === connection) this.departments = names(departments);
      },
      () => undefined,
    );
    const arriving = Promise.all([agents, departments]).then(() => {
      if (this.namesArriving === arriving) this.namesArriving = undefined;
    });
    this.namesArriving = arriving;
  }

  /** Connects to the demo emulator unless a connection was chosen meanwhile. */
  async startDemo(): Promise<void> {
    const demo = await this.hooks.demo();
    if (!this.connection) this.use(demo);
  }

  /** The connection in use; the demo's when none was chosen yet. */
  async connect(): Promise<Connection> {
    if (this.connection) return this.connection;
    const demo = await this.hooks.demo();
    this.use(demo);
    return demo;
  }

  /** The terminal's width, for text fitted to it; undefined off a terminal. */
  terminalColumns(): number | undefined {
    return this.io.stdout.isTTY === true ? this.io.stdout.columns : undefined;
  }

  /** What a line asked for (results, a listing, a setting's value): stdout. */
  out(text: string): void {
    writeLine(this.io.stdout, text);
  }

  /** Said about a line (a remark, a problem): stdout at a terminal, stderr for a script. */
  private say(text: string): void {
    writeLine(this.io.interactive ? this.io.stdout : this.io.stderr, text);
  }

  /** A remark (sanitized: it may quote what an outsider wrote). */
  note(text: string): void {
    this.say(this.c.dim(this.fitted(sanitize(text))));
  }

  /** A problem of a line; on piped input it makes the shell exit 1 (or `code`). */
  problem(text: string, code: number = EXIT.diagnostics): void {
    this.fail(code);
    const line = this.fitted(`error: ${sanitize(text)}`);
    this.say(`${this.c.red(this.c.bold("error"))}${line.slice("error".length)}`);
  }

  /** A sentence broken at spaces to the terminal's width (never mid-word by the terminal); as it is off one. */
  private fitted(text: string): string {
    return fitToColumns(text, this.io.interactive ? this.terminalColumns() : undefined);
  }

  /**
   * Diagnostics with carets; errors among them count as the line's failure. `tooLarge`, when the plan
   * needed more requests than allowed, adds how to allow them.
   */
  showDiagnostics(
    text: string,
    diagnostics: readonly Diagnostic[],
    tooLarge?: TooLarge,
    code: number = EXIT.diagnostics,
  ): void {
    if (diagnostics.length === 0) return;
    if (diagnostics.some((d) => d.severity === "error")) this.fail(code);
    this.say(this.engine.render(text, diagnostics, this.io.color, this.terminalColumns()));
    if (tooLarge !== undefined) this.note(capAdvice(tooLarge, ".maxrequests", ".explain"));
    const advice = limitAdvice(diagnostics);
    if (advice !== undefined) this.note(advice);
  }

  private fail(code: number): void {
    this.failure ??= code;
  }

  /** Ctrl-C stopped the running task. */
  cancelled(): void {
    this.progress.clear();
    this.say(this.c.yellow("cancelled"));
  }

  /** The options of compiling and explaining a query now. */
  compileOptions(): CompileOptions {
    return {
      now: nowSeconds(),
      timeZone: this.timeZone,
      defaultLimit: this.pageSize,
      maxRequests: this.maxRequests,
      ...this.namesOption(),
    };
  }

  /** Compiles; a query naming an agent where its id goes is compiled again once names on their way are in. */
  async compile(text: string): Promise<CompileResult> {
    const compiled = this.engine.compile(text, this.compileOptions());
    if (compiled.ok || !compiled.namesWanted || this.namesArriving === undefined) return compiled;
    await this.namesArriving;
    return this.engine.compile(text, this.compileOptions());
  }

  /** Sets the session zone; a zone that is not known is a problem. */
  setTimeZone(name: string): boolean {
    const zone = checkTimeZone(name);
    if (!zone.ok) {
      this.problem(zone.message);
      return false;
    }
    if (zone.value === this.timeZone) return true;
    this.timeZone = zone.value;
    this.forgetLastQuery("the time zone changed, and with it the days the query's dates mean");
    return true;
  }

  /** Runs a query and prints its first page. */
  async run(text: string, signal: AbortSignal): Promise<void> {
    this.lastQuery = text;
    this.fixedQuery = undefined;
    const outcome = await this.searching(signal, (onProgress) =>
      runQuery(text, {
        now: nowSeconds(),
        timeZone: this.timeZone,
        defaultLimit: this.pageSize,
        maxRequests: this.maxRequests,
        ...this.namesOption(),
        fetchNames: () => this.namesForHint(),
        ...this.runOptions(signal, onProgress),
      }),
    );
    await this.show(outcome, 0, signal);
  }

  /** The next page of the last query. */
  async more(signal: AbortSignal): Promise<void> {
    const last = this.last;
    if (!last) {
      this.note(this.noMore ?? "no more results: run a query first");
      return;
    }
    const page = pageOf(last.plan, last.shown, this.pageSize);
    const outcome = await this.searching(signal, (onProgress) =>
      runPlan(last.text, page, this.runOptions(signal, onProgress)),
    );
    await this.show(outcome, last.shown, signal, last.plan);
  }

  private runOptions(
    signal: AbortSignal,
    onProgress: (event: Parameters<ProgressLine["update"]>[0]) => void,
  ) {
    return { signal, onProgress, connect: () => this.connect() };
  }

  /**
   * Runs a search, saying that it takes a moment (and that Ctrl-C stops it) unless its progress (a page,
   * a wait for the rate limit) is shown already.
   */
  private async searching<T>(
    signal: AbortSignal,
    search: (onProgress: (event: Parameters<ProgressLine["update"]>[0]) => void) => Promise<T>,
  ): Promise<T> {
    const slow = setTimeout(() => {
      if (!signal.aborted) this.progress.placeholder("searching… (Ctrl-C cancels)");
    }, 300);
    try {
      return await search((event) => (signal.aborted ? undefined : this.progress.update(event)));
    } finally {
      clearTimeout(slow);
      this.progress.clear();
    }
  }

  /** Prints what a search came to: its page with a footer, or what went wrong. */
  private async show(outcome: QueryOutcome, shown: number, signal: AbortSignal, plan?: Plan): Promise<void> {
    if (outcome.ok) {
      this.showDiagnostics(outcome.text, outcome.diagnostics);
      await this.printPage(outcome, shown, plan ?? outcome.plan);
      return;
    }
    switch (outcome.kind) {
      case "query":
        this.showDiagnostics(outcome.text, outcome.diagnostics, outcome.tooLarge);
        this.offerFix(outcome.text, outcome.diagnostics);
        this.offerSaved(outcome.text);
        return;
      case "cancelled":
        // The shell says "cancelled" when the task ends.
        signal.throwIfAborted();
        return;
      case "api":
        if (outcome.diagnostics.length > 0)
          this.showDiagnostics(outcome.text, outcome.diagnostics, undefined, EXIT.api);
        else this.problem(outcome.message, EXIT.api);
        return;
      default:
        assertNever(outcome);
    }
  }

  /** The pager to use now: at a terminal, with `.pager on` and a `$PAGER` that is not empty. */
  pagerCommand(): string | undefined {
    return this.io.stdout.isTTY && this.pager ? pagerCommand(this.io.env) : undefined;
  }

  /** Prints a result: through the pager when it is taller than the terminal (see pagerCommand). */
  private async print(text: string): Promise<void> {
    const pager = this.pagerCommand();
    if (pager !== undefined && tallerThan(text, this.io.stdout.rows)) {
      const paged = await this.hooks.handOver(() => runPager(pager, `${text}\n`, this.io.env));
      if (paged.ok) return;
      this.note(`${paged.message}; .pager off prints without it`);
    }
    await writeFlushed(this.io.stdout, text);
  }

  /**
   * Remembers the tags a search of one body asked for when it found chats: every chat it found has
   * them (a merged plan's chats need not have every body's tags).
   */
  private learnTags(plan: Plan): void {
    if (plan.bodies.length !== 1) return;
    const body = plan.bodies[0]!;
    if (body.comparison === "OR" && body.filter.length > 1) return;
    for (const tag of tagsAskedFor(plan)) this.seenTags.add(tag);
  }

  private async printPage(
    outcome: Extract<QueryOutcome, { ok: true }>,
    shown: number,
    plan: Plan,
  ): Promise<void> {
    if (outcome.count !== undefined) {
      const rows = formatCountResult(outcome.count, this.format, {
        width: this.io.stdout.columns,
        color: this.io.color,
      });
      await this.print(rows.replace(/\n$/, ""));
      this.last = undefined;
      this.noMore = "no more results: the last query was a count, which shows all its rows at once";
      const footer = formatCountFooter(outcome.count, outcome.stats.elapsedMs);
      if (this.format === "table") this.note(footer);
      else this.io.stderr.write(`${footer}\n`);
      if (outcome.count.total === 0) this.tagTips(plan);
      return;
    }
    const table = formatChats(
      outcome.chats,
      this.format,
      {
        width: this.io.stdout.columns,
        color: this.io.color,
        now: nowSeconds(),
        timeZone: this.timeZone,
        ...(this.columns.table ? { columns: this.columns.table } : {}),
        expanded: this.expanded,
      },
      this.columns.csv ? { columns: this.columns.csv } : {},
    );
    await this.print(table.replace(/\n$/, ""));
    if (outcome.chats.length > 0) this.learnTags(plan);
    const { stats } = outcome;
    const shownNow = shown + stats.shown;
    const total = stats.total - plan.offset;
    const more = !plan.limitExplicit && stats.shown > 0 && (stats.totalExact ? shownNow < total : true);
    this.last = more ? { text: outcome.text, plan, shown: shownNow } : undefined;
    this.noMore = `no more results: ${
      plan.limitExplicit
        ? "the last query has its own limit, so it showed all it asked for"
        : shownNow === 0
          ? "no chat matches the last query"
          : `all ${groupDigits(shownNow)} matching chats are shown`
    }`;
    const footer = `${formatFooter(stats)}${more ? " · .more for the next page" : ""}`;
    if (this.format === "table") this.note(footer);
    else this.io.stderr.write(`${footer}\n`);
    if (shownNow === 0 && stats.total === 0) this.tagTips(plan);
  }

  /**
   * After a query that failed: when the fixes its diagnostics carry (what `did you mean` says) make a
   * query without errors, it is what `.fix` runs, and a tip says so.
   */
  private offerFix(text: string, diagnostics: readonly Diagnostic[]): void {
    if (!diagnostics.some((d) => d.fix !== undefined)) return;
    const fixed = this.engine.fixQuery(text, this.compileOptions());
    if (fixed.text === text || hasErrors(fixed.diagnostics)) return;
    this.fixedQuery = fixed.text;
    // Typed over several lines, it is said as the history keeps it.
    this.note(`tip: .fix runs it as ${historyEntry(fixed.text)}`);
  }

  /** After a query that failed and is a saved query's name alone (`p`): how to run that one. */
  private offerSaved(text: string): void {
    const name = this.saved.nameAlone(text);
    if (name !== undefined) this.note(`tip: '${name}' is a saved query: @${name} runs it`);
  }

  /** After a search that found nothing: the tags it asked for that are not known, and what is near. */
  private tagTips(plan: Plan): void {
    for (const tip of tagSlipTips(tagSlips(plan, this.knownTags()))) {
      if (this.format === "table") this.note(`tip: ${tip}`);
      else this.io.stderr.write(`tip: ${sanitize(tip)}\n`);
    }
  }
}

/** Text as whole lines: a line break added when it has none at its end. */
function writeLine(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith("\n") ? text : `${text}\n`);
}
