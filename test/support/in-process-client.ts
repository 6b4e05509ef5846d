import type { CountClient } from "../../src/client/count.js";
import type { PlanClient } from "../../src/client/execute.js";
import type { SearchPage } from "../../src/client/index.js";
import type { StreamClient } from "../../src/client/stream.js";
import { type ChatRecord, search, validateSearchBody } from "../../src/emulator/index.js";
import type { Chat, SearchBody } from "../../src/language/api.js";
import { PAGE_SIZE } from "../../src/language/values.js";

/**
 * A client paging one body as the API does, through the emulator's own validation and search called
 * in-process (no HTTP), so that property tests run many cases quickly. Pages are searched one at a
 * time, when asked for.
 */
export function inProcessClient(records: readonly ChatRecord[]): PlanClient & CountClient & StreamClient {
  async function* pages(body: SearchBody, options: { readonly limit?: number } = {}) {
    const wanted = options.limit ?? body.limit ?? PAGE_SIZE;
    let offset = body.offset ?? 0;
    let received = 0;
    while (received < wanted) {
      const size = Math.min(PAGE_SIZE, wanted - received);
      // A JSON copy: the body as it would arrive over HTTP.
      const validation = validateSearchBody(JSON.parse(JSON.stringify({ ...body, limit: size, offset })));
      if (!validation.ok)
        throw new Error(`invalid body ${JSON.stringify(body)}: ${JSON.stringify(validation.errors)}`);
      const page = search(records, validation.request);
      yield { chats: page.data, total: page.meta.total, offset, requests: 1 } satisfies SearchPage;
      received += page.data.length;
      offset += page.data.length;
      if (page.data.length < size || offset >= page.meta.total) return;
    }
  }
  return {
    pages,
    async searchBody(body: SearchBody, options = {}) {
      const chats: Chat[] = [];
      let total = 0;
      let requests = 0;
      for await (const page of pages(body, options)) {
        chats.push(...page.chats);
        total = page.total;
        requests += 1;
        options.onPage?.(page);
      }
      return { chats, total, requests, pages: requests };
    },
  };
}
