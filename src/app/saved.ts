import { type Diagnostic, diagnostic, hint } from "../language/index.js";
import { readIfExists, savedQueriesPath, writePrivateFile } from "./paths.js";

/** Names of saved queries: a word, so `.run NAME` reads unambiguously. */
export const SAVED_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** The saved queries' file cannot be read or is not what it must be: the message says which, and how. */
export class SavedQueriesError extends Error {
  override name = "SavedQueriesError";
}

/** Saved queries (`.save`, `.run`, `.saved`) in `queries.json`, a JSON object of name → query. */
export class SavedQueries {
  readonly path: string;

  constructor(env: Readonly<Record<string, string | undefined>>) {
    this.path = savedQueriesPath(env);
  }

  /** All saved queries, by name; throws a SavedQueriesError when the file cannot be read or is not valid. */
  all(): Record<string, string> {
    const text = this.#read();
    if (text === undefined || text.trim() === "") return {};
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new SavedQueriesError(`${this.path} is not valid JSON: fix or remove it`);
    }
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      throw new SavedQueriesError(`${this.path} must hold a JSON object of name → query`);
    }
    // No prototype: a query named `__proto__` or `constructor` is an entry like any other.
    const queries: Record<string, string> = Object.create(null);
    for (const [name, query] of Object.entries(data)) if (typeof query === "string") queries[name] = query;
    return queries;
  }

  #read(): string | undefined {
    try {
      return readIfExists(this.path);
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      throw new SavedQueriesError(`cannot read the saved queries in ${this.path} (${code ?? message})`);
    }
  }

  get(name: string): string | undefined {
    const queries = this.all();
    return Object.hasOwn(queries, name) ? queries[name] : undefined;
  }

  /**
   * The name, when the text is a saved query's name alone (written without its `@`, it fails as a
   * query); undefined otherwise, and when the file cannot be read (what reads it says why).
   */
  nameAlone(text: string): string | undefined {
    const name = text.trim();
    if (!/^\S+$/.test(name)) return undefined;
    try {
      return this.get(name) === undefined ? undefined : name;
    } catch {
      return undefined;
    }
  }

  /**
   * `@NAME` with more of a query after it (`@pend and rating = poor`): a saved query runs alone, so
   * this is an error under `@NAME`, its hint the saved text to write instead; undefined for other text.
   */
  notAlone(text: string): Diagnostic | undefined {
    const match = /^(\s*)@(\S+)\s+\S/.exec(text);
    if (!match) return undefined;
    const name = match[2]!;
    const start = match[1]!.length;
    let query: string | undefined;
    try {
      query = this.get(name);
    } catch {
      query = undefined;
    }
    const span = { start, end: start + 1 + name.length };
    const advice = query === undefined ? hint("noSavedQuery", name) : hint("savedQueryText", query);
    return diagnostic("savedQueryNotAlone", span, [name], advice);
  }

  save(name: string, query: string): void {
    this.write({ ...this.all(), [name]: query });
  }

  /** Removes a saved query; false when there was none of that name. */
  remove(name: string): boolean {
    const queries = this.all();
    if (!Object.hasOwn(queries, name)) return false;
    delete queries[name];
    this.write(queries);
    return true;
  }

  private write(queries: Record<string, string>): void {
    const sorted = Object.fromEntries(Object.entries(queries).sort(([a], [b]) => a.localeCompare(b)));
    writePrivateFile(this.path, `${JSON.stringify(sorted, null, 2)}\n`);
  }
}
