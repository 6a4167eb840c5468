import type { Selectable } from "kysely";
import type {
  DeliveryRef,
  MilestoneAcceptanceKind,
  MilestoneState,
  MilestonesTable,
} from "../../store/schema.ts";

export interface MilestoneView {
  id: string;
  engagementId: string;
  title: string;
  deliverable: string;
  amount: string;
  currency: string;
  dueDate: string | null;
  acceptanceDays: number;
  isFinal: boolean;
  state: MilestoneState;
  deliveryRef: DeliveryRef | null;
  deliveredAt: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  /**
   * What the acceptance rests on: a passing verification from our mirror, or a
   * manual acceptance by security with its reason (an exception, shown as one).
   */
  acceptance: { kind: MilestoneAcceptanceKind; by: string | null; reason: string | null } | null;
  paymentApprovedBy: string | null;
  paymentApprovedAt: string | null;
  paidAt: string | null;
  /** When the acceptance window of a delivery closes. */
  acceptanceDueAt: string | null;
}

export function toMilestoneView(m: Selectable<MilestonesTable>): MilestoneView {
  return {
    id: m.id,
    engagementId: m.engagement_id,
    title: m.title,
    deliverable: m.deliverable,
    amount: m.amount,
    currency: m.currency,
    dueDate: m.due_date,
    acceptanceDays: m.acceptance_days,
    isFinal: m.is_final,
    state: m.state,
    deliveryRef: m.delivery_ref,
    deliveredAt: m.delivered_at?.toISOString() ?? null,
    decidedAt: m.decided_at?.toISOString() ?? null,
    decisionReason: m.decision_reason,
    acceptance: m.acceptance_kind
      ? { kind: m.acceptance_kind, by: m.accepted_by, reason: m.acceptance_reason }
      : null,
    paymentApprovedBy: m.payment_approved_by,
    paymentApprovedAt: m.payment_approved_at?.toISOString() ?? null,
    paidAt: m.paid_at?.toISOString() ?? null,
    acceptanceDueAt: m.delivered_at
      ? new Date(m.delivered_at.getTime() + m.acceptance_days * 86_400_000).toISOString()
      : null,
  };
}
