import { join } from "node:path";
import pino, { type Logger } from "pino";
import type { Config } from "../config.ts";
import { acquireDataDirLock } from "../store/data-dir-lock.ts";
import { openBlobStore } from "../store/open-blob-store.ts";
import { openDatabase } from "../store/open-database.ts";
import type { Runtime } from "./context.ts";
import { SecretBox } from "./secret-box.ts";

export interface OpenRuntimeOptions {
  log?: Logger;
  /** A clock for tests. */
  now?: () => Date;
}

/**
 * Opens everything a process needs: the database (migrated), the blob store (the
 * data folder's, or object storage with WARDEN_BLOB_URL), the secret key. The embedded database is locked to this process.
 */
export async function openRuntime(
  config: Config,
  options: OpenRuntimeOptions = {},
): Promise<Runtime & { close(): Promise<void> }> {
  const log = options.log ?? pino({ level: config.logLevel });
  const lock = config.databaseUrl ? null : await acquireDataDirLock(config.dataDir);
  try {
    const store = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: join(config.dataDir, "db"),
      onConnectionLost: (error) =>
        log.warn({ err: error }, "PostgreSQL closed an idle connection; the next query opens a new one"),
    });
    const secrets = await SecretBox.fromConfig(config);
    if (config.databaseUrl && !config.secretKeyHex)
      log.warn(
        "WARDEN_SECRET_KEY is not set: this process uses the key in its data folder's secret.key. Every process sharing this PostgreSQL must use the same key: set WARDEN_SECRET_KEY to it on each machine",
      );
    const { blobs, bucket } = await openBlobStore(config.blobUrl, config.dataDir, {
      maxBytes: config.maxUploadBytes,
    });
    return {
      config,
      store,
      db: store.db,
      blobs,
      objects: bucket,
      secrets,
      log,
      now: options.now ?? (() => new Date()),
      async close() {
        await store.close();
        await lock?.release();
      },
    };
  } catch (error) {
    await lock?.release();
    throw error;
  }
}
