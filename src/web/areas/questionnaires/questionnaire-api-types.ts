import type { Answers, Clarification, Definition } from "../../answering/questionnaire-types.ts";

export interface TemplateView {
  id: string;
  key: string;
  version: string;
  title: string;
  builtIn: boolean;
  sections: number;
  questions: number;
}

export interface AssignmentSummary {
  id: string;
  engagementId: string;
  title: string;
  recipient: { kind: "contact" | "link"; label: string };
  status: "sent" | "in_progress" | "submitted" | "clarification" | "accepted";
  dueOn: string | null;
  linkExpiresAt: string | null;
  submittedAt: string | null;
  createdAt: string;
  /** Recorded by the daily reminders job while it is not submitted: due soon, or overdue. */
  reminder: { kind: "due_soon" | "overdue"; remindedAt: string } | null;
}

/** A questionnaire the security team chases (`GET /api/questionnaires/due`). */
export interface DueQuestionnaire extends AssignmentSummary {
  engagementName: string;
  vendorName: string;
}

/** A questionnaire a vendor contact still has to answer (`GET /api/portal/questionnaires`). */
export interface PortalQuestionnaire extends AssignmentSummary {
  engagementName: string;
  /** Clarification requests still waiting for the vendor's reply. */
  openClarifications: number;
}

export interface ScoreReason {
  question: string;
  section: string;
  points: number;
  max: number;
  why: string;
}

export interface QuestionnaireScore {
  score: number | null;
  points: number;
  maxPoints: number;
  reasons: ScoreReason[];
  excluded: { question: string; why: string }[];
  criticalFindings: { question: string; why: string }[];
}

export interface ReviewView extends AssignmentSummary {
  definition: Definition;
  answers: Answers;
  grades: Record<string, number | { score: number; note?: string }>;
  score: QuestionnaireScore | null;
  acceptedAt: string | null;
  acceptedBy: string | null;
  validUntil: string | null;
  clarifications: Clarification[];
  notes: { id: string; question: string | null; note: string; author: string; createdAt: string }[];
  files: { question: string; evidenceId: string; name: string; sha256: string; size: number }[];
}

export interface SentQuestionnaire {
  assignment: AssignmentSummary;
  link?: { token: string; url: string; expiresAt: string };
}

export const STATUS_LABELS: Record<AssignmentSummary["status"], string> = {
  sent: "Sent",
  in_progress: "Being answered",
  submitted: "Submitted: to review",
  clarification: "Clarification requested",
  accepted: "Accepted",
};
