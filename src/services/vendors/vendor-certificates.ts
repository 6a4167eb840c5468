import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { parseInput } from "../parse-input.ts";
import { loadVendorFor } from "../scope.ts";
import { writeTransaction } from "../write.ts";
import { currency, isoDate } from "./vendor-input.ts";

const certificationSchema = z.object({
  kind: z.string().trim().min(1, "is required (e.g. ISO 27001, SOC 2)").max(100),
  issuer: z.string().trim().max(200).nullish(),
  issuedOn: isoDate.nullish(),
  expiresOn: isoDate,
  evidenceId: z.string().uuid().nullish(),
});

/** Records an organisation certification (ISO 27001, SOC 2…) with its expiry (DD-6, OG-10). */
export async function addVendorCertification(ctx: ServiceContext, vendorId: unknown, input: unknown) {
  requirePermission(ctx, "vendors.write", "record vendor certifications");
  const id = parseId(vendorId);
  const data = parseInput(certificationSchema, input);
  if (data.issuedOn && data.issuedOn > data.expiresOn) {
    throw new WardenError(
      "invalid_input",
      "The certification expires before it was issued: check the dates.",
      { field: "expiresOn" },
    );
  }
  return writeTransaction(ctx, async (tx, audit) => {
    await loadVendorFor(ctx, id, tx);
    const row = await tx
      .insertInto("vendor_certifications")
      .values({
        vendor_id: id,
        kind: data.kind,
        issuer: data.issuer ?? null,
        issued_on: data.issuedOn ?? null,
        expires_on: data.expiresOn,
        evidence_id: data.evidenceId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      action: "vendor.certification.add",
      targetType: "vendor",
      targetId: id,
      summary: { kind: data.kind, expiresOn: data.expiresOn },
    });
    return {
      id: row.id,
      kind: row.kind,
      issuer: row.issuer,
      issuedOn: row.issued_on,
      expiresOn: row.expires_on,
      evidenceId: row.evidence_id,
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

/** Records an insurance certificate: coverage amount, currency and expiry (DD-7). */
export async function addInsuranceCertificate(ctx: ServiceContext, vendorId: unknown, input: unknown) {
  requirePermission(ctx, "vendors.write", "record insurance certificates");
  const id = parseId(vendorId);
  const data = parseInput(insuranceSchema, input);
  return writeTransaction(ctx, async (tx, audit) => {
    await loadVendorFor(ctx, id, tx);
    const row = await tx
      .insertInto("insurance_certificates")
      .values({
        vendor_id: id,
        insurer: data.insurer,
        policy_number: data.policyNumber ?? null,
        coverage_amount: data.coverageAmount.toFixed(2),
        currency: data.currency,
        expires_on: data.expiresOn,
        evidence_id: data.evidenceId ?? null,
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
      },
    });
    return {
      id: row.id,
      insurer: row.insurer,
      coverageAmount: Number(row.coverage_amount),
      currency: row.currency,
      expiresOn: row.expires_on,
    };
  });
}
