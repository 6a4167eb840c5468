import { adviseJurisdiction } from "../../engines/jurisdiction/index.ts";
import type { ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { evaluateEngagements } from "../playbook/evaluate-engagements.ts";
import { readOrgSettings } from "../playbook/playbook-settings.ts";
import { isVendorActor, loadVendorFor, requireReader } from "../scope.ts";
import { toVendorView, type VendorView } from "./vendor-view.ts";

/**
 * A vendor with its certifications, insurance, subcontractors, engagements and
 * their risk (the vendor's risk is the worst of its engagements), and the
 * jurisdiction advice for its country. A vendor contact reading its own vendor
 * gets no risk score, gate state or jurisdiction advice: those are internal.
 */
export async function getVendor(ctx: ServiceContext, vendorId: unknown) {
  requireReader(ctx);
  const id = parseId(vendorId);
  const vendor = await loadVendorFor(ctx, id);
  const db = ctx.runtime.db;
  const [certifications, insurance, subcontractors, engagements, settings] = await Promise.all([
    db
      .selectFrom("vendor_certifications")
      .selectAll()
      .where("vendor_id", "=", id)
      .orderBy("expires_on")
      .execute(),
    db
      .selectFrom("insurance_certificates")
      .selectAll()
      .where("vendor_id", "=", id)
      .orderBy("expires_on")
      .execute(),
    db
      .selectFrom("vendors")
      .selectAll()
      .where("parent_vendor_id", "=", id)
      .where("deleted_at", "is", null)
      .orderBy("legal_name")
      .execute(),
    db
      .selectFrom("engagements")
      .select(["id", "name", "stage"])
      .where("vendor_id", "=", id)
      .where("deleted_at", "is", null)
      .orderBy("created_at", "desc")
      .execute(),
    readOrgSettings(db),
  ]);
  const internal = !isVendorActor(ctx);
  const evaluations = internal
    ? await evaluateEngagements(
        db,
        engagements.map((e) => e.id),
        ctx.runtime.now(),
        { settings },
      )
    : [];
  const byId = new Map(evaluations.map((e) => [e.engagementId, e]));
  const worst = evaluations.reduce<(typeof evaluations)[number] | undefined>(
    (w, e) => (!w || e.risk.score > w.risk.score ? e : w),
    undefined,
  );
  let jurisdiction: ReturnType<typeof adviseJurisdiction> | null = null;
  try {
    if (internal) jurisdiction = adviseJurisdiction(vendor.country, settings.homeCountry);
  } catch {
    jurisdiction = null;
  }
  const view: VendorView = toVendorView(ctx, vendor);
  return {
    vendor: view,
    certifications: certifications.map((c) => ({
      id: c.id,
      kind: c.kind,
      issuer: c.issuer,
      issuedOn: c.issued_on,
      expiresOn: c.expires_on,
      evidenceId: c.evidence_id,
      source: c.source,
      submittedBy: c.submitted_by,
      verifiedBy: c.verified_by,
      verifiedAt: c.verified_at?.toISOString() ?? null,
    })),
    insurance: insurance.map((i) => ({
      id: i.id,
      insurer: i.insurer,
      policyNumber: i.policy_number,
      coverageAmount: Number(i.coverage_amount),
      currency: i.currency,
      expiresOn: i.expires_on,
      evidenceId: i.evidence_id,
      source: i.source,
      submittedBy: i.submitted_by,
      verifiedBy: i.verified_by,
      verifiedAt: i.verified_at?.toISOString() ?? null,
    })),
    subcontractors: subcontractors.map((s) => toVendorView(ctx, s)),
    engagements: engagements.map((e) => {
      const ev = byId.get(e.id);
      return {
        id: e.id,
        name: e.name,
        stage: e.stage,
        risk: ev ? { score: ev.risk.score, level: ev.risk.level } : null,
        gateOpen: internal ? (ev?.gate.open ?? true) : null,
      };
    }),
    risk: !internal
      ? null
      : worst
        ? {
            score: worst.risk.score,
            level: worst.risk.level,
            fromEngagementId: worst.engagementId,
            points: worst.risk.points,
          }
        : { score: 0, level: "low" as const, fromEngagementId: null, points: [] },
    jurisdiction,
  };
}
