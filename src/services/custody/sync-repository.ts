import type { Selectable } from "kysely";
import { isWardenError } from "../../domain/errors.ts";
import { SYSTEM_ACTOR } from "../../domain/roles.ts";
import { type MirrorResult, mirrorRepository } from "../../engines/custody/index.ts";
import type { CustodyRepositoriesTable } from "../../store/schema.ts";
import { type Runtime, requirePermission, type ServiceContext } from "../context.ts";
import { writeTransaction } from "../write.ts";
import {
  loadRepositoryFor,
  MIRROR_SYNC_QUEUE,
  mirrorDirFor,
  openCredentials,
} from "./custody-repositories.ts";
import { readCustodySettings } from "./custody-settings.ts";
import { type PublishedMirror, publishMirror, restoreMirror } from "./shared-mirror.ts";

export type SyncTrigger = "schedule" | "manual" | "delivery";

export interface SyncOutcome {
  syncId: string;
  repositoryId: string;
  status: "succeeded" | "failed";
  error: string | null;
  alerts: number;
  changes: number;
  refCount: number | null;
  sizeBytes: number | null;
  fsckOk: boolean | null;
  durationMs: number;
}

/**
 * Mirrors one repository now and stores the sync: ref changes, size, refs, fsck and duration, and
 * an alert on the engagement for each force-push, deleted branch or moved tag (the old value is
 * preserved in the mirror). A failed sync is stored with its error and leaves the mirror as it was.
 * A sync already running on the same mirror (another worker) answers `conflict` and stores nothing.
 * With shared object storage, the local copy is first brought up to the last state any process
 * published, and the new state is published after the sync (`shared-mirror.ts`).
 *
 * @example
 * const outcome = await syncRepository(runtime, repositoryId, "schedule");
 */
export async function syncRepository(
  runtime: Runtime,
  repositoryId: string,
  trigger: SyncTrigger,
  actor: ServiceContext["actor"] = SYSTEM_ACTOR,
): Promise<SyncOutcome> {
  const ctx: ServiceContext = { runtime, actor };
  const repo = await loadRepositoryFor(ctx, repositoryId);
  const settings = await readCustodySettings(runtime.db);
  const startedAt = runtime.now();
  const started = performance.now();
  let result: MirrorResult | undefined;
  let published: PublishedMirror | null = null;
  let error: string | null = null;
  try {
    // Another machine may have synced last: start from the state it published, so that what it
    // preserved stays preserved and the changes are counted from there.
    await restoreMirror(runtime, repo.id);
    result = await mirrorRepository({
      url: repo.url,
      mirrorDir: mirrorDirFor(runtime, repo.id),
      credentials: openCredentials(runtime, repo),
      allowFile: settings.allowFileUrls,
      allowGitDaemon: settings.allowGitDaemon,
      now: startedAt,
    });
    published = await publishMirror(runtime, repo.id).catch((caught: unknown) => {
      runtime.log.warn(
        { err: caught, repositoryId: repo.id },
        "the mirror could not be published to object storage; other machines keep the earlier state",
      );
      return null;
    });
  } catch (caught) {
    if (isWardenError(caught) && caught.code === "conflict") throw caught;
    error = isWardenError(caught)
      ? caught.message
      : `The sync stopped unexpectedly: ${caught instanceof Error ? caught.message : String(caught)}`;
    if (!isWardenError(caught)) runtime.log.error({ err: caught, repositoryId }, "mirror sync failed");
  }
  return storeSync(
    ctx,
    repo,
    trigger,
    startedAt,
    Math.round(performance.now() - started),
    result,
    error,
    published,
  );
}

async function storeSync(
  ctx: ServiceContext,
  repo: Selectable<CustodyRepositoriesTable>,
  trigger: SyncTrigger,
  startedAt: Date,
  durationMs: number,
  result: MirrorResult | undefined,
  error: string | null,
  published: PublishedMirror | null,
): Promise<SyncOutcome> {
  return writeTransaction(ctx, async (tx, audit) => {
    const sync = await tx
      .insertInto("custody_syncs")
      .values({
        repository_id: repo.id,
        engagement_id: repo.engagement_id,
        trigger,
        status: result ? "succeeded" : "failed",
        initial_clone: result?.initialClone ?? false,
        changes: JSON.stringify(result?.changes ?? []),
        ref_count: result?.refCount ?? null,
        preserved_ref_count: result?.preservedRefCount ?? null,
        size_bytes: result?.sizeBytes ?? null,
        fsck_ok: result ? result.fsck.ok : null,
        fsck_problems: JSON.stringify(result?.fsck.problems.slice(0, 50) ?? []),
        error,
        triggered_by: ctx.actor.label,
        started_at: startedAt,
        finished_at: ctx.runtime.now(),
        duration_ms: result?.durationMs ?? durationMs,
        bundle_key: published?.bundleKey ?? null,
        bundle_refs: published ? JSON.stringify(published.refs) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const alerts = result?.alerts ?? [];
    if (alerts.length > 0) {
      await tx
        .insertInto("custody_alerts")
        .values(
          alerts.map((alert) => ({
            engagement_id: repo.engagement_id,
            repository_id: repo.id,
            sync_id: sync.id,
            kind: alert.kind,
            ref: alert.ref,
            old_oid: alert.oldOid,
            new_oid: alert.newOid ?? null,
            preserved_as: alert.preservedAs,
            message: alert.message,
            created_at: ctx.runtime.now(),
          })),
        )
        .execute();
    }
    await audit({
      action: result ? "custody.sync" : "custody.sync.fail",
      targetType: "custody_repository",
      targetId: repo.id,
      summary: {
        engagementId: repo.engagement_id,
        trigger,
        syncId: sync.id,
        changes: result?.changes.length ?? 0,
        alerts: alerts.map((a) => `${a.kind} ${a.ref}`),
        fsckOk: result?.fsck.ok ?? null,
        ...(error ? { error } : {}),
      },
    });
    return {
      syncId: sync.id,
      repositoryId: repo.id,
      status: result ? "succeeded" : "failed",
      error,
      alerts: alerts.length,
      changes: result?.changes.length ?? 0,
      refCount: result?.refCount ?? null,
      sizeBytes: result?.sizeBytes ?? null,
      fsckOk: result ? result.fsck.ok : null,
      durationMs: result?.durationMs ?? durationMs,
    } satisfies SyncOutcome;
  });
}

/**
 * Syncs a repository on demand, as the person asking (the API queues it; the CLI runs it in place).
 */
export async function syncRepositoryNow(ctx: ServiceContext, repositoryId: unknown): Promise<SyncOutcome> {
  requirePermission(ctx, "engagements.write", "sync repositories");
  const repo = await loadRepositoryFor(ctx, repositoryId);
  return syncRepository(ctx.runtime, repo.id, "manual", ctx.actor);
}

/** Queues a sync of one repository (answers at once; the worker runs it). */
export async function requestSync(ctx: ServiceContext, repositoryId: unknown): Promise<{ queued: boolean }> {
  requirePermission(ctx, "engagements.write", "sync repositories");
  const repo = await loadRepositoryFor(ctx, repositoryId);
  if (!ctx.runtime.enqueue) return { queued: false };
  await ctx.runtime.enqueue(MIRROR_SYNC_QUEUE, { repositoryId: repo.id, trigger: "manual" }, undefined, {
    singletonKey: repo.id,
    singletonSeconds: 10,
  });
  return { queued: true };
}

/**
 * The repositories whose last sync (successful or not) is older than their sync interval: what the
 * scheduled sweep syncs.
 */
export async function repositoriesDueForSync(runtime: Runtime): Promise<string[]> {
  const rows = await runtime.db
    .selectFrom("custody_repositories as r")
    .innerJoin("engagements as e", "e.id", "r.engagement_id")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("custody_syncs")
          .select(["repository_id", (s) => s.fn.max("started_at").as("last")])
          .groupBy("repository_id")
          .as("s"),
      (join) => join.onRef("s.repository_id", "=", "r.id"),
    )
    .select(["r.id", "r.sync_interval_minutes", "s.last"])
    .where("r.deleted_at", "is", null)
    .where("e.deleted_at", "is", null)
    .where("e.stage", "!=", "closed")
    .execute();
  const now = runtime.now().getTime();
  return rows
    .filter((r) => !r.last || now - new Date(r.last).getTime() >= r.sync_interval_minutes * 60_000)
    .map((r) => r.id);
}
