import { createReadStream } from "node:fs";
import { access, mkdir, readdir, rename, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { blobPath, isBlobName, SpooledBlobStore, type StoredBlob } from "./blob-store.ts";

/**
 * Blobs in a local folder (`<data>/blobs/ab/cd/abcd…`), the default store. A put
 * is renamed into place from the folder's own `tmp/`, so a reader never sees
 * half a blob, and an existing blob is never rewritten.
 *
 * @example
 * const blobs = new LocalBlobStore("./data/blobs", { maxBytes: 50 * 1024 * 1024 });
 */
export class LocalBlobStore extends SpooledBlobStore {
  readonly location: string;

  constructor(
    readonly root: string,
    options: { maxBytes?: number } = {},
  ) {
    super(options.maxBytes ?? 100 * 1024 * 1024, join(root, "tmp"));
    this.location = root;
  }

  protected async keep(file: string, blob: StoredBlob): Promise<void> {
    const final = this.pathOf(blob.sha256);
    await mkdir(dirname(final), { recursive: true });
    await rename(file, final);
  }

  protected open(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  async size(sha256: string): Promise<number> {
    return (await stat(this.pathOf(sha256))).size;
  }

  async *list(): AsyncGenerator<string> {
    if (!(await exists(this.root))) return;
    for (const a of (await readdir(this.root)).sort()) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of (await readdir(join(this.root, a))).sort()) {
        for (const name of (await readdir(join(this.root, a, b))).sort()) if (isBlobName(name)) yield name;
      }
    }
  }

  pathOf(sha256: string): string {
    return join(this.root, blobPath(sha256));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
