import type { Kysely, Transaction } from "kysely";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import { WardenError } from "../domain/errors.ts";
import type { Actor, Permission } from "../domain/roles.ts";
import { can } from "../domain/roles.ts";
import type { BlobStore } from "../store/blob-store.ts";
import type { Store } from "../store/open-database.ts";
import type { S3Bucket } from "../store/s3-bucket.ts";
import type { Database } from "../store/schema.ts";
import type { SecretBox } from "./secret-box.ts";

/** What every use case needs from the running process, built once at start. */
export interface Runtime {
  config: Config;
  store: Store;
  db: Kysely<Database>;
  blobs: BlobStore;
  /**
   * The object storage every process shares (WARDEN_BLOB_URL), when there is one: besides the
   * blobs it keeps each repository mirror's bundles, so a worker on another machine can verify.
   */
  objects?: S3Bucket | undefined;
  secrets: SecretBox;
  log: Logger;
  now(): Date;
  /**
   * Enqueues background work (set once the queue is started). Given a
   * transaction, the job exists only if it commits.
   */
  enqueue?(
    queue: string,
    payload: Record<string, unknown>,
    tx?: Tx,
    options?: { singletonKey?: string; singletonSeconds?: number },
  ): Promise<void>;
}

/** A use case's context: the runtime and who is acting. */
export interface ServiceContext {
  runtime: Runtime;
  actor: Actor;
}

export type Tx = Transaction<Database>;

export function requirePermission(ctx: ServiceContext, permission: Permission, what: string): void {
  if (!can(ctx.actor, permission)) {
    throw new WardenError("forbidden", `Your role (${ctx.actor.role}) may not ${what}.`);
  }
}

/** Internal data is never shown to vendor contacts. */
export function requireInternal(ctx: ServiceContext): void {
  requirePermission(ctx, "internal.read", "see internal records");
}
