/**
 * What the page keeps outside itself: the query in the URL's fragment (a link to share), recent queries
 * in localStorage, and the chosen time zone.
 */

const RECENT_KEY = "hcql.recent";
const ZONE_KEY = "hcql.timeZone";
const RECENT_SIZE = 20;

/** The query of a fragment `#q=…`; undefined when there is none. */
export function queryFromFragment(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  return params.get("q") ?? undefined;
}

function fragmentOf(query: string): string {
  return query === "" ? "" : `#${new URLSearchParams({ q: query }).toString()}`;
}

/** Puts the query in the URL, a new entry of the history when it changes (the token stays in the query string). */
export function showInUrl(query: string): void {
  const url = new URL(window.location.href);
  url.hash = fragmentOf(query);
  // Each query run is a step of the tab's history (Back runs the one before); the same one again is not.
  if (url.href !== window.location.href) window.history.pushState(null, "", url);
}

function readList(key: string): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? "[]");
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export function recentQueries(): string[] {
  return readList(RECENT_KEY);
}

/** Adds a query to the front of the recent ones (once), keeping the last RECENT_SIZE. */
export function remember(query: string): string[] {
  const trimmed = query.trim();
  if (trimmed === "") return recentQueries();
  const list = [trimmed, ...recentQueries().filter((q) => q !== trimmed)].slice(0, RECENT_SIZE);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(list));
  } catch {
    // Storage full or refused: the list lives for this page only.
  }
  return list;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export function savedTimeZone(): string | undefined {
  try {
    return localStorage.getItem(ZONE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveTimeZone(zone: string): void {
  try {
    if (zone === browserTimeZone()) localStorage.removeItem(ZONE_KEY);
    else localStorage.setItem(ZONE_KEY, zone);
  } catch {
    // Not kept: the browser's zone next time.
  }
}

/** Every IANA zone the browser knows, UTC first. */
export function timeZones(): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...all.filter((z) => z !== "UTC")];
}
