import { join, resolve } from "node:path";
import type { BlobStore } from "./blob-store.ts";
import { LocalBlobStore } from "./local-blob-store.ts";
import type { S3Bucket } from "./s3-bucket.ts";

export interface OpenedBlobStore {
  blobs: BlobStore;
  /** The object storage behind the blobs, when there is one (shared mirrors live there too). */
  bucket: S3Bucket | undefined;
}

/**
 * Opens the blob store at `url`: an s3:// address (object storage), a folder
 * path, or nothing for the data folder's own `blobs/`. Puts to object storage
 * spool through `<dataDir>/tmp`. The S3 client (a second of loading) is
 * loaded only for an s3:// address.
 *
 * @example
 * const { blobs } = await openBlobStore(config.blobUrl, config.dataDir, { maxBytes: config.maxUploadBytes });
 */
export async function openBlobStore(
  url: string | undefined,
  dataDir: string,
  options: { maxBytes?: number; env?: Record<string, string | undefined> } = {},
): Promise<OpenedBlobStore> {
  const limits = options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes };
  if (url?.startsWith("s3://")) {
    const [{ S3BlobStore }, { parseS3Url, S3Bucket }] = await Promise.all([
      import("./s3-blob-store.ts"),
      import("./s3-bucket.ts"),
    ]);
    const bucket = new S3Bucket(parseS3Url(url), options.env ?? process.env);
    return { blobs: new S3BlobStore(bucket, join(dataDir, "tmp"), limits), bucket };
  }
  return {
    blobs: new LocalBlobStore(url ? resolve(url) : join(dataDir, "blobs"), limits),
    bucket: undefined,
  };
}
