import type { ServiceContext } from "../context.ts";
import { type AssignmentRow, type AssignmentSummary, toSummary } from "../questionnaires/assignment-view.ts";
import { requirePortalVendor } from "../scope.ts";

export interface PortalQuestionnaire extends AssignmentSummary {
  engagementName: string;
  /** Clarification requests still waiting for the vendor's reply. */
  openClarifications: number;
}

/**
 * The questionnaires a vendor contact still has to answer, across its vendor's engagements only:
 * those sent to contact accounts and not yet submitted, or sent back for clarification.
 */
export async function listPortalQuestionnaires(ctx: ServiceContext): Promise<PortalQuestionnaire[]> {
  const vendorId = requirePortalVendor(ctx);
  const rows = await ctx.runtime.db
    .selectFrom("questionnaire_assignments as a")
    .innerJoin("questionnaire_templates as t", "t.id", "a.template_id")
    .innerJoin("engagements as e", "e.id", "a.engagement_id")
    .selectAll("a")
    .select(["t.title", "e.name as engagement_name"])
    .select((eb) =>
      eb
        .selectFrom("questionnaire_clarifications as c")
        .whereRef("c.assignment_id", "=", "a.id")
        .where("c.responded_at", "is", null)
        .select((x) => x.fn.countAll<number>().as("n"))
        .as("open_clarifications"),
    )
    .where("a.vendor_id", "=", vendorId)
    .where("e.deleted_at", "is", null)
    .where("a.recipient_kind", "=", "contact")
    .where("a.status", "in", ["sent", "in_progress", "clarification"])
    .orderBy("a.due_on")
    .orderBy("a.created_at")
    .execute();
  return rows.map((r) => ({
    ...toSummary(r as AssignmentRow, r.title),
    engagementName: r.engagement_name,
    openClarifications: Number(r.open_clarifications ?? 0),
  }));
}
