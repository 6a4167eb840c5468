import type { Selectable } from "kysely";
import { describeMirror, isMirror, type RefChange } from "../../engines/custody/index.ts";
import type { CustodyAlertsTable, CustodySyncsTable } from "../../store/schema.ts";
import { requireInternal, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { loadEngagementFor } from "../scope.ts";
import { mirrorDirFor, type RepositoryView, toRepositoryView } from "./custody-repositories.ts";

export interface SyncView {
  id: string;
  trigger: string;
  status: CustodySyncsTable["status"];
  initialClone: boolean;
  /** What the sync changed, ref by ref, and where an overwritten value was preserved. */
  changes: RefChange[];
  refCount: number | null;
  preservedRefCount: number | null;
  sizeBytes: number | null;
  fsckOk: boolean | null;
  fsckProblems: string[];
  error: string | null;
  triggeredBy: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

export interface AlertView {
  id: string;
  repositoryId: string;
  syncId: string;
  kind: CustodyAlertsTable["kind"];
  ref: string;
  oldOid: string;
  newOid: string | null;
  preservedAs: string;
  message: string;
  createdAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  acknowledgement: string | null;
}

export interface RepositoryStatus extends RepositoryView {
  lastSync: SyncView | null;
  lastSuccessfulSyncAt: string | null;
  /** Hours since the last successful sync (null: never synced). */
  lagHours: number | null;
  fresh: boolean;
  openAlerts: number;
}

export interface RepositoryDetail extends RepositoryStatus {
  syncs: SyncView[];
  refs: Array<{ ref: string; oid: string }>;
  preserved: Array<{ ref: string; originalRef: string; preservedAt: string; oid: string }>;
}

export interface CustodyStatus {
  engagementId: string;
  freshnessHours: number;
  repositories: RepositoryDetail[];
  alerts: AlertView[];
}

export function toSyncView(s: Selectable<CustodySyncsTable>): SyncView {
  return {
    id: s.id,
    trigger: s.trigger,
    status: s.status,
    initialClone: s.initial_clone,
    changes: s.changes as SyncView["changes"],
    refCount: s.ref_count,
    preservedRefCount: s.preserved_ref_count,
    sizeBytes: s.size_bytes === null ? null : Number(s.size_bytes),
    fsckOk: s.fsck_ok,
    fsckProblems: s.fsck_problems,
    error: s.error,
    triggeredBy: s.triggered_by,
    startedAt: s.started_at.toISOString(),
    finishedAt: s.finished_at.toISOString(),
    durationMs: s.duration_ms,
  };
}

export function toAlertView(a: Selectable<CustodyAlertsTable>): AlertView {
  return {
    id: a.id,
    repositoryId: a.repository_id,
    syncId: a.sync_id,
    kind: a.kind,
    ref: a.ref,
    oldOid: a.old_oid,
    newOid: a.new_oid,
    preservedAs: a.preserved_as,
    message: a.message,
    createdAt: a.created_at.toISOString(),
    acknowledgedBy: a.acknowledged_by,
    acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
    acknowledgement: a.acknowledgement,
  };
}

/**
 * The custody page of an engagement: each repository with its freshness (against the engagement's
 * limit), last syncs, current refs and every preserved ref, and the engagement's alerts.
 *
 * @example
 * const { repositories } = await getCustodyStatus(ctx, engagementId);
 * repositories[0]?.preserved; // [{ originalRef: "refs/heads/main", preservedAt: "…", oid }]
 */
export async function getCustodyStatus(ctx: ServiceContext, engagementId: unknown): Promise<CustodyStatus> {
  requireInternal(ctx);
  const id = parseId(engagementId, "engagementId");
  const engagement = await loadEngagementFor(ctx, id);
  const db = ctx.runtime.db;
  const [repos, syncs, alerts] = await Promise.all([
    db
      .selectFrom("custody_repositories")
      .selectAll()
      .where("engagement_id", "=", id)
      .where("deleted_at", "is", null)
      .orderBy("name")
      .execute(),
    db
      .selectFrom("custody_syncs")
      .selectAll()
      .where("engagement_id", "=", id)
      .orderBy("started_at", "desc")
      .limit(500)
      .execute(),
    db
      .selectFrom("custody_alerts")
      .selectAll()
      .where("engagement_id", "=", id)
      .orderBy("created_at", "desc")
      .limit(500)
      .execute(),
  ]);
  const now = ctx.runtime.now();
  const repositories: RepositoryDetail[] = [];
  for (const repo of repos) {
    const own = syncs.filter((s) => s.repository_id === repo.id);
    const status = repositoryStatus(
      toRepositoryView(repo),
      own,
      alerts.filter((a) => a.repository_id === repo.id),
      engagement.custody_freshness_hours,
      now,
    );
    const dir = mirrorDirFor(ctx.runtime, repo.id);
    const described = isMirror(dir) ? await describeMirror(dir) : null;
    repositories.push({
      ...status,
      syncs: own.slice(0, 20).map(toSyncView),
      refs: described?.refs ?? [],
      preserved: described?.preserved ?? [],
    });
  }
  return {
    engagementId: id,
    freshnessHours: engagement.custody_freshness_hours,
    repositories,
    alerts: alerts.map(toAlertView),
  };
}

/** Freshness of one repository from its syncs (newest first). */
export function repositoryStatus(
  repo: RepositoryView,
  syncsNewestFirst: Selectable<CustodySyncsTable>[],
  alerts: Selectable<CustodyAlertsTable>[],
  freshnessHours: number,
  now: Date,
): RepositoryStatus {
  const last = syncsNewestFirst[0];
  const lastOk = syncsNewestFirst.find((s) => s.status === "succeeded");
  const lagHours = lastOk ? (now.getTime() - lastOk.finished_at.getTime()) / 3_600_000 : null;
  return {
    ...repo,
    lastSync: last ? toSyncView(last) : null,
    lastSuccessfulSyncAt: lastOk?.finished_at.toISOString() ?? null,
    lagHours: lagHours === null ? null : Math.round(lagHours * 100) / 100,
    fresh: lagHours !== null && lagHours <= freshnessHours,
    openAlerts: alerts.filter((a) => a.acknowledged_at === null).length,
  };
}

export interface CustodyOverviewRow extends RepositoryStatus {
  engagementName: string;
  freshnessHours: number;
}

/** Every registered repository the actor may see, with its freshness (for `warden repo status`). */
export async function listCustodyOverview(ctx: ServiceContext): Promise<CustodyOverviewRow[]> {
  requireInternal(ctx);
  const db = ctx.runtime.db;
  const repos = await db
    .selectFrom("custody_repositories as r")
    .innerJoin("engagements as e", "e.id", "r.engagement_id")
    .selectAll("r")
    .select(["e.name as engagement_name", "e.custody_freshness_hours"])
    .where("r.deleted_at", "is", null)
    .where("e.deleted_at", "is", null)
    .orderBy("e.name")
    .orderBy("r.name")
    .execute();
  if (repos.length === 0) return [];
  const ids = repos.map((r) => r.id);
  const [syncs, alerts] = await Promise.all([
    db
      .selectFrom("custody_syncs")
      .selectAll()
      .where("repository_id", "in", ids)
      .orderBy("started_at", "desc")
      .execute(),
    db
      .selectFrom("custody_alerts")
      .selectAll()
      .where("repository_id", "in", ids)
      .where("acknowledged_at", "is", null)
      .execute(),
  ]);
  const now = ctx.runtime.now();
  return repos.map((r) => ({
    ...repositoryStatus(
      toRepositoryView(r),
      syncs.filter((s) => s.repository_id === r.id),
      alerts.filter((a) => a.repository_id === r.id),
      r.custody_freshness_hours,
      now,
    ),
    engagementName: r.engagement_name,
    freshnessHours: r.custody_freshness_hours,
  }));
}
