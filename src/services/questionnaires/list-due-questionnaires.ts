import { requireInternal, type ServiceContext } from "../context.ts";
import { type AssignmentRow, type AssignmentSummary, OPEN_STATUSES, toSummary } from "./assignment-view.ts";

export interface DueQuestionnaire extends AssignmentSummary {
  engagementName: string;
  vendorName: string;
}

/**
 * Questionnaires not yet submitted with a reminder recorded (due soon or overdue), across every
 * engagement, soonest due first: what the security team chases. Internal users only.
 */
export async function listDueQuestionnaires(ctx: ServiceContext): Promise<DueQuestionnaire[]> {
  requireInternal(ctx);
  const rows = await ctx.runtime.db
    .selectFrom("questionnaire_assignments as a")
    .innerJoin("questionnaire_templates as t", "t.id", "a.template_id")
    .innerJoin("engagements as e", "e.id", "a.engagement_id")
    .innerJoin("vendors as v", "v.id", "a.vendor_id")
    .selectAll("a")
    .select(["t.title", "e.name as engagement_name", "v.legal_name as vendor_name"])
    .where("e.deleted_at", "is", null)
    .where("a.status", "in", [...OPEN_STATUSES])
    .where("a.reminder_kind", "is not", null)
    .orderBy("a.due_on")
    .limit(200)
    .execute();
  return rows.map((r) => ({
    ...toSummary(r as AssignmentRow, r.title),
    engagementName: r.engagement_name,
    vendorName: r.vendor_name,
  }));
}
