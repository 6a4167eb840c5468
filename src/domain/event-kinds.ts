/**
 * What Warden tells other systems about, by webhook (and, for some, by mail).
 * `gate.changed` and `control.changed` come from evaluations; the rest from the
 * audit entries of the writes that caused them.
 */
export const EVENT_KINDS = [
  "gate.changed",
  "control.changed",
  "delivery.verified",
  "delivery.rejected",
  "milestone.decided",
  "milestone.paid",
  "roster.changed",
  "roster.request",
  "leak.opened",
  "leak.updated",
  "questionnaire.submitted",
  "vendor.created",
  "vendor.archived",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The kind a test delivery carries: never recorded as an event, sent only when asked for. */
export const TEST_EVENT_KIND = "webhook.test";

/**
 * The event an audit action means, if any. Milestone moves that decide a delivery
 * are both a delivery event and a milestone decision: the first match is the one
 * kept, so a verified delivery is `delivery.verified` and a manual acceptance
 * `milestone.decided`.
 */
export function eventForAction(action: string): EventKind | null {
  if (action === "milestone.accept") return "delivery.verified";
  if (action === "milestone.reject") return "delivery.rejected";
  if (action === "milestone.accept.manual" || action === "milestone.payment.approve")
    return "milestone.decided";
  if (action === "milestone.paid") return "milestone.paid";
  if (/^roster\.request\.(joiner|leaver)$/.test(action)) return "roster.request";
  if (action.startsWith("roster.") || action.startsWith("engagement.member.")) return "roster.changed";
  if (action === "leaks.case.open") return "leak.opened";
  if (action === "leaks.case.update") return "leak.updated";
  if (action === "questionnaire.submit") return "questionnaire.submitted";
  if (action === "vendor.create" || action === "subcontractor.create") return "vendor.created";
  if (action === "vendor.delete") return "vendor.archived";
  return null;
}
