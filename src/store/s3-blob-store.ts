import type { Readable } from "node:stream";
import { WardenError } from "../domain/errors.ts";
import { blobPath, isBlobName, SpooledBlobStore, type StoredBlob } from "./blob-store.ts";
import type { S3Bucket } from "./s3-bucket.ts";

/**
 * Blobs in S3-compatible object storage, under `<prefix>/blobs/ab/cd/abcd…`. A
 * put is spooled to a local temporary file first (hashed and measured), so the
 * object is created once, under its final name, with its length known; a read
 * is verified against the name as it streams.
 *
 * @example
 * const blobs = new S3BlobStore(new S3Bucket(parseS3Url(process.env.WARDEN_BLOB_URL)), "/data/tmp");
 */
export class S3BlobStore extends SpooledBlobStore {
  readonly location: string;
  private readonly bucket: S3Bucket;

  constructor(bucket: S3Bucket, tmpDir: string, options: { maxBytes?: number } = {}) {
    super(options.maxBytes ?? 100 * 1024 * 1024, tmpDir);
    this.bucket = bucket.under("blobs");
    this.location = this.bucket.url;
  }

  protected async keep(file: string, blob: StoredBlob): Promise<void> {
    await this.bucket.putFile(blobPath(blob.sha256), file);
  }

  protected open(sha256: string): Readable {
    return this.bucket.getStream(blobPath(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.bucket.size(blobPath(sha256))) !== null;
  }

  async size(sha256: string): Promise<number> {
    const size = await this.bucket.size(blobPath(sha256));
    if (size === null) throw new WardenError("not_found", `${this.location} holds no blob ${sha256}.`);
    return size;
  }

  async *list(): AsyncGenerator<string> {
    for await (const name of this.bucket.list("")) {
      const last = name.split("/").at(-1) ?? "";
      if (isBlobName(last) && name === blobPath(last)) yield last;
    }
  }
}
