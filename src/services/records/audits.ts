import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadEngagementFor, loadVendorFor, requireReader } from "../scope.ts";
import { isoDate } from "../vendors/vendor-input.ts";
import { writeTransaction } from "../write.ts";

const findingSchema = z.object({
  title: z.string().trim().min(1).max(500),
  severity: z.enum(["low", "medium", "high", "critical"]),
  dueOn: isoDate.nullish(),
});

const auditSchema = z.object({
  vendorId: z.string().uuid(),
  engagementId: z.string().uuid().nullish(),
  kind: z.enum(["internal", "third_party"]),
  auditorOrg: z.string().trim().min(1, "name the auditing organisation").max(300),
  performedOn: isoDate,
  nextDueOn: isoDate.nullish(),
  summary: z.string().max(20_000).default(""),
  reportEvidenceId: z.string().uuid().nullish(),
  findings: z.array(findingSchema).max(500).default([]),
});

/** Records an audit of a vendor (internal or third-party, OG-5/OG-6) with its findings. */
export async function recordAudit(ctx: ServiceContext, input: unknown) {
  requirePermission(ctx, "engagements.write", "record audits");
  const data = parseInput(auditSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    await loadVendorFor(ctx, data.vendorId, tx);
    if (data.engagementId) {
      const e = await loadEngagementFor(ctx, data.engagementId, tx);
      if (e.vendor_id !== data.vendorId)
        throw new WardenError("invalid_input", "The engagement is not with that vendor.", {
          field: "engagementId",
        });
    }
    const row = await tx
      .insertInto("audits")
      .values({
        vendor_id: data.vendorId,
        engagement_id: data.engagementId ?? null,
        kind: data.kind,
        auditor_org: data.auditorOrg,
        performed_on: data.performedOn,
        next_due_on: data.nextDueOn ?? null,
        summary: data.summary,
        report_evidence_id: data.reportEvidenceId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (data.findings.length) {
      await tx
        .insertInto("audit_findings")
        .values(
          data.findings.map((f) => ({
            audit_id: row.id,
            title: f.title,
            severity: f.severity,
            due_on: f.dueOn ?? null,
          })),
        )
        .execute();
    }
    await audit({
      action: "audit.record",
      targetType: "vendor",
      targetId: data.vendorId,
      summary: {
        kind: data.kind,
        auditorOrg: data.auditorOrg,
        performedOn: data.performedOn,
        findings: data.findings.length,
      },
    });
    return { id: row.id };
  });
}

/** Closes (or reopens) an audit finding. */
export async function setFindingStatus(ctx: ServiceContext, findingId: unknown, status: "open" | "closed") {
  requirePermission(ctx, "engagements.write", "track audit findings");
  const id = parseId(findingId);
  return writeTransaction(ctx, async (tx, audit) => {
    const f = await tx
      .selectFrom("audit_findings")
      .innerJoin("audits", "audits.id", "audit_findings.audit_id")
      .select(["audit_findings.id", "audit_findings.title", "audits.vendor_id"])
      .where("audit_findings.id", "=", id)
      .executeTakeFirst();
    if (!f) throw new WardenError("not_found", `No audit finding with id ${id}.`);
    await loadVendorFor(ctx, f.vendor_id, tx);
    const today = ctx.runtime.now().toISOString().slice(0, 10);
    await tx
      .updateTable("audit_findings")
      .set({ status, closed_on: status === "closed" ? today : null })
      .where("id", "=", id)
      .execute();
    await audit({
      action: status === "closed" ? "audit.finding.close" : "audit.finding.reopen",
      targetType: "vendor",
      targetId: f.vendor_id,
      summary: { finding: f.title },
    });
    return { id, status };
  });
}

/** Audits of a vendor with their findings, newest first (internal staff only). */
export async function listAudits(ctx: ServiceContext, query: { vendorId?: string } = {}) {
  requireReader(ctx);
  if (ctx.actor.role === "vendor") throw new WardenError("forbidden", "Audit records are internal.");
  let q = ctx.runtime.db
    .selectFrom("audits")
    .innerJoin("vendors", "vendors.id", "audits.vendor_id")
    .selectAll("audits")
    .select("vendors.legal_name");
  if (query.vendorId) q = q.where("audits.vendor_id", "=", parseId(query.vendorId, "vendorId"));
  const audits = await q.orderBy("performed_on", "desc").limit(500).execute();
  const findings = audits.length
    ? await ctx.runtime.db
        .selectFrom("audit_findings")
        .selectAll()
        .where(
          "audit_id",
          "in",
          audits.map((a) => a.id),
        )
        .execute()
    : [];
  return audits.map((a) => ({
    id: a.id,
    vendorId: a.vendor_id,
    vendorName: a.legal_name,
    engagementId: a.engagement_id,
    kind: a.kind,
    auditorOrg: a.auditor_org,
    performedOn: a.performed_on,
    nextDueOn: a.next_due_on,
    summary: a.summary,
    findings: findings
      .filter((f) => f.audit_id === a.id)
      .map((f) => ({
        id: f.id,
        title: f.title,
        severity: f.severity,
        status: f.status,
        dueOn: f.due_on,
        closedOn: f.closed_on,
      })),
  }));
}
