/** The site-visit checklist as the server gives it (`GET /api/site-visits/checklist`). */
export interface ChecklistTemplateItem {
  id: string;
  text: string;
  /** A sign of casual treatment of clients' IP, which DD-3 asks about. */
  casualIp: boolean;
}

export type ChecklistResult = "ok" | "concern" | "na";

/** A recorded visit (`GET /api/engagements/{id}/site-visits`). */
export interface SiteVisit {
  id: string;
  engagementId: string;
  visitedOn: string;
  visitors: string;
  checklist: { item: string; text: string; casualIp: boolean; result: ChecklistResult; note?: string }[];
  observations: string;
  photoEvidenceIds: string[];
  status: "draft" | "completed";
  completedBy: string | null;
  concerns: string[];
}

export const RESULT_LABELS: Record<ChecklistResult, string> = { ok: "OK", concern: "Concern", na: "N/A" };
