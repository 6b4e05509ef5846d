import { sanitizeLine } from "./sanitize.js";

/**
 * A URL as shown to a person: scheme, host, port and path, never its user name, password, query or
 * fragment (where tokens and keys travel). Text that is not a URL is not shown at all: it may be a
 * key pasted into the wrong place.
 */
export function displayUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "(not a URL)";
  }
  if (url.host === "") return `${url.protocol}…`;
  return sanitizeLine(`${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname}`);
}
