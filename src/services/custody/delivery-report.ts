import type { Selectable } from "kysely";
import { WardenError } from "../../domain/errors.ts";
import type { CheckResult, DeliveryFinding } from "../../engines/custody/index.ts";
import type { CustodyVerificationsTable } from "../../store/schema.ts";
import { requireInternal, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { loadEngagementFor } from "../scope.ts";

export interface DeliveryReportView {
  id: string;
  milestoneId: string;
  milestoneTitle: string;
  engagementId: string;
  repositoryId: string;
  repositoryName: string;
  ref: string;
  status: string;
  /** accepted | rejected once it ran; null while queued or running. */
  verdict: "accepted" | "rejected" | null;
  reasons: string[];
  commit: string | null;
  tree: string | null;
  previousAcceptedCommit: string | null;
  checks: CheckResult[];
  findings: DeliveryFinding[];
  findingsTotal: number;
  manifestEvidenceId: string | null;
  manifestFiles: number | null;
  syncId: string | null;
  error: string | null;
  requestedBy: string;
  createdAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

type Row = Selectable<CustodyVerificationsTable> & { milestone_title: string; repository_name: string };

function toView(row: Row): DeliveryReportView {
  return {
    id: row.id,
    milestoneId: row.milestone_id,
    milestoneTitle: row.milestone_title,
    engagementId: row.engagement_id,
    repositoryId: row.repository_id,
    repositoryName: row.repository_name,
    ref: row.ref,
    status: row.status,
    verdict:
      row.status === "accepted"
        ? "accepted"
        : row.status === "rejected" || row.status === "error"
          ? "rejected"
          : null,
    reasons: row.reasons,
    commit: row.commit_oid,
    tree: row.tree_oid,
    previousAcceptedCommit: row.previous_accepted_commit,
    checks: row.checks as CheckResult[],
    findings: row.findings as DeliveryFinding[],
    findingsTotal: row.findings_total,
    manifestEvidenceId: row.manifest_evidence_id,
    manifestFiles: row.manifest_files,
    syncId: row.sync_id,
    error: row.error,
    requestedBy: row.requested_by,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    durationMs: row.duration_ms,
  };
}

function baseQuery(ctx: ServiceContext) {
  return ctx.runtime.db
    .selectFrom("custody_verifications as v")
    .innerJoin("milestones as m", "m.id", "v.milestone_id")
    .innerJoin("custody_repositories as r", "r.id", "v.repository_id")
    .selectAll("v")
    .select(["m.title as milestone_title", "r.name as repository_name"]);
}

/** One delivery report: each check with its logs, every finding with file and line, the verdict. */
export async function getDeliveryReport(
  ctx: ServiceContext,
  verificationId: unknown,
): Promise<DeliveryReportView> {
  requireInternal(ctx);
  const id = parseId(verificationId, "verificationId");
  const row = await baseQuery(ctx).where("v.id", "=", id).executeTakeFirst();
  if (!row) throw new WardenError("not_found", `No delivery verification with id ${id}.`);
  await loadEngagementFor(ctx, row.engagement_id);
  return toView(row);
}

/** The verifications of an engagement, newest first (checks and findings included). */
export async function listDeliveryReports(
  ctx: ServiceContext,
  engagementId: unknown,
): Promise<DeliveryReportView[]> {
  requireInternal(ctx);
  const id = parseId(engagementId, "engagementId");
  await loadEngagementFor(ctx, id);
  const rows = await baseQuery(ctx)
    .where("v.engagement_id", "=", id)
    .orderBy("v.created_at", "desc")
    .limit(200)
    .execute();
  return rows.map(toView);
}
