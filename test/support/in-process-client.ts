import type { CountClient } from "../../src/client/count.js";
import type { PlanClient } from "../../src/client/execute.js";
import { type ChatRecord, search, validateSearchBody } from "../../src/emulator/index.js";
import type { Chat, SearchBody } from "../../src/language/api.js";
import { PAGE_SIZE } from "../../src/language/values.js";

/**
 * A client paging one body as the API does, through the emulator's own validation and search called
 * in-process (no HTTP), so that property tests run many cases quickly.
 */
export function inProcessClient(records: readonly ChatRecord[]): PlanClient & CountClient {
  return {
    async *pages(body: SearchBody, options = {}) {
      const result = await this.searchBody(body, { ...options, onPage: undefined });
      // The pages again, as the API would send them one by one.
      for (let at = 0; at < result.chats.length || at === 0; at += PAGE_SIZE) {
        yield { chats: result.chats.slice(at, at + PAGE_SIZE), total: result.total, offset: at, requests: 1 };
      }
    },
    async searchBody(body: SearchBody, options = {}) {
      const wanted = options.limit ?? body.limit ?? PAGE_SIZE;
      const chats: Chat[] = [];
      let offset = body.offset ?? 0;
      let total = 0;
      let pages = 0;
      while (chats.length < wanted) {
        const size = Math.min(PAGE_SIZE, wanted - chats.length);
        // A JSON copy: the body as it would arrive over HTTP.
        const validation = validateSearchBody(JSON.parse(JSON.stringify({ ...body, limit: size, offset })));
        if (!validation.ok)
          throw new Error(`invalid body ${JSON.stringify(body)}: ${JSON.stringify(validation.errors)}`);
        const page = search(records, validation.request);
        chats.push(...page.data);
        total = page.meta.total;
        pages += 1;
        options.onPage?.({ chats: page.data, total, offset, requests: 1 });
        offset += page.data.length;
        if (page.data.length < size || offset >= total) break;
      }
      return { chats, total, requests: pages, pages };
    },
  };
}
