import type { Chat, Diagnostic } from "../language/index.js";

/**
 * What the page and the server of `hcql web` say to each other: shared by both sides, so it holds
 * types and constants only (no Node, no DOM).
 */

/** The header the page sends its token in; the page's and its files' URLs carry it as `?token=`. */
export const TOKEN_HEADER = "x-hcql-token";

/** What the page may ask the server to run: a query and options, nothing else. */
export interface RunRequest {
  readonly query: string;
  readonly timeZone: string;
  /** The clock of the first page, so later pages of the same query never shift. */
  readonly now?: number;
  /** Chats already shown: the page to fetch starts after them. */
  readonly shown: number;
  /** Every remaining chat instead of one page. */
  readonly all: boolean;
}

/** A group of a count: its key values (canonical short field names) and how many chats it holds. */
export interface CountGroup {
  readonly key: Readonly<Record<string, string | number | null>>;
  readonly count: number;
}

/** What the server streams back for a run, one JSON object a line. */
export type RunEvent =
  | { readonly type: "diagnostics"; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly type: "progress";
      readonly text: string;
      readonly pages: number;
      readonly expectedPages: number;
    }
  | {
      readonly type: "result";
      readonly chats: readonly Chat[];
      readonly total: number;
      readonly totalExact: boolean;
      readonly requests: number;
      readonly elapsedMs: number;
      /** The chats shown before this page (0 for the first). */
      readonly shown: number;
      /** The query's offset: how many matching chats come before the first page. */
      readonly offset: number;
      /** Whether a next page exists. */
      readonly more: boolean;
      readonly now: number;
      /** When nothing matched: the tags the query asked for that are not known, and what is near. */
      readonly tips?: readonly string[];
    }
  | {
      /** A `count` query's result (grammar §10): the total, and the groups of `count by`. */
      readonly type: "count";
      /** The clock its dates were resolved with (UNIX seconds). */
      readonly now: number;
      readonly total: number;
      readonly groups?: readonly CountGroup[];
      readonly requests: number;
      readonly elapsedMs: number;
      /** When nothing matched: as a result's. */
      readonly tips?: readonly string[];
    }
  | { readonly type: "error"; readonly message: string; readonly diagnostics: readonly Diagnostic[] };

/** What the page shows about the connection and needs for completion. */
export interface WebContext {
  readonly version: string;
  /** Demo mode: how many generated chats; null for the user's account. */
  readonly demoChats: number | null;
  readonly agents: readonly { readonly id: number; readonly name: string | null }[];
  readonly departments: readonly { readonly id: number; readonly name: string | null }[];
  /** Tags known to exist (the demo's); none for an account, whose tags cannot be listed. */
  readonly tags: readonly string[];
  /** Why agents or departments are missing, when fetching them failed. */
  readonly warning: string | null;
}
