import type { Answers, Questionnaire, QuestionnaireScore } from "../../engines/questionnaire/index.ts";
import type { QuestionnaireReminderKind, QuestionnaireStatus } from "../../store/schema.ts";

export interface AssignmentRow {
  id: string;
  engagement_id: string;
  vendor_id: string;
  template_id: string;
  recipient_kind: "contact" | "link";
  recipient_user_id: string | null;
  recipient_label: string;
  link_expires_at: Date | null;
  due_on: string | null;
  status: QuestionnaireStatus;
  answers: Record<string, unknown>;
  grades: Record<string, unknown>;
  score: unknown;
  score_value: number | null;
  critical_findings: number | null;
  reassess_days: number;
  valid_until: string | null;
  submitted_at: Date | null;
  accepted_at: Date | null;
  accepted_by: string | null;
  sent_by: string;
  created_at: Date | string;
  updated_at: Date | string;
  reminder_kind: QuestionnaireReminderKind | null;
  reminded_at: Date | null;
}

export interface ClarificationView {
  id: string;
  question: string;
  request: string;
  askedAt: string;
  response: string | null;
  respondedAt: string | null;
}

/** What the vendor sees: the questions, its own answers and the clarifications asked of it. Never grades, scores or review notes. */
export interface RespondentView {
  id: string;
  title: string;
  vendorName: string;
  status: QuestionnaireStatus;
  dueOn: string | null;
  linkExpiresAt: string | null;
  definition: Questionnaire;
  answers: Answers;
  clarifications: ClarificationView[];
  submittedAt: string | null;
  /** Set when a colleague answers through a section link: the one section it may read and answer. */
  section: { id: string; title: string; handedOffBy: string } | null;
  /** The sections the main respondent handed to colleagues (never shown through a section link). */
  handOffs: HandOffView[];
}

/** A section handed to a colleague, as the main respondent sees it. */
export interface HandOffView {
  id: string;
  section: string;
  recipient: string;
  expiresAt: string;
  state: "active" | "taken_back" | "submitted" | "expired" | "revoked";
  createdAt: string;
}

/** A summary for lists (internal users and the vendor portal). */
export interface AssignmentSummary {
  id: string;
  engagementId: string;
  vendorId: string;
  templateId: string;
  title: string;
  recipient: { kind: "contact" | "link"; label: string };
  status: QuestionnaireStatus;
  dueOn: string | null;
  linkExpiresAt: string | null;
  submittedAt: string | null;
  sentBy: string;
  createdAt: string;
  /** The reminder recorded while it is not yet submitted: due within the reminder window, or overdue. */
  reminder: { kind: QuestionnaireReminderKind; remindedAt: string } | null;
}

export interface ReviewNoteView {
  id: string;
  question: string | null;
  note: string;
  author: string;
  createdAt: string;
}

/** The security team's view: everything, including grades, the score and internal notes. */
export interface ReviewView extends AssignmentSummary {
  definition: Questionnaire;
  answers: Answers;
  grades: Record<string, unknown>;
  score: QuestionnaireScore | null;
  criticalFindings: number | null;
  acceptedAt: string | null;
  acceptedBy: string | null;
  validUntil: string | null;
  reassessDays: number;
  clarifications: ClarificationView[];
  notes: ReviewNoteView[];
  files: { question: string; evidenceId: string; name: string; sha256: string; size: number }[];
}

/** Statuses in which the vendor still owes answers. */
export const OPEN_STATUSES: ReadonlySet<QuestionnaireStatus> = new Set([
  "sent",
  "in_progress",
  "clarification",
]);

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toSummary(row: AssignmentRow, title: string): AssignmentSummary {
  return {
    id: row.id,
    engagementId: row.engagement_id,
    vendorId: row.vendor_id,
    templateId: row.template_id,
    title,
    recipient: { kind: row.recipient_kind, label: row.recipient_label },
    status: row.status,
    dueOn: row.due_on,
    linkExpiresAt: iso(row.link_expires_at),
    submittedAt: iso(row.submitted_at),
    sentBy: row.sent_by,
    createdAt: iso(row.created_at) as string,
    reminder:
      row.reminder_kind && row.reminded_at && OPEN_STATUSES.has(row.status)
        ? { kind: row.reminder_kind, remindedAt: iso(row.reminded_at) as string }
        : null,
  };
}

export function toClarificationView(c: {
  id: string;
  question_id: string;
  request: string;
  asked_at: Date | string;
  response: string | null;
  responded_at: Date | null;
}): ClarificationView {
  return {
    id: c.id,
    question: c.question_id,
    request: c.request,
    askedAt: iso(c.asked_at) as string,
    response: c.response,
    respondedAt: iso(c.responded_at),
  };
}
