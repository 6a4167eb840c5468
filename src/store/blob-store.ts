import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { access, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { WardenError } from "../domain/errors.ts";

export interface StoredBlob {
  sha256: string;
  size: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Content-addressed, write-once file storage on disk. A blob is named by the
 * sha256 of its bytes (`ab/cd/abcd…`), streamed to a temporary file while it is
 * hashed and measured, then renamed into place: a reader never sees half a blob,
 * and an existing blob is never rewritten.
 *
 * @example
 * const blobs = new BlobStore("./data/blobs", { maxBytes: 50 * 1024 * 1024 });
 * const { sha256 } = await blobs.put(Readable.from(buffer));
 * const stream = blobs.get(sha256);
 */
export class BlobStore {
  readonly maxBytes: number;

  constructor(
    readonly root: string,
    options: { maxBytes?: number } = {},
  ) {
    this.maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
  }

  async put(
    source: Readable | Uint8Array | string,
    options: { maxBytes?: number } = {},
  ): Promise<StoredBlob> {
    const limit = options.maxBytes ?? this.maxBytes;
    const tmpDir = join(this.root, "tmp");
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${Date.now()}-${randomBytes(8).toString("hex")}`);
    const hash = createHash("sha256");
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > limit) {
          done(new WardenError("too_large", `The file is larger than the ${formatBytes(limit)} limit.`));
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const input = source instanceof Readable ? source : Readable.from([Buffer.from(source)]);
    try {
      await pipeline(input, meter, createWriteStream(tmp, { flags: "wx" }));
      const sha256 = hash.digest("hex");
      const final = this.pathOf(sha256);
      await mkdir(join(final, ".."), { recursive: true });
      if (await exists(final)) {
        await rm(tmp, { force: true });
      } else {
        await rename(tmp, final);
      }
      return { sha256, size };
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  get(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  async read(sha256: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.get(sha256)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  async size(sha256: string): Promise<number> {
    return (await stat(this.pathOf(sha256))).size;
  }

  /** Every stored blob's hash (backups walk this). */
  async *list(): AsyncGenerator<string> {
    if (!(await exists(this.root))) return;
    for (const a of await readdir(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of await readdir(join(this.root, a))) {
        for (const name of await readdir(join(this.root, a, b))) if (SHA256.test(name)) yield name;
      }
    }
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256))
      throw new WardenError("invalid_input", `Not a sha256 blob name: ${sha256.slice(0, 80)}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
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

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
