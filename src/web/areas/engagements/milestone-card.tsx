import { useState } from "react";
import { api } from "../../api/api-client.ts";
import type { Milestone } from "../../api/lifecycle-types.ts";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { userCan } from "../../auth/permissions.ts";
import { Alert } from "../../components/alert.tsx";
import { formatDate } from "../../components/format-date-time.ts";
import { formatMoney } from "../../components/format-money.ts";
import { useSubmit } from "../../components/use-submit.ts";
import { Link } from "../../router/link.tsx";
import { DecisionDialog } from "./decision-dialog.tsx";
import { DeliveryDialog } from "./delivery-dialog.tsx";

/** One milestone on the board with the actions its state allows for this user. */
export function MilestoneCard({ milestone: m, onChanged }: { milestone: Milestone; onChanged(): void }) {
  const user = useCurrentUser();
  const submit = useSubmit();
  const [delivering, setDelivering] = useState(false);
  const [deciding, setDeciding] = useState<"accept" | "reject" | null>(null);
  const canDeliver = userCan(user, "deliveries.record");
  const canDecide = userCan(user, "deliveries.accept");
  const canPay = userCan(user, "payments.approve");

  const act = async (path: string, body?: unknown) => {
    if (await submit.run(() => api(`/api/milestones/${m.id}/${path}`, { method: "POST", body }))) onChanged();
  };
  const button = (label: string, onClick: () => void) => (
    <button
      type="button"
      className="button button--secondary button--small"
      disabled={submit.busy}
      onClick={onClick}
      aria-label={`${label}: ${m.title}`}
    >
      {label}
    </button>
  );

  return (
    <li className="milestone">
      <p className="milestone__title">
        {m.title}
        {m.isFinal && <span className="badge badge--neutral">Final</span>}
      </p>
      <p className="milestone__amount">{formatMoney(m.amount, m.currency)}</p>
      <p className="muted small">
        {m.dueDate ? `Due ${formatDate(m.dueDate)}` : "No due date"} · {m.acceptanceDays} days to accept
      </p>
      {m.deliveryRef && <DeliveredLine delivery={m.deliveryRef} />}
      {m.state === "delivered" && m.acceptanceDueAt && (
        <p className="small">Decide by {formatDate(m.acceptanceDueAt)}</p>
      )}
      {m.decisionReason && <p className="small">Reason: {m.decisionReason}</p>}
      {m.acceptance?.kind === "verification" && (
        <p className="small">Accepted by a passing verification from our mirror.</p>
      )}
      {m.acceptance?.kind === "manual" && (
        <p className="small milestone__exception">
          <span className="badge badge--warning">Exception</span> Accepted manually by {m.acceptance.by},
          without a passing verification: {m.acceptance.reason}
        </p>
      )}
      {submit.error && <Alert tone="error">{submit.error.detail}</Alert>}
      <div className="milestone__actions">
        {(m.state === "planned" || m.state === "rejected") &&
          canDeliver &&
          button("Record delivery", () => setDelivering(true))}
        {(m.state === "delivered" || m.state === "rejected") &&
          canDecide &&
          button("Accept manually", () => setDeciding("accept"))}
        {m.state === "delivered" && canDecide && button("Reject", () => setDeciding("reject"))}
        {m.state === "accepted" && canPay && button("Approve payment", () => act("approve-payment"))}
        {m.state === "payment_approved" && canPay && button("Mark paid", () => act("paid"))}
      </div>
      <DeliveryDialog
        open={delivering}
        milestone={m}
        onClose={() => setDelivering(false)}
        onDone={() => {
          setDelivering(false);
          onChanged();
        }}
      />
      <DecisionDialog
        open={deciding !== null}
        accept={deciding === "accept"}
        milestone={m}
        onClose={() => setDeciding(null)}
        onDone={() => {
          setDeciding(null);
          onChanged();
        }}
      />
    </li>
  );
}

/** What was delivered: the repository (by name, for a custody delivery) and ref, and its verification report. */
function DeliveredLine({ delivery: d }: { delivery: NonNullable<Milestone["deliveryRef"]> }) {
  const user = useCurrentUser();
  const what = [d.repositoryName ?? d.repository, d.ref].filter(Boolean).join(" @ ");
  const report = d.verificationId && userCan(user, "internal.read") ? d.verificationId : null;
  if (!what && !report) return null;
  return (
    <p className="small">
      {what && `Delivered: ${what}`}
      {report && (
        <>
          {what && " · "}
          <Link to={`/custody/deliveries/${report}`}>Verification report</Link>
        </>
      )}
    </p>
  );
}
