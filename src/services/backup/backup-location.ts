import { WardenError } from "../../domain/errors.ts";
import { isS3Url, parseS3Url, S3Bucket } from "../../store/s3-bucket.ts";

/** A backup archive kept in object storage: the bucket (under the address's folder) and its name. */
export interface StoredBackup {
  bucket: S3Bucket;
  name: string;
}

/**
 * Reads where a backup goes or comes from: an s3:// address names one object
 * (`s3://bucket/backups/warden-2026-12-07.tar?endpoint=…`); anything else is a
 * file path (null here).
 *
 * @example
 * const stored = storedBackupAt("s3://backups/warden.tar?endpoint=https://minio:9000"); // { bucket, name: "warden.tar" }
 */
export function storedBackupAt(target: string): StoredBackup | null {
  if (!isS3Url(target)) return null;
  const location = parseS3Url(target);
  const slash = location.prefix.lastIndexOf("/");
  const name = location.prefix.slice(slash + 1);
  if (!name)
    throw new WardenError(
      "invalid_input",
      "Name the backup object in the address: s3://bucket/folder/warden-backup.tar?endpoint=…",
    );
  return {
    bucket: new S3Bucket({ ...location, prefix: slash < 0 ? "" : location.prefix.slice(0, slash) }),
    name,
  };
}
