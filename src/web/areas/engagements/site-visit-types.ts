/** Site visits as the server gives them: the service's own types (src/services/site-visits). */
import type { ChecklistResult } from "../../../services/site-visits/site-visits.ts";

/** One item of the checklist (`GET /api/site-visits/checklist`). */
export type { ChecklistItem as ChecklistTemplateItem } from "../../../services/site-visits/site-visit-checklist.ts";
export type {
  ChecklistResult,
  SiteVisitView as SiteVisit,
} from "../../../services/site-visits/site-visits.ts";

export const RESULT_LABELS: Record<ChecklistResult, string> = { ok: "OK", concern: "Concern", na: "N/A" };
