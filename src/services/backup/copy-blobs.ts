import { WardenError } from "../../domain/errors.ts";
import type { BlobStore } from "../../store/blob-store.ts";

export interface CopyBlobsResult {
  from: string;
  to: string;
  copied: number;
  /** Already in the target (a repeated copy skips them). */
  present: number;
  bytes: number;
}

/**
 * Copies every blob from one store to another (the data folder to object
 * storage, or back). Idempotent: a blob the target already holds is skipped.
 * Each copied blob is verified twice: the read from the source fails if its
 * bytes do not hash to its name, and the target must store it under the same
 * name. Nothing is deleted from the source.
 *
 * @example
 * const { copied, present } = await copyBlobs(runtime.blobs, (await openBlobStore("s3://…", dataDir)).blobs);
 */
export async function copyBlobs(
  from: BlobStore,
  to: BlobStore,
  onProgress: (done: number) => void = () => {},
): Promise<CopyBlobsResult> {
  const result: CopyBlobsResult = { from: from.location, to: to.location, copied: 0, present: 0, bytes: 0 };
  for await (const sha256 of from.list()) {
    if (await to.has(sha256)) {
      result.present += 1;
    } else {
      const stored = await to.put(from.get(sha256), { maxBytes: Number.MAX_SAFE_INTEGER });
      if (stored.sha256 !== sha256) {
        throw new WardenError(
          "integrity",
          `The blob ${sha256} arrived as ${stored.sha256}; the copy stopped.`,
        );
      }
      result.copied += 1;
      result.bytes += stored.size;
    }
    onProgress(result.copied + result.present);
  }
  return result;
}
