import { type RunEvent, type RunRequest, TOKEN_HEADER, type WebContext } from "../protocol.js";

/** The page's calls to its server: the token from the page's own URL, sent in a header. */

function token(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="hcql-token"]')?.content ?? "";
}

/** What the page says when its server does not answer: the browser's own words ("Failed to fetch") say little. */
const NOT_ANSWERING = "The hcql web server is not answering (was it stopped?)";

/**
 * A request to the server; a connection refused or broken fails with NOT_ANSWERING. An aborted request
 * fails as the browser fails it (its caller knows it aborted it).
 */
async function ask<T>(signal: AbortSignal | undefined, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (signal?.aborted || !(error instanceof TypeError)) throw error;
    throw new Error(NOT_ANSWERING, { cause: error });
  }
}

export async function fetchContext(): Promise<WebContext> {
  const response = await ask(undefined, () =>
    fetch("/api/context", { headers: { [TOKEN_HEADER]: token() } }),
  );
  if (!response.ok) throw new Error(`The server answered ${response.status}`);
  return (await response.json()) as WebContext;
}

/**
 * Runs a query on the server, calling `onEvent` for each line of its answer as it arrives. Aborting
 * `signal` closes the connection, which cancels the search on the server, and no event comes after it.
 */
export async function fetchRun(
  request: RunRequest,
  signal: AbortSignal,
  onEvent: (event: RunEvent) => void,
): Promise<void> {
  const response = await ask(signal, () =>
    fetch("/api/run", {
      method: "POST",
      headers: { "content-type": "application/json", [TOKEN_HEADER]: token() },
      body: JSON.stringify(request),
      signal,
    }),
  );
  if (!response.ok || response.body === null) {
    const text = await ask(signal, () => response.text());
    let message = text;
    try {
      message = (JSON.parse(text) as { error: string }).error;
    } catch {
      // Not JSON: the text itself.
    }
    // The server's text says its status again (`403 forbidden: …`): the reason alone.
    const reason = message.trim().replace(/^\d{3} [a-z ]+: /i, "");
    const restarted = response.status === 403 ? " (its token changes each time hcql web starts)" : "";
    throw new Error(`The server refused the query (${response.status}): ${reason}${restarted}`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await ask(signal, () => reader.read());
    // A read that was answered before the abort: its lines belong to a superseded run.
    signal.throwIfAborted();
    if (done) break;
    buffered += value;
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim() !== "") onEvent(JSON.parse(line) as RunEvent);
      newline = buffered.indexOf("\n");
    }
  }
}
