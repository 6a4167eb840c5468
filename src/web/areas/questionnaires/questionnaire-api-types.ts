/** What the questionnaire pages read from the API: the services' own types, and labels to show them. */
export type { QuestionnaireScore, ScoreReason } from "../../../engines/questionnaire/index.ts";
export type { PortalQuestionnaire } from "../../../services/portal/list-portal-questionnaires.ts";
export type { AssignmentSummary, ReviewView } from "../../../services/questionnaires/assignment-view.ts";
export type { DueQuestionnaire } from "../../../services/questionnaires/list-due-questionnaires.ts";
export type { TemplateView } from "../../../services/questionnaires/questionnaire-templates.ts";
export type { SentQuestionnaire } from "../../../services/questionnaires/send-questionnaire.ts";

import type { AssignmentSummary } from "../../../services/questionnaires/assignment-view.ts";

export const STATUS_LABELS: Record<AssignmentSummary["status"], string> = {
  sent: "Sent",
  in_progress: "Being answered",
  submitted: "Submitted: to review",
  clarification: "Clarification requested",
  accepted: "Accepted",
};
