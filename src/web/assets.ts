import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The page's files, built by `npm run build` into dist/web: read from disk when first asked for, kept
 * in memory, each with a content hash for its URL and ETag. The server never evaluates them.
 */

export interface Asset {
  readonly body: Buffer;
  readonly type: string;
  /** The first 16 hex digits of the content's SHA-256: the `?v=` of its URL and its ETag. */
  readonly hash: string;
}

/** Served file name → content type. Nothing else under dist/web is served. */
const ASSET_TYPES: Readonly<Record<string, string>> = {
  "page.js": "text/javascript; charset=utf-8",
  "page.css": "text/css; charset=utf-8",
  "index.html": "text/html; charset=utf-8",
};

/** dist/web of the package this module belongs to, whether it runs from dist or from src. */
export function defaultAssetDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("hcql web: cannot find the package's folder");
    dir = parent;
  }
  return join(dir, "dist", "web");
}

export class AssetStore {
  private readonly cache = new Map<string, Promise<Asset>>();

  constructor(private readonly dir: string) {}

  /** The asset by file name; undefined for a name that is not served. Rejects when the file is missing. */
  get(name: string): Promise<Asset> | undefined {
    const type = ASSET_TYPES[name];
    if (type === undefined) return undefined;
    let asset = this.cache.get(name);
    if (asset === undefined) {
      asset = readFile(join(this.dir, name)).then((body) => ({
        body,
        type,
        hash: createHash("sha256").update(body).digest("hex").slice(0, 16),
      }));
      // A failed read is tried again next time (the build may still be writing).
      asset.catch(() => this.cache.delete(name));
      this.cache.set(name, asset);
    }
    return asset;
  }
}
