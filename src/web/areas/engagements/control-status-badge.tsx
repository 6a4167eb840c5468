import type { ControlStatus } from "../../api/lifecycle-types.ts";

export const STATUS_LABELS: Record<ControlStatus, string> = {
  pass: "Pass",
  fail: "Fail",
  warn: "Warning",
  na: "Not applicable",
  attested: "Attested",
  not_checked: "Not checked yet",
  needs_review: "Needs review",
};

/** A control's status in words, coloured as a supplement. */
export function ControlStatusBadge({ status }: { status: ControlStatus }) {
  return <span className={`control-status control-status--${status}`}>{STATUS_LABELS[status]}</span>;
}
