import type { AssetsTable, Classification } from "../../store/schema.ts";
import type { ServiceContext } from "../context.ts";
import { parseId } from "../ids.ts";
import { type EngagementEvaluation, evaluateEngagements } from "../playbook/evaluate-engagements.ts";
import { storeEvaluations } from "../playbook/refresh-evaluations.ts";
import { isVendorActor, loadEngagementFor, requireReader } from "../scope.ts";
import { toVendorView, type VendorView } from "../vendors/vendor-view.ts";
import { type EngagementView, toEngagementView } from "./engagement-view.ts";

export interface EngagementDetail {
  engagement: EngagementView;
  vendor: VendorView;
  assets: {
    id: string;
    kind: AssetsTable["kind"];
    name: string;
    location: string | null;
    classification: Classification | null;
  }[];
  evaluation: EngagementEvaluation;
  exceptions: {
    id: string;
    controlId: string;
    assetId: string | null;
    personId: string | null;
    reason: string;
    approvedBy: string;
    expiresOn: string;
    createdAt: string;
  }[];
}

/**
 * An engagement with its playbook evaluated live: each control's status and
 * reasons, the gate of the current stage, and the risk score. Vendor contacts
 * get their own engagements only, without internal notes.
 */
export async function getEngagement(ctx: ServiceContext, engagementId: unknown): Promise<EngagementDetail> {
  requireReader(ctx);
  const id = parseId(engagementId);
  const engagement = await loadEngagementFor(ctx, id);
  const db = ctx.runtime.db;
  const [vendor, assets, exceptions, [evaluation]] = await Promise.all([
    db.selectFrom("vendors").selectAll().where("id", "=", engagement.vendor_id).executeTakeFirstOrThrow(),
    db.selectFrom("assets").selectAll().where("engagement_id", "=", id).orderBy("created_at").execute(),
    db
      .selectFrom("control_exceptions")
      .selectAll()
      .where("engagement_id", "=", id)
      .where("revoked_at", "is", null)
      .orderBy("created_at", "desc")
      .execute(),
    evaluateEngagements(db, [id], ctx.runtime.now()),
  ]);
  // Keep the portfolio views in step with what this page just showed.
  await storeEvaluations(db, [evaluation!], ctx.runtime.now());
  return {
    engagement: toEngagementView(engagement),
    vendor: toVendorView(ctx, vendor),
    assets: assets.map((a) => ({
      id: a.id,
      kind: a.kind,
      name: a.name,
      location: a.location,
      classification: a.classification,
    })),
    evaluation: evaluation!,
    exceptions: isVendorActor(ctx)
      ? []
      : exceptions.map((x) => ({
          id: x.id,
          controlId: x.control_id,
          assetId: x.asset_id,
          personId: x.person_id,
          reason: x.reason,
          approvedBy: x.approved_by,
          expiresOn: x.expires_on,
          createdAt: new Date(x.created_at).toISOString(),
        })),
  };
}
