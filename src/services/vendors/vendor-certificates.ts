import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import type { AuditInput } from "../audit/append-audit-entry.ts";
import { requirePermission, type ServiceContext, type Tx } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import {
  insertEvidence,
  type StoredEvidenceFile,
  storeEvidenceFile,
  type UploadFile,
} from "../records/evidence.ts";
import { isVendorActor, loadVendorFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { currency, isoDate } from "./vendor-input.ts";

const certificationSchema = z.object({
  kind: z.string().trim().min(1, "is required (e.g. ISO 27001, SOC 2)").max(100),
  issuer: z.string().trim().max(200).nullish(),
  issuedOn: isoDate.nullish(),
  expiresOn: isoDate,
  evidenceId: z.string().uuid().nullish(),
});

/**
 * Records an organisation certification (ISO 27001, SOC 2…) with its expiry (DD-6, OG-10). A
 * vendor contact may submit its own vendor's, with the certificate file (kept as evidence); the
 * record is then marked as coming from the portal.
 */
export async function addVendorCertification(
  ctx: ServiceContext,
  vendorId: unknown,
  input: unknown,
  file: UploadFile | null = null,
) {
  requireCertificateWriter(ctx, file, "record vendor certifications");
  const id = parseId(vendorId);
  const data = parseInput(certificationSchema, input);
  if (data.issuedOn && data.issuedOn > data.expiresOn) {
    throw new WardenError(
      "invalid_input",
      "The certification expires before it was issued: check the dates.",
      { field: "expiresOn" },
    );
  }
  await loadVendorFor(ctx, id);
  const stored = file ? await storeEvidenceFile(ctx, file) : null;
  return writeTransaction(ctx, async (tx, audit) => {
    await loadVendorFor(ctx, id, tx);
    const evidenceId = await certificateEvidence(ctx, tx, audit, stored, data.evidenceId, {
      vendorId: id,
      title: `${data.kind} certificate`,
      effectiveOn: data.issuedOn ?? null,
      expiresOn: data.expiresOn,
      controls: ["DD-6"],
    });
    const row = await tx
      .insertInto("vendor_certifications")
      .values({
        vendor_id: id,
        kind: data.kind,
        issuer: data.issuer ?? null,
        issued_on: data.issuedOn ?? null,
        expires_on: data.expiresOn,
        evidence_id: evidenceId,
        ...sourceOf(ctx),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "vendor.certification.add",
      targetType: "vendor",
      targetId: id,
      summary: { kind: data.kind, expiresOn: data.expiresOn, source: row.source },
    });
    return {
      id: row.id,
      kind: row.kind,
      issuer: row.issuer,
      issuedOn: row.issued_on,
      expiresOn: row.expires_on,
      evidenceId: row.evidence_id,
      source: row.source,
      submittedBy: row.submitted_by,
      verifiedBy: row.verified_by,
      verifiedAt: row.verified_at?.toISOString() ?? null,
    };
  });
}

const insuranceSchema = z.object({
  insurer: z.string().trim().min(1, "is required").max(200),
  policyNumber: z.string().trim().max(100).nullish(),
  coverageAmount: z.coerce.number().nonnegative("must be 0 or more").max(1e15),
  currency,
  expiresOn: isoDate,
  evidenceId: z.string().uuid().nullish(),
});

/**
 * Records an insurance certificate: coverage amount, currency and expiry (DD-7). A vendor contact
 * may submit its own, with the certificate file, as for certifications.
 */
export async function addInsuranceCertificate(
  ctx: ServiceContext,
  vendorId: unknown,
  input: unknown,
  file: UploadFile | null = null,
) {
  requireCertificateWriter(ctx, file, "record insurance certificates");
  const id = parseId(vendorId);
  const data = parseInput(insuranceSchema, input);
  await loadVendorFor(ctx, id);
  const stored = file ? await storeEvidenceFile(ctx, file) : null;
  return writeTransaction(ctx, async (tx, audit) => {
    await loadVendorFor(ctx, id, tx);
    const evidenceId = await certificateEvidence(ctx, tx, audit, stored, data.evidenceId, {
      vendorId: id,
      title: `Insurance certificate: ${data.insurer}`,
      expiresOn: data.expiresOn,
      controls: ["DD-7"],
    });
    const row = await tx
      .insertInto("insurance_certificates")
      .values({
        vendor_id: id,
        insurer: data.insurer,
        policy_number: data.policyNumber ?? null,
        coverage_amount: data.coverageAmount.toFixed(2),
        currency: data.currency,
        expires_on: data.expiresOn,
        evidence_id: evidenceId,
        ...sourceOf(ctx),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "vendor.insurance.add",
      targetType: "vendor",
      targetId: id,
      summary: {
        insurer: data.insurer,
        amount: data.coverageAmount,
        currency: data.currency,
        expiresOn: data.expiresOn,
        source: row.source,
      },
    });
    return {
      id: row.id,
      insurer: row.insurer,
      coverageAmount: Number(row.coverage_amount),
      currency: row.currency,
      expiresOn: row.expires_on,
      evidenceId: row.evidence_id,
      source: row.source,
      submittedBy: row.submitted_by,
      verifiedBy: row.verified_by,
      verifiedAt: row.verified_at?.toISOString() ?? null,
    };
  });
}

const CERTIFICATE_TABLES = {
  certification: { table: "vendor_certifications", label: "certification" },
  insurance: { table: "insurance_certificates", label: "insurance certificate" },
} as const;

/**
 * The security team confirms a certificate the vendor submitted through the portal, after
 * checking its file: until then it does not count for DD-6, DD-7 or OG-10, since a vendor
 * cannot vouch for itself. Audit-logged; a certificate is verified once.
 *
 * @example
 * await verifyVendorCertificate(ctx, "certification", certificationId);
 */
export async function verifyVendorCertificate(
  ctx: ServiceContext,
  kind: keyof typeof CERTIFICATE_TABLES,
  certificateId: unknown,
): Promise<{ id: string; verifiedBy: string; verifiedAt: string }> {
  requirePermission(ctx, "vendors.write", "verify certificates the vendor submitted");
  const { table, label } = CERTIFICATE_TABLES[kind];
  const id = parseId(certificateId);
  return writeTransaction(ctx, async (tx, audit) => {
    const row = await tx
      .selectFrom(table)
      .select(["id", "vendor_id", "source", "verified_at"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new WardenError("not_found", `No ${label} with id ${id}.`);
    await loadVendorFor(ctx, row.vendor_id, tx);
    if (row.source !== "portal")
      throw new WardenError(
        "conflict",
        `This ${label} was recorded by the security team: it needs no verification.`,
      );
    if (row.verified_at)
      throw new WardenError(
        "conflict",
        `This ${label} was already verified on ${row.verified_at.toISOString().slice(0, 10)}.`,
      );
    const now = ctx.runtime.now();
    await tx
      .updateTable(table)
      .set({ verified_by: ctx.actor.label, verified_at: now })
      .where("id", "=", id)
      .execute();
    await audit({
      action: `vendor.${kind}.verify`,
      targetType: "vendor",
      targetId: row.vendor_id,
      summary: { [kind === "certification" ? "certificationId" : "insuranceId"]: id },
    });
    return { id, verifiedBy: ctx.actor.label, verifiedAt: now.toISOString() };
  });
}

/** Internal writers need the permission; a vendor contact submits its own with the certificate file. */
function requireCertificateWriter(ctx: ServiceContext, file: UploadFile | null, what: string): void {
  if (!isVendorActor(ctx)) {
    requirePermission(ctx, "vendors.write", what);
    return;
  }
  if (!file)
    throw new WardenError("invalid_input", "Attach the certificate file (PDF or image) as `file`.", {
      field: "file",
    });
}

/**
 * The evidence behind a certificate: the uploaded file, stored as evidence of the vendor; else the
 * existing evidence an internal user names (a vendor contact cannot point at evidence by id).
 */
async function certificateEvidence(
  ctx: ServiceContext,
  tx: Tx,
  audit: (entry: AuditInput) => Promise<void>,
  stored: StoredEvidenceFile | null,
  requested: string | null | undefined,
  record: {
    vendorId: string;
    title: string;
    effectiveOn?: string | null;
    expiresOn: string;
    controls: string[];
  },
): Promise<string | null> {
  if (stored) return (await insertEvidence(ctx, tx, audit, { ...record, engagementId: null }, stored)).id;
  return isVendorActor(ctx) ? null : (requested ?? null);
}

function sourceOf(ctx: ServiceContext) {
  return isVendorActor(ctx)
    ? { source: "portal" as const, submitted_by: ctx.actor.label }
    : { source: "internal" as const, submitted_by: ctx.actor.label };
}
