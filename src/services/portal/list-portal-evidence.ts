import type { ServiceContext } from "../context.ts";
import { type EvidenceView, toEvidenceView } from "../records/evidence.ts";
import { requirePortalVendor } from "../scope.ts";

export interface PortalEvidence extends EvidenceView {
  engagementName: string | null;
}

/**
 * For a vendor contact: the evidence its client holds for it that it may see (never internal
 * items), for its engagements and for the vendor itself, newest first.
 */
export async function listPortalEvidence(ctx: ServiceContext): Promise<PortalEvidence[]> {
  const vendorId = requirePortalVendor(ctx);
  const rows = await ctx.runtime.db
    .selectFrom("evidence as ev")
    .leftJoin("engagements as e", "e.id", "ev.engagement_id")
    .selectAll("ev")
    .select("e.name as engagement_name")
    .where("ev.vendor_id", "=", vendorId)
    .where("ev.internal", "=", false)
    .where("ev.deleted_at", "is", null)
    .where((eb) => eb.or([eb("ev.engagement_id", "is", null), eb("e.deleted_at", "is", null)]))
    .orderBy("ev.created_at", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({ ...toEvidenceView(r), engagementName: r.engagement_name }));
}
