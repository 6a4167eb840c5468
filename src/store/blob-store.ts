import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { WardenError } from "../domain/errors.ts";

export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Content-addressed, write-once file storage: a blob is named by the sha256 of
 * its bytes. `put` streams the bytes to a local temporary file while it hashes
 * and counts them (refusing them past the size limit), and only then stores the
 * blob under its name, so nothing is ever stored half-written or misnamed; `get`
 * streams it back and fails the stream if the bytes no longer match their name.
 * The local folder (`LocalBlobStore`) is the default; `S3BlobStore` keeps blobs
 * in S3-compatible object storage. The runtime opens one (`openBlobStore`), and
 * the code using it does not know which.
 *
 * @example
 * const { sha256 } = await runtime.blobs.put(Readable.from(buffer));
 * const stream = runtime.blobs.get(sha256);
 */
export interface BlobStore {
  /** Where the blobs are (a folder or an s3:// address without credentials), for messages. */
  readonly location: string;
  readonly maxBytes: number;
  put(source: Readable | Uint8Array | string, options?: { maxBytes?: number }): Promise<StoredBlob>;
  /** The blob's bytes; the stream fails (`integrity`) if they do not hash to `sha256`. */
  get(sha256: string): Readable;
  read(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  size(sha256: string): Promise<number>;
  /** Every stored blob's hash (backups and copies walk this). */
  list(): AsyncGenerator<string>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function isBlobName(name: string): boolean {
  return SHA256.test(name);
}

/** `ab/cd/abcd…`: where a blob lives under its store's root. Refuses anything but a sha256. */
export function blobPath(sha256: string): string {
  if (!SHA256.test(sha256))
    throw new WardenError("invalid_input", `Not a sha256 blob name: ${sha256.slice(0, 80)}`);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/**
 * What both stores share: spooling a put to a temporary file (hashed and
 * measured as it streams), a verified read, and reading whole. An
 * implementation says how a spooled file is kept and how a blob is opened.
 */
export abstract class SpooledBlobStore implements BlobStore {
  abstract readonly location: string;

  constructor(
    readonly maxBytes: number,
    private readonly tmpDir: string,
  ) {}

  /** Stores the spooled file under its name (it may be moved; the caller removes what is left). */
  protected abstract keep(file: string, blob: StoredBlob): Promise<void>;
  /** The stored bytes as they are, unverified. */
  protected abstract open(sha256: string): Readable;
  abstract has(sha256: string): Promise<boolean>;
  abstract size(sha256: string): Promise<number>;
  abstract list(): AsyncGenerator<string>;

  async put(
    source: Readable | Uint8Array | string,
    options: { maxBytes?: number } = {},
  ): Promise<StoredBlob> {
    const spooled = await spoolToFile(source, this.tmpDir, options.maxBytes ?? this.maxBytes);
    try {
      if (!(await this.has(spooled.sha256))) await this.keep(spooled.file, spooled);
      return { sha256: spooled.sha256, size: spooled.size };
    } finally {
      await rm(spooled.file, { force: true });
    }
  }

  get(sha256: string): Readable {
    blobPath(sha256);
    return verifyingStream(this.open(sha256), sha256);
  }

  async read(sha256: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.get(sha256)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}

/**
 * Streams `source` into a new file in `tmpDir`, hashing and counting it; past
 * `limit` bytes it stops with `too_large` and leaves no file behind.
 */
export async function spoolToFile(
  source: Readable | Uint8Array | string,
  tmpDir: string,
  limit: number,
): Promise<StoredBlob & { file: string }> {
  await mkdir(tmpDir, { recursive: true });
  const file = join(tmpDir, `${Date.now()}-${randomBytes(8).toString("hex")}`);
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
    await pipeline(input, meter, createWriteStream(file, { flags: "wx" }));
    return { file, sha256: hash.digest("hex"), size };
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
}

/** Passes the bytes through and fails at the end (`integrity`) unless they hash to `sha256`. */
export function verifyingStream(source: Readable, sha256: string): Readable {
  const hash = createHash("sha256");
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest("hex");
      done(
        actual === sha256
          ? null
          : new WardenError(
              "integrity",
              `The stored blob ${sha256} is damaged: its bytes hash to ${actual}. Restore it from a backup.`,
            ),
      );
    },
  });
  source.on("error", (error) => check.destroy(error));
  return source.pipe(check);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
